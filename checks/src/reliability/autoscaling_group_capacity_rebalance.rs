use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::autoscaling::Launch;
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that every EC2 Auto Scaling group that runs Spot capacity (a mixed instances
    /// policy with less than 100% On-Demand above the base) has Capacity Rebalancing on. Groups
    /// without Spot give no finding.
    ///
    /// ## Why is this bad?
    /// Spot instances get a two-minute interruption notice. With Capacity Rebalancing, the group
    /// acts on the earlier rebalance recommendation instead: it launches a replacement while the
    /// at-risk instance still serves, so capacity does not dip each time Spot is reclaimed.
    ///
    /// ## Example
    /// `aws autoscaling describe-auto-scaling-groups` shows a `MixedInstancesPolicy` with
    /// `"OnDemandPercentageAboveBaseCapacity": 0` and `"CapacityRebalance": false`. Fix: `aws
    /// autoscaling update-auto-scaling-group --auto-scaling-group-name G --capacity-rebalance`.
    ///
    /// ## Not evaluated when
    /// The region's groups could not be read (one finding for the region).
    pub AUTOSCALING_GROUP_CAPACITY_REBALANCE = "autoscaling_group_capacity_rebalance",
    pillar: Pillar::Reliability,
    service: Service::Autoscaling,
    severity: Severity::Low,
    best_practices: &[direct("REL07-BP02")],
    since: "0.2.0",
    title: "Auto Scaling groups using Spot replace at-risk instances early",
    remediation: "aws autoscaling update-auto-scaling-group --auto-scaling-group-name GROUP --capacity-rebalance",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &AUTOSCALING_GROUP_CAPACITY_REBALANCE;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.autoscaling,
        |region| &region.groups,
        |group| {
            if !matches!(
                group.launch,
                Launch::Template {
                    uses_spot: true,
                    ..
                }
            ) {
                return None;
            }
            let name = &group.name;
            Some(if group.capacity_rebalance {
                check.pass(
                    group,
                    format!("group {name} runs Spot with Capacity Rebalancing on"),
                )
            } else {
                check.fail(
                    group,
                    format!("group {name} runs Spot without Capacity Rebalancing"),
                )
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::autoscaling::AutoScalingGroup;
    use crate::model::Fetched;
    use crate::testing::*;

    fn spot(name: &str, rebalance: bool) -> AutoScalingGroup {
        let mut group = auto_scaling_group(name);
        group.capacity_rebalance = rebalance;
        if let Launch::Template { uses_spot, .. } = &mut group.launch {
            *uses_spot = true;
        }
        group
    }

    #[test]
    fn rebalancing_spot_passes_plain_spot_fails_on_demand_skipped() {
        let mut snap = snapshot();
        autoscaling(&mut snap).groups = Fetched::Ok(vec![
            spot("batch", true),
            spot("cheap", false),
            auto_scaling_group("web"),
        ]);

        let findings = run(&AUTOSCALING_GROUP_CAPACITY_REBALANCE, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("batch", Pass), ("cheap", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "group cheap runs Spot without Capacity Rebalancing"
        );

        autoscaling(&mut snap).groups = Fetched::Failed(denied("DescribeAutoScalingGroups"));
        assert_eq!(
            statuses(&run(&AUTOSCALING_GROUP_CAPACITY_REBALANCE, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
