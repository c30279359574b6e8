use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Known, Service};

declare_check! {
    /// ## What it does
    /// Checks that every EC2 Auto Scaling group allowed to change size (`MinSize` below
    /// `MaxSize`) has at least one scaling policy (target tracking, step, simple or predictive).
    /// Fixed-size groups give no finding.
    ///
    /// ## Why is this bad?
    /// Without a policy the group never moves from its desired capacity on its own: under load
    /// it stays too small and slows down, and at night it stays too big. The min/max range
    /// suggests someone meant it to scale.
    ///
    /// ## Example
    /// `aws autoscaling describe-policies --auto-scaling-group-name G` answers no policies. Fix:
    /// `aws autoscaling put-scaling-policy --auto-scaling-group-name G --policy-name cpu50
    /// --policy-type TargetTrackingScaling --target-tracking-configuration
    /// '{"PredefinedMetricSpecification":{"PredefinedMetricType":"ASGAverageCPUUtilization"},"TargetValue":50}'`.
    ///
    /// ## Not evaluated when
    /// The region's groups or scaling policies could not be read (one finding for the region,
    /// or one per group), or the answer lacked the group's `MinSize` or `MaxSize`.
    pub AUTOSCALING_GROUP_SCALING_POLICY = "autoscaling_group_scaling_policy",
    pillar: Pillar::PerformanceEfficiency,
    service: Service::Autoscaling,
    severity: Severity::Medium,
    best_practices: &[direct("PERF02-BP05"), direct("REL07-BP01"), direct("REL07-BP03"), direct("COST06-BP03"), direct("COST09-BP03"), direct("SUS02-BP01")],
    since: "0.2.0",
    title: "Auto Scaling groups scale with a policy",
    remediation: "aws autoscaling put-scaling-policy --auto-scaling-group-name GROUP --policy-name cpu50 --policy-type TargetTrackingScaling --target-tracking-configuration '{\"PredefinedMetricSpecification\":{\"PredefinedMetricType\":\"ASGAverageCPUUtilization\"},\"TargetValue\":50}'",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &AUTOSCALING_GROUP_SCALING_POLICY;
    let mut findings = Vec::new();
    for (region, data) in &ctx.snapshot.autoscaling {
        let groups = match &data.groups {
            Fetched::Ok(groups) => groups,
            Fetched::Failed(gap) => {
                findings.push(check.not_evaluated(&ctx.snapshot.account_resource(region), gap));
                continue;
            }
        };
        for group in groups {
            let (min, max) = match (group.min_size, group.max_size) {
                (Some(min), Some(max)) => (min, max),
                (None, _) => {
                    findings.push(check.not_evaluated(group, &group.missing("MinSize")));
                    continue;
                }
                (_, None) => {
                    findings.push(check.not_evaluated(group, &group.missing("MaxSize")));
                    continue;
                }
            };
            if min >= max {
                continue;
            }
            let name = &group.name;
            let range = format!("{min}–{max}");
            findings.push(match &data.groups_with_policies {
                Fetched::Ok(with) if with.contains(name) => check.pass(
                    group,
                    format!("group {name} ({range} instances) has a scaling policy"),
                ),
                Fetched::Ok(_) => check.fail(
                    group,
                    format!("group {name} may run {range} instances but has no scaling policy"),
                ),
                Fetched::Failed(gap) => check.not_evaluated(group, gap),
            });
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    #[test]
    fn policy_passes_none_fails_fixed_size_skipped_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut fixed = auto_scaling_group("bastion");
        fixed.min_size = Some(1);
        fixed.max_size = Some(1);
        let region = autoscaling(&mut snap);
        region.groups = Fetched::Ok(vec![
            auto_scaling_group("web"),
            auto_scaling_group("static"),
            fixed,
        ]);
        region.groups_with_policies = Fetched::Ok(vec!["web".into()]);

        let findings = run(&AUTOSCALING_GROUP_SCALING_POLICY, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("web", Pass), ("static", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "group static may run 1–4 instances but has no scaling policy"
        );

        autoscaling(&mut snap).groups_with_policies = Fetched::Failed(denied("DescribePolicies"));
        assert_eq!(
            statuses(&run(&AUTOSCALING_GROUP_SCALING_POLICY, &snap)),
            expect(&[("web", NotEvaluated), ("static", NotEvaluated)])
        );
        autoscaling(&mut snap).groups = Fetched::Failed(denied("DescribeAutoScalingGroups"));
        assert_eq!(
            statuses(&run(&AUTOSCALING_GROUP_SCALING_POLICY, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }

    /// Issue #14: a group whose answer lacked MaxSize read as 0–0, a fixed size: no finding.
    #[test]
    fn a_group_without_max_size_is_not_evaluated() {
        let mut snap = snapshot();
        let mut unknown = auto_scaling_group("web");
        unknown.max_size = None;
        let region = autoscaling(&mut snap);
        region.groups = Fetched::Ok(vec![unknown]);
        region.groups_with_policies = Fetched::Ok(vec![]);
        let findings = run(&AUTOSCALING_GROUP_SCALING_POLICY, &snap);
        assert_eq!(statuses(&findings), expect(&[("web", NotEvaluated)]));
        assert!(
            findings[0].message.contains("MaxSize"),
            "{}",
            findings[0].message
        );
    }
}
