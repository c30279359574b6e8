//! EC2 and EBS, per region: `DescribeInstances`, `DescribeVolumes`, `GetEbsEncryptionByDefault`,
//! `DescribeSecurityGroups`, `DescribeVpcs`, `DescribeFlowLogs`, `DescribeAddresses`,
//! `DescribeSnapshots` (owned by the account), `DescribeVpcEndpoints`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::network::Network;
use super::{name_tag, Fetched, Gap, Known, Resource, ResourceRef, Service, Tags};
use crate::secrets::SecretHit;

/// Everything read from EC2 in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Ec2Region {
    pub instances: Fetched<Vec<Instance>>,
    pub volumes: Fetched<Vec<Volume>>,
    pub ebs_encryption_by_default: Fetched<bool>,
    pub security_groups: Fetched<Vec<SecurityGroup>>,
    pub vpcs: Fetched<Vec<Vpc>>,
    pub flow_logs: Fetched<Vec<FlowLog>>,
    pub addresses: Fetched<Vec<Address>>,
    pub snapshots: Fetched<Vec<EbsSnapshot>>,
    #[serde(default = "vpc_endpoints_not_collected")]
    pub vpc_endpoints: Fetched<Vec<VpcEndpoint>>,
    /// Subnets, NAT gateways, route tables, VPN, peering and transit gateway attachments.
    #[serde(default)]
    pub network: Network,
    /// The network interfaces (`DescribeNetworkInterfaces`): which instance, database, load
    /// balancer or function uses each security group.
    #[serde(default = "network_interfaces_not_collected")]
    pub network_interfaces: Fetched<Vec<NetworkInterface>>,
    /// The network ACLs (`DescribeNetworkAcls`).
    #[serde(default = "network_acls_not_collected")]
    pub network_acls: Fetched<Vec<NetworkAcl>>,
    /// Secrets found in plain text in each instance's user data (`DescribeInstanceAttribute`
    /// `userData`), keyed by instance id, masked: the user data itself is never kept. A blob that
    /// is not text is a gap naming the instance.
    #[serde(default)]
    pub user_data: BTreeMap<String, Fetched<Vec<SecretHit>>>,
}

fn network_interfaces_not_collected() -> Fetched<Vec<NetworkInterface>> {
    Fetched::not_collected(Service::Ec2, "DescribeNetworkInterfaces")
}

fn network_acls_not_collected() -> Fetched<Vec<NetworkAcl>> {
    Fetched::not_collected(Service::Ec2, "DescribeNetworkAcls")
}

/// A network interface and what it belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct NetworkInterface {
    pub id: String,
    /// The security groups of the interface.
    pub groups: Vec<String>,
    /// `interface`, `lambda`, `network_load_balancer`, `nat_gateway`, `vpc_endpoint`, ...
    pub interface_type: Option<String>,
    /// The instance it is attached to, when it is.
    pub instance_id: Option<String>,
    /// The AWS service or account that manages it (`amazon-rds`, `amazon-elb`, ...).
    pub requester_id: Option<String>,
    /// AWS's description: `RDSNetworkInterface`, `ELB app/web/50dc6c495c0c9188`, `AWS Lambda VPC
    /// ENI-orders-...`.
    pub description: Option<String>,
    /// Whether a public IPv4 address is associated with it (`Association.PublicIp`).
    pub public_ip: bool,
}

impl NetworkInterface {
    /// What uses the interface, for messages: `instance i-0abc`, `load balancer app/web/...`,
    /// `RDS database`, `Lambda function orders`, else the interface id and its description.
    pub fn user(&self) -> String {
        if let Some(instance) = &self.instance_id {
            return format!("instance {instance}");
        }
        let description = self.description.as_deref().unwrap_or_default();
        if let Some(lb) = description.strip_prefix("ELB ") {
            return format!("load balancer {lb}");
        }
        if let Some(function) = description.strip_prefix("AWS Lambda VPC ENI-") {
            // `AWS Lambda VPC ENI-<function>-<uuid>`: the uuid has four dashes.
            let name = function.rsplitn(6, '-').last().unwrap_or(function);
            return format!("Lambda function {name}");
        }
        if description.starts_with("RDSNetworkInterface")
            || self.requester_id.as_deref() == Some("amazon-rds")
        {
            return format!("RDS database ({})", self.id);
        }
        if description.is_empty() {
            format!("network interface {}", self.id)
        } else {
            format!("network interface {} ({description})", self.id)
        }
    }
}

