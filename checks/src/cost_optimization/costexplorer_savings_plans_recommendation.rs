use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

/// Recommended savings below this, per month in the payer's currency, are not worth a finding.
const MIN_MONTHLY_SAVINGS: f64 = 100.0;

declare_check! {
    /// ## What it does
    /// Reads Cost Explorer's pricing model analysis of the account: the Compute Savings Plan it
    /// recommends from the 30 days before the scan (one year, no upfront). Fails when that plan
    /// would save 100 or more a month (in the payer's currency); passes when Cost Explorer
    /// recommends nothing or less. One finding for the account.
    ///
    /// ## Why is this bad?
    /// Steady compute (EC2, Fargate, Lambda) paid On-Demand costs up to 66 % more than under a
    /// Compute Savings Plan. A large standing recommendation means the analysis Cost Explorer
    /// runs every day found a commitment worth making that nobody has reviewed or acted on.
    ///
    /// ## Example
    /// `aws ce get-savings-plans-purchase-recommendation --savings-plans-type COMPUTE_SP
    /// --term-in-years ONE_YEAR --payment-option NO_UPFRONT --lookback-period-in-days
    /// THIRTY_DAYS` estimates 412.50 USD of savings a month. Fix: review the recommendation
    /// against the workload's plans (what will keep running for a year) and buy the plan, or a
    /// smaller one, in the Savings Plans console.
    ///
    /// ## Not evaluated when
    /// The recommendation could not be read (Cost Explorer not enabled, access refused), or its
    /// amounts were missing or not numbers.
    pub COSTEXPLORER_SAVINGS_PLANS_RECOMMENDATION = "costexplorer_savings_plans_recommendation",
    pillar: Pillar::CostOptimization,
    service: Service::CostExplorer,
    severity: Severity::Medium,
    best_practices: &[direct("COST07-BP01")],
    since: "0.6.0",
    title: "No large Savings Plans purchase recommendation is left unreviewed",
    remediation: "Review Cost Explorer's Savings Plans recommendation (aws ce get-savings-plans-purchase-recommendation --savings-plans-type COMPUTE_SP --term-in-years ONE_YEAR --payment-option NO_UPFRONT --lookback-period-in-days THIRTY_DAYS) against the workload's plans and buy the commitment it supports.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &COSTEXPLORER_SAVINGS_PLANS_RECOMMENDATION;
    let account = ctx.snapshot.account_resource("global");
    let recommendation = match &ctx.snapshot.costexplorer.savings_plans_recommendation {
        Fetched::Ok(recommendation) => recommendation,
        Fetched::Failed(why) => return vec![check.not_evaluated(&account, why)],
    };
    vec![match recommendation {
        None => check.pass(
            &account,
            "Cost Explorer recommends no Compute Savings Plan purchase from the last 30 days",
        ),
        Some(r) => {
            let currency = r.currency.as_deref().unwrap_or("USD");
            let what = format!(
                "Cost Explorer recommends a {} of {:.2} {currency} an hour (one year, no upfront), estimated to save {:.2} {currency} a month ({:.1} %)",
                if r.savings_plans_type == "COMPUTE_SP" { "Compute Savings Plan" } else { "Savings Plan" },
                r.hourly_commitment,
                r.estimated_monthly_savings,
                r.estimated_savings_percent
            );
            if r.estimated_monthly_savings >= MIN_MONTHLY_SAVINGS {
                check.fail(&account, what)
            } else {
                check.pass(
                    &account,
                    format!("{what}: below {MIN_MONTHLY_SAVINGS:.0} {currency} a month"),
                )
            }
        }
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::costexplorer::SavingsPlansRecommendation;
    use crate::testing::*;

    fn recommended(monthly: f64) -> SavingsPlansRecommendation {
        SavingsPlansRecommendation {
            savings_plans_type: "COMPUTE_SP".into(),
            estimated_monthly_savings: monthly,
            estimated_savings_percent: 21.3,
            hourly_commitment: 2.75,
            currency: Some("USD".into()),
        }
    }

    #[test]
    fn none_or_small_passes_large_fails_unreadable_not_evaluated() {
        let mut snap = snapshot();
        assert_eq!(
            statuses(&run(&COSTEXPLORER_SAVINGS_PLANS_RECOMMENDATION, &snap)),
            expect(&[(ACCOUNT, Pass)])
        );

        snap.costexplorer.savings_plans_recommendation = Fetched::Ok(Some(recommended(40.0)));
        assert_eq!(
            statuses(&run(&COSTEXPLORER_SAVINGS_PLANS_RECOMMENDATION, &snap)),
            expect(&[(ACCOUNT, Pass)])
        );

        snap.costexplorer.savings_plans_recommendation = Fetched::Ok(Some(recommended(412.5)));
        let findings = run(&COSTEXPLORER_SAVINGS_PLANS_RECOMMENDATION, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Fail)]));
        assert_eq!(
            findings[0].message,
            "Cost Explorer recommends a Compute Savings Plan of 2.75 USD an hour (one year, no upfront), estimated to save 412.50 USD a month (21.3 %)"
        );

        snap.costexplorer.savings_plans_recommendation =
            Fetched::Failed(denied("GetSavingsPlansPurchaseRecommendation"));
        assert_eq!(
            statuses(&run(&COSTEXPLORER_SAVINGS_PLANS_RECOMMENDATION, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
