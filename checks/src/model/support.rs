//! AWS Support, global (endpoint in us-east-1): `DescribeSeverityLevels`, once. The Support API
//! answers only accounts on the Business, Enterprise On-Ramp or Enterprise plan; on Basic and
//! Developer it answers `SubscriptionRequiredException`, which is how the plan is told apart.

use serde::{Deserialize, Serialize};

use super::{Fetched, Service};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Support {
    pub plan: Fetched<SupportPlan>,
}

impl Default for Support {
    fn default() -> Self {
        Support {
            plan: Fetched::not_collected(Service::Support, "DescribeSeverityLevels"),
        }
    }
}

/// What the Support API's answer says about the account's support plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SupportPlan {
    /// `SubscriptionRequiredException`: Basic or Developer support (no Support API access).
    BasicOrDeveloper,
    /// The API answered: Business, Enterprise On-Ramp or Enterprise support. The severity codes
    /// cases can be opened with (`low`, `normal`, `high`, `urgent`, and `critical` on the
    /// Enterprise plans).
    BusinessOrHigher { severity_levels: Vec<String> },
}
