//! AWS WAF (v2), per region: `ListWebACLs` with scope `REGIONAL` (paginated by marker), then
//! `GetWebACL` for each web ACL (its rules). The `CLOUDFRONT` scope's web ACLs are read once, in
//! us-east-1, and kept under the region `global`. Which web ACL protects a load balancer is read
//! with the load balancer (`elbv2`), and an API stage's is part of the stage.

use serde::{Deserialize, Serialize};

use super::{Fetched, Resource, ResourceRef, Service, Tags};

/// Everything read from AWS WAF in one region (or, under `global`, for CloudFront).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Wafv2Region {
    pub web_acls: Fetched<Vec<WebAcl>>,
}

impl Default for Wafv2Region {
    fn default() -> Self {
        Wafv2Region {
            web_acls: Fetched::not_collected(Service::Wafv2, "ListWebACLs"),
        }
    }
}

/// A web ACL.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct WebAcl {
    pub arn: String,
    pub name: String,
    pub id: String,
    /// The region, or `global` for CloudFront's.
    pub region: String,
    /// The managed rule groups its rules use (`GetWebACL`), as `VENDOR/NAME` (e.g.
    /// `AWS/AWSManagedRulesCommonRuleSet`).
    pub managed_rule_groups: Fetched<Vec<String>>,
}

impl Resource for WebAcl {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::WAFv2::WebACL".into(),
            id: self.id.clone(),
            name: Some(self.name.clone()),
            region: self.region.clone(),
            tags: Tags::new(),
        }
    }
}
