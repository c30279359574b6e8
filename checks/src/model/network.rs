//! The network topology of a region, read from EC2: `DescribeSubnets`, `DescribeNatGateways`,
//! `DescribeRouteTables`, `DescribeVpnConnections`, `DescribeVpcPeeringConnections` and
//! `DescribeTransitGatewayVpcAttachments` (each paginated where EC2 paginates it). Kept in
//! [`crate::model::Ec2Region::network`].

use std::net::Ipv4Addr;

use serde::{Deserialize, Serialize};

use super::{name_tag, Fetched, Resource, ResourceRef, Service, Snapshot, Tags};

/// The network topology of one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Network {
    pub subnets: Fetched<Vec<Subnet>>,
    pub nat_gateways: Fetched<Vec<NatGateway>>,
    pub route_tables: Fetched<Vec<RouteTable>>,
    pub vpn_connections: Fetched<Vec<VpnConnection>>,
    pub peering_connections: Fetched<Vec<PeeringConnection>>,
    pub transit_gateway_attachments: Fetched<Vec<TransitGatewayAttachment>>,
    /// The transit gateways the account owns or shares (`DescribeTransitGateways`).
    #[serde(default = "transit_gateways_not_collected")]
    pub transit_gateways: Fetched<Vec<TransitGateway>>,
}

fn transit_gateways_not_collected() -> Fetched<Vec<TransitGateway>> {
    Fetched::not_collected(Service::Ec2, "DescribeTransitGateways")
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TransitGateway {
    pub arn: String,
    pub region: String,
    pub id: String,
    pub tags: Tags,
}

impl Resource for TransitGateway {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::EC2::TransitGateway".into(),
            id: self.id.clone(),
            name: name_tag(&self.tags),
            region: self.region.clone(),
            tags: self.tags.clone(),
        }
    }
}

impl Default for Network {
    fn default() -> Self {
        Network {
            subnets: Fetched::not_collected(Service::Ec2, "DescribeSubnets"),
            nat_gateways: Fetched::not_collected(Service::Ec2, "DescribeNatGateways"),
            route_tables: Fetched::not_collected(Service::Ec2, "DescribeRouteTables"),
            vpn_connections: Fetched::not_collected(Service::Ec2, "DescribeVpnConnections"),
            peering_connections: Fetched::not_collected(
                Service::Ec2,
                "DescribeVpcPeeringConnections",
            ),
            transit_gateway_attachments: Fetched::not_collected(
                Service::Ec2,
                "DescribeTransitGatewayVpcAttachments",
            ),
            transit_gateways: transit_gateways_not_collected(),
        }
    }
}

