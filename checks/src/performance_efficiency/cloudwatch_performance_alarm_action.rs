use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::cloudwatch::Alarm;
use crate::model::Service;
use crate::presence::{across_regions, Looked};

declare_check! {
    /// ## What it does
    /// Looks for CloudWatch alarms on a performance metric (CPU or memory utilisation, latency,
    /// response time, duration, throttling, queue depth or age, consumed capacity, requests per
    /// target, DB load) whose enabled action scales an Auto Scaling group, acts on an EC2
    /// instance or invokes a Lambda function. The alarms of target tracking and step scaling
    /// policies count. One finding for the account.
    ///
    /// ## Why is this bad?
    /// A performance problem that a person must notice and fix lasts as long as it takes them to
    /// respond. Alarms that add capacity or run a remediation when latency or utilisation
    /// crosses a threshold fix the known cases in minutes, at any hour. Teams may automate
    /// elsewhere (EventBridge, an APM tool), so finding none is "no evidence found", not a
    /// failure.
    ///
    /// ## Example
    /// `aws autoscaling put-scaling-policy --auto-scaling-group-name web --policy-name cpu50
    /// --policy-type TargetTrackingScaling --target-tracking-configuration
    /// '{"PredefinedMetricSpecification":{"PredefinedMetricType":"ASGAverageCPUUtilization"},"TargetValue":50}'`
    /// (it creates the alarms), or an alarm on `TargetResponseTime` whose action invokes a
    /// remediation function.
    ///
    /// ## Not evaluated when
    /// No such alarm was found and the alarms of some region could not be listed.
    pub CLOUDWATCH_PERFORMANCE_ALARM_ACTION = "cloudwatch_performance_alarm_action",
    pillar: Pillar::PerformanceEfficiency,
    service: Service::Cloudwatch,
    severity: Severity::Low,
    best_practices: &[direct("PERF05-BP05")],
    since: "0.5.0",
    title: "Performance alarms trigger scaling or remediation",
    remediation: "Scale on performance metrics with a target tracking policy (aws autoscaling put-scaling-policy --policy-type TargetTrackingScaling), or give latency and utilisation alarms a Lambda or EC2 action",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &CLOUDWATCH_PERFORMANCE_ALARM_ACTION;
    vec![across_regions(
        check,
        ctx.snapshot,
        &ctx.snapshot.cloudwatch,
        |region| &region.alarms,
        |alarm: &Alarm| alarm.acts() && alarm.performance_metric().is_some(),
        |alarm| {
            format!(
                "{} on {}",
                alarm.name,
                alarm.performance_metric().unwrap_or_default()
            )
        },
        Looked {
            what: "performance alarm(s) that act",
            none: "no alarm on a performance metric scales or runs a remediation",
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
    fn acting_performance_alarm_passes_others_are_no_evidence_unlisted_not_evaluated() {
        let mut snap = snapshot();
        let mut recover = alarm("web-recover", "AWS/EC2", "StatusCheckFailed_System");
        recover.alarm_actions = vec!["arn:aws:automate:us-east-1:ec2:recover".into()];
        let mut notify = alarm("slow", "AWS/ApplicationELB", "TargetResponseTime");
        notify.alarm_actions = vec!["arn:aws:sns:us-east-1:123456789012:ops".into()];
        cloudwatch(&mut snap).alarms = Fetched::Ok(vec![recover.clone(), notify.clone()]);
        assert_eq!(
            statuses(&run(&CLOUDWATCH_PERFORMANCE_ALARM_ACTION, &snap)),
            expect(&[(ACCOUNT, NoEvidence)])
        );

        let mut scale = alarm("TargetTracking-web-AlarmHigh", "AWS/EC2", "CPUUtilization");
        scale.alarm_actions =
            vec!["arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:x".into()];
        cloudwatch(&mut snap).alarms = Fetched::Ok(vec![recover, notify, scale]);
        let findings = run(&CLOUDWATCH_PERFORMANCE_ALARM_ACTION, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "1 performance alarm(s) that act: TargetTracking-web-AlarmHigh on CPUUtilization (us-east-1)"
        );

        cloudwatch(&mut snap).alarms = Fetched::Failed(denied("DescribeAlarms"));
        assert_eq!(
            statuses(&run(&CLOUDWATCH_PERFORMANCE_ALARM_ACTION, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
