use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::commitment_utilization::{self, Commitment};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that the Reserved Instances active in the 30 days before the scan were used for at least
    /// `commitment_utilization_min_percent` (90 by default) of their hours
    /// (`aws ce get-reservation-utilization`). One finding for the account; an account with
    /// none passes (nothing is wasted).
    ///
    /// ## Why is this bad?
    /// A commitment is paid whether it is used or not: unused hours are money spent for
    /// nothing, and a sign the purchase was not sized to the usage it was meant to cover.
    ///
    /// ## Example
    /// Utilisation 61 %. Fix: find the unused commitments (`aws ce get-reservation-utilization --group-by Type=DIMENSION,Key=SUBSCRIPTION_ID`); modify or exchange the reservation (Convertible EC2 RIs, RDS size flexibility) to match what runs, or sell Standard EC2 RIs on the Reserved Instance Marketplace.
    ///
    /// ## Not evaluated when
    /// Utilisation could not be read (Cost Explorer not enabled, or access refused).
    pub COSTEXPLORER_RESERVATION_UTILIZATION = "costexplorer_reservation_utilization",
    pillar: Pillar::CostOptimization,
    service: Service::CostExplorer,
    severity: Severity::Medium,
    best_practices: &[indirect("COST07-BP01")],
    since: "0.5.0",
    title: "Reserved Instances are used, not wasted",
    remediation: "Find the unused commitments (aws ce get-reservation-utilization --group-by Type=DIMENSION,Key=SUBSCRIPTION_ID); modify or exchange the reservation (Convertible EC2 RIs, RDS size flexibility) to match what runs, or sell Standard EC2 RIs on the Reserved Instance Marketplace",
    evaluate: evaluate,
}

/// How this check's findings word the commitment.
const COMMITMENT: Commitment = Commitment {
    name: "Reserved Instances",
    unused: "unused hours",
};

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let utilization = &ctx.snapshot.costexplorer.reservation_utilization;
    commitment_utilization::per_account(&COSTEXPLORER_RESERVATION_UTILIZATION, ctx, utilization, &COMMITMENT)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commitment_utilization::testing::assert_utilization;

    #[test]
    fn well_used_passes_underused_fails_none_passes_unreadable_not_evaluated() {
        assert_utilization(
            &COSTEXPLORER_RESERVATION_UTILIZATION,
            |snap, utilization| snap.costexplorer.reservation_utilization = utilization,
            &COMMITMENT,
            "GetReservationUtilization",
        );
    }
}
