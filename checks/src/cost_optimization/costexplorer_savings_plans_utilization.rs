use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that the Savings Plans active in the 30 days before the scan were used for at least
    /// `commitment_utilization_min_percent` (90 by default) of their commitment
    /// (`aws ce get-savings-plans-utilization`). One finding for the account; an account with
    /// none passes (nothing is wasted).
    ///
    /// ## Why is this bad?
    /// A commitment is paid whether it is used or not: unused commitment are money spent for
    /// nothing, and a sign the purchase was not sized to the usage it was meant to cover.
    ///
    /// ## Example
    /// Utilisation 61 %. Fix: find the unused commitments (`aws ce get-savings-plans-utilization-details`); Savings Plans cannot be cancelled: move eligible usage under the plan (e.g. from a family or region it does not cover, for an EC2 Instance Savings Plan), and size the next purchase to the steady baseline.
    ///
    /// ## Not evaluated when
    /// Utilisation could not be read (Cost Explorer not enabled, or access refused).
    pub COSTEXPLORER_SAVINGS_PLANS_UTILIZATION = "costexplorer_savings_plans_utilization",
    pillar: Pillar::CostOptimization,
    service: Service::CostExplorer,
    severity: Severity::Medium,
    best_practices: &[indirect("COST07-BP01")],
    since: "0.5.0",
    title: "Savings Plans are used, not wasted",
    remediation: "Find the unused commitments (aws ce get-savings-plans-utilization-details); Savings Plans cannot be cancelled: move eligible usage under the plan (e.g. from a family or region it does not cover, for an EC2 Instance Savings Plan), and size the next purchase to the steady baseline",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &COSTEXPLORER_SAVINGS_PLANS_UTILIZATION;
    let account = ctx.snapshot.account_resource("global");
    let utilization = match &ctx.snapshot.costexplorer.savings_plans_utilization {
        Fetched::Ok(utilization) => utilization,
        Fetched::Failed(why) => return vec![check.not_evaluated(&account, why)],
    };
    let min = ctx.settings.commitment_utilization_min_percent;
    vec![match utilization {
        None => check.pass(&account, "no Savings Plans were active in the 30 days before the scan"),
        Some(u) if u.percent >= min as f64 => check.pass(
            &account,
            format!(
                "Savings Plans were {:.0} % used from {} to {} (at least {min} % wanted)",
                u.percent, u.start, u.end
            ),
        ),
        Some(u) => check.fail(
            &account,
            format!(
                "Savings Plans were {:.0} % used from {} to {} (unused commitment: {}; at least {min} % wanted)",
                u.percent, u.start, u.end, u.unused
            ),
        ),
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::costexplorer::Utilization;
    use crate::testing::*;

    fn used(percent: f64) -> Fetched<Option<Utilization>> {
        Fetched::Ok(Some(Utilization {
            percent,
            unused: "120.5".into(),
            start: "2026-05-02".into(),
            end: "2026-06-01".into(),
        }))
    }

    #[test]
    fn well_used_passes_underused_fails_none_passes_unreadable_not_evaluated() {
        let mut snap = snapshot();
        snap.costexplorer.savings_plans_utilization = used(97.0);
        assert_eq!(
            statuses(&run(&COSTEXPLORER_SAVINGS_PLANS_UTILIZATION, &snap)),
            expect(&[(ACCOUNT, Pass)])
        );
        snap.costexplorer.savings_plans_utilization = used(61.0);
        let findings = run(&COSTEXPLORER_SAVINGS_PLANS_UTILIZATION, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Fail)]));
        assert_eq!(
            findings[0].message,
            "Savings Plans were 61 % used from 2026-05-02 to 2026-06-01 (unused commitment: 120.5; at least 90 % wanted)"
        );
        snap.costexplorer.savings_plans_utilization = Fetched::Ok(None);
        assert_eq!(
            statuses(&run(&COSTEXPLORER_SAVINGS_PLANS_UTILIZATION, &snap)),
            expect(&[(ACCOUNT, Pass)])
        );
        snap.costexplorer.savings_plans_utilization =
            Fetched::Failed(denied("GetSavingsPlansUtilization"));
        assert_eq!(
            statuses(&run(&COSTEXPLORER_SAVINGS_PLANS_UTILIZATION, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
