use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::cloudwatch::Alarm;
use crate::model::{Known, Service};
use crate::presence::{from_found, Looked};

/// `(namespace, metric)` of the signals that say users are losing the workload: unhealthy
/// targets, server errors, failed health and status checks, failed canaries.
const AVAILABILITY_SIGNALS: &[(&str, &str)] = &[
    ("AWS/ApplicationELB", "UnHealthyHostCount"),
    ("AWS/ApplicationELB", "HealthyHostCount"),
    ("AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count"),
    ("AWS/ApplicationELB", "HTTPCode_Target_5XX_Count"),
    ("AWS/NetworkELB", "UnHealthyHostCount"),
    ("AWS/NetworkELB", "HealthyHostCount"),
    ("AWS/ELB", "UnHealthyHostCount"),
    ("AWS/ELB", "HealthyHostCount"),
    ("AWS/ELB", "HTTPCode_ELB_5XX"),
    ("AWS/Route53", "HealthCheckStatus"),
    ("AWS/Route53", "HealthCheckPercentageHealthy"),
    ("AWS/EC2", "StatusCheckFailed"),
    ("AWS/EC2", "StatusCheckFailed_Instance"),
    ("AWS/EC2", "StatusCheckFailed_System"),
    ("AWS/ApiGateway", "5XXError"),
    ("AWS/Lambda", "Errors"),
    ("AWS/CloudFront", "5xxErrorRate"),
    ("CloudWatchSynthetics", "SuccessPercent"),
];

/// An action that reaches people: an SNS topic, or an Incident Manager response plan (which
/// engages its contacts) or an OpsItem.
fn notifies(action: &str) -> bool {
    let service = action.split(':').nth(2).unwrap_or_default();
    service == "sns"
        || service == "ssm-incidents"
        || (service == "ssm" && action.contains(":opsitem:"))
}

fn watches_availability(alarm: &Alarm) -> Option<&'static str> {
    AVAILABILITY_SIGNALS
        .iter()
        .find(|(namespace, metric)| alarm.watches(namespace, metric))
        .map(|(_, metric)| *metric)
}

