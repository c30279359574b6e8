//! AWS RAM, per region: the resource shares the account owns (`GetResourceShares` with
//! `resourceOwner=SELF`, paginated), then each live share's principals
//! (`GetResourceShareAssociations`, `PRINCIPAL`, paginated).

use std::collections::BTreeMap;

use aws_sdk_ram::types::{ResourceOwner, ResourceShareAssociationType};
use aws_sdk_ram::Client;
use futures::future::join_all;
use wascan_checks::model::ram::*;
use wascan_checks::model::{Fetched, Gap, RamRegion};

use super::calls::{Call, Ctx};

const RAM: &str = "ram";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_ram::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, RamRegion> {
    let per_region = join_all(regions.iter().map(|region| collect_region(ctx, region))).await;
    regions.iter().cloned().zip(per_region).collect()
}

async fn collect_region(ctx: &Ctx, region: &str) -> RamRegion {
    let ram = client(ctx, region);
    let at = Call::new(RAM, "GetResourceShares").region(region);
    let listed = ctx
        .pages(
            at,
            ram.get_resource_shares()
                .resource_owner(ResourceOwner::SelfValue)
                .into_paginator()
                .send(),
            |page| {
                page.resource_shares()
                    .iter()
                    .map(|s| {
                        // A share without its ARN cannot be named or asked about: the region's
                        // list fails with the gap.
                        let arn =
                            ctx.required_str(at, "resourceShareArn", s.resource_share_arn())?;
                        Ok(ResourceShare {
                            name: s
                                .name()
                                .filter(|n| !n.is_empty())
                                .map(str::to_string)
                                .unwrap_or_else(|| {
                                    arn.rsplit('/').next().unwrap_or(&arn).to_string()
                                }),
                            region: region.to_string(),
                            status: s.status().map(|st| st.as_str().to_string()),
                            allow_external_principals: s.allow_external_principals(),
                            principals: Fetched::Ok(Vec::new()),
                            tags: s
                                .tags()
                                .iter()
                                .filter_map(|t| {
                                    Some((t.key()?.to_string(), t.value()?.to_string()))
                                })
                                .collect(),
                            arn,
                        })
                    })
                    .collect::<Vec<Result<ResourceShare, Gap>>>()
            },
        )
        .await
        .and_then(|all| all.into_iter().collect::<Result<Vec<_>, Gap>>());
    let shares = match listed {
        Ok(shares) => Ok(ctx
            .per_resource(shares.into_iter().map(|mut share| {
                let ram = &ram;
                async move {
                    if share.is_live() {
                        share.principals = principals(ctx, ram, region, &share).await.into();
                    }
                    share
                }
            }))
            .await),
        Err(gap) => Err(gap),
    };
    RamRegion {
        shares: shares.into(),
    }
}

async fn principals(
    ctx: &Ctx,
    ram: &Client,
    region: &str,
    share: &ResourceShare,
) -> Result<Vec<SharePrincipal>, Gap> {
    let at = Call::new(RAM, "GetResourceShareAssociations")
        .region(region)
        .resource(&share.name);
    ctx.pages(
        at,
        ram.get_resource_share_associations()
            .association_type(ResourceShareAssociationType::Principal)
            .resource_share_arns(&share.arn)
            .into_paginator()
            .send(),
        |page| {
            page.resource_share_associations()
                .iter()
                .map(|a| {
                    Ok(SharePrincipal {
                        principal: ctx.required_str(
                            at,
                            "associatedEntity",
                            a.associated_entity(),
                        )?,
                        status: a.status().map(|s| s.as_str().to_string()),
                        // Left `None` when absent: the check says not_evaluated, never "internal".
                        external: a.external(),
                    })
                })
                .collect::<Vec<Result<SharePrincipal, Gap>>>()
        },
    )
    .await?
    .into_iter()
    .collect()
}