/// A network ACL: its rules and the subnets it guards.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct NetworkAcl {
    pub arn: String,
    pub region: String,
    pub id: String,
    pub vpc_id: Option<String>,
    pub is_default: Option<bool>,
    pub subnets: Vec<String>,
    pub entries: Vec<NetworkAclEntry>,
    pub tags: Tags,
}

impl Resource for NetworkAcl {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::EC2::NetworkAcl".into(),
            id: self.id.clone(),
            name: name_tag(&self.tags),
            region: self.region.clone(),
            tags: self.tags.clone(),
        }
    }
}

/// One rule of a network ACL.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct NetworkAclEntry {
    pub rule_number: i32,
    pub egress: bool,
    /// `-1` for all, or the protocol number (`6` TCP, `17` UDP).
    pub protocol: String,
    /// `allow` or `deny`.
    pub action: String,
    pub cidr: Option<String>,
    pub ipv6_cidr: Option<String>,
    pub from_port: Option<i32>,
    pub to_port: Option<i32>,
}

impl NetworkAclEntry {
    /// Whether the rule matches TCP traffic to `port` from the whole internet.
    pub fn matches_world_tcp(&self, port: i32) -> bool {
        let world =
            self.cidr.as_deref() == Some("0.0.0.0/0") || self.ipv6_cidr.as_deref() == Some("::/0");
        let protocol = matches!(self.protocol.as_str(), "-1" | "6" | "tcp" | "all");
        let ports = match (self.from_port, self.to_port) {
            (Some(from), Some(to)) if self.protocol != "-1" => (from..=to).contains(&port),
            _ => true,
        };
        world && protocol && ports
    }
}

fn vpc_endpoints_not_collected() -> Fetched<Vec<VpcEndpoint>> {
    Fetched::not_collected(Service::Ec2, "DescribeVpcEndpoints")
}

