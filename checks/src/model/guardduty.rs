//! GuardDuty, per region: `ListDetectors` (paginated), then `GetDetector` for each.

use serde::{Deserialize, Serialize};

use super::{Fetched, Service};

/// Everything read from GuardDuty in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct GuardDutyRegion {
    /// The region's detectors (at most one per account and region).
    pub detectors: Fetched<Vec<Detector>>,
}

impl Default for GuardDutyRegion {
    fn default() -> Self {
        GuardDutyRegion {
            detectors: Fetched::not_collected(Service::Guardduty, "ListDetectors"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Detector {
    pub id: String,
    /// `ENABLED` or `DISABLED`.
    pub status: Fetched<String>,
}
