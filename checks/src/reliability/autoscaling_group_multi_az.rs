use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that every EC2 Auto Scaling group can launch instances in at least two
    /// Availability Zones.
    ///
    /// ## Why is this bad?
    /// A group confined to one zone loses all its capacity when that zone is impaired, and
    /// cannot rebalance into another: the one failure a multi-AZ group is built to absorb
    /// becomes an outage.
    ///
    /// ## Example
    /// `aws autoscaling describe-auto-scaling-groups` shows `"AvailabilityZones": ["us-east-1a"]`.
    /// Fix: `aws autoscaling update-auto-scaling-group --auto-scaling-group-name G
    /// --vpc-zone-identifier subnet-a,subnet-b,subnet-c` (subnets in different zones).
    ///
    /// ## Not evaluated when
    /// The region's groups could not be read (one finding for the region).
    pub AUTOSCALING_GROUP_MULTI_AZ = "autoscaling_group_multi_az",
    pillar: Pillar::Reliability,
    service: Service::Autoscaling,
    severity: Severity::High,
    best_practices: &[direct("REL10-BP01")],
    since: "0.2.0",
    title: "Auto Scaling groups span several Availability Zones",
    remediation: "aws autoscaling update-auto-scaling-group --auto-scaling-group-name GROUP --vpc-zone-identifier SUBNET_A,SUBNET_B (subnets in different zones)",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &AUTOSCALING_GROUP_MULTI_AZ;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.autoscaling,
        |region| &region.groups,
        |group| {
            let (name, zones) = (&group.name, &group.availability_zones);
            Some(if zones.len() >= 2 {
                check.pass(
                    group,
                    format!(
                        "group {name} spans {} zones: {}",
                        zones.len(),
                        zones.join(", ")
                    ),
                )
            } else {
                check.fail(
                    group,
                    format!(
                        "group {name} is confined to {}",
                        match zones.first() {
                            Some(zone) => format!("one zone ({zone})"),
                            None => "no zone".to_string(),
                        }
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
    fn two_zones_pass_one_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut single = auto_scaling_group("single");
        single.availability_zones = vec!["us-east-1a".into()];
        autoscaling(&mut snap).groups = Fetched::Ok(vec![auto_scaling_group("web"), single]);

        let findings = run(&AUTOSCALING_GROUP_MULTI_AZ, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("web", Pass), ("single", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "group single is confined to one zone (us-east-1a)"
        );

        autoscaling(&mut snap).groups = Fetched::Failed(denied("DescribeAutoScalingGroups"));
        assert_eq!(
            statuses(&run(&AUTOSCALING_GROUP_MULTI_AZ, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
