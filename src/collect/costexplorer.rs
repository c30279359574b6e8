//! Cost Explorer's cost anomaly detection (global, collected once): the anomaly monitors and the
//! subscriptions that tell someone about the anomalies they find. Neither is paginated by the SDK
//! (`NextPageToken` by hand).

use aws_sdk_costexplorer::Client;
use wascan_checks::model::costexplorer::*;
use wascan_checks::model::Gap;

use super::calls::{Call, Ctx};

const COSTEXPLORER: &str = "costexplorer";
/// The Cost Explorer endpoint is in us-east-1.
const HOME_REGION: &str = "us-east-1";

fn client(ctx: &Ctx) -> Client {
    let config = aws_sdk_costexplorer::config::Builder::from(&ctx.config_for(HOME_REGION))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx) -> CostExplorer {
    let ce = client(ctx);
    let (anomaly_monitors, anomaly_subscriptions) =
        futures::join!(monitors(ctx, &ce), subscriptions(ctx, &ce));
    CostExplorer {
        anomaly_monitors: anomaly_monitors.into(),
        anomaly_subscriptions: anomaly_subscriptions.into(),
    }
}

async fn monitors(ctx: &Ctx, ce: &Client) -> Result<Vec<AnomalyMonitor>, Gap> {
    let mut all = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let page = ctx
            .call(
                Call::new(COSTEXPLORER, "GetAnomalyMonitors"),
                ce.get_anomaly_monitors()
                    .set_next_page_token(token.take())
                    .send(),
            )
            .await?;
        for m in page.anomaly_monitors() {
            all.push(monitor(ctx, m)?);
        }
        match page.next_page_token() {
            Some(next) if !next.is_empty() => token = Some(next.to_string()),
            _ => return Ok(all),
        }
    }
}

async fn subscriptions(ctx: &Ctx, ce: &Client) -> Result<Vec<AnomalySubscription>, Gap> {
    let mut all = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let page = ctx
            .call(
                Call::new(COSTEXPLORER, "GetAnomalySubscriptions"),
                ce.get_anomaly_subscriptions()
                    .set_next_page_token(token.take())
                    .send(),
            )
            .await?;
        for s in page.anomaly_subscriptions() {
            all.push(subscription(ctx, s)?);
        }
        match page.next_page_token() {
            Some(next) if !next.is_empty() => token = Some(next.to_string()),
            _ => return Ok(all),
        }
    }
}

/// A monitor without its ARN or name (a required member: the SDK reads an absent one as "")
/// cannot be named in a finding, nor matched by a subscription: the listing fails with the gap.
fn monitor(
    ctx: &Ctx,
    m: &aws_sdk_costexplorer::types::AnomalyMonitor,
) -> Result<AnomalyMonitor, Gap> {
    let at = Call::new(COSTEXPLORER, "GetAnomalyMonitors");
    let name = ctx.required_str(at, "MonitorName", Some(m.monitor_name()))?;
    Ok(AnomalyMonitor {
        arn: ctx.required_str(at.resource(&name), "MonitorArn", m.monitor_arn())?,
        name,
    })
}

/// A subscription without its ARN or name: the same.
fn subscription(
    ctx: &Ctx,
    s: &aws_sdk_costexplorer::types::AnomalySubscription,
) -> Result<AnomalySubscription, Gap> {
    let at = Call::new(COSTEXPLORER, "GetAnomalySubscriptions");
    let name = ctx.required_str(at, "SubscriptionName", Some(s.subscription_name()))?;
    Ok(AnomalySubscription {
        arn: ctx.required_str(at.resource(&name), "SubscriptionArn", s.subscription_arn())?,
        monitor_arns: s.monitor_arn_list().to_vec(),
        subscribers: s.subscribers().len(),
        name,
    })
}

#[cfg(test)]
mod tests {
    use aws_sdk_costexplorer::operation::get_anomaly_monitors::{
        GetAnomalyMonitorsError, GetAnomalyMonitorsOutput,
    };
    use aws_sdk_costexplorer::operation::get_anomaly_subscriptions::GetAnomalySubscriptionsOutput;
    use aws_sdk_costexplorer::types::{
        AnomalyMonitor as SdkMonitor, AnomalySubscription as SdkSubscription, MonitorType,
        Subscriber, SubscriberType,
    };
    use aws_smithy_mocks::{mock, mock_client, RuleMode};
    use wascan_checks::model::ErrorKind;

    use super::*;
    use crate::collect::tests::test_ctx;

    fn monitor(name: &str) -> Result<SdkMonitor, aws_sdk_costexplorer::error::BuildError> {
        SdkMonitor::builder()
            .monitor_arn(format!("arn:aws:ce::123456789012:anomalymonitor/{name}"))
            .monitor_name(name)
            .monitor_type(MonitorType::Dimensional)
            .build()
    }

