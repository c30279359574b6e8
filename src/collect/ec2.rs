//! EC2 and EBS, per region, each listing paginated and all nine listings of a region concurrent.

use std::collections::BTreeMap;

use aws_sdk_ec2::types::Tag;
use aws_sdk_ec2::Client;
use futures::future::join_all;
use wascan_checks::model::ec2::*;
use wascan_checks::model::Tags;

use super::calls::{Call, Ctx};
use super::Regions;
use crate::convert::{self, non_empty, to_offset};
use crate::error::Error;

const EC2: &str = "ec2";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_ec2::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

/// The region to ask region-independent questions in: the configured one, else us-east-1.
pub fn home_region(ctx: &Ctx) -> String {
    ctx.sdk_config
        .region()
        .map(|region| region.to_string())
        .unwrap_or_else(|| "us-east-1".to_string())
}

/// Turns the user's region choice into region names, checking them against `DescribeRegions`.
pub async fn resolve_regions(ctx: &Ctx, choice: &Regions) -> Result<Vec<String>, Error> {
    let home = home_region(ctx);
    match choice {
        Regions::Default => Ok(vec![home]),
        Regions::List(wanted) => {
            let ec2 = client(ctx, &home);
            let known = ctx
                .call(
                    Call::new(EC2, "DescribeRegions").region(&home),
                    ec2.describe_regions().all_regions(true).send(),
                )
                .await;
            match known {
                Ok(out) => {
                    let known: Vec<&str> = out
                        .regions()
                        .iter()
                        .filter_map(|r| r.region_name())
                        .collect();
                    if let Some(unknown) = wanted.iter().find(|r| !known.contains(&r.as_str())) {
                        return Err(Error::Usage(format!(
                            "unknown region `{unknown}` (this partition has: {})",
                            known.join(", ")
                        )));
                    }
                }
                Err(gap) => tracing::warn!("could not check the region names: {gap}"),
            }
            Ok(wanted.clone())
        }
        Regions::All => {
            let ec2 = client(ctx, &home);
            let out = ctx
                .call(
                    Call::new(EC2, "DescribeRegions").region(&home),
                    ec2.describe_regions().send(),
                )
                .await
                .map_err(|gap| {
                    Error::Usage(format!("--regions all needs the region list: {gap}"))
                })?;
            let mut regions: Vec<String> = out
                .regions()
                .iter()
                .filter_map(|r| r.region_name().map(str::to_string))
                .collect();
            regions.sort();
            Ok(regions)
        }
    }
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, Ec2Region> {
    let per_region = join_all(regions.iter().map(|region| async move {
        let ec2 = client(ctx, region);
        let (mut data, network) = futures::join!(
            collect_region(ctx, region),
            super::ec2_network::collect_region(ctx, &ec2, region)
        );
        data.network = network;
        data
    }))
    .await;
    regions.iter().cloned().zip(per_region).collect()
}

async fn collect_region(ctx: &Ctx, region: &str) -> Ec2Region {
    let ec2 = client(ctx, region);
    let at = |operation| Call::new(EC2, operation).region(region);
    let (
        instances,
        volumes,
        ebs_encryption_by_default,
        security_groups,
        vpcs,
        flow_logs,
        addresses,
        snapshots,
        vpc_endpoints,
    ) = futures::join!(
        ctx.pages(
            at("DescribeInstances"),
            ec2.describe_instances().into_paginator().send(),
            |page| {
                page.reservations()
                    .iter()
                    .flat_map(|r| r.instances())
                    .map(|i| instance(ctx, region, i))
                    .collect()
            },
        ),
        ctx.pages(
            at("DescribeVolumes"),
            ec2.describe_volumes().into_paginator().send(),
            |page| page
                .volumes()
                .iter()
                .map(|v| volume(ctx, region, v))
                .collect(),
        ),
        ctx.call(
            at("GetEbsEncryptionByDefault"),
            ec2.get_ebs_encryption_by_default().send()
        ),
        ctx.pages(
            at("DescribeSecurityGroups"),
            ec2.describe_security_groups().into_paginator().send(),
            |page| page
                .security_groups()
                .iter()
                .map(|g| security_group(ctx, region, g))
                .collect(),
        ),
        ctx.pages(
            at("DescribeVpcs"),
            ec2.describe_vpcs().into_paginator().send(),
            |page| page.vpcs().iter().map(|v| vpc(ctx, region, v)).collect(),
        ),
        ctx.pages(
            at("DescribeFlowLogs"),
            ec2.describe_flow_logs().into_paginator().send(),
            |page| page.flow_logs().iter().map(flow_log).collect(),
        ),
        ctx.call(at("DescribeAddresses"), ec2.describe_addresses().send()),
        ctx.pages(
            at("DescribeSnapshots"),
            ec2.describe_snapshots()
                .owner_ids("self")
                .into_paginator()
                .send(),
            |page| page
                .snapshots()
                .iter()
                .map(|s| snapshot(ctx, region, s))
                .collect(),
        ),
        ctx.pages(
            at("DescribeVpcEndpoints"),
            ec2.describe_vpc_endpoints().into_paginator().send(),
            |page| page.vpc_endpoints().iter().map(vpc_endpoint).collect(),
        ),
    );
    Ec2Region {
        instances: instances.into(),
        volumes: volumes.into(),
        ebs_encryption_by_default: ebs_encryption_by_default
            .map(|out| out.ebs_encryption_by_default().unwrap_or(false))
            .into(),
        security_groups: security_groups.into(),
        vpcs: vpcs.into(),
        flow_logs: flow_logs.into(),
        addresses: addresses
            .map(|out| {
                out.addresses()
                    .iter()
                    .map(|a| address(ctx, region, a))
                    .collect()
            })
            .into(),
        snapshots: snapshots.into(),
        vpc_endpoints: vpc_endpoints.into(),
        // Read by `ec2_network` alongside.
        network: Default::default(),
    }
}

fn vpc_endpoint(e: &aws_sdk_ec2::types::VpcEndpoint) -> VpcEndpoint {
    VpcEndpoint {
        id: e.vpc_endpoint_id().unwrap_or_default().to_string(),
        vpc_id: owned(e.vpc_id()),
        service_name: e.service_name().unwrap_or_default().to_string(),
        endpoint_type: e
            .vpc_endpoint_type()
            .map(|t| t.as_str().to_string())
            .unwrap_or_default(),
        state: e.state().map(|s| s.as_str().to_string()),
    }
}

/// The date in a `StateTransitionReason` such as `User initiated (2024-01-05 10:00:00 GMT)`.
fn state_since(reason: &str) -> Option<time::OffsetDateTime> {
    let format =
        time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second] GMT");
    let inside = reason.rsplit_once('(')?.1.trim_end_matches(')');
    time::PrimitiveDateTime::parse(inside.trim(), &format)
        .ok()
        .map(|at| at.assume_utc())
}

