use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::cloudwatch::Alarm;
use crate::model::Service;
use crate::presence::{across_regions, Looked};

declare_check! {
    /// ## What it does
    /// Looks for CloudWatch alarms that act on their own when they fire: an enabled alarm action
    /// that scales an Auto Scaling group, recovers, reboots, stops or terminates an EC2 instance
    /// (`arn:aws:automate:...`), or invokes a Lambda function. One finding for the account.
    /// Notification-only alarms (SNS) are covered by `cloudwatch_alarm_actions`.
    ///
    /// ## Why is this bad?
    /// An alarm that only notifies waits for a person to act, at any hour. Responses that are
    /// known in advance (add capacity, recover a failed host, run a remediation function) are
    /// faster and more reliable when the alarm triggers them. Teams may automate responses
    /// elsewhere (EventBridge rules, an external tool), so finding none here is "no evidence
    /// found", not a failure.
    ///
    /// ## Example
    /// `aws cloudwatch put-metric-alarm --alarm-name web-status --metric-name
    /// StatusCheckFailed_System --namespace AWS/EC2 ... --alarm-actions
    /// arn:aws:automate:us-east-1:ec2:recover`.
    ///
    /// ## Not evaluated when
    /// No such alarm was found and the alarms of some region could not be listed.
    pub CLOUDWATCH_ALARM_AUTOMATED_RESPONSE = "cloudwatch_alarm_automated_response",
    pillar: Pillar::Reliability,
    service: Service::Cloudwatch,
    severity: Severity::Medium,
    best_practices: &[direct("REL06-BP04"), direct("OPS10-BP07")],
    since: "0.4.0",
    title: "Alarms trigger automated responses, not only notifications",
    remediation: "Give alarms with a known response an automated action: an Auto Scaling policy, an EC2 recover/reboot action (arn:aws:automate:REGION:ec2:recover) or a Lambda function",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &CLOUDWATCH_ALARM_AUTOMATED_RESPONSE;
    vec![across_regions(
        check,
        ctx.snapshot,
        &ctx.snapshot.cloudwatch,
        |region| &region.alarms,
        |alarm: &Alarm| alarm.acts(),
        |alarm| alarm.name.clone(),
        Looked {
            what: "alarm(s) with an automated action",
            none: "no alarm scales, recovers or runs a function when it fires",
        },
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    #[test]
    fn automated_action_passes_notify_only_is_no_evidence_unlisted_not_evaluated() {
        let mut snap = snapshot();
        let mut recover = alarm("web-recover", "AWS/EC2", "StatusCheckFailed_System");
        recover.alarm_actions = vec!["arn:aws:automate:us-east-1:ec2:recover".into()];
        let mut disabled = alarm("scale-out", "AWS/EC2", "CPUUtilization");
        disabled.alarm_actions =
            vec!["arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:x".into()];
        disabled.actions_enabled = false;
        let notify = alarm("errors", "AWS/Lambda", "Errors");

        cloudwatch(&mut snap).alarms = Fetched::Ok(vec![notify.clone(), disabled.clone()]);
        let findings = run(&CLOUDWATCH_ALARM_AUTOMATED_RESPONSE, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NoEvidence)]));

        cloudwatch(&mut snap).alarms = Fetched::Ok(vec![notify, disabled, recover]);
        let findings = run(&CLOUDWATCH_ALARM_AUTOMATED_RESPONSE, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "1 alarm(s) with an automated action: web-recover (us-east-1)"
        );

        cloudwatch(&mut snap).alarms = Fetched::Failed(denied("DescribeAlarms"));
        assert_eq!(
            statuses(&run(&CLOUDWATCH_ALARM_AUTOMATED_RESPONSE, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
