//! Amazon OpenSearch Service, per region: `ListDomainNames` (one answer, not paginated), then
//! `DescribeDomains` five names at a time (its limit), which carries each domain's access policy
//! and VPC.

use std::collections::BTreeMap;

use aws_sdk_opensearch::Client;
use futures::future::join_all;
use wascan_checks::model::opensearch::*;
use wascan_checks::model::{Fetched, Gap, OpenSearchRegion};

use super::calls::{Call, Ctx};

const OPENSEARCH: &str = "opensearch";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_opensearch::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, OpenSearchRegion> {
    let per_region = join_all(regions.iter().map(|region| collect_region(ctx, region))).await;
    regions.iter().cloned().zip(per_region).collect()
}

async fn collect_region(ctx: &Ctx, region: &str) -> OpenSearchRegion {
    OpenSearchRegion {
        domains: domains(ctx, &client(ctx, region), region).await.into(),
    }
}

async fn domains(ctx: &Ctx, os: &Client, region: &str) -> Result<Vec<Domain>, Gap> {
    let at = Call::new(OPENSEARCH, "ListDomainNames").region(region);
    let names = ctx
        .call(at, os.list_domain_names().send())
        .await?
        .domain_names()
        .iter()
        .map(|d| ctx.required_str(at, "DomainNames.DomainName", d.domain_name()))
        .collect::<Result<Vec<String>, Gap>>()?;
    let batches = ctx
        .per_resource(names.chunks(5).map(|batch| async move {
            let at = Call::new(OPENSEARCH, "DescribeDomains")
                .region(region)
                .resource(batch.first().map_or("", String::as_str));
            let answer = ctx
                .call(
                    at,
                    os.describe_domains()
                        .set_domain_names(Some(batch.to_vec()))
                        .send(),
                )
                .await;
            (batch, answer)
        }))
        .await;
    let mut domains = Vec::new();
    for (batch, answer) in batches {
        let out = answer?;
        for name in batch {
            let status = out
                .domain_status_list()
                .iter()
                .find(|d| d.domain_name() == name);
            let Some(status) = status else {
                // Asked for and not described: unknown, its policy unread.
                let gap = ctx.record(Gap::missing_on(
                    wascan_checks::model::Service::Opensearch,
                    region,
                    "DescribeDomains",
                    name,
                    "DomainStatusList",
                ));
                domains.push(Domain {
                    arn: ctx.arn("es", region, &format!("domain/{name}")),
                    region: region.to_string(),
                    name: name.clone(),
                    vpc_id: None,
                    engine_version: None,
                    access_policy: Fetched::Failed(gap),
                    instance_type: None,
                    dedicated_master_type: None,
                    safeguards: DomainSafeguards::default(),
                });
                continue;
            };
            // A domain being deleted is on its way out: nothing to judge.
            if status.deleted() == Some(true) {
                continue;
            }
            let cluster = status.cluster_config();
            domains.push(Domain {
                safeguards: safeguards(status),
                instance_type: cluster
                    .and_then(|c| c.instance_type())
                    .map(|t| t.as_str().to_string()),
                dedicated_master_type: cluster
                    .filter(|c| c.dedicated_master_enabled() == Some(true))
                    .and_then(|c| c.dedicated_master_type())
                    .map(|t| t.as_str().to_string()),
                arn: Some(status.arn())
                    .filter(|a| !a.is_empty())
                    .map(str::to_string)
                    .unwrap_or_else(|| ctx.arn("es", region, &format!("domain/{name}"))),
                region: region.to_string(),
                name: name.clone(),
                vpc_id: status
                    .vpc_options()
                    .and_then(|v| v.vpc_id())
                    .filter(|v| !v.is_empty())
                    .map(str::to_string),
                engine_version: status.engine_version().map(str::to_string),
                // No AccessPolicies (or an empty one): the domain has no access policy.
                access_policy: Fetched::Ok(
                    status
                        .access_policies()
                        .filter(|p| !p.trim().is_empty())
                        .map(str::to_string),
                ),
            });
        }
    }
    domains.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(domains)
}

/// A domain's protections as the answer states them; a part the answer lacks stays unknown.
fn safeguards(status: &aws_sdk_opensearch::types::DomainStatus) -> DomainSafeguards {
    DomainSafeguards {
        encrypted_at_rest: status
            .encryption_at_rest_options()
            .and_then(|o| o.enabled()),
        node_to_node_encryption: status
            .node_to_node_encryption_options()
            .and_then(|o| o.enabled()),
        https_enforced: status
            .domain_endpoint_options()
            .and_then(|o| o.enforce_https()),
        zone_awareness: status
            .cluster_config()
            .and_then(|c| c.zone_awareness_enabled()),
        fine_grained_access_control: status.advanced_security_options().and_then(|o| o.enabled()),
        // A log type absent from the map is not published (LogPublishingOption, OpenSearch
        // API reference); no map at all is unknown.
        audit_logs: status.log_publishing_options().map(|logs| {
            logs.get(&aws_sdk_opensearch::types::LogType::AuditLogs)
                .and_then(|o| o.enabled())
                == Some(true)
        }),
    }
}