impl Default for Ec2Region {
    fn default() -> Self {
        Ec2Region {
            instances: Fetched::not_collected(Service::Ec2, "DescribeInstances"),
            volumes: Fetched::not_collected(Service::Ec2, "DescribeVolumes"),
            ebs_encryption_by_default: Fetched::not_collected(
                Service::Ec2,
                "GetEbsEncryptionByDefault",
            ),
            security_groups: Fetched::not_collected(Service::Ec2, "DescribeSecurityGroups"),
            vpcs: Fetched::not_collected(Service::Ec2, "DescribeVpcs"),
            flow_logs: Fetched::not_collected(Service::Ec2, "DescribeFlowLogs"),
            addresses: Fetched::not_collected(Service::Ec2, "DescribeAddresses"),
            snapshots: Fetched::not_collected(Service::Ec2, "DescribeSnapshots"),
            vpc_endpoints: vpc_endpoints_not_collected(),
            network: Network::default(),
            network_interfaces: network_interfaces_not_collected(),
            network_acls: network_acls_not_collected(),
            user_data: BTreeMap::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Instance {
    pub arn: String,
    pub region: String,
    pub id: String,
    pub instance_type: String,
    /// `pending`, `running`, `stopping`, `stopped`, `shutting-down`, `terminated`.
    pub state: String,
    pub availability_zone: Option<String>,
    pub vpc_id: Option<String>,
    /// `x86_64`, `arm64`, ...
    pub architecture: Option<String>,
    /// IMDS `HttpTokens`: `required` (IMDSv2 only) or `optional`.
    pub http_tokens: Option<String>,
    /// IMDS `HttpEndpoint`: `enabled` or `disabled`.
    pub http_endpoint: Option<String>,
    /// Detailed monitoring: `enabled`, `disabled`, `pending`, `disabling`.
    pub monitoring: Option<String>,
    #[serde(with = "time::serde::rfc3339::option", default)]
    #[schemars(with = "Option<String>")]
    pub launch_time: Option<OffsetDateTime>,
    /// When the instance entered its current state, as far as EC2 tells it (the date in the
    /// `StateTransitionReason` of a stopped instance, e.g. `User initiated (2024-01-05 10:00:00
    /// GMT)`).
    #[serde(with = "time::serde::rfc3339::option", default)]
    #[schemars(with = "Option<String>")]
    pub state_since: Option<OffsetDateTime>,
    /// Simplified automatic recovery (`MaintenanceOptions.AutoRecovery`): `default` or
    /// `disabled`.
    #[serde(default)]
    pub auto_recovery: Option<String>,
    /// The operating system and licensed software billed with the instance (`PlatformDetails`):
    /// `Linux/UNIX`, `Windows`, `Windows BYOL`, `Windows with SQL Server Standard`, `Red Hat
    /// Enterprise Linux`, ...
    #[serde(default)]
    pub platform_details: Option<String>,
    /// The key pair the instance was launched with (`KeyName`; `None`: launched without one).
    /// Not collected in snapshots older than this field.
    #[serde(default = "key_name_not_collected")]
    pub key_name: Fetched<Option<String>>,
    pub tags: Tags,
}

fn key_name_not_collected() -> Fetched<Option<String>> {
    Fetched::not_collected(Service::Ec2, "DescribeInstances")
}

impl Instance {
    /// Whether the instance counts as live capacity (not stopped or terminated).
    pub fn is_running(&self) -> bool {
        matches!(self.state.as_str(), "pending" | "running")
    }

    /// Whether the instance still exists (anything but terminated or shutting down).
    pub fn exists(&self) -> bool {
        !matches!(self.state.as_str(), "terminated" | "shutting-down")
    }

    /// The instance family, e.g. `m4` for `m4.large`.
    pub fn family(&self) -> &str {
        self.instance_type.split('.').next().unwrap_or_default()
    }
}

impl Resource for Instance {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::EC2::Instance".into(),
            id: self.id.clone(),
            name: name_tag(&self.tags),
            region: self.region.clone(),
            tags: self.tags.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Volume {
    pub arn: String,
    pub region: String,
    pub id: String,
    /// `gp2`, `gp3`, `io1`, `io2`, `st1`, `sc1`, `standard`; `None` when the answer lacked it.
    pub volume_type: Option<String>,
    pub size_gib: i32,
    pub encrypted: Option<bool>,
    /// `creating`, `available` (unattached), `in-use`, `deleting`, `deleted`, `error`.
    pub state: String,
    pub availability_zone: Option<String>,
    /// The instances the volume is attached to.
    pub attached_to: Vec<String>,
    #[serde(with = "time::serde::rfc3339::option", default)]
    #[schemars(with = "Option<String>")]
    pub create_time: Option<OffsetDateTime>,
    pub tags: Tags,
}

impl Resource for Volume {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::EC2::Volume".into(),
            id: self.id.clone(),
            name: name_tag(&self.tags),
            region: self.region.clone(),
            tags: self.tags.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SecurityGroup {
    pub arn: String,
    pub region: String,
    pub id: String,
    pub name: String,
    pub vpc_id: Option<String>,
    pub ingress: Vec<IngressRule>,
    pub tags: Tags,
}

impl Resource for SecurityGroup {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::EC2::SecurityGroup".into(),
            id: self.id.clone(),
            name: Some(self.name.clone()),
            region: self.region.clone(),
            tags: self.tags.clone(),
        }
    }
}

/// One ingress permission of a security group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct IngressRule {
    /// `tcp`, `udp`, `icmp`, or `-1` for all protocols.
    pub protocol: String,
    pub from_port: Option<i32>,
    pub to_port: Option<i32>,
    pub ipv4_ranges: Vec<String>,
    pub ipv6_ranges: Vec<String>,
    /// Security groups allowed as a source.
    pub source_groups: Vec<String>,
    pub prefix_lists: Vec<String>,
}

impl IngressRule {
    /// Whether the rule admits traffic from anywhere on the internet.
    pub fn open_to_world(&self) -> bool {
        self.ipv4_ranges.iter().any(|cidr| cidr == "0.0.0.0/0")
            || self.ipv6_ranges.iter().any(|cidr| cidr == "::/0")
    }

    /// Whether the rule admits TCP traffic to `port`.
    pub fn admits_tcp_port(&self, port: i32) -> bool {
        match self.protocol.as_str() {
            "-1" | "all" => true,
            "tcp" | "6" => match (self.from_port, self.to_port) {
                (Some(from), Some(to)) => (from..=to).contains(&port) || (from == -1 && to == -1),
                _ => true,
            },
            _ => false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Vpc {
    pub arn: String,
    pub region: String,
    pub id: String,
    pub cidr_block: Option<String>,
    /// Every IPv4 CIDR block associated with the VPC (`CidrBlockAssociationSet`, state
    /// `associated`): the primary and the secondary ones. `None` in snapshots from before it was
    /// read.
    #[serde(default)]
    pub cidr_blocks: Option<Vec<String>>,
    /// `None` when the answer lacked `IsDefault`.
    pub is_default: Option<bool>,
    pub tags: Tags,
}

impl Resource for Vpc {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::EC2::VPC".into(),
            id: self.id.clone(),
            name: name_tag(&self.tags),
            region: self.region.clone(),
            tags: self.tags.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct FlowLog {
    pub id: String,
    /// The VPC, subnet or network interface the flow log watches.
    pub resource_id: String,
    /// `ACTIVE` when the flow log is delivering.
    pub status: Option<String>,
    /// `ACCEPT`, `REJECT` or `ALL`.
    pub traffic_type: Option<String>,
}

/// An Elastic IP address.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Address {
    pub arn: String,
    pub region: String,
    pub allocation_id: Option<String>,
    pub public_ip: String,
    pub association_id: Option<String>,
    pub instance_id: Option<String>,
    pub network_interface_id: Option<String>,
    pub tags: Tags,
}

impl Address {
    pub fn is_associated(&self) -> bool {
        self.association_id.is_some()
            || self.instance_id.is_some()
            || self.network_interface_id.is_some()
    }
}

impl Resource for Address {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::EC2::EIP".into(),
            id: self
                .allocation_id
                .clone()
                .unwrap_or_else(|| self.public_ip.clone()),
            name: name_tag(&self.tags),
            region: self.region.clone(),
            tags: self.tags.clone(),
        }
    }
}

/// An EBS snapshot owned by the account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct EbsSnapshot {
    pub arn: String,
    pub region: String,
    pub id: String,
    /// The volume the snapshot was taken of: `vol-ffffffff` for a copied snapshot; `None` when
    /// the answer lacked it.
    pub volume_id: Option<String>,
    pub encrypted: Option<bool>,
    pub volume_size_gib: Option<i32>,
    #[serde(with = "time::serde::rfc3339::option", default)]
    #[schemars(with = "Option<String>")]
    pub start_time: Option<OffsetDateTime>,
    pub tags: Tags,
}

impl Resource for EbsSnapshot {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::EC2::Snapshot".into(),
            id: self.id.clone(),
            name: name_tag(&self.tags),
            region: self.region.clone(),
            tags: self.tags.clone(),
        }
    }
}

