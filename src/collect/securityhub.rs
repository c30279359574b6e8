//! Security Hub, per region: `DescribeHub` (not subscribed is an answer, not a failure).

use std::collections::BTreeMap;

use aws_sdk_securityhub::Client;
use futures::future::join_all;
use wascan_checks::model::securityhub::*;
use wascan_checks::model::SecurityHubRegion;

use super::calls::{Call, Ctx};

const SECURITYHUB: &str = "securityhub";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_securityhub::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, SecurityHubRegion> {
    let per_region = join_all(regions.iter().map(|region| collect_region(ctx, region))).await;
    regions.iter().cloned().zip(per_region).collect()
}

async fn collect_region(ctx: &Ctx, region: &str) -> SecurityHubRegion {
    let securityhub = client(ctx, region);
    let hub = ctx
        .call_or_absent(
            Call::new(SECURITYHUB, "DescribeHub").region(region),
            // "Account ... is not subscribed to AWS Security Hub".
            &["InvalidAccessException"],
            securityhub.describe_hub().send(),
        )
        .await
        .map(|out| {
            out.map(|out| Hub {
                arn: out
                    .hub_arn()
                    .map(str::to_string)
                    .unwrap_or_else(|| ctx.arn(SECURITYHUB, region, "hub/default")),
                subscribed_at: out
                    .subscribed_at()
                    .filter(|s| !s.is_empty())
                    .map(str::to_string),
            })
        });
    SecurityHubRegion { hub: hub.into() }
}
