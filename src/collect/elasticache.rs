//! ElastiCache, per region: the cache clusters (`DescribeCacheClusters`, paginated). Serverless
//! caches (`DescribeServerlessCaches`) are not read yet: the emulator does not serve them.

use std::collections::BTreeMap;

use aws_sdk_elasticache::Client;
use futures::future::join_all;
use wascan_checks::model::elasticache::*;
use wascan_checks::model::{ElastiCacheRegion, Gap};

use super::calls::{Call, Ctx};

const ELASTICACHE: &str = "elasticache";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_elasticache::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, ElastiCacheRegion> {
    let per_region = join_all(
        regions
            .iter()
            .map(|region| async move { collect_region(ctx, &client(ctx, region), region).await }),
    )
    .await;
    regions.iter().cloned().zip(per_region).collect()
}

async fn collect_region(ctx: &Ctx, elasticache: &Client, region: &str) -> ElastiCacheRegion {
    let at = Call::new(ELASTICACHE, "DescribeCacheClusters").region(region);
    let clusters = ctx
        .pages(
            at,
            elasticache
                .describe_cache_clusters()
                .into_paginator()
                .send(),
            |page| {
                page.cache_clusters()
                    .iter()
                    .map(|c| cache_cluster(ctx, at, region, c))
                    .collect::<Vec<_>>()
            },
        )
        .await
        .and_then(|clusters| clusters.into_iter().collect::<Result<Vec<_>, Gap>>());
    ElastiCacheRegion {
        clusters: clusters.into(),
    }
}

/// A cluster without its id cannot be named: it fails the region's list.
fn cache_cluster(
    ctx: &Ctx,
    at: Call<'_>,
    region: &str,
    c: &aws_sdk_elasticache::types::CacheCluster,
) -> Result<CacheCluster, Gap> {
    let id = ctx.required_str(at, "CacheClusterId", c.cache_cluster_id())?;
    Ok(CacheCluster {
        arn: c
            .arn()
            .map(str::to_string)
            .unwrap_or_else(|| ctx.arn("elasticache", region, &format!("cluster:{id}"))),
        region: region.to_string(),
        engine: c.engine().map(str::to_string),
        node_type: c
            .cache_node_type()
            .filter(|t| !t.is_empty())
            .map(str::to_string),
        status: c.cache_cluster_status().map(str::to_string),
        replication_group_id: c.replication_group_id().map(str::to_string),
        id,
    })
}
