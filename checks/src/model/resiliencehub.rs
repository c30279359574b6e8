//! AWS Resilience Hub, per region: `ListApps` (paginated) with `DescribeApp` for each application
//! (its resiliency policy; the list does not name it), and `ListResiliencyPolicies` (paginated).

use serde::{Deserialize, Serialize};

use super::{Fetched, Service};

/// Everything read from Resilience Hub in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ResilienceHubRegion {
    pub apps: Fetched<Vec<ResilienceApp>>,
    pub policies: Fetched<Vec<ResiliencyPolicy>>,
}

impl Default for ResilienceHubRegion {
    fn default() -> Self {
        ResilienceHubRegion {
            apps: Fetched::not_collected(Service::Resiliencehub, "ListApps"),
            policies: Fetched::not_collected(Service::Resiliencehub, "ListResiliencyPolicies"),
        }
    }
}

/// An application (a workload) registered in Resilience Hub.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ResilienceApp {
    pub arn: String,
    pub name: String,
    /// The resiliency policy assigned to it (`DescribeApp`'s `policyArn`; absent: none).
    pub policy_arn: Option<String>,
}

/// A resiliency policy: the recovery objectives a workload is held to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ResiliencyPolicy {
    pub arn: String,
    pub name: Option<String>,
    /// `MissionCritical`, `Critical`, `Important`, `CoreServices`, `NonCritical`, ...
    pub tier: Option<String>,
    /// RTO and RPO in seconds per disruption type (`Software`, `Hardware`, `AZ`, `Region`).
    pub objectives: Vec<RecoveryObjective>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RecoveryObjective {
    pub disruption: String,
    pub rto_seconds: i32,
    pub rpo_seconds: i32,
}
