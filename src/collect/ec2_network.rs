//! EC2's network topology of a region: subnets, NAT gateways, route tables, VPN connections, VPC
//! peering connections, transit gateways and their VPC attachments. Seven listings, concurrent, each
//! paginated where EC2 paginates it (DescribeVpnConnections has no pagination: one answer holds
//! them all).

use aws_sdk_ec2::types::{AvailabilityMode, RouteTableAssociationStateCode, TelemetryStatus};
use aws_sdk_ec2::Client;
use wascan_checks::model::network::*;

use super::calls::{Call, Ctx};
use crate::convert;
use wascan_checks::model::Gap;

const EC2: &str = "ec2";

pub async fn collect_region(ctx: &Ctx, ec2: &Client, region: &str) -> Network {
    let at = |operation| Call::new(EC2, operation).region(region);
    let (subnets, nat_gateways, route_tables, vpn_connections, peering, attachments, gateways) = futures::join!(
        ctx.pages(
            at("DescribeSubnets"),
            ec2.describe_subnets().into_paginator().send(),
            |page| page
                .subnets()
                .iter()
                .filter_map(|s| subnet(ctx, region, s))
                .collect(),
        ),
        ctx.pages(
            at("DescribeNatGateways"),
            ec2.describe_nat_gateways().into_paginator().send(),
            |page| page
                .nat_gateways()
                .iter()
                .filter_map(|n| nat_gateway(ctx, region, n))
                .collect(),
        ),
        ctx.pages(
            at("DescribeRouteTables"),
            ec2.describe_route_tables().into_paginator().send(),
            |page| page.route_tables().iter().filter_map(route_table).collect(),
        ),
        ctx.call(
            at("DescribeVpnConnections"),
            ec2.describe_vpn_connections().send()
        ),
        ctx.pages(
            at("DescribeVpcPeeringConnections"),
            ec2.describe_vpc_peering_connections()
                .into_paginator()
                .send(),
            |page| page
                .vpc_peering_connections()
                .iter()
                .map(|p| peering_connection(ctx, region, p))
                .collect::<Vec<_>>(),
        ),
        ctx.pages(
            at("DescribeTransitGatewayVpcAttachments"),
            ec2.describe_transit_gateway_vpc_attachments()
                .into_paginator()
                .send(),
            |page| page
                .transit_gateway_vpc_attachments()
                .iter()
                .map(|a| attachment(ctx, region, a))
                .collect::<Vec<_>>(),
        ),
        ctx.pages(
            at("DescribeTransitGateways"),
            ec2.describe_transit_gateways().into_paginator().send(),
            |page| page
                .transit_gateways()
                .iter()
                .filter_map(|g| {
                    let id = g.transit_gateway_id()?.to_string();
                    Some(TransitGateway {
                        arn: g
                            .transit_gateway_arn()
                            .map(str::to_string)
                            .unwrap_or_else(|| {
                                ctx.arn(EC2, region, &format!("transit-gateway/{id}"))
                            }),
                        region: region.to_string(),
                        tags: tags(g.tags()),
                        id,
                    })
                })
                .collect(),
        ),
    );
    Network {
        subnets: subnets.into(),
        nat_gateways: nat_gateways.into(),
        route_tables: route_tables.into(),
        vpn_connections: vpn_connections
            .map(|out| {
                out.vpn_connections()
                    .iter()
                    .filter_map(|v| vpn_connection(ctx, region, v))
                    .collect()
            })
            .into(),
        peering_connections: peering
            .and_then(|items| items.into_iter().collect::<Result<Vec<_>, Gap>>())
            .into(),
        transit_gateway_attachments: attachments
            .and_then(|items| items.into_iter().collect::<Result<Vec<_>, Gap>>())
            .into(),
        transit_gateways: gateways.into(),
    }
}

fn owned(value: Option<&str>) -> Option<String> {
    value.map(str::to_string)
}

fn tags(tags: &[aws_sdk_ec2::types::Tag]) -> wascan_checks::model::Tags {
    convert::tags(tags.iter().map(|tag| (tag.key(), tag.value())))
}

// Each converter skips an entry without its id: AWS always sends it, and an entry without one
// could not be named in a finding.

fn subnet(ctx: &Ctx, region: &str, s: &aws_sdk_ec2::types::Subnet) -> Option<Subnet> {
    let id = s.subnet_id()?.to_string();
    Some(Subnet {
        arn: owned(s.subnet_arn()).unwrap_or_else(|| ctx.arn(EC2, region, &format!("subnet/{id}"))),
        region: region.to_string(),
        vpc_id: owned(s.vpc_id()),
        availability_zone: owned(s.availability_zone()),
        cidr_block: owned(s.cidr_block()),
        available_ip_addresses: s.available_ip_address_count(),
        tags: tags(s.tags()),
        id,
    })
}