declare_check! {
    /// ## What it does
    /// Checks that the CloudWatch alarms on availability signals (unhealthy load-balancer
    /// targets, 5xx errors, failed Route 53 health checks and EC2 status checks, Lambda errors,
    /// failed canaries) notify someone when they fire: an enabled action to an SNS topic, an
    /// Incident Manager response plan or an OpsItem. One finding per such alarm. When the
    /// account has no alarm on any of these signals, one account finding: "no evidence found".
    ///
    /// ## Why is this bad?
    /// Automated healing (an EC2 recover action, an Auto Scaling replacement) hides the failure
    /// it heals: without a notification nobody learns that it happened, or that it keeps
    /// happening, until users complain. An alarm that only heals, or only turns red on a
    /// dashboard, informs no one. Teams may alert through other monitoring tools, so an account
    /// with no such alarm at all is "no evidence found", not a failure.
    ///
    /// ## Example
    /// An alarm on `StatusCheckFailed_System` whose only action is
    /// `arn:aws:automate:us-east-1:ec2:recover`. Fix: add the on-call topic: `aws cloudwatch
    /// put-metric-alarm ... --alarm-actions arn:aws:automate:us-east-1:ec2:recover
    /// arn:aws:sns:us-east-1:123456789012:ops-alerts`.
    ///
    /// ## Not evaluated when
    /// The alarms of a region could not be listed (one finding for that region), or the answer
    /// lacked the metric an alarm watches.
    pub CLOUDWATCH_AVAILABILITY_ALARM_NOTIFIES = "cloudwatch_availability_alarm_notifies",
    pillar: Pillar::Reliability,
    service: Service::Cloudwatch,
    severity: Severity::Medium,
    best_practices: &[direct("REL11-BP06")],
    since: "0.4.0",
    title: "Alarms on availability signals notify people when they fire",
    remediation: "Add a notification to every alarm on an availability signal: aws cloudwatch put-metric-alarm ... --alarm-actions EXISTING_ACTIONS arn:aws:sns:REGION:ACCOUNT:TOPIC",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &CLOUDWATCH_AVAILABILITY_ALARM_NOTIFIES;
    let snap = ctx.snapshot;
    let findings = ctx.each_in_regions(
        check,
        &snap.cloudwatch,
        |region| &region.alarms,
        |alarm| {
            // A metric alarm whose answer lacked what it watches could be on any signal.
            if !alarm.composite && alarm.math_metrics.is_empty() {
                if alarm.metric_name.is_none() {
                    return Some(check.not_evaluated(alarm, &alarm.missing("MetricName")));
                }
                if alarm.namespace.is_none() {
                    return Some(check.not_evaluated(alarm, &alarm.missing("Namespace")));
                }
            }
            let signal = watches_availability(alarm)?;
            let name = &alarm.name;
            Some(if !alarm.actions_enabled {
                check.fail(alarm, format!("alarm {name} on {signal} has its actions disabled"))
            } else if alarm.alarm_actions.iter().any(|a| notifies(a)) {
                check.pass(alarm, format!("alarm {name} on {signal} notifies when it fires"))
            } else if alarm.alarm_actions.is_empty() {
                check.fail(alarm, format!("alarm {name} on {signal} notifies nobody"))
            } else {
                check.fail(
                    alarm,
                    format!("alarm {name} on {signal} only acts (no SNS topic or response plan): the failure it handles goes unnoticed"),
                )
            })
        },
    );
    if findings.is_empty() {
        // Every region was read and no alarm watches an availability signal.
        return vec![from_found(
            check,
            snap,
            Vec::new(),
            None,
            Looked {
                what: "availability alarm(s)",
                none: "no CloudWatch alarm watches an availability signal (unhealthy targets, 5xx errors, failed health or status checks)",
            },
        )];
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    #[test]
    fn notifying_passes_healing_only_or_silent_fails_other_metrics_are_ignored() {
        let mut snap = snapshot();
        let mut heal_only = alarm("web-1-recover", "AWS/EC2", "StatusCheckFailed_System");
        heal_only.alarm_actions = vec!["arn:aws:automate:us-east-1:ec2:recover".into()];
        let mut incident = alarm(
            "checkout-errors",
            "AWS/ApplicationELB",
            "HTTPCode_Target_5XX_Count",
        );
        incident.alarm_actions =
            vec!["arn:aws:ssm-incidents::123456789012:response-plan/checkout".into()];
        let mut silent = alarm("api-5xx", "AWS/ApiGateway", "5XXError");
        silent.alarm_actions.clear();
        cloudwatch(&mut snap).alarms = Fetched::Ok(vec![
            alarm("targets", "AWS/ApplicationELB", "UnHealthyHostCount"),
            heal_only,
            incident,
            silent,
            alarm("cpu", "AWS/EC2", "CPUUtilization"),
        ]);
        let findings = run(&CLOUDWATCH_AVAILABILITY_ALARM_NOTIFIES, &snap);
        assert_eq!(
            statuses(&findings),
            expect(&[
                ("targets", Pass),
                ("web-1-recover", Fail),
                ("checkout-errors", Pass),
                ("api-5xx", Fail),
            ])
        );
        assert_eq!(
            findings[1].message,
            "alarm web-1-recover on StatusCheckFailed_System only acts (no SNS topic or response plan): the failure it handles goes unnoticed"
        );
    }

    #[test]
    fn no_availability_alarm_is_no_evidence_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        cloudwatch(&mut snap).alarms = Fetched::Ok(vec![alarm("cpu", "AWS/EC2", "CPUUtilization")]);
        let findings = run(&CLOUDWATCH_AVAILABILITY_ALARM_NOTIFIES, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NoEvidence)]));

        // An alarm whose answer lacked its metric could watch an availability signal.
        let mut unknown = alarm("web-1-recover", "AWS/EC2", "StatusCheckFailed_System");
        unknown.metric_name = None;
        cloudwatch(&mut snap).alarms = Fetched::Ok(vec![unknown]);
        let findings = run(&CLOUDWATCH_AVAILABILITY_ALARM_NOTIFIES, &snap);
        assert_eq!(
            statuses(&findings),
            expect(&[("web-1-recover", NotEvaluated)])
        );
        assert!(
            findings[0].message.contains("MetricName"),
            "{}",
            findings[0].message
        );

        cloudwatch(&mut snap).alarms = Fetched::Failed(denied("DescribeAlarms"));
        assert_eq!(
            statuses(&run(&CLOUDWATCH_AVAILABILITY_ALARM_NOTIFIES, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
