use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::commitment_utilization::{self, Commitment};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that the Savings Plans active in the 30 days before the scan were used for at least
    /// `commitment_utilization_min_percent` (90 by default) of their commitment
    /// (`aws ce get-savings-plans-utilization`). One finding for the account; an account with
    /// none passes (nothing is wasted).
    ///
    /// ## Why is this bad?
    /// A commitment is paid whether it is used or not: unused commitment is money spent for
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

/// How this check's findings word the commitment.
const COMMITMENT: Commitment = Commitment {
    name: "Savings Plans",
    unused: "unused commitment",
};

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let utilization = &ctx.snapshot.costexplorer.savings_plans_utilization;
    commitment_utilization::per_account(&COSTEXPLORER_SAVINGS_PLANS_UTILIZATION, ctx, utilization, &COMMITMENT)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commitment_utilization::testing::assert_utilization;

    #[test]
    fn well_used_passes_underused_fails_none_passes_unreadable_not_evaluated() {
        assert_utilization(
            &COSTEXPLORER_SAVINGS_PLANS_UTILIZATION,
            |snap, utilization| snap.costexplorer.savings_plans_utilization = utilization,
            &COMMITMENT,
            "GetSavingsPlansUtilization",
        );
    }
}
