//! Elastic Load Balancing v2 (Application, Network and Gateway Load Balancers), per region:
//! `DescribeLoadBalancers` (paginated), then per load balancer `DescribeListeners` (paginated) and
//! `DescribeLoadBalancerAttributes`; and `DescribeTargetGroups` (paginated), with
//! `DescribeTargetGroupAttributes` for each target group a load balancer routes to.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Fetched, Resource, ResourceRef, Service, Tags};

/// Everything read from ELBv2 in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Elbv2Region {
    pub load_balancers: Fetched<Vec<LoadBalancer>>,
    #[serde(default = "target_groups_not_collected")]
    pub target_groups: Fetched<Vec<TargetGroup>>,
    /// The AWS WAF web ACL protecting each internet-facing Application Load Balancer, keyed by
    /// load balancer ARN (`wafv2:GetWebACLForResource`): `None` when none does. Other load
    /// balancers are not asked about.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub web_acls: BTreeMap<String, Fetched<Option<String>>>,
}

fn target_groups_not_collected() -> Fetched<Vec<TargetGroup>> {
    Fetched::not_collected(Service::Elbv2, "DescribeTargetGroups")
}

/// A target group, with the load balancers that route to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TargetGroup {
    pub arn: String,
    pub name: String,
    pub load_balancer_arns: Vec<String>,
    /// `instance`, `ip`, `lambda` or `alb`.
    #[serde(default)]
    pub target_type: Option<String>,
    /// `HealthCheckEnabled`; `None` in snapshots from before it was read, or when not sent.
    #[serde(default)]
    pub health_check_enabled: Option<bool>,
    /// `HealthCheckProtocol` and `HealthCheckPath` (HTTP/HTTPS checks).
    #[serde(default)]
    pub health_check_protocol: Option<String>,
    #[serde(default)]
    pub health_check_path: Option<String>,
    /// `DescribeTargetGroupAttributes` (`stickiness.enabled`, `stickiness.type`, ...), read for
    /// target groups a load balancer routes to.
    #[serde(default = "target_group_attributes_not_collected")]
    pub attributes: Fetched<BTreeMap<String, String>>,
}

fn target_group_attributes_not_collected() -> Fetched<BTreeMap<String, String>> {
    Fetched::not_collected(Service::Elbv2, "DescribeTargetGroupAttributes")
}

impl Default for Elbv2Region {
    fn default() -> Self {
        Elbv2Region {
            load_balancers: Fetched::not_collected(Service::Elbv2, "DescribeLoadBalancers"),
            target_groups: target_groups_not_collected(),
            web_acls: BTreeMap::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LoadBalancer {
    pub arn: String,
    pub region: String,
    pub name: String,
    /// `application`, `network` or `gateway`.
    pub kind: String,
    /// `internet-facing` or `internal`.
    pub scheme: Option<String>,
    /// The load balancer's public DNS name (`NAME-123.REGION.elb.amazonaws.com`).
    #[serde(default)]
    pub dns_name: Option<String>,
    pub vpc_id: Option<String>,
    /// The Availability Zones it has a node in, sorted.
    pub zones: Vec<String>,
    pub listeners: Fetched<Vec<Listener>>,
    /// The load balancer attributes (`access_logs.s3.enabled`, `deletion_protection.enabled`, ...).
    pub attributes: Fetched<BTreeMap<String, String>>,
}

impl LoadBalancer {
    pub fn is_application(&self) -> bool {
        self.kind == "application"
    }

    /// Whether the attribute `key` is `"true"`; `None` when the attributes could not be read.
    pub fn attribute_on(&self, key: &str) -> Fetched<bool> {
        match &self.attributes {
            Fetched::Ok(attributes) => {
                Fetched::Ok(attributes.get(key).is_some_and(|v| v == "true"))
            }
            Fetched::Failed(gap) => Fetched::Failed(gap.clone()),
        }
    }
}

impl Resource for LoadBalancer {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::ElasticLoadBalancingV2::LoadBalancer".into(),
            id: self.name.clone(),
            name: None,
            region: self.region.clone(),
            tags: Tags::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Listener {
    pub arn: String,
    pub port: Option<i32>,
    /// `HTTP`, `HTTPS`, `TCP`, `TLS`, `UDP`, `TCP_UDP`, `GENEVE`.
    pub protocol: String,
    /// The security policy of an `HTTPS` or `TLS` listener.
    pub ssl_policy: Option<String>,
    /// The default action redirects to HTTPS.
    pub redirects_to_https: bool,
}

impl Listener {
    pub fn is_encrypted(&self) -> bool {
        matches!(self.protocol.as_str(), "HTTPS" | "TLS")
    }

    /// `HTTPS:443`, for messages.
    pub fn label(&self) -> String {
        match self.port {
            Some(port) => format!("{}:{port}", self.protocol),
            None => self.protocol.clone(),
        }
    }
}
