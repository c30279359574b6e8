//! SNS, per region: the topic ARNs (paginated), then for every topic `GetTopicAttributes`, all
//! concurrent.

use std::collections::BTreeMap;

use aws_sdk_sns::Client;
use futures::future::join_all;
use wascan_checks::model::sns::*;
use wascan_checks::model::{Fetched, SnsRegion};

use super::calls::{Call, Ctx};

const SNS: &str = "sns";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_sns::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, SnsRegion> {
    let per_region = join_all(regions.iter().map(|region| collect_region(ctx, region))).await;
    regions.iter().cloned().zip(per_region).collect()
}

async fn collect_region(ctx: &Ctx, region: &str) -> SnsRegion {
    let sns = client(ctx, region);
    let arns = ctx
        .pages(
            Call::new(SNS, "ListTopics").region(region),
            sns.list_topics().into_paginator().send(),
            // ListTopics lists ARNs only: an entry without one names nothing, and the
            // region's list fails with the recorded gap rather than lose a topic.
            |page| {
                page.topics()
                    .iter()
                    .map(|t| {
                        let at = Call::new(SNS, "ListTopics").region(region);
                        ctx.required_str(at, "TopicArn", t.topic_arn())
                    })
                    .collect::<Vec<_>>()
            },
        )
        .await
        .and_then(|arns| arns.into_iter().collect::<Result<Vec<_>, _>>());
    let topics = match arns {
        Ok(arns) => Fetched::Ok(
            join_all(arns.iter().map(|arn| collect_topic(ctx, &sns, region, arn))).await,
        ),
        Err(gap) => Fetched::Failed(gap),
    };
    SnsRegion { topics }
}

async fn collect_topic(ctx: &Ctx, sns: &Client, region: &str, arn: &str) -> Topic {
    let name = arn.rsplit(':').next().unwrap_or(arn).to_string();
    let attributes = ctx
        .call(
            Call::new(SNS, "GetTopicAttributes")
                .region(region)
                .resource(&name),
            sns.get_topic_attributes().topic_arn(arn).send(),
        )
        .await;
    // No `Policy` attribute: the topic has no access policy (SNS API reference,
    // GetTopicAttributes).
    let policy = attributes
        .as_ref()
        .map(|out| {
            out.attributes()
                .and_then(|a| a.get("Policy"))
                .filter(|p| !p.is_empty())
                .cloned()
        })
        .map_err(Clone::clone)
        .into();
    Topic {
        arn: arn.to_string(),
        region: region.to_string(),
        policy,
        attributes: attributes
            .map(|out| TopicAttributes {
                kms_master_key_id: out
                    .attributes()
                    .and_then(|a| a.get("KmsMasterKeyId"))
                    .filter(|k| !k.is_empty())
                    .cloned(),
                subscriptions_confirmed: out
                    .attributes()
                    .and_then(|a| a.get("SubscriptionsConfirmed"))
                    .and_then(|n| n.parse().ok()),
            })
            .into(),
        name,
    }
}
