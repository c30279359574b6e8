//! SQS, per region: the queue URLs (paginated), then for every queue `GetQueueAttributes` (All),
//! all concurrent.

use std::collections::BTreeMap;

use aws_sdk_sqs::types::QueueAttributeName;
use aws_sdk_sqs::Client;
use futures::future::join_all;
use wascan_checks::model::sqs::*;
use wascan_checks::model::{Fetched, SqsRegion};

use super::calls::{Call, Ctx};

const SQS: &str = "sqs";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_sqs::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, SqsRegion> {
    let per_region = join_all(regions.iter().map(|region| collect_region(ctx, region))).await;
    regions.iter().cloned().zip(per_region).collect()
}

async fn collect_region(ctx: &Ctx, region: &str) -> SqsRegion {
    let sqs = client(ctx, region);
    let urls = ctx
        .pages(
            Call::new(SQS, "ListQueues").region(region),
            sqs.list_queues().into_paginator().send(),
            |page| page.queue_urls().to_vec(),
        )
        .await;
    let queues = match urls {
        Ok(urls) => Fetched::Ok(
            join_all(urls.iter().map(|url| collect_queue(ctx, &sqs, region, url))).await,
        ),
        Err(gap) => Fetched::Failed(gap),
    };
    SqsRegion { queues }
}

async fn collect_queue(ctx: &Ctx, sqs: &Client, region: &str, url: &str) -> Queue {
    let name = url.rsplit('/').next().unwrap_or(url).to_string();
    let attributes = ctx
        .call(
            Call::new(SQS, "GetQueueAttributes")
                .region(region)
                .resource(&name),
            sqs.get_queue_attributes()
                .queue_url(url)
                .attribute_names(QueueAttributeName::All)
                .send(),
        )
        .await;
    let get = |key: QueueAttributeName| {
        attributes
            .as_ref()
            .ok()
            .and_then(|out| out.attributes())
            .and_then(|a| a.get(&key))
            .filter(|v| !v.is_empty())
            .cloned()
    };
    let arn = get(QueueAttributeName::QueueArn).unwrap_or_else(|| ctx.arn(SQS, region, &name));
    let parsed = QueueAttributes {
        sqs_managed_sse: get(QueueAttributeName::SqsManagedSseEnabled)
            .is_some_and(|v| v.eq_ignore_ascii_case("true")),
        kms_master_key_id: get(QueueAttributeName::KmsMasterKeyId),
        dead_letter_target_arn: get(QueueAttributeName::RedrivePolicy).and_then(|policy| {
            serde_json::from_str::<serde_json::Value>(&policy)
                .ok()?
                .get("deadLetterTargetArn")?
                .as_str()
                .filter(|arn| !arn.is_empty())
                .map(str::to_string)
        }),
        receive_wait_time_seconds: get(QueueAttributeName::ReceiveMessageWaitTimeSeconds)
            .and_then(|v| v.parse().ok()),
    };
    // No `Policy` attribute: the queue has no policy (SQS API reference, GetQueueAttributes).
    let policy = attributes
        .as_ref()
        .map(|_| get(QueueAttributeName::Policy))
        .map_err(Clone::clone)
        .into();
    Queue {
        arn,
        region: region.to_string(),
        policy,
        url: url.to_string(),
        attributes: attributes.map(|_| parsed).into(),
        name,
    }
}
