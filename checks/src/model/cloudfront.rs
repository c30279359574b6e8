//! CloudFront: `ListDistributions` (paginated), then `GetDistributionConfig` for each distribution
//! (its logging). Global: collected once.

use serde::{Deserialize, Serialize};

use super::{Fetched, Resource, ResourceRef, Service, Tags};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CloudFront {
    pub distributions: Fetched<Vec<Distribution>>,
}

impl Default for CloudFront {
    fn default() -> Self {
        CloudFront {
            distributions: Fetched::not_collected(Service::Cloudfront, "ListDistributions"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Distribution {
    pub arn: String,
    pub id: String,
    pub domain_name: String,
    /// The alternate domain names (CNAMEs).
    pub aliases: Vec<String>,
    /// The viewer protocol policy of the default cache behavior, then of every other one:
    /// `allow-all`, `redirect-to-https` or `https-only`.
    pub viewer_protocol_policies: Vec<String>,
    /// The default cache behavior compresses objects it can.
    pub compress: bool,
    /// `http1.1`, `http2`, `http3` or `http2and3`.
    pub http_version: String,
    /// The viewer TLS policy (`TLSv1.2_2021`, ...); `None` with the default `*.cloudfront.net`
    /// certificate, whose policy cannot be chosen.
    pub minimum_protocol_version: Option<String>,
    /// The AWS WAF web ACL (id or ARN), if one is associated.
    pub web_acl_id: Option<String>,
    pub origins: Vec<Origin>,
    /// Standard (access) logging to S3 is on.
    pub logging: Fetched<bool>,
    /// At least one cache behavior caches: its cache policy is not the managed
    /// `CachingDisabled` one, or (legacy settings) its `MaxTTL` is not 0. `None` in snapshots
    /// taken before wascan read it.
    #[serde(default)]
    pub caches: Option<bool>,
}

/// The id of the managed cache policy `Managed-CachingDisabled`
/// (<https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-cache-policies.html>).
pub const CACHING_DISABLED_POLICY: &str = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Origin {
    pub id: String,
    pub domain_name: String,
    /// For custom origins: `http-only`, `match-viewer` or `https-only`; `None` for S3 origins,
    /// which CloudFront always reaches over HTTPS.
    pub protocol_policy: Option<String>,
}

impl Resource for Distribution {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::CloudFront::Distribution".into(),
            id: self.id.clone(),
            name: self.aliases.first().cloned(),
            region: "global".into(),
            tags: Tags::new(),
        }
    }
}
