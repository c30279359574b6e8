use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;
use crate::security::cis_alarms::alarmed_metric_filter;

declare_check! {
    /// ## What it does
    /// Checks (CIS AWS Foundations 4.3) that, in some scanned region, a CloudWatch Logs metric filter
    /// counts uses of the root user (`$.userIdentity.type = "Root"`) and a CloudWatch alarm watches
    /// the metric it publishes. One finding for the account.
    ///
    /// ## Why is this bad?
    /// The root user can do anything, including closing the account, and should almost never sign in.
    /// A use of it that nobody is told about is either an emergency nobody knows of or an attacker.
    ///
    /// ## Example
    /// No filter pattern mentions `userIdentity.type = "Root"`. Fix: on the log group CloudTrail
    /// delivers to, `aws logs put-metric-filter` with the CIS pattern, then `put-metric-alarm` on its
    /// metric with an SNS action.
    ///
    /// ## Not evaluated when
    /// No region has the filter and its alarm, and some region's metric filters or alarms could not
    /// be read.
    pub CLOUDWATCH_ROOT_USAGE_ALARM = "cloudwatch_root_usage_alarm",
    pillar: Pillar::Security,
    service: Service::Cloudwatch,
    severity: Severity::Medium,
    best_practices: &[direct("SEC01-BP02")],
    since: "0.3.0",
    title: "An alarm fires when the root user is used",
    remediation: "aws logs put-metric-filter --log-group-name CLOUDTRAIL_LOG_GROUP --filter-name root-usage --filter-pattern '{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }' --metric-transformations metricName=RootUsage,metricNamespace=CIS,metricValue=1; then aws cloudwatch put-metric-alarm on CIS/RootUsage with an SNS action",
    evaluate: evaluate,
}

/// Fragments of the filter pattern, whitespace removed, any of which marks the filter.
const PATTERNS: &[&str] = &["$.userIdentity.type=\"Root\""];

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &CLOUDWATCH_ROOT_USAGE_ALARM;
    let account = ctx.snapshot.account_resource("global");
    vec![alarmed_metric_filter(ctx, PATTERNS)
        .map(|found| match found {
            Some((filter, alarm)) => check.pass(
                &account,
                format!("root user activity: metric filter {filter} with alarm {alarm}"),
            ),
            None => check.fail(
                &account,
                "no metric filter with an alarm for root user activity",
            ),
        })
        .unwrap_or_else(|why| check.not_evaluated(&account, why))]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    #[test]
    fn filter_with_alarm_passes_without_fails_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        cloudwatch(&mut snap).metric_filters = Fetched::Ok(vec![metric_filter(
            "cis",
            r#"{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS }"#,
            "CIS",
            "Events",
        )]);
        assert_eq!(
            statuses(&run(&CLOUDWATCH_ROOT_USAGE_ALARM, &snap)),
            expect(&[(ACCOUNT, Fail)])
        );
        cloudwatch(&mut snap).alarms = Fetched::Ok(vec![alarm("cis-alarm", "CIS", "Events")]);
        let findings = run(&CLOUDWATCH_ROOT_USAGE_ALARM, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "root user activity: metric filter cis with alarm cis-alarm"
        );
        cloudwatch(&mut snap).metric_filters = Fetched::Failed(denied("DescribeMetricFilters"));
        assert_eq!(
            statuses(&run(&CLOUDWATCH_ROOT_USAGE_ALARM, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
