use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;
use crate::security::cis_alarms::alarmed_metric_filter;

declare_check! {
    /// ## What it does
    /// Checks (CIS AWS Foundations 4.1) that, in some scanned region, a CloudWatch Logs metric filter
    /// counts API calls refused as unauthorized (`UnauthorizedOperation`, `AccessDenied`) and a
    /// CloudWatch alarm watches the metric it publishes. One finding for the account.
    ///
    /// ## Why is this bad?
    /// A burst of refused calls is what an attacker probing stolen credentials looks like, or an
    /// application losing a permission it needs. Either way, someone should hear of it.
    ///
    /// ## Example
    /// No filter pattern mentions `UnauthorizedOperation` or `AccessDenied`. Fix: on the CloudTrail log
    /// group, `aws logs put-metric-filter` with the CIS pattern, then `put-metric-alarm` on its metric.
    ///
    /// ## Not evaluated when
    /// No region has the filter and its alarm, and some region's metric filters or alarms could not
    /// be read.
    pub CLOUDWATCH_UNAUTHORIZED_API_ALARM = "cloudwatch_unauthorized_api_alarm",
    pillar: Pillar::Security,
    service: Service::Cloudwatch,
    severity: Severity::Medium,
    best_practices: &[indirect("SEC04-BP03")],
    since: "0.3.0",
    title: "An alarm fires on unauthorized API calls",
    remediation: "aws logs put-metric-filter --log-group-name CLOUDTRAIL_LOG_GROUP --filter-name unauthorized --filter-pattern '{ ($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied*\") }' --metric-transformations metricName=UnauthorizedCalls,metricNamespace=CIS,metricValue=1; then aws cloudwatch put-metric-alarm with an SNS action",
    evaluate: evaluate,
}

/// Fragments of the filter pattern, whitespace removed, any of which marks the filter.
const PATTERNS: &[&str] = &["UnauthorizedOperation", "AccessDenied"];

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &CLOUDWATCH_UNAUTHORIZED_API_ALARM;
    let account = ctx.snapshot.account_resource("global");
    vec![alarmed_metric_filter(ctx, PATTERNS)
        .map(|found| match found {
            Some((filter, alarm)) => check.pass(
                &account,
                format!("unauthorized API calls: metric filter {filter} with alarm {alarm}"),
            ),
            None => check.fail(
                &account,
                "no metric filter with an alarm for unauthorized API calls",
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
            r#"{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }"#,
            "CIS",
            "Events",
        )]);
        assert_eq!(
            statuses(&run(&CLOUDWATCH_UNAUTHORIZED_API_ALARM, &snap)),
            expect(&[(ACCOUNT, Fail)])
        );
        cloudwatch(&mut snap).alarms = Fetched::Ok(vec![alarm("cis-alarm", "CIS", "Events")]);
        let findings = run(&CLOUDWATCH_UNAUTHORIZED_API_ALARM, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "unauthorized API calls: metric filter cis with alarm cis-alarm"
        );
        cloudwatch(&mut snap).metric_filters = Fetched::Failed(denied("DescribeMetricFilters"));
        assert_eq!(
            statuses(&run(&CLOUDWATCH_UNAUTHORIZED_API_ALARM, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
