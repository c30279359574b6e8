use crate::catalog::Pillar;
use crate::check::{direct, indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::cloudwatch::Alarm;
use crate::model::Service;
use crate::presence::{across_regions, Looked};

declare_check! {
    /// ## What it does
    /// Looks for CloudWatch alarms on service quota usage: alarms on a metric of the `AWS/Usage`
    /// namespace (directly or in metric math, as with the `SERVICE_QUOTA()` function) or on
    /// Trusted Advisor's `AWS/TrustedAdvisor` `ServiceLimitUsage`. One finding for the account.
    ///
    /// ## Why is this bad?
    /// Quotas are hit during growth or a failover, when launching more is the fix: an instance,
    /// IP address or concurrency quota reached then turns a recoverable event into an outage.
    /// An alarm on usage against the quota gives time to request an increase first. Teams may
    /// watch quotas with other tools (the Quota Monitor solution, a third-party tool), so finding
    /// none here is "no evidence found", not a failure.
    ///
    /// ## Example
    /// In the Service Quotas console, a quota's "Create CloudWatch alarm" makes an alarm with
    /// `m1` on `AWS/Usage` `ResourceCount` and the expression `m1/SERVICE_QUOTA(m1)*100`.
    ///
    /// ## Not evaluated when
    /// No such alarm was found and the alarms of some region could not be listed.
    pub CLOUDWATCH_QUOTA_USAGE_ALARM = "cloudwatch_quota_usage_alarm",
    pillar: Pillar::Reliability,
    service: Service::Cloudwatch,
    severity: Severity::Medium,
    best_practices: &[direct("REL01-BP04"), indirect("REL01-BP01")],
    since: "0.4.0",
    title: "Service quota usage is watched by alarms",
    remediation: "Create alarms on quota usage for the quotas the workload depends on (Service Quotas console: Create CloudWatch alarm; or AWS/Usage metrics with SERVICE_QUOTA())",
    evaluate: evaluate,
}

fn watches_quota(alarm: &Alarm) -> bool {
    let on_usage = |namespace: &str, metric: &str| {
        namespace == "AWS/Usage"
            || (namespace == "AWS/TrustedAdvisor" && metric == "ServiceLimitUsage")
    };
    alarm
        .namespace
        .as_deref()
        .zip(alarm.metric_name.as_deref())
        .is_some_and(|(ns, m)| on_usage(ns, m))
        || alarm.math_metrics.iter().any(|(ns, m)| on_usage(ns, m))
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &CLOUDWATCH_QUOTA_USAGE_ALARM;
    vec![across_regions(
        check,
        ctx.snapshot,
        &ctx.snapshot.cloudwatch,
        |region| &region.alarms,
        watches_quota,
        |alarm| alarm.name.clone(),
        Looked {
            what: "alarm(s) on quota usage",
            none: "no alarm watches service quota usage (AWS/Usage)",
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
    fn usage_alarm_passes_none_is_no_evidence_unlisted_not_evaluated() {
        let mut snap = snapshot();
        let cpu = alarm("cpu", "AWS/EC2", "CPUUtilization");
        cloudwatch(&mut snap).alarms = Fetched::Ok(vec![cpu.clone()]);
        assert_eq!(
            statuses(&run(&CLOUDWATCH_QUOTA_USAGE_ALARM, &snap)),
            expect(&[(ACCOUNT, NoEvidence)])
        );

        let mut math = alarm("vcpu-quota", "", "");
        math.namespace = None;
        math.metric_name = None;
        math.math_metrics = vec![("AWS/Usage".into(), "ResourceCount".into())];
        cloudwatch(&mut snap).alarms = Fetched::Ok(vec![cpu, math]);
        let findings = run(&CLOUDWATCH_QUOTA_USAGE_ALARM, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "1 alarm(s) on quota usage: vcpu-quota (us-east-1)"
        );

        cloudwatch(&mut snap).alarms = Fetched::Failed(denied("DescribeAlarms"));
        assert_eq!(
            statuses(&run(&CLOUDWATCH_QUOTA_USAGE_ALARM, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
