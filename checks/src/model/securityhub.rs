//! Security Hub, per region: `DescribeHub`.

use serde::{Deserialize, Serialize};

use super::{Fetched, Service};

/// Everything read from Security Hub in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SecurityHubRegion {
    /// The hub; `None` when the account is not subscribed in the region
    /// (`InvalidAccessException`).
    pub hub: Fetched<Option<Hub>>,
    /// The standards the hub runs (`GetEnabledStandards`, paginated); empty when the account is
    /// not subscribed in the region.
    #[serde(default = "standards_not_collected")]
    pub standards: Fetched<Vec<StandardsSubscription>>,
}

fn standards_not_collected() -> Fetched<Vec<StandardsSubscription>> {
    Fetched::not_collected(Service::Securityhub, "GetEnabledStandards")
}

impl Default for SecurityHubRegion {
    fn default() -> Self {
        SecurityHubRegion {
            hub: Fetched::not_collected(Service::Securityhub, "DescribeHub"),
            standards: standards_not_collected(),
        }
    }
}

/// A standard the hub is subscribed to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct StandardsSubscription {
    /// The standard's ARN, e.g.
    /// `arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0`.
    pub standards_arn: String,
    /// `PENDING`, `READY`, `FAILED`, `DELETING` or `INCOMPLETE`; `None` when the answer lacked it.
    pub status: Option<String>,
}

impl StandardsSubscription {
    /// A readable name: the standard's path without the ARN prefix
    /// (`aws-foundational-security-best-practices/v/1.0.0`).
    pub fn name(&self) -> &str {
        self.standards_arn
            .split_once("standards/")
            .or_else(|| self.standards_arn.split_once("ruleset/"))
            .map_or(self.standards_arn.as_str(), |(_, name)| name)
    }

    /// Whether the standard checks security controls (the resource tagging standard does not).
    pub fn is_security_standard(&self) -> bool {
        !self.name().starts_with("aws-resource-tagging-standard")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Hub {
    pub arn: String,
    /// When the account enabled Security Hub (ISO 8601, as the API gives it).
    pub subscribed_at: Option<String>,
}