fn tags(tags: &[Tag]) -> Tags {
    convert::tags(tags.iter().map(|tag| (tag.key(), tag.value())))
}

fn owned(value: Option<&str>) -> Option<String> {
    value.map(str::to_string)
}

fn instance(ctx: &Ctx, region: &str, i: &aws_sdk_ec2::types::Instance) -> Instance {
    let id = i.instance_id().unwrap_or_default().to_string();
    Instance {
        arn: ctx.arn(EC2, region, &format!("instance/{id}")),
        region: region.to_string(),
        instance_type: i
            .instance_type()
            .map(|t| t.as_str().to_string())
            .unwrap_or_default(),
        state: i
            .state()
            .and_then(|s| s.name())
            .map(|n| n.as_str().to_string())
            .unwrap_or_default(),
        availability_zone: owned(i.placement().and_then(|p| p.availability_zone())),
        vpc_id: owned(i.vpc_id()),
        architecture: i.architecture().map(|a| a.as_str().to_string()),
        http_tokens: i
            .metadata_options()
            .and_then(|m| m.http_tokens())
            .map(|t| t.as_str().to_string()),
        http_endpoint: i
            .metadata_options()
            .and_then(|m| m.http_endpoint())
            .map(|e| e.as_str().to_string()),
        monitoring: i
            .monitoring()
            .and_then(|m| m.state())
            .map(|s| s.as_str().to_string()),
        launch_time: i.launch_time().and_then(to_offset),
        state_since: i.state_transition_reason().and_then(state_since),
        auto_recovery: i
            .maintenance_options()
            .and_then(|m| m.auto_recovery())
            .map(|a| a.as_str().to_string()),
        tags: tags(i.tags()),
        id,
    }
}

fn volume(ctx: &Ctx, region: &str, v: &aws_sdk_ec2::types::Volume) -> Volume {
    let id = v.volume_id().unwrap_or_default().to_string();
    Volume {
        arn: ctx.arn(EC2, region, &format!("volume/{id}")),
        region: region.to_string(),
        volume_type: v
            .volume_type()
            .map(|t| t.as_str().to_string())
            .unwrap_or_default(),
        size_gib: v.size().unwrap_or_default(),
        encrypted: v.encrypted().unwrap_or(false),
        state: v
            .state()
            .map(|s| s.as_str().to_string())
            .unwrap_or_default(),
        availability_zone: owned(v.availability_zone()),
        attached_to: v
            .attachments()
            .iter()
            .filter_map(|a| owned(a.instance_id()))
            .collect(),
        create_time: v.create_time().and_then(to_offset),
        tags: tags(v.tags()),
        id,
    }
}

