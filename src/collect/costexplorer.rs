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
        all.extend(page.anomaly_monitors().iter().map(|m| AnomalyMonitor {
            arn: m.monitor_arn().unwrap_or_default().to_string(),
            name: m.monitor_name().to_string(),
        }));
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
        all.extend(
            page.anomaly_subscriptions()
                .iter()
                .map(|s| AnomalySubscription {
                    arn: s.subscription_arn().unwrap_or_default().to_string(),
                    name: s.subscription_name().to_string(),
                    monitor_arns: s.monitor_arn_list().to_vec(),
                    subscribers: s.subscribers().len(),
                }),
        );
        match page.next_page_token() {
            Some(next) if !next.is_empty() => token = Some(next.to_string()),
            _ => return Ok(all),
        }
    }
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
}
