use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

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

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &COSTEXPLORER_RESERVATION_UTILIZATION;
    let account = ctx.snapshot.account_resource("global");
    let utilization = match &ctx.snapshot.costexplorer.reservation_utilization {
        Fetched::Ok(utilization) => utilization,
        Fetched::Failed(why) => return vec![check.not_evaluated(&account, why)],
    };
    let min = ctx.settings.commitment_utilization_min_percent;
    vec![match utilization {
        None => check.pass(&account, "no Reserved Instances were active in the 30 days before the scan"),
        Some(u) if u.percent >= min as f64 => check.pass(
            &account,
            format!(
                "Reserved Instances were {:.0} % used from {} to {} (at least {min} % wanted)",
                u.percent, u.start, u.end
            ),
        ),
        Some(u) => check.fail(
            &account,
            format!(
                "Reserved Instances were {:.0} % used from {} to {} (unused hours: {}; at least {min} % wanted)",
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
        snap.costexplorer.reservation_utilization = used(97.0);
        assert_eq!(
            statuses(&run(&COSTEXPLORER_RESERVATION_UTILIZATION, &snap)),
            expect(&[(ACCOUNT, Pass)])
        );
        snap.costexplorer.reservation_utilization = used(61.0);
        let findings = run(&COSTEXPLORER_RESERVATION_UTILIZATION, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Fail)]));
        assert_eq!(
            findings[0].message,
            "Reserved Instances were 61 % used from 2026-05-02 to 2026-06-01 (unused hours: 120.5; at least 90 % wanted)"
        );
        snap.costexplorer.reservation_utilization = Fetched::Ok(None);
        assert_eq!(
            statuses(&run(&COSTEXPLORER_RESERVATION_UTILIZATION, &snap)),
            expect(&[(ACCOUNT, Pass)])
        );
        snap.costexplorer.reservation_utilization =
            Fetched::Failed(denied("GetReservationUtilization"));
        assert_eq!(
            statuses(&run(&COSTEXPLORER_RESERVATION_UTILIZATION, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
