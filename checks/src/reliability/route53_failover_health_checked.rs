use crate::catalog::Pillar;
use crate::check::{direct, indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that every failover record of a Route 53 hosted zone is tied to a health check
    /// (its own, or the alias target's health with `EvaluateTargetHealth`). One finding per hosted
    /// zone that has failover records.
    ///
    /// ## Why is this bad?
    /// Route 53 fails over from a primary record only when it knows the primary is unhealthy. A
    /// failover record without a health check is always considered healthy: traffic keeps going
    /// to the failed primary and the standby is never used. With a health check, recovery to
    /// the standby (another zone, Region or DR site) is automated, and it runs on Route 53's
    /// data plane: no control-plane change is needed during the outage.
    ///
    /// ## Example
    /// `aws route53 list-resource-record-sets --hosted-zone-id Z` shows `"Failover": "PRIMARY"` and
    /// no `HealthCheckId`. Fix: `aws route53 create-health-check`, then `change-resource-record-sets`
    /// setting the record's `HealthCheckId` (or `EvaluateTargetHealth: true` on an alias).
    ///
    /// ## Not evaluated when
    /// The hosted zones, or this zone's records, could not be listed.
    pub ROUTE53_FAILOVER_HEALTH_CHECKED = "route53_failover_health_checked",
    pillar: Pillar::Reliability,
    service: Service::Route53,
    severity: Severity::High,
    best_practices: &[
        direct("REL11-BP02"),
        direct("REL13-BP05"),
        indirect("REL11-BP04"),
    ],
    since: "0.3.0",
    title: "Route 53 failover records have health checks",
    remediation: "aws route53 create-health-check, then set the failover record's HealthCheckId (or EvaluateTargetHealth on an alias) with change-resource-record-sets",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &ROUTE53_FAILOVER_HEALTH_CHECKED;
    let zones = match &ctx.snapshot.route53.hosted_zones {
        Fetched::Ok(zones) => zones,
        Fetched::Failed(why) => {
            return vec![check.not_evaluated(&ctx.snapshot.account_resource("global"), why)]
        }
    };
    zones
        .iter()
        .filter_map(|zone| {
            let records = match &zone.records {
                Fetched::Ok(records) => records,
                Fetched::Failed(why) => return Some(check.not_evaluated(zone, why)),
            };
            let failover: Vec<_> = records.iter().filter(|r| r.failover.is_some()).collect();
            if failover.is_empty() {
                return None;
            }
            let unchecked: Vec<String> = failover
                .iter()
                .filter(|r| r.health_check_id.is_none() && r.evaluate_target_health != Some(true))
                .map(|r| {
                    format!(
                        "{} {} ({})",
                        r.name,
                        r.record_type,
                        r.failover.as_deref().unwrap_or_default()
                    )
                })
                .collect();
            Some(if unchecked.is_empty() {
                check.pass(
                    zone,
                    format!(
                        "zone {}: all {} failover record(s) have a health check",
                        zone.name,
                        failover.len()
                    ),
                )
            } else {
                check.fail(
                    zone,
                    format!(
                        "zone {}: failover record(s) without a health check: {}",
                        zone.name,
                        unchecked.join(", ")
                    ),
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::route53::RecordSet;
    use crate::testing::*;

    fn record(name: &str, failover: Option<&str>, health_check: Option<&str>) -> RecordSet {
        RecordSet {
            name: name.into(),
            record_type: "A".into(),
            failover: failover.map(str::to_string),
            health_check_id: health_check.map(str::to_string),
            evaluate_target_health: None,
        }
    }

    #[test]
    fn checked_passes_unchecked_fails_plain_zone_skipped_unlisted_not_evaluated() {
        let mut snap = snapshot();
        let mut good = hosted_zone("Z1", "good.example.");
        good.records = Fetched::Ok(vec![
            record("www.good.example.", Some("PRIMARY"), Some("hc-1")),
            record("www.good.example.", Some("SECONDARY"), Some("hc-2")),
        ]);
        let mut bad = hosted_zone("Z2", "bad.example.");
        bad.records = Fetched::Ok(vec![
            record("www.bad.example.", Some("PRIMARY"), None),
            record("www.bad.example.", Some("SECONDARY"), Some("hc-3")),
        ]);
        let plain = hosted_zone("Z3", "plain.example.");
        let mut unreadable = hosted_zone("Z4", "secret.example.");
        unreadable.records = Fetched::Failed(denied("ListResourceRecordSets"));
        snap.route53.hosted_zones = Fetched::Ok(vec![good, bad, plain, unreadable]);

        let findings = run(&ROUTE53_FAILOVER_HEALTH_CHECKED, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("good.example.", Pass),
                ("bad.example.", Fail),
                ("secret.example.", NotEvaluated)
            ])
        );
        assert_eq!(
            findings[1].message,
            "zone bad.example.: failover record(s) without a health check: www.bad.example. A (PRIMARY)"
        );

        snap.route53.hosted_zones = Fetched::Failed(denied("ListHostedZones"));
        assert_eq!(
            statuses(&run(&ROUTE53_FAILOVER_HEALTH_CHECKED, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
