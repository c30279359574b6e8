//! KMS, per region: the keys and aliases (paginated, concurrent), then for every key `DescribeKey`
//! and, where automatic rotation applies, `GetKeyRotationStatus`.

use std::collections::BTreeMap;

use aws_sdk_kms::Client;
use futures::future::join_all;
use wascan_checks::model::kms::*;
use wascan_checks::model::{Fetched, KmsRegion};

use super::calls::{Call, Ctx};
use crate::convert::to_offset;

const KMS: &str = "kms";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_kms::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, KmsRegion> {
    let per_region = join_all(regions.iter().map(|region| collect_region(ctx, region))).await;
    regions.iter().cloned().zip(per_region).collect()
}

async fn collect_region(ctx: &Ctx, region: &str) -> KmsRegion {
    let kms = client(ctx, region);
    let at = |operation| Call::new(KMS, operation).region(region);
    let (keys, aliases) = futures::join!(
        ctx.pages(
            at("ListKeys"),
            kms.list_keys().into_paginator().send(),
            |page| page
                .keys()
                .iter()
                .filter_map(|k| Some((k.key_id()?.to_string(), k.key_arn().map(str::to_string))))
                .collect(),
        ),
        ctx.pages(
            at("ListAliases"),
            kms.list_aliases().into_paginator().send(),
            |page| page
                .aliases()
                .iter()
                .filter_map(|a| Some((a.target_key_id()?.to_string(), a.alias_name()?.to_string())))
                .collect(),
        ),
    );
    // Aliases only name keys in messages: without them the key ids still identify them.
    let mut aliases_of: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (key_id, alias) in aliases.unwrap_or_default() {
        aliases_of.entry(key_id).or_default().push(alias);
    }
    let keys = match keys {
        Ok(keys) => Fetched::Ok(
            ctx.per_resource(keys.into_iter().map(|(id, arn)| {
                let mut aliases = aliases_of.remove(&id).unwrap_or_default();
                aliases.sort();
                collect_key(ctx, &kms, region, id, arn, aliases)
            }))
            .await,
        ),
        Err(gap) => Fetched::Failed(gap),
    };
    KmsRegion { keys }
}

async fn collect_key(
    ctx: &Ctx,
    kms: &Client,
    region: &str,
    id: String,
    arn: Option<String>,
    aliases: Vec<String>,
) -> Key {
    let at = |operation| Call::new(KMS, operation).region(region).resource(&id);
    let metadata: Fetched<KeyMetadata> = ctx
        .call(at("DescribeKey"), kms.describe_key().key_id(&id).send())
        .await
        .map(|out| match out.key_metadata() {
            Some(m) => KeyMetadata {
                manager: m
                    .key_manager()
                    .map(|k| k.as_str().to_string())
                    .unwrap_or_default(),
                state: m
                    .key_state()
                    .map(|s| s.as_str().to_string())
                    .unwrap_or_default(),
                spec: m
                    .key_spec()
                    .map(|s| s.as_str().to_string())
                    .unwrap_or_default(),
                origin: m
                    .origin()
                    .map(|o| o.as_str().to_string())
                    .unwrap_or_default(),
                description: m
                    .description()
                    .filter(|d| !d.is_empty())
                    .map(str::to_string),
                deletion_date: m.deletion_date().and_then(to_offset),
            },
            None => KeyMetadata {
                manager: String::new(),
                state: String::new(),
                spec: String::new(),
                origin: String::new(),
                description: None,
                deletion_date: None,
            },
        })
        .into();
    let rotation_enabled = match &metadata {
        Fetched::Ok(m) if m.supports_rotation() && m.state == "Enabled" => ctx
            .call(
                at("GetKeyRotationStatus"),
                kms.get_key_rotation_status().key_id(&id).send(),
            )
            .await
            .map(|out| Some(out.key_rotation_enabled()))
            .into(),
        Fetched::Ok(_) => Fetched::Ok(None),
        Fetched::Failed(gap) => Fetched::Failed(gap.clone()),
    };
    Key {
        arn: arn.unwrap_or_else(|| ctx.arn(KMS, region, &format!("key/{id}"))),
        region: region.to_string(),
        id,
        aliases,
        metadata,
        rotation_enabled,
    }
}
