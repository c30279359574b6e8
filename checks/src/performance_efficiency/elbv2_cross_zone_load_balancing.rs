use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

const CROSS_ZONE: &str = "load_balancing.cross_zone.enabled";

declare_check! {
    /// ## What it does
    /// Checks that every Network and Gateway Load Balancer spreads traffic across the targets of
    /// all its Availability Zones (`load_balancing.cross_zone.enabled` is `true`). Application
    /// Load Balancers always do, and are skipped.
    ///
    /// ## Why is this bad?
    /// Without cross-zone load balancing, each zone's load balancer node sends its share of the
    /// traffic only to the targets in its own zone. When zones hold unequal numbers of healthy
    /// targets (an Auto Scaling group mid-scale, a failed instance), the targets of the smaller
    /// zone get overloaded while others idle, and latency rises although capacity is there.
    ///
    /// ## Example
    /// `aws elbv2 describe-load-balancer-attributes --load-balancer-arn ARN` shows
    /// `load_balancing.cross_zone.enabled` `false` (the default for Network Load Balancers).
    /// Fix: `aws elbv2 modify-load-balancer-attributes --load-balancer-arn ARN --attributes
    /// Key=load_balancing.cross_zone.enabled,Value=true` (inter-zone data transfer is then
    /// charged for NLB traffic).
    ///
    /// ## Not evaluated when
    /// The region's load balancers could not be listed (one finding for the region), or this
    /// load balancer's attributes could not be read.
    pub ELBV2_CROSS_ZONE_LOAD_BALANCING = "elbv2_cross_zone_load_balancing",
    pillar: Pillar::PerformanceEfficiency,
    service: Service::Elbv2,
    severity: Severity::Low,
    best_practices: &[direct("PERF04-BP04")],
    since: "0.3.0",
    title: "Network and Gateway Load Balancers balance across zones",
    remediation: "aws elbv2 modify-load-balancer-attributes --load-balancer-arn ARN --attributes Key=load_balancing.cross_zone.enabled,Value=true",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &ELBV2_CROSS_ZONE_LOAD_BALANCING;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.elbv2,
        |region| &region.load_balancers,
        |lb| {
            if lb.is_application() {
                return None;
            }
            Some(match lb.attribute_on(CROSS_ZONE) {
                Fetched::Ok(true) => check.pass(
                    lb,
                    format!(
                        "{} load balancer {} balances across zones",
                        lb.kind, lb.name
                    ),
                ),
                Fetched::Ok(false) => check.fail(
                    lb,
                    format!(
                        "{} load balancer {} keeps each zone's traffic on that zone's targets",
                        lb.kind, lb.name
                    ),
                ),
                Fetched::Failed(why) => check.not_evaluated(lb, &why),
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    fn network(name: &str, cross_zone: &str) -> crate::model::elbv2::LoadBalancer {
        let mut lb = load_balancer(name);
        lb.kind = "network".into();
        lb.attributes = Fetched::Ok(
            [(CROSS_ZONE.to_string(), cross_zone.to_string())]
                .into_iter()
                .collect(),
        );
        lb
    }

    #[test]
    fn on_passes_off_fails_albs_skipped_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut unreadable = network("edge", "true");
        unreadable.attributes = Fetched::Failed(denied("DescribeLoadBalancerAttributes"));
        elbv2(&mut snap).load_balancers = Fetched::Ok(vec![
            load_balancer("web"),
            network("ingest", "true"),
            network("legacy", "false"),
            unreadable,
        ]);

        let findings = run(&ELBV2_CROSS_ZONE_LOAD_BALANCING, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("ingest", Pass), ("legacy", Fail), ("edge", NotEvaluated)])
        );
        assert_eq!(
            findings[1].message,
            "network load balancer legacy keeps each zone's traffic on that zone's targets"
        );
    }
}
