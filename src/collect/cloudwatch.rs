//! CloudWatch, per region: the metric and composite alarms (paginated), and CloudWatch Logs' metric
//! filters (paginated), concurrently.

use std::collections::BTreeMap;

use futures::future::join_all;
use wascan_checks::model::cloudwatch::*;
use wascan_checks::model::CloudWatchRegion;

use super::calls::{Call, Ctx};

const CLOUDWATCH: &str = "cloudwatch";
const LOGS: &str = "logs";

fn clients(
    ctx: &Ctx,
    region: &str,
) -> (aws_sdk_cloudwatch::Client, aws_sdk_cloudwatchlogs::Client) {
    let config = ctx.config_for(region);
    let cloudwatch = aws_sdk_cloudwatch::config::Builder::from(&config)
        .interceptor(ctx.calls.clone())
        .build();
    let logs = aws_sdk_cloudwatchlogs::config::Builder::from(&config)
        .interceptor(ctx.calls.clone())
        .build();
    (
        aws_sdk_cloudwatch::Client::from_conf(cloudwatch),
        aws_sdk_cloudwatchlogs::Client::from_conf(logs),
    )
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, CloudWatchRegion> {
    let per_region = join_all(regions.iter().map(|region| {
        let (cloudwatch, logs) = clients(ctx, region);
        async move { collect_region(ctx, &cloudwatch, &logs, region).await }
    }))
    .await;
    regions.iter().cloned().zip(per_region).collect()
}

pub(crate) async fn collect_region(
    ctx: &Ctx,
    cloudwatch: &aws_sdk_cloudwatch::Client,
    logs: &aws_sdk_cloudwatchlogs::Client,
    region: &str,
) -> CloudWatchRegion {
    let (alarms, metric_filters) = futures::join!(
        ctx.pages(
            Call::new(CLOUDWATCH, "DescribeAlarms").region(region),
            cloudwatch
                .describe_alarms()
                .alarm_types(aws_sdk_cloudwatch::types::AlarmType::MetricAlarm)
                .alarm_types(aws_sdk_cloudwatch::types::AlarmType::CompositeAlarm)
                .into_paginator()
                .send(),
            |page| {
                let metric = page.metric_alarms().iter().map(|alarm| {
                    let math = alarm.metrics();
                    Alarm {
                        arn: alarm.alarm_arn().unwrap_or_default().to_string(),
                        region: region.to_string(),
                        name: alarm.alarm_name().unwrap_or_default().to_string(),
                        composite: false,
                        state: alarm
                            .state_value()
                            .map(|s| s.as_str().to_string())
                            .unwrap_or_default(),
                        actions_enabled: alarm.actions_enabled().unwrap_or(false),
                        alarm_actions: alarm.alarm_actions().to_vec(),
                        namespace: alarm.namespace().map(str::to_string),
                        metric_name: alarm.metric_name().map(str::to_string),
                        dimensions: alarm
                            .dimensions()
                            .iter()
                            .chain(
                                math.iter()
                                    .filter_map(|m| m.metric_stat())
                                    .filter_map(|s| s.metric())
                                    .flat_map(|m| m.dimensions()),
                            )
                            .map(|d| {
                                (
                                    d.name().unwrap_or_default().to_string(),
                                    d.value().unwrap_or_default().to_string(),
                                )
                            })
                            .collect(),
                        math_metrics: math
                            .iter()
                            .filter_map(|m| m.metric_stat())
                            .filter_map(|s| s.metric())
                            .map(|m| {
                                (
                                    m.namespace().unwrap_or_default().to_string(),
                                    m.metric_name().unwrap_or_default().to_string(),
                                )
                            })
                            .collect(),
                    }
                });
                let composite = page.composite_alarms().iter().map(|alarm| Alarm {
                    arn: alarm.alarm_arn().unwrap_or_default().to_string(),
                    region: region.to_string(),
                    name: alarm.alarm_name().unwrap_or_default().to_string(),
                    composite: true,
                    state: alarm
                        .state_value()
                        .map(|s| s.as_str().to_string())
                        .unwrap_or_default(),
                    actions_enabled: alarm.actions_enabled().unwrap_or(false),
                    alarm_actions: alarm.alarm_actions().to_vec(),
                    namespace: None,
                    metric_name: None,
                    dimensions: Vec::new(),
                    math_metrics: Vec::new(),
                });
                metric.chain(composite).collect()
            },
        ),
        ctx.pages(
            Call::new(LOGS, "DescribeMetricFilters").region(region),
            logs.describe_metric_filters().into_paginator().send(),
            |page| {
                page.metric_filters()
                    .iter()
                    .map(|filter| MetricFilter {
                        name: filter.filter_name().unwrap_or_default().to_string(),
                        log_group: filter.log_group_name().unwrap_or_default().to_string(),
                        pattern: filter.filter_pattern().unwrap_or_default().to_string(),
                        metrics: filter
                            .metric_transformations()
                            .iter()
                            .map(|t| {
                                (
                                    t.metric_namespace().to_string(),
                                    t.metric_name().to_string(),
                                )
                            })
                            .collect(),
                    })
                    .collect()
            },
        ),
    );
    CloudWatchRegion {
        alarms: alarms.into(),
        metric_filters: metric_filters.into(),
    }
}
