//! EC2's network topology of a region: subnets, NAT gateways, route tables, VPN connections, VPC
//! peering connections, transit gateways and their VPC attachments. Seven listings, concurrent, each
//! paginated where EC2 paginates it (DescribeVpnConnections has no pagination: one answer holds
//! them all).

use aws_sdk_ec2::types::{AvailabilityMode, RouteTableAssociationStateCode, TelemetryStatus};
use aws_sdk_ec2::Client;
use wascan_checks::model::network::*;

use super::calls::{every, Call, Ctx};
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
                .map(|s| subnet(ctx, region, s))
                .collect::<Vec<_>>(),
        ),
        ctx.pages(
            at("DescribeNatGateways"),
            ec2.describe_nat_gateways().into_paginator().send(),
            |page| page
                .nat_gateways()
                .iter()
                .map(|n| nat_gateway(ctx, region, n))
                .collect::<Vec<_>>(),
        ),
        ctx.pages(
            at("DescribeRouteTables"),
            ec2.describe_route_tables().into_paginator().send(),
            |page| page
                .route_tables()
                .iter()
                .map(|t| route_table(ctx, region, t))
                .collect::<Vec<_>>(),
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
                .map(|g| transit_gateway(ctx, region, g))
                .collect::<Vec<_>>(),
        ),
    );
    Network {
        subnets: every(subnets).into(),
        nat_gateways: every(nat_gateways).into(),
        route_tables: every(route_tables).into(),
        vpn_connections: every(vpn_connections.map(|out| {
            out.vpn_connections()
                .iter()
                .map(|v| vpn_connection(ctx, region, v))
                .collect()
        }))
        .into(),
        peering_connections: every(peering).into(),
        transit_gateway_attachments: every(attachments).into(),
        transit_gateways: every(gateways).into(),
    }
}

fn owned(value: Option<&str>) -> Option<String> {
    value.map(str::to_string)
}

fn tags(tags: &[aws_sdk_ec2::types::Tag]) -> wascan_checks::model::Tags {
    convert::tags(tags.iter().map(|tag| (tag.key(), tag.value())))
}

// Each converter reads one entry, and an entry that lacks what a check needs to place it (its
// id, VPC, zone, state, a route's target) is a recorded gap that fails the region's list: a
// dropped subnet, NAT gateway or route would turn "one NAT gateway for three zones" into "no NAT
// gateway" and a failure into a pass or silence.

fn subnet(ctx: &Ctx, region: &str, s: &aws_sdk_ec2::types::Subnet) -> Result<Subnet, Gap> {
    let at = Call::new(EC2, "DescribeSubnets").region(region);
    let id = ctx.required_str(at, "SubnetId", s.subnet_id())?;
    let at = at.resource(&id);
    Ok(Subnet {
        arn: owned(s.subnet_arn()).unwrap_or_else(|| ctx.arn(EC2, region, &format!("subnet/{id}"))),
        region: region.to_string(),
        vpc_id: Some(ctx.required_str(at, "VpcId", s.vpc_id())?),
        availability_zone: Some(ctx.required_str(at, "AvailabilityZone", s.availability_zone())?),
        // Absent for an IPv6-only subnet (EC2 API reference, Subnet: CidrBlock is the IPv4
        // block); the free-address check skips those.
        cidr_block: owned(s.cidr_block()),
        available_ip_addresses: s.available_ip_address_count(),
        tags: tags(s.tags()),
        id,
    })
}

fn nat_gateway(
    ctx: &Ctx,
    region: &str,
    n: &aws_sdk_ec2::types::NatGateway,
) -> Result<NatGateway, Gap> {
    let at = Call::new(EC2, "DescribeNatGateways").region(region);
    let id = ctx.required_str(at, "NatGatewayId", n.nat_gateway_id())?;
    let at = at.resource(&id);
    // A regional NAT gateway spans the zones: it lives in no one subnet. Any other (zonal, or
    // an answer from before AvailabilityMode existed) must say its subnet: read as regional
    // when the subnet was left out, it would pass ec2_nat_gateway_per_az.
    let subnet_id = if n.availability_mode() == Some(&AvailabilityMode::Regional) {
        None
    } else {
        Some(ctx.required_str(at, "SubnetId", n.subnet_id())?)
    };
    Ok(NatGateway {
        arn: ctx.arn(EC2, region, &format!("natgateway/{id}")),
        region: region.to_string(),
        vpc_id: owned(n.vpc_id()),
        subnet_id,
        state: Some(ctx.required(at, "State", n.state())?.as_str().to_string()),
        tags: tags(n.tags()),
        id,
    })
}