impl Network {
    /// Everything read and found empty (for tests and a region with no network).
    pub fn empty() -> Self {
        Network {
            subnets: Fetched::Ok(vec![]),
            nat_gateways: Fetched::Ok(vec![]),
            route_tables: Fetched::Ok(vec![]),
            vpn_connections: Fetched::Ok(vec![]),
            peering_connections: Fetched::Ok(vec![]),
            transit_gateway_attachments: Fetched::Ok(vec![]),
            transit_gateways: Fetched::Ok(vec![]),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Subnet {
    pub arn: String,
    pub region: String,
    pub id: String,
    pub vpc_id: Option<String>,
    pub availability_zone: Option<String>,
    /// The IPv4 CIDR block (`None` for an IPv6-only subnet).
    pub cidr_block: Option<String>,
    /// IPv4 addresses still free (`AvailableIpAddressCount`); `None` when EC2 did not say.
    pub available_ip_addresses: Option<i32>,
    pub tags: Tags,
}

impl Subnet {
    /// The addresses of the subnet instances can use: its size less the five AWS reserves in
    /// every subnet (network, VPC router, DNS, future use, broadcast).
    /// <https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html>
    pub fn usable_addresses(&self) -> Option<u64> {
        let (_, prefix) = parse_cidr(self.cidr_block.as_deref()?)?;
        (1u64 << (32 - u32::from(prefix))).checked_sub(5)
    }
}

impl Resource for Subnet {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::EC2::Subnet".into(),
            id: self.id.clone(),
            name: name_tag(&self.tags),
            region: self.region.clone(),
            tags: self.tags.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct NatGateway {
    pub arn: String,
    pub region: String,
    pub id: String,
    pub vpc_id: Option<String>,
    /// The subnet it lives in (and so its Availability Zone); `None` for a regional NAT gateway.
    pub subnet_id: Option<String>,
    /// `pending`, `available`, `deleting`, `deleted`, `failed`.
    pub state: Option<String>,
    pub tags: Tags,
}

impl Resource for NatGateway {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::EC2::NatGateway".into(),
            id: self.id.clone(),
            name: name_tag(&self.tags),
            region: self.region.clone(),
            tags: self.tags.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RouteTable {
    pub id: String,
    pub vpc_id: Option<String>,
    /// The VPC's main route table: it serves every subnet with no explicit association.
    pub main: bool,
    /// Subnets explicitly associated with it.
    pub subnet_ids: Vec<String>,
    /// The NAT gateways its routes send traffic to.
    pub nat_gateway_ids: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct VpnConnection {
    pub arn: String,
    pub region: String,
    pub id: String,
    /// `pending`, `available`, `deleting`, `deleted`.
    pub state: Option<String>,
    /// The status of each tunnel (`UP` or `DOWN`) as `VgwTelemetry` reports it; `None` when the
    /// answer had no telemetry.
    pub tunnels: Option<Vec<String>>,
    pub tags: Tags,
}

impl Resource for VpnConnection {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::EC2::VPNConnection".into(),
            id: self.id.clone(),
            name: name_tag(&self.tags),
            region: self.region.clone(),
            tags: self.tags.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PeeringConnection {
    pub id: String,
    /// `active`, `pending-acceptance`, `deleted`, ...
    pub status: Option<String>,
    pub requester_vpc: Option<String>,
    pub accepter_vpc: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TransitGatewayAttachment {
    pub id: String,
    pub transit_gateway_id: Option<String>,
    pub vpc_id: Option<String>,
    /// `available`, `pending`, `deleted`, ...
    pub state: Option<String>,
}

impl TransitGatewayAttachment {
    /// The transit gateway, as a finding's resource. The attachment does not name the gateway's
    /// owner (it may be shared from another account): the ARN names the scanned account.
    pub fn transit_gateway(&self, snap: &Snapshot, region: &str) -> Option<ResourceRef> {
        let id = self.transit_gateway_id.as_deref()?;
        Some(ResourceRef {
            arn: format!(
                "arn:{}:ec2:{region}:{}:transit-gateway/{id}",
                snap.partition, snap.account_id
            ),
            kind: "AWS::EC2::TransitGateway".into(),
            id: id.to_string(),
            name: None,
            region: region.to_string(),
            tags: Tags::new(),
        })
    }
}

/// Parses an IPv4 CIDR block (`10.0.0.0/16`) into its network address and prefix length.
pub fn parse_cidr(cidr: &str) -> Option<(u32, u8)> {
    let (address, prefix) = cidr.split_once('/')?;
    let address: Ipv4Addr = address.trim().parse().ok()?;
    let prefix: u8 = prefix.trim().parse().ok()?;
    if prefix > 32 {
        return None;
    }
    let mask = if prefix == 0 {
        0
    } else {
        u32::MAX << (32 - u32::from(prefix))
    };
    Some((u32::from(address) & mask, prefix))
}

/// Whether two IPv4 CIDR blocks share an address (`None` when either does not parse).
pub fn cidrs_overlap(a: &str, b: &str) -> Option<bool> {
    let (a_net, a_len) = parse_cidr(a)?;
    let (b_net, b_len) = parse_cidr(b)?;
    let shorter = a_len.min(b_len);
    let mask = if shorter == 0 {
        0
    } else {
        u32::MAX << (32 - u32::from(shorter))
    };
    Some(a_net & mask == b_net & mask)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cidrs_parse_and_overlap() {
        assert_eq!(parse_cidr("10.0.1.7/24"), Some((0x0a00_0100, 24)));
        assert_eq!(parse_cidr("10.0.0.0/33"), None);
        assert_eq!(parse_cidr("nonsense"), None);
        assert_eq!(cidrs_overlap("10.0.0.0/16", "10.0.5.0/24"), Some(true));
        assert_eq!(cidrs_overlap("10.0.0.0/16", "10.1.0.0/16"), Some(false));
        assert_eq!(cidrs_overlap("0.0.0.0/0", "192.168.0.0/16"), Some(true));
        assert_eq!(cidrs_overlap("10.0.0.0/16", "x"), None);
    }

    #[test]
    fn usable_addresses_leave_out_the_five_aws_reserves() {
        let subnet = |cidr: Option<&str>| Subnet {
            arn: String::new(),
            region: String::new(),
            id: "s".into(),
            vpc_id: None,
            availability_zone: None,
            cidr_block: cidr.map(str::to_string),
            available_ip_addresses: None,
            tags: Tags::new(),
        };
        assert_eq!(subnet(Some("10.0.0.0/24")).usable_addresses(), Some(251));
        assert_eq!(subnet(Some("10.0.0.0/28")).usable_addresses(), Some(11));
        assert_eq!(subnet(None).usable_addresses(), None);
    }
}
