//! EKS, per region: the cluster names (paginated), then for every cluster `DescribeCluster`,
//! `ListNodegroups` and `ListFargateProfiles` (EKS has no bulk form), all concurrent.

use std::collections::BTreeMap;

use aws_sdk_eks::Client;
use futures::future::join_all;
use wascan_checks::model::eks::*;
use wascan_checks::model::{EksRegion, Fetched, Gap};

use super::calls::{Call, Ctx};

const EKS: &str = "eks";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_eks::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, EksRegion> {
    let per_region = join_all(regions.iter().map(|region| collect_region(ctx, region))).await;
    regions.iter().cloned().zip(per_region).collect()
}

async fn collect_region(ctx: &Ctx, region: &str) -> EksRegion {
    let eks = client(ctx, region);
    let listed = ctx
        .pages(
            Call::new(EKS, "ListClusters").region(region),
            eks.list_clusters().into_paginator().send(),
            |page| page.clusters().to_vec(),
        )
        .await;
    let clusters = match listed {
        Ok(names) => {
            let described = ctx
                .per_resource(
                    names
                        .iter()
                        .map(|name| collect_cluster(ctx, &eks, region, name)),
                )
                .await;
            // One cluster that cannot be read makes the region's list unreliable: report the gap
            // rather than silently leaving the cluster out.
            described
                .into_iter()
                .collect::<Result<Vec<_>, Gap>>()
                .into()
        }
        Err(gap) => Fetched::Failed(gap),
    };
    EksRegion { clusters }
}

async fn collect_cluster(
    ctx: &Ctx,
    eks: &Client,
    region: &str,
    name: &str,
) -> Result<Cluster, Gap> {
    let (described, nodegroups, fargate_profiles) = futures::join!(
        ctx.call(
            Call::new(EKS, "DescribeCluster")
                .region(region)
                .resource(name),
            eks.describe_cluster().name(name).send(),
        ),
        ctx.pages(
            Call::new(EKS, "ListNodegroups")
                .region(region)
                .resource(name),
            eks.list_nodegroups()
                .cluster_name(name)
                .into_paginator()
                .send(),
            |page| page.nodegroups().to_vec(),
        ),
        ctx.pages(
            Call::new(EKS, "ListFargateProfiles")
                .region(region)
                .resource(name),
            eks.list_fargate_profiles()
                .cluster_name(name)
                .into_paginator()
                .send(),
            |page| page.fargate_profile_names().to_vec(),
        )
    );
    let described = described?;
    let Some(cluster) = described.cluster() else {
        return Err(ctx.record(Gap {
            service: EKS.into(),
            region: Some(region.to_string()),
            operation: "DescribeCluster".into(),
            resource: Some(name.to_string()),
            kind: wascan_checks::model::ErrorKind::Other,
            message: "the answer holds no cluster".into(),
        }));
    };
    let vpc = cluster.resources_vpc_config();
    Ok(Cluster {
        arn: cluster
            .arn()
            .map(str::to_string)
            .unwrap_or_else(|| ctx.arn(EKS, region, &format!("cluster/{name}"))),
        region: region.to_string(),
        name: name.to_string(),
        version: crate::convert::non_empty(cluster.version()),
        status: cluster.status().map(|s| s.as_str().to_string()),
        enabled_log_types: cluster
            .logging()
            .map(|l| l.cluster_logging())
            .unwrap_or_default()
            .iter()
            .filter(|setup| setup.enabled() == Some(true))
            .flat_map(|setup| setup.types().iter().map(|t| t.as_str().to_string()))
            .collect(),
        endpoint_public_access: vpc.map(|v| v.endpoint_public_access()),
        endpoint_private_access: vpc.is_some_and(|v| v.endpoint_private_access()),
        public_access_cidrs: vpc
            .map(|v| v.public_access_cidrs().to_vec())
            .unwrap_or_default(),
        secrets_key_arn: cluster.encryption_config().iter().find_map(|c| {
            c.provider()
                .and_then(|p| crate::convert::non_empty(p.key_arn()))
        }),
        nodegroups: nodegroups.into(),
        fargate_profiles: fargate_profiles.into(),
        tags: crate::convert::tags(
            cluster
                .tags()
                .into_iter()
                .flatten()
                .map(|(k, v)| (Some(k.as_str()), Some(v.as_str()))),
        ),
    })
}
