use crate::catalog::Pillar;
use crate::check::{direct, indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::cloudwatch::MetricFilter;
use crate::model::Service;
use crate::presence::{across_regions, Looked};

declare_check! {
    /// ## What it does
    /// Looks for metrics calculated from logs: CloudWatch Logs metric filters that publish a
    /// metric (a count of a log event, a latency read from log fields), in any scanned region.
    /// One finding for the account, naming the filters and the metrics they publish.
    ///
    /// ## Why is this bad?
    /// Raw log lines cannot be alarmed on or graphed; a metric can. Filters that count errors,
    /// timeouts or specific events, or extract latencies, turn what a workload logs into the
    /// measures its alarms and dashboards use. Teams may aggregate logs elsewhere (embedded
    /// metric format, an observability vendor, Contributor Insights), so finding no filter is
    /// "no evidence found", not a failure.
    ///
    /// ## Example
    /// `aws logs describe-metric-filters` lists nothing. Fix: `aws logs put-metric-filter
    /// --log-group-name /app/checkout --filter-name Errors --filter-pattern '{ $.level = "ERROR" }'
    /// --metric-transformations metricName=CheckoutErrors,metricNamespace=Shop,metricValue=1`.
    ///
    /// ## Not evaluated when
    /// No filter was found and the metric filters of some region could not be listed.
    pub CLOUDWATCH_LOG_METRIC_FILTERS = "cloudwatch_log_metric_filters",
    pillar: Pillar::Reliability,
    service: Service::Cloudwatch,
    severity: Severity::Low,
    best_practices: &[direct("REL06-BP02"), indirect("OPS08-BP02")],
    since: "0.5.0",
    title: "Metrics are calculated from logs with metric filters",
    remediation: "Publish metrics from the workload's logs: aws logs put-metric-filter --log-group-name GROUP --filter-name NAME --filter-pattern PATTERN --metric-transformations metricName=NAME,metricNamespace=NS,metricValue=1",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &CLOUDWATCH_LOG_METRIC_FILTERS;
    vec![across_regions(
        check,
        ctx.snapshot,
        &ctx.snapshot.cloudwatch,
        |region| &region.metric_filters,
        |filter: &MetricFilter| !filter.metrics.is_empty(),
        |filter| {
            let metrics: Vec<String> = filter
                .metrics
                .iter()
                .map(|(namespace, name)| format!("{namespace}/{name}"))
                .collect();
            format!(
                "{} on {} -> {}",
                filter.name,
                filter.log_group,
                metrics.join(", ")
            )
        },
        Looked {
            what: "log metric filter(s)",
            none: "no CloudWatch Logs metric filter publishes a metric in the scanned regions",
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
    fn a_filter_that_publishes_a_metric_passes() {
        let mut snap = snapshot();
        cloudwatch(&mut snap).metric_filters = Fetched::Ok(vec![metric_filter(
            "Errors",
            "{ $.level = \"ERROR\" }",
            "Shop",
            "CheckoutErrors",
        )]);
        let findings = run(&CLOUDWATCH_LOG_METRIC_FILTERS, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "1 log metric filter(s): Errors on cloudtrail -> Shop/CheckoutErrors (us-east-1)"
        );
    }

    #[test]
    fn no_filter_is_no_evidence() {
        let mut snap = snapshot();
        cloudwatch(&mut snap).metric_filters = Fetched::Ok(vec![]);
        assert_eq!(
            statuses(&run(&CLOUDWATCH_LOG_METRIC_FILTERS, &snap)),
            expect(&[(ACCOUNT, NoEvidence)])
        );
    }

    #[test]
    fn unlisted_filters_are_not_evaluated() {
        let mut snap = snapshot();
        cloudwatch(&mut snap).metric_filters = Fetched::Failed(denied("DescribeMetricFilters"));
        assert_eq!(
            statuses(&run(&CLOUDWATCH_LOG_METRIC_FILTERS, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
