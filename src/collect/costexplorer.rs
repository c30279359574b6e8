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
