use crate::catalog::Pillar;
use crate::check::{direct, indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that Savings Plans cover at least `commitment_coverage_min_percent` (70 by default)
    /// of the spend eligible for them over the 30 days before the scan
    /// (`aws ce get-savings-plans-coverage`: covered spend over covered plus On-Demand spend).
    /// One finding for the account; an account with no eligible spend passes.
    ///
    /// ## Why is this bad?
    /// Compute that runs all the time (EC2, Fargate, Lambda) costs up to 72 % less under a
    /// Savings Plan than On-Demand. Low coverage means steady usage still pays the On-Demand
    /// rate: the pricing model was not applied to that part of the workload.
    ///
    /// ## Example
    /// Coverage 12 %: $8,800 of $10,000 eligible spend was On-Demand. Fix: review
    /// `aws ce get-savings-plans-purchase-recommendation --savings-plans-type COMPUTE_SP
    /// --term-in-years ONE_YEAR --payment-option NO_UPFRONT --lookback-in-days THIRTY_DAYS` and
    /// buy a plan sized to the steady baseline (in an organization, usually in the management
    /// account, shared with the members).
    ///
    /// ## Not evaluated when
    /// Coverage could not be read (Cost Explorer not enabled, or access refused).
    pub COSTEXPLORER_SAVINGS_PLANS_COVERAGE = "costexplorer_savings_plans_coverage",
    pillar: Pillar::CostOptimization,
    service: Service::CostExplorer,
    severity: Severity::Medium,
    best_practices: &[direct("COST07-BP04"), indirect("COST07-BP01")],
    since: "0.5.0",
    title: "Savings Plans cover the steady compute spend",
    remediation: "Review aws ce get-savings-plans-purchase-recommendation and buy a Compute Savings Plan sized to the steady baseline",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &COSTEXPLORER_SAVINGS_PLANS_COVERAGE;
    let account = ctx.snapshot.account_resource("global");
    let coverage = match &ctx.snapshot.costexplorer.savings_plans_coverage {
        Fetched::Ok(coverage) => coverage,
        Fetched::Failed(why) => return vec![check.not_evaluated(&account, why)],
    };
    let min = ctx.settings.commitment_coverage_min_percent;
    let period = format!("{} to {}", coverage.start, coverage.end);
    vec![match coverage.percent() {
        None => check.pass(
            &account,
            format!("no spend eligible for Savings Plans from {period}"),
        ),
        Some(percent) if percent >= min as f64 => check.pass(
            &account,
            format!(
                "Savings Plans cover {percent:.0} % of the eligible spend from {period} (at least {min} % wanted)"
            ),
        ),
        Some(percent) => check.fail(
            &account,
            format!(
                "Savings Plans cover {percent:.0} % of the eligible spend from {period} ({:.2} On-Demand, {:.2} covered; at least {min} % wanted)",
                coverage.on_demand, coverage.covered
            ),
        ),
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::costexplorer::SpendCoverage;
    use crate::testing::*;

    fn coverage(covered: f64, on_demand: f64) -> Fetched<SpendCoverage> {
        Fetched::Ok(SpendCoverage {
            covered,
            on_demand,
            start: "2026-05-02".into(),
            end: "2026-06-01".into(),
        })
    }

    #[test]
    fn high_coverage_passes_low_fails_nothing_eligible_passes_unreadable_not_evaluated() {
        let mut snap = snapshot();
        snap.costexplorer.savings_plans_coverage = coverage(800.0, 200.0);
        let findings = run(&COSTEXPLORER_SAVINGS_PLANS_COVERAGE, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));

        snap.costexplorer.savings_plans_coverage = coverage(120.0, 880.0);
        let findings = run(&COSTEXPLORER_SAVINGS_PLANS_COVERAGE, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Fail)]));
        assert_eq!(
            findings[0].message,
            "Savings Plans cover 12 % of the eligible spend from 2026-05-02 to 2026-06-01 (880.00 On-Demand, 120.00 covered; at least 70 % wanted)"
        );

        snap.costexplorer.savings_plans_coverage = coverage(0.0, 0.0);
        let findings = run(&COSTEXPLORER_SAVINGS_PLANS_COVERAGE, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));

        snap.costexplorer.savings_plans_coverage =
            Fetched::Failed(denied("GetSavingsPlansCoverage"));
        assert_eq!(
            statuses(&run(&COSTEXPLORER_SAVINGS_PLANS_COVERAGE, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
