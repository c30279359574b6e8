//! Security Hub, per region: `DescribeHub`.

use serde::{Deserialize, Serialize};

use super::{Fetched, Service};

/// Everything read from Security Hub in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SecurityHubRegion {
    /// The hub; `None` when the account is not subscribed in the region
    /// (`InvalidAccessException`).
    pub hub: Fetched<Option<Hub>>,
}

impl Default for SecurityHubRegion {
    fn default() -> Self {
        SecurityHubRegion {
            hub: Fetched::not_collected(Service::Securityhub, "DescribeHub"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Hub {
    pub arn: String,
    /// When the account enabled Security Hub (ISO 8601, as the API gives it).
    pub subscribed_at: Option<String>,
}
