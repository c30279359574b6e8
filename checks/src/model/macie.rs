//! Amazon Macie, per region: `GetMacieSession`, then (when Macie is on)
//! `GetAutomatedDiscoveryConfiguration` and `ListClassificationJobs` (paginated).

use serde::{Deserialize, Serialize};

use super::{Fetched, Service};

/// Everything read from Macie in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct MacieRegion {
    /// Macie's status (`ENABLED` or `PAUSED`); `None` when Macie is not enabled in the region.
    pub session: Fetched<Option<String>>,
    /// Automated sensitive data discovery: `ENABLED` or `DISABLED` (`DISABLED` when Macie is off).
    pub automated_discovery: Fetched<String>,
    /// The sensitive data discovery jobs (empty when Macie is off).
    pub classification_jobs: Fetched<Vec<ClassificationJob>>,
}

impl Default for MacieRegion {
    fn default() -> Self {
        MacieRegion {
            session: Fetched::not_collected(Service::Macie2, "GetMacieSession"),
            automated_discovery: Fetched::not_collected(
                Service::Macie2,
                "GetAutomatedDiscoveryConfiguration",
            ),
            classification_jobs: Fetched::not_collected(Service::Macie2, "ListClassificationJobs"),
        }
    }
}

/// A sensitive data discovery job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ClassificationJob {
    pub id: String,
    pub name: Option<String>,
    /// `ONE_TIME` or `SCHEDULED`.
    pub job_type: Option<String>,
    /// `RUNNING`, `PAUSED`, `CANCELLED`, `COMPLETE`, `IDLE` or `USER_PAUSED`.
    pub status: Option<String>,
}
