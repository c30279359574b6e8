use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that every load balancer has nodes in at least two Availability Zones.
    /// (Application Load Balancers require two; Network and Gateway Load Balancers can be
    /// created in one.)
    ///
    /// ## Why is this bad?
    /// A load balancer in one zone goes down with that zone, taking every target behind it
    /// offline however many zones the targets themselves run in.
    ///
    /// ## Example
    /// `aws elbv2 describe-load-balancers` lists one entry under `AvailabilityZones`. Fix:
    /// `aws elbv2 set-subnets --load-balancer-arn LB --subnets subnet-a subnet-b` (a subnet in each
    /// zone; Network Load Balancers can add subnets but not remove them).
    ///
    /// ## Not evaluated when
    /// The region's load balancers could not be listed (one finding for the region).
    pub ELBV2_MULTI_AZ = "elbv2_multi_az",
    pillar: Pillar::Reliability,
    service: Service::Elbv2,
    severity: Severity::High,
    best_practices: &[direct("REL10-BP01")],
    since: "0.2.0",
    title: "Load balancers span several Availability Zones",
    remediation: "aws elbv2 set-subnets --load-balancer-arn LB --subnets SUBNET-IN-ZONE-A SUBNET-IN-ZONE-B",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &ELBV2_MULTI_AZ;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.elbv2,
        |region| &region.load_balancers,
        |lb| {
            let zones = lb.zones.join(", ");
            Some(if lb.zones.len() >= 2 {
                check.pass(
                    lb,
                    format!(
                        "load balancer {} spans {} Availability Zones ({zones})",
                        lb.name,
                        lb.zones.len()
                    ),
                )
            } else {
                check.fail(
                    lb,
                    format!(
                        "load balancer {} runs in one Availability Zone ({zones})",
                        lb.name
                    ),
                )
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    #[test]
    fn two_zones_pass_one_zone_fails_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        let mut single = load_balancer("internal");
        single.kind = "network".into();
        single.zones = vec![format!("{REGION}a")];
        elbv2(&mut snap).load_balancers = Fetched::Ok(vec![load_balancer("shop"), single]);

        let findings = run(&ELBV2_MULTI_AZ, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("shop", Pass), ("internal", Fail)])
        );
        assert_eq!(
            findings[0].message,
            "load balancer shop spans 2 Availability Zones (us-east-1a, us-east-1b)"
        );
        assert_eq!(
            findings[1].message,
            "load balancer internal runs in one Availability Zone (us-east-1a)"
        );

        elbv2(&mut snap).load_balancers = Fetched::Failed(denied("DescribeLoadBalancers"));
        assert_eq!(
            statuses(&run(&ELBV2_MULTI_AZ, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