/// Whether a route names where it sends traffic (one of the targets the EC2 API reference lists
/// for `Route`).
fn has_target(r: &aws_sdk_ec2::types::Route) -> bool {
    [
        r.gateway_id(),
        r.nat_gateway_id(),
        r.instance_id(),
        r.network_interface_id(),
        r.transit_gateway_id(),
        r.vpc_peering_connection_id(),
        r.egress_only_internet_gateway_id(),
        r.local_gateway_id(),
        r.carrier_gateway_id(),
        r.core_network_arn(),
        r.odb_network_arn(),
    ]
    .into_iter()
    .any(|target| target.is_some_and(|t| !t.is_empty()))
}

fn route_table(
    ctx: &Ctx,
    region: &str,
    t: &aws_sdk_ec2::types::RouteTable,
) -> Result<RouteTable, Gap> {
    let at = Call::new(EC2, "DescribeRouteTables").region(region);
    let id = ctx.required_str(at, "RouteTableId", t.route_table_id())?;
    let at = at.resource(&id);
    let vpc_id = ctx.required_str(at, "VpcId", t.vpc_id())?;
    // A route without its target might be the one to a NAT gateway: the table would read as
    // private.
    if !t.routes().iter().all(has_target) {
        return Err(
            ctx.record(at.missing("target for one of its Routes (GatewayId, NatGatewayId, ...)"))
        );
    }
    let mut nat_gateway_ids: Vec<String> = t
        .routes()
        .iter()
        .filter_map(|r| owned(r.nat_gateway_id()))
        .collect();
    nat_gateway_ids.sort();
    nat_gateway_ids.dedup();
    let mut main = false;
    let mut subnet_ids = Vec::new();
    for a in t.associations() {
        // An association without a state is taken as current: the state is informational.
        let current = a
            .association_state()
            .and_then(|s| s.state())
            .is_none_or(|s| *s == RouteTableAssociationStateCode::Associated);
        // Main is always sent (true or false): without it the VPC's main table, which serves
        // every subnet without its own, could not be found.
        let is_main = ctx.required(at, "Associations.Main", a.main())?;
        let subnet = owned(a.subnet_id()).filter(|s| !s.is_empty());
        // A non-main association names its subnet or (edge association) its gateway.
        if !is_main && subnet.is_none() && a.gateway_id().is_none_or(str::is_empty) {
            return Err(ctx.record(at.missing("Associations.SubnetId")));
        }
        if current {
            main |= is_main;
            subnet_ids.extend(subnet);
        }
    }
    Ok(RouteTable {
        id,
        vpc_id: Some(vpc_id),
        main,
        subnet_ids,
        nat_gateway_ids,
    })
}

fn vpn_connection(
    ctx: &Ctx,
    region: &str,
    v: &aws_sdk_ec2::types::VpnConnection,
) -> Result<VpnConnection, Gap> {
    let at = Call::new(EC2, "DescribeVpnConnections").region(region);
    let id = ctx.required_str(at, "VpnConnectionId", v.vpn_connection_id())?;
    let at = at.resource(&id);
    // Without its state the tunnel check would skip the connection as "not available".
    let state = ctx.required(at, "State", v.state())?.as_str().to_string();
    let telemetry = v.vgw_telemetry();
    // AWS sends one telemetry entry per tunnel. No telemetry, or a tunnel without its status,
    // means the tunnels' state is unknown (the check says not_evaluated), not DOWN.
    let tunnels: Option<Vec<String>> = if telemetry.is_empty() {
        None
    } else {
        telemetry
            .iter()
            .map(|t| t.status().map(|s| TelemetryStatus::as_str(s).to_string()))
            .collect()
    };
    Ok(VpnConnection {
        arn: ctx.arn(EC2, region, &format!("vpn-connection/{id}")),
        region: region.to_string(),
        state: Some(state),
        tunnels,
        tags: tags(v.tags()),
        id,
    })
}

