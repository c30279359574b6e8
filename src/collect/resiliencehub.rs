//! AWS Resilience Hub, per region: `ListApps` (paginated) and `DescribeApp` of each application
//! (the list does not name an application's resiliency policy), and `ListResiliencyPolicies`
//! (paginated). moto 5.2.5 serves all three, so the collector runs end to end against the demo
//! account.

use std::collections::BTreeMap;

use aws_sdk_resiliencehub::Client;
use futures::future::join_all;
use wascan_checks::model::resiliencehub::*;
use wascan_checks::model::{Gap, ResilienceHubRegion};

use super::calls::{Call, Ctx};

const RESILIENCEHUB: &str = "resiliencehub";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_resiliencehub::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, ResilienceHubRegion> {
    let per_region = join_all(regions.iter().map(|region| async move {
        let hub = client(ctx, region);
        let (apps, policies) = futures::join!(apps(ctx, &hub, region), policies(ctx, &hub, region));
        ResilienceHubRegion {
            apps: apps.into(),
            policies: policies.into(),
        }
    }))
    .await;
    regions.iter().cloned().zip(per_region).collect()
}

async fn apps(ctx: &Ctx, hub: &Client, region: &str) -> Result<Vec<ResilienceApp>, Gap> {
    let listed = ctx
        .pages(
            Call::new(RESILIENCEHUB, "ListApps").region(region),
            hub.list_apps().into_paginator().send(),
            |page| {
                page.app_summaries()
                    .iter()
                    .map(|app| (app.app_arn().to_string(), app.name().to_string()))
                    .collect()
            },
        )
        .await?;
    ctx.per_resource(listed.into_iter().map(|(arn, name)| async move {
        let at = Call::new(RESILIENCEHUB, "DescribeApp")
            .region(region)
            .resource(&name);
        let out = ctx
            .call(at, hub.describe_app().app_arn(&arn).send())
            .await?;
        let app = ctx.required(at, "app", out.app())?;
        Ok(ResilienceApp {
            policy_arn: app
                .policy_arn()
                .filter(|p| !p.is_empty())
                .map(str::to_string),
            arn,
            name,
        })
    }))
    .await
    .into_iter()
    .collect()
}

async fn policies(ctx: &Ctx, hub: &Client, region: &str) -> Result<Vec<ResiliencyPolicy>, Gap> {
    let at = Call::new(RESILIENCEHUB, "ListResiliencyPolicies").region(region);
    let listed = ctx
        .pages(
            at,
            hub.list_resiliency_policies().into_paginator().send(),
            |page| page.resiliency_policies().to_vec(),
        )
        .await?;
    listed
        .iter()
        .map(|policy| {
            let mut objectives: Vec<RecoveryObjective> = policy
                .policy()
                .into_iter()
                .flatten()
                .map(|(disruption, failure)| RecoveryObjective {
                    disruption: disruption.as_str().to_string(),
                    rto_seconds: failure.rto_in_secs(),
                    rpo_seconds: failure.rpo_in_secs(),
                })
                .collect();
            objectives.sort_by(|a, b| a.disruption.cmp(&b.disruption));
            Ok(ResiliencyPolicy {
                // The ARN is what an application names its policy by.
                arn: ctx.required_str(at, "policyArn", policy.policy_arn())?,
                name: policy.policy_name().map(str::to_string),
                tier: policy.tier().map(|t| t.as_str().to_string()),
                objectives,
            })
        })
        .collect()
}
