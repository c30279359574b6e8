//! GuardDuty, per region: `ListDetectors` (paginated), then `GetDetector` for each.

use std::collections::BTreeMap;

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
    /// The protection plans (`Features` of `GetDetector`) by name (`S3_DATA_EVENTS`,
    /// `EKS_AUDIT_LOGS`, `EBS_MALWARE_PROTECTION`, `RDS_LOGIN_EVENTS`, `RUNTIME_MONITORING`,
    /// `LAMBDA_NETWORK_LOGS`, ...) with their status (`ENABLED` or `DISABLED`). Read by the same
    /// call as `status`.
    #[serde(default = "features_not_collected")]
    pub features: Fetched<BTreeMap<String, String>>,
}

fn features_not_collected() -> Fetched<BTreeMap<String, String>> {
    Fetched::not_collected(Service::Guardduty, "GetDetector")
}

impl Detector {
    /// Whether the protection plan `name` is enabled; `None` when the detector could not be read.
    pub fn feature_enabled(&self, name: &str) -> Option<bool> {
        self.features
            .ok()
            .map(|features| features.get(name).is_some_and(|s| s == "ENABLED"))
    }
}
