//! Route 53 (global, collected once): the hosted zones (paginated), each zone's record sets
//! (paged by record name and type), the zones' tags (`ListTagsForResources`, ten zones a call)
//! and the query logging configurations (paginated).

use std::collections::BTreeMap;

use aws_sdk_route53::types::{RrType, TagResourceType};
use aws_sdk_route53::Client;
use futures::future::join_all;
use wascan_checks::model::route53::*;
use wascan_checks::model::{Fetched, Gap, Tags};

use super::calls::{Call, Ctx};

const ROUTE53: &str = "route53";
/// Route 53's endpoint is in us-east-1.
const HOME_REGION: &str = "us-east-1";

fn client(ctx: &Ctx) -> Client {
    let config = aws_sdk_route53::config::Builder::from(&ctx.config_for(HOME_REGION))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

fn bare_id(id: &str) -> String {
    id.trim_start_matches("/hostedzone/").to_string()
}

pub async fn collect(ctx: &Ctx) -> Route53 {
    let route53 = client(ctx);
    let (zones, logging) = futures::join!(
        ctx.pages(
            Call::new(ROUTE53, "ListHostedZones"),
            route53.list_hosted_zones().into_paginator().send(),
            |page| page.hosted_zones().to_vec(),
        ),
        ctx.pages(
            Call::new(ROUTE53, "ListQueryLoggingConfigs"),
            route53.list_query_logging_configs().into_paginator().send(),
            |page| {
                page.query_logging_configs()
                    .iter()
                    .map(|config| bare_id(config.hosted_zone_id()))
                    .collect()
            },
        ),
    );
    let hosted_zones = match zones.and_then(|zones| identified(ctx, zones)) {
        Ok(zones) => {
            let ids: Vec<String> = zones.iter().map(|zone| bare_id(zone.id())).collect();
            let (mut tags, mut hosted) = futures::join!(
                zone_tags(ctx, &route53, &ids),
                ctx.per_resource(zones.iter().zip(&ids).map(|(zone, id)| {
                    let route53 = &route53;
                    async move {
                        HostedZone {
                            records: records(ctx, route53, id).await.into(),
                            name: zone.name().to_string(),
                            private: zone.config().is_some_and(|c| c.private_zone()),
                            id: id.clone(),
                            tags: Tags::new(),
                        }
                    }
                }))
            );
            for zone in &mut hosted {
                zone.tags = tags.remove(&zone.id).unwrap_or_default();
            }
            Fetched::Ok(hosted)
        }
        Err(gap) => Fetched::Failed(gap),
    };
    Route53 {
        hosted_zones,
        query_logged_zones: logging.into(),
    }
}

/// The listed zones, each with its `Id` (always sent; the SDK fills an absent one with ""): a zone
/// without one cannot be asked about or named, so the list fails with the recorded gap rather
/// than hold a zone "" whose records read as none.
fn identified(
    ctx: &Ctx,
    zones: Vec<aws_sdk_route53::types::HostedZone>,
) -> Result<Vec<aws_sdk_route53::types::HostedZone>, Gap> {
    for zone in &zones {
        ctx.required_str(
            Call::new(ROUTE53, "ListHostedZones"),
            "Id",
            Some(bare_id(zone.id()).as_str()),
        )?;
    }
    Ok(zones)
}

/// The zones' tags by zone id, ten zones a call (the API's most). A call that fails is recorded
/// (a collection error) and leaves its zones without tags: no check reads them, suppressions do.
async fn zone_tags(ctx: &Ctx, route53: &Client, ids: &[String]) -> BTreeMap<String, Tags> {
    let batches = join_all(ids.chunks(10).map(|batch| {
        ctx.call(
            Call::new(ROUTE53, "ListTagsForResources"),
            route53
                .list_tags_for_resources()
                .resource_type(TagResourceType::Hostedzone)
                .set_resource_ids(Some(batch.to_vec()))
                .send(),
        )
    }))
    .await;
    batches
        .into_iter()
        .filter_map(Result::ok)
        .flat_map(|page| page.resource_tag_sets().to_vec())
        .filter_map(|set| {
            let tags = set
                .tags()
                .iter()
                .filter_map(|tag| Some((tag.key()?.to_string(), tag.value()?.to_string())))
                .collect();
            Some((set.resource_id()?.to_string(), tags))
        })
        .collect()
}

/// One record set. Name and Type are required (the SDK reads an absent one as "" and "no value
/// was set"), and a record with a SetIdentifier has a routing policy (Failover, Weight, Region,
/// ...): without it a failover record would read as a simple one and leave
/// route53_failover_health_checked. Each is a gap for the zone's records.
fn record_set(
    ctx: &Ctx,
    zone_id: &str,
    set: &aws_sdk_route53::types::ResourceRecordSet,
) -> Result<RecordSet, Gap> {
    let at = Call::new(ROUTE53, "ListResourceRecordSets").resource(zone_id);
    let name = ctx.required_str(at, "ResourceRecordSet.Name", Some(set.name()))?;
    let record_type = ctx.required_enum(at, "ResourceRecordSet.Type", set.r#type().as_str())?;
    let routed = set.failover().is_some()
        || set.weight().is_some()
        || set.region().is_some()
        || set.geo_location().is_some()
        || set.multi_value_answer().is_some()
        || set.cidr_routing_config().is_some()
        || set.geo_proximity_location().is_some();
    if set.set_identifier().is_some_and(|id| !id.is_empty()) && !routed {
        return Err(ctx.record(at.missing(&format!(
            "routing policy (Failover, Weight, Region, ...) of {name} {record_type}"
        ))));
    }
    Ok(RecordSet {
        name,
        record_type,
        failover: set.failover().map(|f| f.as_str().to_string()),
        health_check_id: set.health_check_id().map(str::to_string),
        evaluate_target_health: set.alias_target().map(|a| a.evaluate_target_health()),
    })
}

/// Every record set of a zone: `ListResourceRecordSets` pages by the next record's name and type.
async fn records(ctx: &Ctx, route53: &Client, zone_id: &str) -> Result<Vec<RecordSet>, Gap> {
    let mut all = Vec::new();
    let mut start: Option<(String, RrType, Option<String>)> = None;
    loop {
        let (name, kind, identifier) = match start.take() {
            Some((name, kind, identifier)) => (Some(name), Some(kind), identifier),
            None => (None, None, None),
        };
        let page = ctx
            .call(
                Call::new(ROUTE53, "ListResourceRecordSets").resource(zone_id),
                route53
                    .list_resource_record_sets()
                    .hosted_zone_id(zone_id)
                    .set_start_record_name(name)
                    .set_start_record_type(kind)
                    .set_start_record_identifier(identifier)
                    .send(),
            )
            .await?;
        for set in page.resource_record_sets() {
            all.push(record_set(ctx, zone_id, set)?);
        }
        match (
            page.is_truncated(),
            page.next_record_name(),
            page.next_record_type(),
        ) {
            (true, Some(name), Some(kind)) => {
                start = Some((
                    name.to_string(),
                    kind.clone(),
                    page.next_record_identifier().map(str::to_string),
                ))
            }
            _ => return Ok(all),
        }
    }
}

#[cfg(test)]
mod tests {
    use aws_sdk_route53::types::HostedZone as SdkZone;

    use super::*;
    use crate::collect::tests::test_ctx;

    fn zone(id: &str) -> SdkZone {
        SdkZone::builder()
            .id(id)
            .name("example.com.")
            .caller_reference("ref")
            .build()
            .expect("required members set")
    }

    /// Issue #14: a zone without Id became zone "", whose records and logging read as none.
    #[test]
    fn a_zone_without_id_fails_the_list() {
        let ctx = test_ctx();
        let zones = identified(&ctx, vec![zone("/hostedzone/Z1")]).expect("identified");
        assert_eq!(zones.len(), 1);
        let gap = identified(&ctx, vec![zone("/hostedzone/Z1"), zone("")]).expect_err("gap");
        assert_eq!(gap.message, "the answer has no Id");
        assert_eq!(ctx.take_errors().len(), 1);
    }

    /// Issue #14: a failover record that lost its Failover member read as a simple record and
    /// left route53_failover_health_checked; a record without Type read as "no value was set".
    #[test]
    fn a_record_without_its_type_or_routing_policy_is_a_gap() {
        use crate::collect::calls::SDK_NO_VALUE;
        use aws_sdk_route53::types::{ResourceRecordSet, ResourceRecordSetFailover, RrType};
        let ctx = crate::collect::tests::test_ctx();
        let record = |kind: RrType, failover: Option<ResourceRecordSetFailover>| {
            ResourceRecordSet::builder()
                .name("api.example.com.")
                .r#type(kind)
                .set_identifier("primary")
                .set_failover(failover)
                .build()
                .expect("complete")
        };
        let read = record_set(
            &ctx,
            "Z1",
            &record(RrType::A, Some(ResourceRecordSetFailover::Primary)),
        )
        .expect("read");
        assert_eq!(read.failover.as_deref(), Some("PRIMARY"));
        let gap = record_set(&ctx, "Z1", &record(RrType::A, None)).expect_err("gap");
        assert!(
            gap.message.starts_with("the answer has no routing policy"),
            "{}",
            gap.message
        );
        let gap = record_set(
            &ctx,
            "Z1",
            &record(
                RrType::from(SDK_NO_VALUE),
                Some(ResourceRecordSetFailover::Primary),
            ),
        )
        .expect_err("gap");
        assert_eq!(gap.message, "the answer has no ResourceRecordSet.Type");
        assert_eq!(ctx.take_errors().len(), 2);
    }
}
