//! CloudWatch, per region: the metric and composite alarms (paginated), and CloudWatch Logs' metric
//! filters (paginated), concurrently.

use std::collections::BTreeMap;

use futures::future::join_all;
use wascan_checks::model::cloudwatch::*;
use wascan_checks::model::{CloudWatchRegion, Gap};

use super::calls::{every, Call, Ctx};

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
    let alarms = ctx
        .pages(
            Call::new(CLOUDWATCH, "DescribeAlarms").region(region),
            cloudwatch
                .describe_alarms()
                .alarm_types(aws_sdk_cloudwatch::types::AlarmType::MetricAlarm)
                .alarm_types(aws_sdk_cloudwatch::types::AlarmType::CompositeAlarm)
                .into_paginator()
                .send(),
            |page| {
                let metric = page
                    .metric_alarms()
                    .iter()
                    .map(|alarm| metric_alarm(ctx, region, alarm));
                let composite = page
                    .composite_alarms()
                    .iter()
                    .map(|alarm| composite_alarm(ctx, region, alarm));
                metric.chain(composite).collect::<Vec<_>>()
            },
        )
        .await;
    every(alarms)
}

/// What every alarm must say: its name, ARN and whether its actions are enabled (always sent,
/// true or false). Without them the alarm could not be named ("" before), or read as having its
/// actions disabled: the region's list fails with the gap.
fn identity(
    ctx: &Ctx,
    region: &str,
    name: Option<&str>,
    arn: Option<&str>,
    actions_enabled: Option<bool>,
) -> Result<(String, String, bool), Gap> {
    let at = Call::new(CLOUDWATCH, "DescribeAlarms").region(region);
    let name = ctx.required_str(at, "AlarmName", name)?;
    let at = at.resource(&name);
    let arn = ctx.required_str(at, "AlarmArn", arn)?;
    let enabled = ctx.required(at, "ActionsEnabled", actions_enabled)?;
    Ok((name, arn, enabled))
}

fn metric_alarm(
    ctx: &Ctx,
    region: &str,
    alarm: &aws_sdk_cloudwatch::types::MetricAlarm,
) -> Result<Alarm, Gap> {
    let (name, arn, actions_enabled) = identity(
        ctx,
        region,
        alarm.alarm_name(),
        alarm.alarm_arn(),
        alarm.actions_enabled(),
    )?;
    let at = Call::new(CLOUDWATCH, "DescribeAlarms")
        .region(region)
        .resource(&name);
    let math: Vec<&aws_sdk_cloudwatch::types::Metric> = alarm
        .metrics()
        .iter()
        .filter_map(|m| m.metric_stat())
        .filter_map(|s| s.metric())
        .collect();
    // A dimension or a metric without its name would match no resource: the alarm would be
    // missed by cloudwatch_resource_alarms and the like.
    let dimensions = alarm
        .dimensions()
        .iter()
        .chain(math.iter().flat_map(|m| m.dimensions()))
        .map(|d| {
            Ok((
                ctx.required_str(at, "Dimensions.Name", d.name())?,
                ctx.required_str(at, "Dimensions.Value", d.value())?,
            ))
        })
        .collect::<Result<Vec<_>, Gap>>()?;
    let math_metrics = math
        .iter()
        .map(|m| {
            Ok((
                ctx.required_str(at, "Metrics.MetricStat.Metric.Namespace", m.namespace())?,
                ctx.required_str(at, "Metrics.MetricStat.Metric.MetricName", m.metric_name())?,
            ))
        })
        .collect::<Result<Vec<_>, Gap>>()?;
    Ok(Alarm {
        arn,
        region: region.to_string(),
        name,
        composite: false,
        state: alarm.state_value().map(|s| s.as_str().to_string()),
        actions_enabled,
        alarm_actions: alarm.alarm_actions().to_vec(),
        namespace: alarm.namespace().map(str::to_string),
        metric_name: alarm.metric_name().map(str::to_string),
        dimensions,
        math_metrics,
    })
}

fn composite_alarm(
    ctx: &Ctx,
    region: &str,
    alarm: &aws_sdk_cloudwatch::types::CompositeAlarm,
) -> Result<Alarm, Gap> {
    let (name, arn, actions_enabled) = identity(
        ctx,
        region,
        alarm.alarm_name(),
        alarm.alarm_arn(),
        alarm.actions_enabled(),
    )?;
    Ok(Alarm {
        arn,
        region: region.to_string(),
        name,
        composite: true,
        state: alarm.state_value().map(|s| s.as_str().to_string()),
        actions_enabled,
        alarm_actions: alarm.alarm_actions().to_vec(),
        namespace: None,
        metric_name: None,
        dimensions: Vec::new(),
        math_metrics: Vec::new(),
    })
}