fn transit_gateway(
    ctx: &Ctx,
    region: &str,
    g: &aws_sdk_ec2::types::TransitGateway,
) -> Result<TransitGateway, Gap> {
    let at = Call::new(EC2, "DescribeTransitGateways").region(region);
    let id = ctx.required_str(at, "TransitGatewayId", g.transit_gateway_id())?;
    Ok(TransitGateway {
        arn: owned(g.transit_gateway_arn())
            .unwrap_or_else(|| ctx.arn(EC2, region, &format!("transit-gateway/{id}"))),
        region: region.to_string(),
        tags: tags(g.tags()),
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

#[cfg(test)]
mod tests {
    use aws_sdk_ec2::types::{
        AvailabilityMode, NatGateway as SdkNat, NatGatewayState, Route, RouteTable as SdkTable,
        RouteTableAssociation, Subnet as SdkSubnet, TelemetryStatus, TransitGateway as SdkTgw,
        VgwTelemetry, VpnConnection as SdkVpn, VpnState,
    };

    use super::*;
    use crate::collect::tests::test_ctx;

    const REGION: &str = "eu-west-1";

    fn message(gap: Gap) -> String {
        format!("{} {}", gap.resource.unwrap_or_default(), gap.message)
    }

    /// Issue #14: a subnet without its VPC or zone was kept and then skipped by the checks (a
    /// one-zone VPC lost its failure); one without its id was dropped.
    #[test]
    fn a_subnet_without_its_id_vpc_or_zone_is_a_gap() {
        let ctx = test_ctx();
        let full = SdkSubnet::builder()
            .subnet_id("subnet-1")
            .vpc_id("vpc-1")
            .availability_zone("eu-west-1a")
            .cidr_block("10.0.0.0/24")
            .available_ip_address_count(200)
            .build();
        let read = subnet(&ctx, REGION, &full).expect("complete");
        assert_eq!(read.availability_zone.as_deref(), Some("eu-west-1a"));
        assert_eq!(read.vpc_id.as_deref(), Some("vpc-1"));
        let no_zone = SdkSubnet::builder()
            .subnet_id("subnet-1")
            .vpc_id("vpc-1")
            .build();
        assert_eq!(
            message(subnet(&ctx, REGION, &no_zone).expect_err("gap")),
            "subnet-1 the answer has no AvailabilityZone"
        );
        let no_vpc = SdkSubnet::builder()
            .subnet_id("subnet-1")
            .availability_zone("eu-west-1a")
            .build();
        assert_eq!(
            message(subnet(&ctx, REGION, &no_vpc).expect_err("gap")),
            "subnet-1 the answer has no VpcId"
        );
        let no_id = SdkSubnet::builder().vpc_id("vpc-1").build();
        assert_eq!(
            message(subnet(&ctx, REGION, &no_id).expect_err("gap")),
            " the answer has no SubnetId"
        );
        assert_eq!(ctx.take_errors().len(), 3);
    }

    /// Issue #14: a zonal NAT gateway whose SubnetId was left out read as regional (passing
    /// ec2_nat_gateway_per_az); one without State counted as in use, one without id vanished.
    #[test]
    fn a_nat_gateway_without_its_subnet_or_state_is_a_gap() {
        let ctx = test_ctx();
        let zonal = SdkNat::builder()
            .nat_gateway_id("nat-1")
            .subnet_id("subnet-1")
            .state(NatGatewayState::Available)
            .build();
        let read = nat_gateway(&ctx, REGION, &zonal).expect("complete");
        assert_eq!(read.subnet_id.as_deref(), Some("subnet-1"));
        let regional = SdkNat::builder()
            .nat_gateway_id("nat-2")
            .availability_mode(AvailabilityMode::Regional)
            .state(NatGatewayState::Available)
            .build();
        assert_eq!(
            nat_gateway(&ctx, REGION, &regional)
                .expect("regional")
                .subnet_id,
            None
        );
        let no_subnet = SdkNat::builder()
            .nat_gateway_id("nat-1")
            .state(NatGatewayState::Available)
            .build();
        assert_eq!(
            message(nat_gateway(&ctx, REGION, &no_subnet).expect_err("gap")),
            "nat-1 the answer has no SubnetId"
        );
        let no_state = SdkNat::builder()
            .nat_gateway_id("nat-1")
            .subnet_id("subnet-1")
            .build();
        assert_eq!(
            message(nat_gateway(&ctx, REGION, &no_state).expect_err("gap")),
            "nat-1 the answer has no State"
        );
        let no_id = SdkNat::builder().subnet_id("subnet-1").build();
        assert!(nat_gateway(&ctx, REGION, &no_id).is_err());
        assert_eq!(ctx.take_errors().len(), 3);
    }

    /// Issue #14: a route without its target (the NAT gateway's id removed) read as no route,
    /// so the table looked private; a main association without Main lost the VPC's main table.
    #[test]
    fn a_route_table_without_its_vpc_targets_or_main_flag_is_a_gap() {
        let ctx = test_ctx();
        let nat_route = Route::builder()
            .destination_cidr_block("0.0.0.0/0")
            .nat_gateway_id("nat-1")
            .build();
        let local = Route::builder()
            .destination_cidr_block("10.0.0.0/16")
            .gateway_id("local")
            .build();
        let main = RouteTableAssociation::builder().main(true).build();
        let explicit = RouteTableAssociation::builder()
            .main(false)
            .subnet_id("subnet-1")
            .build();
        let table = |routes: Vec<Route>, associations: Vec<RouteTableAssociation>| {
            SdkTable::builder()
                .route_table_id("rtb-1")
                .vpc_id("vpc-1")
                .set_routes(Some(routes))
                .set_associations(Some(associations))
                .build()
        };
        let read = route_table(
            &ctx,
            REGION,
            &table(vec![local.clone(), nat_route], vec![main.clone(), explicit]),
        )
        .expect("complete");
        assert!(read.main);
        assert_eq!(read.subnet_ids, ["subnet-1"]);
        assert_eq!(read.nat_gateway_ids, ["nat-1"]);

        let targetless = Route::builder().destination_cidr_block("0.0.0.0/0").build();
        let gap = route_table(
            &ctx,
            REGION,
            &table(vec![local.clone(), targetless], vec![]),
        )
        .expect_err("gap");
        assert!(message(gap).starts_with("rtb-1 the answer has no target for one of its Routes"));
        let no_main = RouteTableAssociation::builder().build();
        assert_eq!(
            message(
                route_table(&ctx, REGION, &table(vec![local.clone()], vec![no_main]))
                    .expect_err("gap")
            ),
            "rtb-1 the answer has no Associations.Main"
        );
        let nameless = RouteTableAssociation::builder().main(false).build();
        assert_eq!(
            message(
                route_table(&ctx, REGION, &table(vec![local], vec![nameless])).expect_err("gap")
            ),
            "rtb-1 the answer has no Associations.SubnetId"
        );
        let no_vpc = SdkTable::builder().route_table_id("rtb-1").build();
        assert_eq!(
            message(route_table(&ctx, REGION, &no_vpc).expect_err("gap")),
            "rtb-1 the answer has no VpcId"
        );
        assert_eq!(ctx.take_errors().len(), 4);
    }

    /// Issue #14: a VPN connection without State was skipped (its failing tunnels lost), and a
    /// tunnel without its status read as DOWN, a default nobody sent.
    #[test]
    fn a_vpn_connection_without_its_state_is_a_gap_and_an_unknown_tunnel_is_unknown() {
        let ctx = test_ctx();
        let up = VgwTelemetry::builder().status(TelemetryStatus::Up).build();
        let unknown = VgwTelemetry::builder().build();
        let vpn = |telemetry: Vec<VgwTelemetry>| {
            SdkVpn::builder()
                .vpn_connection_id("vpn-1")
                .state(VpnState::Available)
                .set_vgw_telemetry(Some(telemetry))
                .build()
        };
        let read =
            vpn_connection(&ctx, REGION, &vpn(vec![up.clone(), up.clone()])).expect("complete");
        assert_eq!(read.tunnels, Some(vec!["UP".to_string(), "UP".to_string()]));
        let read = vpn_connection(&ctx, REGION, &vpn(vec![up, unknown])).expect("complete");
        assert_eq!(read.tunnels, None);
        let no_state = SdkVpn::builder().vpn_connection_id("vpn-1").build();
        assert_eq!(
            message(vpn_connection(&ctx, REGION, &no_state).expect_err("gap")),
            "vpn-1 the answer has no State"
        );
        let no_id = SdkTgw::builder().build();
        assert_eq!(
            message(transit_gateway(&ctx, REGION, &no_id).expect_err("gap")),
            " the answer has no TransitGatewayId"
        );
        assert_eq!(ctx.take_errors().len(), 2);
    }
}