fn nat_gateway(ctx: &Ctx, region: &str, n: &aws_sdk_ec2::types::NatGateway) -> Option<NatGateway> {
    let id = n.nat_gateway_id()?.to_string();
    let regional = n.availability_mode() == Some(&AvailabilityMode::Regional);
    Some(NatGateway {
        arn: ctx.arn(EC2, region, &format!("natgateway/{id}")),
        region: region.to_string(),
        vpc_id: owned(n.vpc_id()),
        // A regional NAT gateway spans the zones: it lives in no one subnet.
        subnet_id: if regional { None } else { owned(n.subnet_id()) },
        state: n.state().map(|s| s.as_str().to_string()),
        tags: tags(n.tags()),
        id,
    })
}

fn route_table(t: &aws_sdk_ec2::types::RouteTable) -> Option<RouteTable> {
    let associated = |a: &&aws_sdk_ec2::types::RouteTableAssociation| {
        // An association without a state is taken as current: the state is informational.
        a.association_state()
            .and_then(|s| s.state())
            .is_none_or(|s| *s == RouteTableAssociationStateCode::Associated)
    };
    let mut nat_gateway_ids: Vec<String> = t
        .routes()
        .iter()
        .filter_map(|r| owned(r.nat_gateway_id()))
        .collect();
    nat_gateway_ids.sort();
    nat_gateway_ids.dedup();
    Some(RouteTable {
        id: t.route_table_id()?.to_string(),
        vpc_id: owned(t.vpc_id()),
        main: t
            .associations()
            .iter()
            .filter(associated)
            .any(|a| a.main() == Some(true)),
        subnet_ids: t
            .associations()
            .iter()
            .filter(associated)
            .filter_map(|a| owned(a.subnet_id()))
            .collect(),
        nat_gateway_ids,
    })
}

fn vpn_connection(
    ctx: &Ctx,
    region: &str,
    v: &aws_sdk_ec2::types::VpnConnection,
) -> Option<VpnConnection> {
    let id = v.vpn_connection_id()?.to_string();
    let telemetry = v.vgw_telemetry();
    Some(VpnConnection {
        arn: ctx.arn(EC2, region, &format!("vpn-connection/{id}")),
        region: region.to_string(),
        state: v.state().map(|s| s.as_str().to_string()),
        // AWS sends one telemetry entry per tunnel; none at all means we cannot tell.
        tunnels: (!telemetry.is_empty()).then(|| {
            telemetry
                .iter()
                .map(|t| {
                    t.status()
                        .map(TelemetryStatus::as_str)
                        .unwrap_or("UNKNOWN")
                        .to_string()
                })
                .collect()
        }),
        tags: tags(v.tags()),
        id,
    })
}

/// A peering connection that does not say whom it joins, or whether it is active, is a gap for
/// the region's list: dropping it (or reading it as inactive) would hide a mesh.
fn peering_connection(
    ctx: &Ctx,
    region: &str,
    p: &aws_sdk_ec2::types::VpcPeeringConnection,
) -> Result<PeeringConnection, Gap> {
    let at = Call::new(EC2, "DescribeVpcPeeringConnections").region(region);
    let id = ctx.required_str(at, "VpcPeeringConnectionId", p.vpc_peering_connection_id())?;
    let at = at.resource(&id);
    let status = ctx.required(at, "Status.Code", p.status().and_then(|s| s.code()))?;
    Ok(PeeringConnection {
        status: Some(status.as_str().to_string()),
        requester_vpc: Some(ctx.required_str(
            at,
            "RequesterVpcInfo.VpcId",
            p.requester_vpc_info().and_then(|i| i.vpc_id()),
        )?),
        accepter_vpc: Some(ctx.required_str(
            at,
            "AccepterVpcInfo.VpcId",
            p.accepter_vpc_info().and_then(|i| i.vpc_id()),
        )?),
        id,
    })
}

/// An attachment that does not say what it joins, or whether it is live, is a gap for the
/// region's list: dropping it (or reading it as detached) would hide an overlap.
fn attachment(
    ctx: &Ctx,
    region: &str,
    a: &aws_sdk_ec2::types::TransitGatewayVpcAttachment,
) -> Result<TransitGatewayAttachment, Gap> {
    let at = Call::new(EC2, "DescribeTransitGatewayVpcAttachments").region(region);
    let id = ctx.required_str(
        at,
        "TransitGatewayAttachmentId",
        a.transit_gateway_attachment_id(),
    )?;
    let at = at.resource(&id);
    Ok(TransitGatewayAttachment {
        transit_gateway_id: Some(ctx.required_str(
            at,
            "TransitGatewayId",
            a.transit_gateway_id(),
        )?),
        vpc_id: Some(ctx.required_str(at, "VpcId", a.vpc_id())?),
        state: Some(ctx.required(at, "State", a.state())?.as_str().to_string()),
        id,
    })
}