fn security_group(ctx: &Ctx, region: &str, g: &aws_sdk_ec2::types::SecurityGroup) -> SecurityGroup {
    let id = g.group_id().unwrap_or_default().to_string();
    SecurityGroup {
        arn: ctx.arn(EC2, region, &format!("security-group/{id}")),
        region: region.to_string(),
        name: g.group_name().unwrap_or_default().to_string(),
        vpc_id: owned(g.vpc_id()),
        ingress: g
            .ip_permissions()
            .iter()
            .map(|p| IngressRule {
                protocol: p.ip_protocol().unwrap_or("-1").to_string(),
                from_port: p.from_port(),
                to_port: p.to_port(),
                ipv4_ranges: p
                    .ip_ranges()
                    .iter()
                    .filter_map(|r| owned(r.cidr_ip()))
                    .collect(),
                ipv6_ranges: p
                    .ipv6_ranges()
                    .iter()
                    .filter_map(|r| owned(r.cidr_ipv6()))
                    .collect(),
                source_groups: p
                    .user_id_group_pairs()
                    .iter()
                    .filter_map(|pair| owned(pair.group_id()))
                    .collect(),
                prefix_lists: p
                    .prefix_list_ids()
                    .iter()
                    .filter_map(|pl| owned(pl.prefix_list_id()))
                    .collect(),
            })
            .collect(),
        tags: tags(g.tags()),
        id,
    }
}

fn vpc(ctx: &Ctx, region: &str, v: &aws_sdk_ec2::types::Vpc) -> Vpc {
    let id = v.vpc_id().unwrap_or_default().to_string();
    Vpc {
        arn: ctx.arn(EC2, region, &format!("vpc/{id}")),
        region: region.to_string(),
        cidr_block: owned(v.cidr_block()),
        cidr_blocks: Some(
            v.cidr_block_association_set()
                .iter()
                .filter(|a| {
                    a.cidr_block_state().and_then(|s| s.state())
                        == Some(&aws_sdk_ec2::types::VpcCidrBlockStateCode::Associated)
                })
                .filter_map(|a| owned(a.cidr_block()))
                .collect(),
        ),
        is_default: v.is_default().unwrap_or(false),
        tags: tags(v.tags()),
        id,
    }
}

fn flow_log(f: &aws_sdk_ec2::types::FlowLog) -> FlowLog {
    FlowLog {
        id: f.flow_log_id().unwrap_or_default().to_string(),
        resource_id: f.resource_id().unwrap_or_default().to_string(),
        status: owned(f.flow_log_status()),
        traffic_type: f.traffic_type().map(|t| t.as_str().to_string()),
    }
}

fn address(ctx: &Ctx, region: &str, a: &aws_sdk_ec2::types::Address) -> Address {
    let public_ip = a.public_ip().unwrap_or_default().to_string();
    let id = a.allocation_id().unwrap_or(&public_ip).to_string();
    Address {
        arn: ctx.arn(EC2, region, &format!("elastic-ip/{id}")),
        region: region.to_string(),
        allocation_id: owned(a.allocation_id()),
        public_ip,
        // Some endpoints send empty elements for "not associated": treat them as absent.
        association_id: non_empty(a.association_id()),
        instance_id: non_empty(a.instance_id()),
        network_interface_id: non_empty(a.network_interface_id()),
        tags: tags(a.tags()),
    }
}

fn snapshot(ctx: &Ctx, region: &str, s: &aws_sdk_ec2::types::Snapshot) -> EbsSnapshot {
    let id = s.snapshot_id().unwrap_or_default().to_string();
    EbsSnapshot {
        arn: ctx.arn(EC2, region, &format!("snapshot/{id}")),
        region: region.to_string(),
        volume_id: owned(s.volume_id()),
        encrypted: s.encrypted().unwrap_or(false),
        volume_size_gib: s.volume_size(),
        start_time: s.start_time().and_then(to_offset),
        tags: tags(s.tags()),
        id,
    }
}

#[cfg(test)]
mod tests {
    use super::state_since;
    use time::macros::datetime;

    #[test]
    fn state_since_reads_the_date_of_a_transition_reason() {
        assert_eq!(
            state_since("User initiated (2024-01-05 10:00:00 GMT)"),
            Some(datetime!(2024-01-05 10:00:00 UTC))
        );
        assert_eq!(state_since(""), None);
        assert_eq!(state_since("Server.InternalError"), None);
    }
}
