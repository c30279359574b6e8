//! AWS Shield Advanced (global, collected once): `DescribeSubscription`, then, when the account
//! subscribes, `ListProtections` (paginated).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{Fetched, Resource, ResourceRef, Service};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Shield {
    /// The Shield Advanced subscription; `None` when the account has none
    /// (`ResourceNotFoundException`).
    pub subscription: Fetched<Option<Subscription>>,
    /// The resources Shield Advanced protects (empty without a subscription).
    pub protections: Fetched<Vec<Protection>>,
}

impl Default for Shield {
    fn default() -> Self {
        Shield {
            subscription: Fetched::not_collected(Service::Shield, "DescribeSubscription"),
            protections: Fetched::not_collected(Service::Shield, "ListProtections"),
        }
    }
}

/// A Shield Advanced subscription.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Subscription {
    /// When the subscription ends (`None`: not said).
    #[serde(with = "time::serde::rfc3339::option", default)]
    #[schemars(with = "Option<String>")]
    pub end_time: Option<OffsetDateTime>,
    /// `ENABLED` or `DISABLED`.
    pub auto_renew: Option<String>,
}

impl Subscription {
    /// Whether the subscription is in force at `at` (an unknown end counts as in force: AWS
    /// answers `ResourceNotFoundException` for an account that has none).
    pub fn active_at(&self, at: OffsetDateTime) -> bool {
        self.end_time.is_none_or(|end| end > at)
    }
}

/// One Shield Advanced protection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Protection {
    pub id: String,
    pub name: Option<String>,
    /// The protected resource: a CloudFront distribution, a load balancer, an Elastic IP
    /// allocation (`…:eip-allocation/eipalloc-…`), a Global Accelerator or a hosted zone.
    pub resource_arn: String,
    /// `ApplicationLayerAutomaticResponseConfiguration.Status`: `ENABLED` or `DISABLED`; `None`
    /// when the protection has no such configuration (automatic mitigation was never set up).
    pub automatic_response: Option<String>,
}

/// Findings about a protection name the protected resource (its ARN, its region; `global` for
/// CloudFront).
impl Resource for Protection {
    fn resource(&self) -> ResourceRef {
        let region = self.resource_arn.split(':').nth(3).unwrap_or_default();
        ResourceRef {
            arn: self.resource_arn.clone(),
            kind: "AWS::Shield::Protection".into(),
            id: self.id.clone(),
            name: self.name.clone(),
            region: if region.is_empty() {
                "global".into()
            } else {
                region.into()
            },
            tags: Default::default(),
        }
    }
}
