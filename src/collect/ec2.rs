//! EC2 and EBS, per region, each listing paginated and all nine listings of a region concurrent.

use std::collections::BTreeMap;

use aws_sdk_ec2::types::Tag;
use aws_sdk_ec2::Client;
use futures::future::join_all;
use wascan_checks::model::ec2::*;
use wascan_checks::model::{Fetched, Gap, Tags};

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
                // A listed region without its name: the list cannot say which names are real
                // (dropping it would call a real region unknown).
                Ok(out) if out.regions().iter().any(|r| r.region_name().is_none()) => {
                    tracing::warn!(
                        "could not check the region names: DescribeRegions listed a region without its RegionName"
                    )
                }
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
            // A region without its name would be left out of the scan without a word.
            let mut regions: Vec<String> = out
                .regions()
                .iter()
                .map(|r| {
                    ctx.required_str(
                        Call::new(EC2, "DescribeRegions").region(&home),
                        "RegionName",
                        r.region_name(),
                    )
                })
                .collect::<Result<_, Gap>>()
                .map_err(|gap| {
                    Error::Usage(format!("--regions all needs the region list: {gap}"))
                })?;
            regions.sort();
            Ok(regions)
        }
    }
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, Ec2Region> {
    let per_region = join_all(regions.iter().map(|region| async move {
        let ec2 = client(ctx, region);
        let (mut data, network, (interfaces, acls)) = futures::join!(
            collect_region(ctx, region),
            super::ec2_network::collect_region(ctx, &ec2, region),
            super::ec2_exposure::collect_region(ctx, &ec2, region)
        );
        data.network = network;
        data.network_interfaces = interfaces;
        data.network_acls = acls;
        if let Fetched::Ok(instances) = &data.instances {
            data.user_data = super::ec2_exposure::user_data(ctx, &ec2, region, instances).await;
        }
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
                    .collect::<Vec<_>>()
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
            |page| page
                .flow_logs()
                .iter()
                .map(|f| flow_log(ctx, region, f))
                .collect(),
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
            |page| page
                .vpc_endpoints()
                .iter()
                .map(|e| vpc_endpoint(ctx, region, e))
                .collect(),
        ),
    );
    Ec2Region {
        instances: all(instances).into(),
        volumes: all(volumes).into(),
        ebs_encryption_by_default: ebs_encryption_by_default
            .and_then(|out| {
                ctx.required(
                    at("GetEbsEncryptionByDefault"),
                    "EbsEncryptionByDefault",
                    out.ebs_encryption_by_default(),
                )
            })
            .into(),
        security_groups: all(security_groups).into(),
        vpcs: all(vpcs).into(),
        flow_logs: all(flow_logs).into(),
        addresses: addresses
            .and_then(|out| {
                out.addresses()
                    .iter()
                    .map(|a| address(ctx, region, a))
                    .collect()
            })
            .into(),
        snapshots: all(snapshots).into(),
        vpc_endpoints: all(vpc_endpoints).into(),
        // Read by `ec2_network` and `ec2_exposure` alongside.
        ..Ec2Region::default()
    }
}

/// A listing's items, or the gap of the first one that could not be identified.
fn all<T>(listed: Result<Vec<Result<T, Gap>>, Gap>) -> Result<Vec<T>, Gap> {
    listed.and_then(|items| items.into_iter().collect())
}

fn vpc_endpoint(
    ctx: &Ctx,
    region: &str,
    e: &aws_sdk_ec2::types::VpcEndpoint,
) -> Result<VpcEndpoint, Gap> {
    let at = Call::new(EC2, "DescribeVpcEndpoints").region(region);
    let id = ctx.required_str(at, "VpcEndpointId", e.vpc_endpoint_id())?;
    let at = at.resource(&id);
    Ok(VpcEndpoint {
        vpc_id: owned(e.vpc_id()),
        service_name: ctx.required_str(at, "ServiceName", e.service_name())?,
        endpoint_type: ctx.required_str(
            at,
            "VpcEndpointType",
            e.vpc_endpoint_type().map(|t| t.as_str()),
        )?,
        state: e.state().map(|s| s.as_str().to_string()),
        id,
    })
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

/// One instance. Its id, type and state are what every check of it reads first: without one,
/// the region's list fails with the recorded gap (never an instance named "" or in state "").
fn instance(ctx: &Ctx, region: &str, i: &aws_sdk_ec2::types::Instance) -> Result<Instance, Gap> {
    let at = Call::new(EC2, "DescribeInstances").region(region);
    let id = ctx.required_str(at, "InstanceId", i.instance_id())?;
    let at = at.resource(&id);
    Ok(Instance {
        arn: ctx.arn(EC2, region, &format!("instance/{id}")),
        region: region.to_string(),
        instance_type: ctx.required_str(
            at,
            "InstanceType",
            i.instance_type().map(|t| t.as_str()),
        )?,
        state: ctx.required_str(
            at,
            "State.Name",
            i.state().and_then(|s| s.name()).map(|n| n.as_str()),
        )?,
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
        platform_details: owned(i.platform_details().filter(|p| !p.is_empty())),
        // `KeyName` is sent only for an instance launched with a key pair (EC2 API reference,
        // `Instance`: "The name of the key pair, if this instance was launched with an
        // associated key pair").
        key_name: Fetched::Ok(owned(i.key_name())),
        tags: tags(i.tags()),
        id,
    })
}

fn volume(ctx: &Ctx, region: &str, v: &aws_sdk_ec2::types::Volume) -> Result<Volume, Gap> {
    let at = Call::new(EC2, "DescribeVolumes").region(region);
    let id = ctx.required_str(at, "VolumeId", v.volume_id())?;
    let at = at.resource(&id);
    Ok(Volume {
        arn: ctx.arn(EC2, region, &format!("volume/{id}")),
        region: region.to_string(),
        volume_type: convert::non_empty(v.volume_type().map(|t| t.as_str())),
        size_gib: ctx.required(at, "Size", v.size())?,
        encrypted: v.encrypted(),
        state: ctx.required_str(at, "State", v.state().map(|s| s.as_str()))?,
        availability_zone: owned(v.availability_zone()),
        // An attachment without its instance is a gap: dropped, an attached volume would read
        // as unattached.
        attached_to: v
            .attachments()
            .iter()
            .map(|a| ctx.required_str(at, "Attachments.InstanceId", a.instance_id()))
            .collect::<Result<_, Gap>>()?,
        create_time: v.create_time().and_then(to_offset),
        tags: tags(v.tags()),
        id,
    })
}

fn security_group(
    ctx: &Ctx,
    region: &str,
    g: &aws_sdk_ec2::types::SecurityGroup,
) -> Result<SecurityGroup, Gap> {
    let at = Call::new(EC2, "DescribeSecurityGroups").region(region);
    let id = ctx.required_str(at, "GroupId", g.group_id())?;
    let at = at.resource(&id);
    Ok(SecurityGroup {
        arn: ctx.arn(EC2, region, &format!("security-group/{id}")),
        region: region.to_string(),
        name: ctx.required_str(at, "GroupName", g.group_name())?,
        vpc_id: owned(g.vpc_id()),
        // A range, pair or prefix list that does not say what it allows is a gap for the group:
        // dropping it would read an open rule as closed.
        ingress: g
            .ip_permissions()
            .iter()
            .map(|p| {
                Ok(IngressRule {
                    // A rule without IpProtocol is read as "-1" (every protocol): the reading
                    // that can only make a check fail, never pass.
                    protocol: p.ip_protocol().unwrap_or("-1").to_string(),
                    from_port: p.from_port(),
                    to_port: p.to_port(),
                    ipv4_ranges: p
                        .ip_ranges()
                        .iter()
                        .map(|r| ctx.required_str(at, "IpRanges.CidrIp", r.cidr_ip()))
                        .collect::<Result<_, _>>()?,
                    ipv6_ranges: p
                        .ipv6_ranges()
                        .iter()
                        .map(|r| ctx.required_str(at, "Ipv6Ranges.CidrIpv6", r.cidr_ipv6()))
                        .collect::<Result<_, _>>()?,
                    source_groups: p
                        .user_id_group_pairs()
                        .iter()
                        .map(|pair| {
                            ctx.required_str(at, "UserIdGroupPairs.GroupId", pair.group_id())
                        })
                        .collect::<Result<_, _>>()?,
                    prefix_lists: p
                        .prefix_list_ids()
                        .iter()
                        .map(|pl| {
                            ctx.required_str(at, "PrefixListIds.PrefixListId", pl.prefix_list_id())
                        })
                        .collect::<Result<_, _>>()?,
                })
            })
            .collect::<Result<_, Gap>>()?,
        tags: tags(g.tags()),
        id,
    })
}

fn vpc(ctx: &Ctx, region: &str, v: &aws_sdk_ec2::types::Vpc) -> Result<Vpc, Gap> {
    let at = Call::new(EC2, "DescribeVpcs").region(region);
    let id = ctx.required_str(at, "VpcId", v.vpc_id())?;
    Ok(Vpc {
        arn: ctx.arn(EC2, region, &format!("vpc/{id}")),
        region: region.to_string(),
        cidr_block: owned(v.cidr_block()),
        // A block association without its block or state is a gap: dropped, an overlap with
        // another VPC would go unseen (ec2_transit_gateway_cidrs_overlap would pass).
        cidr_blocks: Some(
            v.cidr_block_association_set()
                .iter()
                .map(|a| {
                    let at = at.resource(&id);
                    let state = ctx.required(
                        at,
                        "CidrBlockAssociationSet.CidrBlockState.State",
                        a.cidr_block_state().and_then(|s| s.state()),
                    )?;
                    let block =
                        ctx.required_str(at, "CidrBlockAssociationSet.CidrBlock", a.cidr_block())?;
                    Ok(
                        (*state == aws_sdk_ec2::types::VpcCidrBlockStateCode::Associated)
                            .then_some(block),
                    )
                })
                .collect::<Result<Vec<_>, Gap>>()?
                .into_iter()
                .flatten()
                .collect(),
        ),
        is_default: v.is_default(),
        tags: tags(v.tags()),
        id,
    })
}

fn flow_log(ctx: &Ctx, region: &str, f: &aws_sdk_ec2::types::FlowLog) -> Result<FlowLog, Gap> {
    let at = Call::new(EC2, "DescribeFlowLogs").region(region);
    let id = ctx.required_str(at, "FlowLogId", f.flow_log_id())?;
    Ok(FlowLog {
        resource_id: ctx.required_str(at.resource(&id), "ResourceId", f.resource_id())?,
        status: owned(f.flow_log_status()),
        traffic_type: f.traffic_type().map(|t| t.as_str().to_string()),
        id,
    })
}

fn address(ctx: &Ctx, region: &str, a: &aws_sdk_ec2::types::Address) -> Result<Address, Gap> {
    let at = Call::new(EC2, "DescribeAddresses").region(region);
    let public_ip = ctx.required_str(at, "PublicIp", a.public_ip())?;
    // EC2-Classic addresses had no AllocationId: the public IP is their id (EC2 API reference).
    let id = a.allocation_id().unwrap_or(&public_ip).to_string();
    Ok(Address {
        arn: ctx.arn(EC2, region, &format!("elastic-ip/{id}")),
        region: region.to_string(),
        allocation_id: owned(a.allocation_id()),
        public_ip,
        // Some endpoints send empty elements for "not associated": treat them as absent.
        association_id: non_empty(a.association_id()),
        instance_id: non_empty(a.instance_id()),
        network_interface_id: non_empty(a.network_interface_id()),
        tags: tags(a.tags()),
    })
}

fn snapshot(ctx: &Ctx, region: &str, s: &aws_sdk_ec2::types::Snapshot) -> Result<EbsSnapshot, Gap> {
    let at = Call::new(EC2, "DescribeSnapshots").region(region);
    let id = ctx.required_str(at, "SnapshotId", s.snapshot_id())?;
    Ok(EbsSnapshot {
        arn: ctx.arn(EC2, region, &format!("snapshot/{id}")),
        region: region.to_string(),
        volume_id: non_empty(s.volume_id()),
        encrypted: s.encrypted(),
        volume_size_gib: s.volume_size(),
        start_time: s.start_time().and_then(to_offset),
        tags: tags(s.tags()),
        id,
    })
}

#[cfg(test)]
mod tests {
    use super::{security_group, state_since, volume, vpc};
    use crate::collect::tests::test_ctx;
    use aws_sdk_ec2::types::{IpPermission, IpRange, SecurityGroup};
    use time::macros::datetime;

    fn group_with(range: IpRange) -> SecurityGroup {
        SecurityGroup::builder()
            .group_id("sg-1")
            .group_name("legacy-ssh")
            .ip_permissions(
                IpPermission::builder()
                    .ip_protocol("tcp")
                    .from_port(22)
                    .to_port(22)
                    .ip_ranges(range)
                    .build(),
            )
            .build()
    }

    /// Found by the fault harness (seed 9): a range without CidrIp was dropped, so a rule open to
    /// the internet read as closed and `ec2_security_group_admin_ports_open` passed.
    #[test]
    fn a_range_without_cidr_is_a_gap_not_a_closed_rule() {
        let ctx = test_ctx();
        let open = security_group(
            &ctx,
            "eu-west-1",
            &group_with(IpRange::builder().cidr_ip("0.0.0.0/0").build()),
        );
        assert_eq!(
            open.map(|g| g.ingress[0].ipv4_ranges.clone()),
            Ok(vec!["0.0.0.0/0".to_string()])
        );
        let gap = security_group(&ctx, "eu-west-1", &group_with(IpRange::builder().build()))
            .expect_err("a range that names no CIDR");
        assert!(gap.to_string().contains("IpRanges.CidrIp"), "{gap}");
        assert!(gap.to_string().contains("sg-1"), "{gap}");
    }

    #[test]
    fn state_since_reads_the_date_of_a_transition_reason() {
        assert_eq!(
            state_since("User initiated (2024-01-05 10:00:00 GMT)"),
            Some(datetime!(2024-01-05 10:00:00 UTC))
        );
        assert_eq!(state_since(""), None);
        assert_eq!(state_since("Server.InternalError"), None);
    }

    /// Issue #14: a CIDR block association without its block or state was dropped (an overlap
    /// went unseen and ec2_transit_gateway_cidrs_overlap passed); a volume attachment without
    /// its instance read as unattached.
    #[test]
    fn a_cidr_association_or_attachment_without_its_members_is_a_gap() {
        use aws_sdk_ec2::types::{
            Volume as SdkVolume, VolumeAttachment, VolumeState, Vpc as SdkVpc,
            VpcCidrBlockAssociation, VpcCidrBlockState, VpcCidrBlockStateCode,
        };
        let ctx = test_ctx();
        let association = |block: Option<&str>, state: Option<VpcCidrBlockStateCode>| {
            VpcCidrBlockAssociation::builder()
                .set_cidr_block(block.map(str::to_string))
                .cidr_block_state(VpcCidrBlockState::builder().set_state(state).build())
                .build()
        };
        let with = |a: VpcCidrBlockAssociation| {
            SdkVpc::builder()
                .vpc_id("vpc-1")
                .cidr_block_association_set(association(
                    Some("10.0.0.0/16"),
                    Some(VpcCidrBlockStateCode::Associated),
                ))
                .cidr_block_association_set(a)
                .build()
        };
        let read = vpc(
            &ctx,
            "eu-west-1",
            &with(association(
                Some("10.9.0.0/16"),
                Some(VpcCidrBlockStateCode::Disassociated),
            )),
        )
        .expect("read");
        assert_eq!(read.cidr_blocks, Some(vec!["10.0.0.0/16".to_string()]));
        let gap = vpc(
            &ctx,
            "eu-west-1",
            &with(association(Some("10.1.0.0/16"), None)),
        )
        .expect_err("gap");
        assert_eq!(
            gap.message,
            "the answer has no CidrBlockAssociationSet.CidrBlockState.State"
        );
        let gap = vpc(
            &ctx,
            "eu-west-1",
            &with(association(None, Some(VpcCidrBlockStateCode::Associated))),
        )
        .expect_err("gap");
        assert_eq!(
            gap.message,
            "the answer has no CidrBlockAssociationSet.CidrBlock"
        );
        let attached = SdkVolume::builder()
            .volume_id("vol-1")
            .size(8)
            .state(VolumeState::InUse)
            .attachments(VolumeAttachment::builder().device("/dev/xvda").build())
            .build();
        let gap = volume(&ctx, "eu-west-1", &attached).expect_err("gap");
        assert_eq!(gap.message, "the answer has no Attachments.InstanceId");
        assert_eq!(ctx.take_errors().len(), 3);
    }
}
