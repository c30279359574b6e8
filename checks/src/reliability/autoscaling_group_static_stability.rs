use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::known;
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that each Auto Scaling group spread over several Availability Zones keeps at
    /// least its minimum size when one zone is lost, without launching anything: with its
    /// desired capacity spread evenly, the instances left outside the fullest zone must number
    /// at least the group's minimum. One finding per group with capacity in two or more zones
    /// (a group in one zone is `autoscaling_group_multi_az`'s finding).
    ///
    /// ## Why is this bad?
    /// When a zone fails, replacing its capacity depends on the EC2 and Auto Scaling control
    /// planes at the moment they are busiest, and on capacity being available in the other
    /// zones. A group provisioned so that the surviving zones already carry the capacity the
    /// workload needs (static stability) rides out the loss of a zone without scaling. The
    /// minimum size stands for that needed capacity here: a proxy, since only the team knows
    /// the load the workload must carry.
    ///
    /// ## Example
    /// A group over two zones with desired capacity 2 and minimum 2 keeps one instance when a
    /// zone fails, half its minimum. Fix: run 4 over two zones, or 3 over three zones with
    /// minimum 2 (`aws autoscaling update-auto-scaling-group --desired-capacity 3 --min-size 2
    /// --vpc-zone-identifier SUBNET_A,SUBNET_B,SUBNET_C`).
    ///
    /// ## Not evaluated when
    /// The groups could not be listed, or a group's answer lacked its minimum size.
    pub AUTOSCALING_GROUP_STATIC_STABILITY = "autoscaling_group_static_stability",
    pillar: Pillar::Reliability,
    service: Service::Autoscaling,
    severity: Severity::Medium,
    best_practices: &[indirect("REL11-BP05")],
    since: "0.5.0",
    title: "Auto Scaling groups keep their minimum capacity when a zone is lost",
    remediation: "Provision the group so that the zones left after losing one still hold its minimum: raise the desired capacity, or spread it over a third zone (aws autoscaling update-auto-scaling-group --desired-capacity N --vpc-zone-identifier SUBNETS)",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &AUTOSCALING_GROUP_STATIC_STABILITY;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.autoscaling,
        |region| &region.groups,
        |group| {
            let zones = i32::try_from(group.availability_zones.len()).unwrap_or(i32::MAX);
            let desired = group.desired_capacity;
            if zones < 2 || desired <= 0 {
                return None;
            }
            let min = known!(check, group, group.min_size, "MinSize");
            // The fullest zone of an even spread holds ceil(desired / zones).
            let fullest = (desired + zones - 1) / zones;
            let left = desired - fullest;
            let spread = format!("{desired} instance(s) over {zones} zones");
            Some(if left >= min {
                check.pass(
                    group,
                    format!("{spread}: {left} remain after losing a zone, at least the minimum of {min}"),
                )
            } else {
                check.fail(
                    group,
                    format!("{spread}: only {left} remain after losing a zone, below the minimum of {min}"),
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

    fn group(
        name: &str,
        zones: usize,
        desired: i32,
        min: Option<i32>,
    ) -> crate::model::autoscaling::AutoScalingGroup {
        let mut group = auto_scaling_group(name);
        group.availability_zones = ["a", "b", "c"][..zones]
            .iter()
            .map(|zone| format!("us-east-1{zone}"))
            .collect();
        group.desired_capacity = desired;
        group.min_size = min;
        group
    }

    #[test]
    fn capacity_left_after_a_zone_is_compared_with_the_minimum() {
        let mut snap = snapshot();
        autoscaling(&mut snap).groups = Fetched::Ok(vec![
            group("three-zones", 3, 3, Some(2)),
            group("two-tight", 2, 2, Some(2)),
            group("single", 1, 2, Some(2)),
            group("idle", 2, 0, Some(0)),
            group("unknown", 2, 4, None),
        ]);
        let findings = run(&AUTOSCALING_GROUP_STATIC_STABILITY, &snap);
        assert_eq!(
            statuses(&findings),
            expect(&[
                ("three-zones", Pass),
                ("two-tight", Fail),
                ("unknown", NotEvaluated),
            ])
        );
        assert_eq!(
            findings[1].message,
            "2 instance(s) over 2 zones: only 1 remain after losing a zone, below the minimum of 2"
        );
    }

    #[test]
    fn unlisted_groups_are_not_evaluated() {
        let mut snap = snapshot();
        autoscaling(&mut snap).groups = Fetched::Failed(denied("DescribeAutoScalingGroups"));
        assert_eq!(
            statuses(&run(&AUTOSCALING_GROUP_STATIC_STABILITY, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