/// The region's CloudWatch Logs metric filters.
async fn metric_filters(
    ctx: &Ctx,
    logs: &aws_sdk_cloudwatchlogs::Client,
    region: &str,
) -> Result<Vec<MetricFilter>, Gap> {
    let filters = ctx
        .pages(
            Call::new(LOGS, "DescribeMetricFilters").region(region),
            logs.describe_metric_filters().into_paginator().send(),
            |page| {
                page.metric_filters()
                    .iter()
                    .map(|filter| metric_filter(ctx, region, filter))
                    .collect::<Vec<_>>()
            },
        )
        .await;
    every(filters)
}

/// A metric filter without its name, log group or pattern (all required by PutMetricFilter, so
/// always in the answer) was read with "" for them: a CIS alarm check could not match it, or
/// quoted a filter named "". The pattern may be empty (it then matches every event).
fn metric_filter(
    ctx: &Ctx,
    region: &str,
    filter: &aws_sdk_cloudwatchlogs::types::MetricFilter,
) -> Result<MetricFilter, Gap> {
    let at = Call::new(LOGS, "DescribeMetricFilters").region(region);
    let name = ctx.required_str(at, "filterName", filter.filter_name())?;
    let at = at.resource(&name);
    Ok(MetricFilter {
        log_group: ctx.required_str(at, "logGroupName", filter.log_group_name())?,
        pattern: ctx
            .required(at, "filterPattern", filter.filter_pattern())?
            .to_string(),
        // Required members: the SDK reads an absent one as "", which no alarm watches.
        metrics: filter
            .metric_transformations()
            .iter()
            .map(|t| {
                Ok((
                    ctx.required_str(
                        at,
                        "metricTransformations.metricNamespace",
                        Some(t.metric_namespace()),
                    )?,
                    ctx.required_str(
                        at,
                        "metricTransformations.metricName",
                        Some(t.metric_name()),
                    )?,
                ))
            })
            .collect::<Result<Vec<_>, Gap>>()?,
        name,
    })
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

    /// Issue #14: an alarm without its name or ARN became one named "", and one without
    /// ActionsEnabled read as disabled; a dimension without its value matched nothing.
    #[tokio::test]
    async fn an_alarm_without_its_name_arn_or_actions_flag_is_a_gap() {
        let arn = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:web";
        let cases = [
            (
                MetricAlarm::builder()
                    .alarm_arn(arn)
                    .actions_enabled(true)
                    .build(),
                "None the answer has no AlarmName",
            ),
            (
                MetricAlarm::builder()
                    .alarm_name("web")
                    .actions_enabled(true)
                    .build(),
                "Some(\"web\") the answer has no AlarmArn",
            ),
            (
                MetricAlarm::builder()
                    .alarm_name("web")
                    .alarm_arn(arn)
                    .build(),
                "Some(\"web\") the answer has no ActionsEnabled",
            ),
            (
                MetricAlarm::builder()
                    .alarm_name("web")
                    .alarm_arn(arn)
                    .actions_enabled(true)
                    .dimensions(Dimension::builder().name("InstanceId").build())
                    .build(),
                "Some(\"web\") the answer has no Dimensions.Value",
            ),
        ];
        for (alarm, expected) in cases {
            let describe = mock!(Client::describe_alarms).then_output(move || {
                DescribeAlarmsOutput::builder()
                    .metric_alarms(alarm.clone())
                    .build()
            });
            let client = mock_client!(aws_sdk_cloudwatch, RuleMode::Sequential, &[&describe]);
            let ctx = test_ctx();
            let gap = alarms(&ctx, &client, "us-east-1").await.expect_err("gap");
            assert_eq!(format!("{:?} {}", gap.resource, gap.message), expected);
            assert_eq!(ctx.take_errors().len(), 1);
        }
        let composite = mock!(Client::describe_alarms).then_output(|| {
            DescribeAlarmsOutput::builder()
                .composite_alarms(CompositeAlarm::builder().alarm_name("shop").build())
                .build()
        });
        let client = mock_client!(aws_sdk_cloudwatch, RuleMode::Sequential, &[&composite]);
        let gap = alarms(&test_ctx(), &client, "us-east-1")
            .await
            .expect_err("gap");
        assert_eq!(gap.message, "the answer has no AlarmArn");
    }

    /// Issue #14: a metric filter without its pattern read as "", which no CIS alarm matches.
    #[test]
    fn a_metric_filter_without_its_pattern_is_a_gap() {
        use aws_sdk_cloudwatchlogs::types::MetricFilter as SdkFilter;
        let ctx = test_ctx();
        let full = SdkFilter::builder()
            .filter_name("root")
            .log_group_name("trail")
            .filter_pattern("")
            .build();
        assert_eq!(
            metric_filter(&ctx, "us-east-1", &full)
                .expect("complete")
                .pattern,
            ""
        );
        let no_pattern = SdkFilter::builder()
            .filter_name("root")
            .log_group_name("trail")
            .build();
        let gap = metric_filter(&ctx, "us-east-1", &no_pattern).expect_err("gap");
        assert_eq!(gap.message, "the answer has no filterPattern");
        assert_eq!(ctx.take_errors().len(), 1);
    }
}
