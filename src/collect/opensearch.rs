//! OpenSearch Service, per region: the domain names (`ListDomainNames`, one answer), then their
//! configuration (`DescribeDomains`, at most five domains a call).

use std::collections::BTreeMap;

use aws_sdk_opensearch::Client;
use futures::future::join_all;
use wascan_checks::model::opensearch::*;
use wascan_checks::model::{Gap, OpenSearchRegion};

use super::calls::{Call, Ctx};

const OPENSEARCH: &str = "opensearch";
/// `DescribeDomains` takes at most five names (OpenSearch Service API reference).
const DESCRIBE_BATCH: usize = 5;

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_opensearch::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, OpenSearchRegion> {
    let per_region = join_all(
        regions
            .iter()
            .map(|region| async move { collect_region(ctx, &client(ctx, region), region).await }),
    )
    .await;
    regions.iter().cloned().zip(per_region).collect()
}

async fn collect_region(ctx: &Ctx, opensearch: &Client, region: &str) -> OpenSearchRegion {
    OpenSearchRegion {
        domains: domains(ctx, opensearch, region).await.into(),
    }
}

async fn domains(ctx: &Ctx, opensearch: &Client, region: &str) -> Result<Vec<Domain>, Gap> {
    let list_at = Call::new(OPENSEARCH, "ListDomainNames").region(region);
    let listed = ctx
        .call(list_at, opensearch.list_domain_names().send())
        .await?;
    let names = listed
        .domain_names()
        .iter()
        .map(|d| ctx.required_str(list_at, "DomainName", d.domain_name()))
        .collect::<Result<Vec<String>, Gap>>()?;
    let at = Call::new(OPENSEARCH, "DescribeDomains").region(region);
    let batches = join_all(names.chunks(DESCRIBE_BATCH).map(|batch| {
        ctx.call(
            at,
            opensearch
                .describe_domains()
                .set_domain_names(Some(batch.to_vec()))
                .send(),
        )
    }))
    .await;
    let mut domains = Vec::new();
    for batch in batches {
        for status in batch?.domain_status_list() {
            if status.deleted() == Some(true) {
                continue;
            }
            let name = ctx.required_str(at, "DomainName", Some(status.domain_name()))?;
            let cluster = status.cluster_config();
            domains.push(Domain {
                arn: ctx.required_str(at.resource(&name), "ARN", Some(status.arn()))?,
                region: region.to_string(),
                engine_version: status.engine_version().map(str::to_string),
                instance_type: cluster
                    .and_then(|c| c.instance_type())
                    .map(|t| t.as_str().to_string()),
                dedicated_master_type: cluster
                    .filter(|c| c.dedicated_master_enabled() == Some(true))
                    .and_then(|c| c.dedicated_master_type())
                    .map(|t| t.as_str().to_string()),
                name,
            });
        }
    }
    domains.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(domains)
}
