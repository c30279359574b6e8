//! CloudWatch, per region: the metric and composite alarms (paginated), and CloudWatch Logs' metric
//! filters (paginated), concurrently.

use std::collections::BTreeMap;

use futures::future::join_all;
use wascan_checks::model::cloudwatch::*;
use wascan_checks::model::{CloudWatchRegion, Gap};

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

async fn collect_region(
    ctx: &Ctx,
    cloudwatch: &aws_sdk_cloudwatch::Client,
    logs: &aws_sdk_cloudwatchlogs::Client,
    region: &str,
) -> CloudWatchRegion {
    let (alarms, metric_filters) = futures::join!(
        alarms(ctx, cloudwatch, region),
        metric_filters(ctx, logs, region)
    );
    CloudWatchRegion {
        alarms: alarms.into(),
        metric_filters: metric_filters.into(),
    }
}

/// The region's metric and composite alarms.
async fn alarms(
    ctx: &Ctx,
    cloudwatch: &aws_sdk_cloudwatch::Client,
    region: &str,
) -> Result<Vec<Alarm>, Gap> {
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
                    state: alarm.state_value().map(|s| s.as_str().to_string()),
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
                state: alarm.state_value().map(|s| s.as_str().to_string()),
                actions_enabled: alarm.actions_enabled().unwrap_or(false),
                alarm_actions: alarm.alarm_actions().to_vec(),
                namespace: None,
                metric_name: None,
                dimensions: Vec::new(),
                math_metrics: Vec::new(),
            });
            metric.chain(composite).collect()
        },
    )
    .await
}

/// The region's CloudWatch Logs metric filters.
async fn metric_filters(
    ctx: &Ctx,
    logs: &aws_sdk_cloudwatchlogs::Client,
    region: &str,
) -> Result<Vec<MetricFilter>, Gap> {
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
    )
    .await
}

#[cfg(test)]
mod tests {
    //! moto does not speak the CBOR protocol the SDK uses for CloudWatch: recorded responses.

    use aws_sdk_cloudwatch::types::{
        AlarmType, CompositeAlarm, Dimension, MetricAlarm, StateValue,
    };
    use aws_sdk_cloudwatch::{operation::describe_alarms::DescribeAlarmsOutput, Client};
    use aws_smithy_mocks::{mock, mock_client, RuleMode};
    use wascan_checks::model::ErrorKind;

    use super::*;
    use crate::collect::tests::test_ctx;

    #[tokio::test]
    async fn metric_and_composite_alarms_are_read_with_their_actions_and_dimensions(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let describe = mock!(Client::describe_alarms)
            .match_requests(|req| {
                req.alarm_types() == [AlarmType::MetricAlarm, AlarmType::CompositeAlarm].as_slice()
            })
            .then_output(|| {
                DescribeAlarmsOutput::builder()
                    .metric_alarms(
                        MetricAlarm::builder()
                            .alarm_name("web-status")
                            .alarm_arn("arn:aws:cloudwatch:us-east-1:123456789012:alarm:web-status")
                            .state_value(StateValue::Ok)
                            .actions_enabled(true)
                            .alarm_actions("arn:aws:sns:us-east-1:123456789012:ops")
                            .namespace("AWS/EC2")
                            .metric_name("StatusCheckFailed")
                            .dimensions(
                                Dimension::builder().name("InstanceId").value("i-1").build(),
                            )
                            .build(),
                    )
                    .composite_alarms(
                        CompositeAlarm::builder()
                            .alarm_name("shop-down")
                            .alarm_arn("arn:aws:cloudwatch:us-east-1:123456789012:alarm:shop-down")
                            .state_value(StateValue::InsufficientData)
                            .actions_enabled(false)
                            .build(),
                    )
                    .build()
            });
        let client = mock_client!(aws_sdk_cloudwatch, RuleMode::Sequential, &[&describe]);

        let alarms = alarms(&test_ctx(), &client, "us-east-1")
            .await
            .map_err(|gap| gap.to_string())?;

        assert_eq!(alarms.len(), 2);
        let status = &alarms[0];
        assert_eq!(status.name, "web-status");
        assert!(!status.composite);
        assert_eq!(status.state.as_deref(), Some("OK"));
        assert!(status.actions_enabled);
        assert_eq!(
            status.alarm_actions,
            ["arn:aws:sns:us-east-1:123456789012:ops"]
        );
        assert!(status.watches("AWS/EC2", "StatusCheckFailed"));
        assert_eq!(
            status.dimensions,
            [("InstanceId".to_string(), "i-1".to_string())]
        );
        let composite = &alarms[1];
        assert!(composite.composite);
        assert_eq!(composite.state.as_deref(), Some("INSUFFICIENT_DATA"));
        assert!(!composite.actions_enabled && composite.alarm_actions.is_empty());
        Ok(())
    }

    #[tokio::test]
    async fn a_refused_describe_alarms_is_a_gap() {
        let describe = mock!(Client::describe_alarms).then_error(|| {
            aws_sdk_cloudwatch::operation::describe_alarms::DescribeAlarmsError::generic(
                aws_smithy_types::error::ErrorMetadata::builder()
                    .code("AccessDenied")
                    .message("not allowed")
                    .build(),
            )
        });
        let client = mock_client!(aws_sdk_cloudwatch, RuleMode::Sequential, &[&describe]);
        let ctx = test_ctx();

        let gap = alarms(&ctx, &client, "us-east-1").await.err();

        assert_eq!(
            gap.map(|g| (g.operation, g.kind)),
            Some(("DescribeAlarms".to_string(), ErrorKind::AccessDenied))
        );
        assert_eq!(ctx.take_errors().len(), 1);
    }
}
