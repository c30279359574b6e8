use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that every CloudWatch alarm (metric or composite) has its actions enabled and at
    /// least one action on entering `ALARM` (an SNS topic, an Auto Scaling policy, an EC2 or
    /// Systems Manager action).
    ///
    /// ## Why is this bad?
    /// An alarm without an action changes colour on a dashboard nobody is watching: the failure
    /// it was built to detect goes unnoticed and unhandled.
    ///
    /// ## Example
    /// `aws cloudwatch describe-alarms` shows `"AlarmActions": []` or `"ActionsEnabled": false`.
    /// Fix: `aws cloudwatch put-metric-alarm ... --alarm-actions arn:aws:sns:R:A:ops` (or
    /// `enable-alarm-actions --alarm-names NAME`).
    ///
    /// ## Not evaluated when
    /// The region's alarms could not be listed (one finding for the region).
    pub CLOUDWATCH_ALARM_ACTIONS = "cloudwatch_alarm_actions",
    pillar: Pillar::Reliability,
    service: Service::Cloudwatch,
    severity: Severity::Medium,
    best_practices: &[direct("REL06-BP03")],
    since: "0.3.0",
    title: "CloudWatch alarms notify or act when they fire",
    remediation: "aws cloudwatch put-metric-alarm ... --alarm-actions SNS_TOPIC_ARN (or aws cloudwatch enable-alarm-actions --alarm-names NAME)",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &CLOUDWATCH_ALARM_ACTIONS;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.cloudwatch,
        |region| &region.alarms,
        |alarm| {
            Some(match (alarm.actions_enabled, alarm.alarm_actions.len()) {
                (true, 0) | (false, 0) => {
                    check.fail(alarm, format!("alarm {} has no alarm action", alarm.name))
                }
                (false, _) => check.fail(
                    alarm,
                    format!("alarm {} has its actions disabled", alarm.name),
                ),
                (true, n) => check.pass(
                    alarm,
                    format!("alarm {} has {n} alarm action(s)", alarm.name),
                ),
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
    fn acting_passes_silent_or_disabled_fails_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        let mut silent = alarm("cpu-high", "AWS/EC2", "CPUUtilization");
        silent.alarm_actions.clear();
        let mut disabled = alarm("errors", "AWS/Lambda", "Errors");
        disabled.actions_enabled = false;
        cloudwatch(&mut snap).alarms = Fetched::Ok(vec![
            alarm("latency", "AWS/ApplicationELB", "TargetResponseTime"),
            silent,
            disabled,
        ]);

        let findings = run(&CLOUDWATCH_ALARM_ACTIONS, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("latency", Pass), ("cpu-high", Fail), ("errors", Fail)])
        );
        assert_eq!(findings[1].message, "alarm cpu-high has no alarm action");
        assert_eq!(findings[2].message, "alarm errors has its actions disabled");

        cloudwatch(&mut snap).alarms = Fetched::Failed(denied("DescribeAlarms"));
        assert_eq!(
            statuses(&run(&CLOUDWATCH_ALARM_ACTIONS, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