    /// Monitors over two pages (the token carried by hand), subscriptions with their monitors
    /// and subscriber count.
    #[tokio::test]
    async fn monitors_are_read_over_pages_and_subscriptions_count_subscribers(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let first = GetAnomalyMonitorsOutput::builder()
            .anomaly_monitors(monitor("services")?)
            .next_page_token("page-2")
            .build()?;
        let second = GetAnomalyMonitorsOutput::builder()
            .anomaly_monitors(monitor("linked-accounts")?)
            .build()?;
        let subscription = SdkSubscription::builder()
            .subscription_arn("arn:aws:ce::123456789012:anomalysubscription/daily")
            .subscription_name("daily")
            .monitor_arn_list("arn:aws:ce::123456789012:anomalymonitor/services")
            .subscribers(
                Subscriber::builder()
                    .address("finops@example.com")
                    .r#type(SubscriberType::Email)
                    .build(),
            )
            .frequency(aws_sdk_costexplorer::types::AnomalySubscriptionFrequency::Daily)
            .build()?;
        let subscription_page = GetAnomalySubscriptionsOutput::builder()
            .anomaly_subscriptions(subscription)
            .build()?;
        let page_one = mock!(Client::get_anomaly_monitors)
            .match_requests(|req| req.next_page_token().is_none())
            .then_output(move || first.clone());
        let page_two = mock!(Client::get_anomaly_monitors)
            .match_requests(|req| req.next_page_token() == Some("page-2"))
            .then_output(move || second.clone());
        let subs =
            mock!(Client::get_anomaly_subscriptions).then_output(move || subscription_page.clone());
        let client = mock_client!(
            aws_sdk_costexplorer,
            RuleMode::MatchAny,
            &[&page_one, &page_two, &subs]
        );
        let ctx = test_ctx();

        let read = monitors(&ctx, &client).await.map_err(|gap| gap.message)?;
        let names: Vec<&str> = read.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["services", "linked-accounts"]);
        let subscribed = subscriptions(&ctx, &client)
            .await
            .map_err(|gap| gap.message)?;
        assert_eq!(subscribed.len(), 1);
        assert_eq!(subscribed[0].name, "daily");
        assert_eq!(
            subscribed[0].monitor_arns,
            ["arn:aws:ce::123456789012:anomalymonitor/services"]
        );
        assert_eq!(subscribed[0].subscribers, 1);
        assert!(ctx.take_errors().is_empty());
        Ok(())
    }

    #[tokio::test]
    async fn a_refused_monitor_listing_is_a_gap() {
        let refused = mock!(Client::get_anomaly_monitors).then_error(|| {
            GetAnomalyMonitorsError::generic(
                aws_smithy_types::error::ErrorMetadata::builder()
                    .code("AccessDeniedException")
                    .message("not allowed")
                    .build(),
            )
        });
        let client = mock_client!(aws_sdk_costexplorer, RuleMode::Sequential, &[&refused]);
        let ctx = test_ctx();

        let gap = monitors(&ctx, &client).await.err();

        assert_eq!(
            gap.map(|g| (g.operation, g.kind)),
            Some(("GetAnomalyMonitors".to_string(), ErrorKind::AccessDenied))
        );
        assert_eq!(ctx.take_errors().len(), 1);
    }

    /// Issue #14: a monitor without its ARN, or a subscription without its name (the SDK reads
    /// an absent required name as ""), became a resource named "".
    #[tokio::test]
    async fn monitors_and_subscriptions_without_their_identity_are_gaps(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let ctx = test_ctx();
        let arnless = SdkMonitor::builder()
            .monitor_name("services")
            .monitor_type(MonitorType::Dimensional)
            .build()?;
        let gap = super::monitor(&ctx, &arnless).expect_err("gap");
        assert_eq!(
            (gap.resource.as_deref(), gap.message.as_str()),
            (Some("services"), "the answer has no MonitorArn")
        );
        let nameless = SdkSubscription::builder()
            .subscription_arn("arn:aws:ce::123456789012:anomalysubscription/daily")
            .subscription_name("")
            .monitor_arn_list("arn:aws:ce::123456789012:anomalymonitor/services")
            .subscribers(
                Subscriber::builder()
                    .address("finops@example.com")
                    .r#type(SubscriberType::Email)
                    .build(),
            )
            .frequency(aws_sdk_costexplorer::types::AnomalySubscriptionFrequency::Daily)
            .build()?;
        let gap = subscription(&ctx, &nameless).expect_err("gap");
        assert_eq!(gap.message, "the answer has no SubscriptionName");
        assert_eq!(ctx.take_errors().len(), 2);
        Ok(())
    }
}