/// A VPC endpoint (gateway or interface).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct VpcEndpoint {
    pub id: String,
    pub vpc_id: Option<String>,
    /// `com.amazonaws.us-east-1.s3`, ...
    pub service_name: String,
    /// `Gateway`, `Interface` or `GatewayLoadBalancer`.
    pub endpoint_type: String,
    /// `available`, `pending`, `deleting`, ...
    pub state: Option<String>,
}

impl Known for Instance {
    fn missing(&self, field: &str) -> Gap {
        Gap::missing_on(
            Service::Ec2,
            &self.region,
            "DescribeInstances",
            &self.id,
            field,
        )
    }
}

impl Known for Volume {
    fn missing(&self, field: &str) -> Gap {
        Gap::missing_on(
            Service::Ec2,
            &self.region,
            "DescribeVolumes",
            &self.id,
            field,
        )
    }
}

impl Known for EbsSnapshot {
    fn missing(&self, field: &str) -> Gap {
        Gap::missing_on(
            Service::Ec2,
            &self.region,
            "DescribeSnapshots",
            &self.id,
            field,
        )
    }
}

impl Known for Vpc {
    fn missing(&self, field: &str) -> Gap {
        Gap::missing_on(Service::Ec2, &self.region, "DescribeVpcs", &self.id, field)
    }
}
