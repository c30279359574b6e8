//! CloudWatch Synthetics, per region: `DescribeCanaries` (paginated).

use serde::{Deserialize, Serialize};

use super::{Fetched, Service};

/// Everything read from CloudWatch Synthetics in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SyntheticsRegion {
    pub canaries: Fetched<Vec<Canary>>,
}

impl Default for SyntheticsRegion {
    fn default() -> Self {
        SyntheticsRegion {
            canaries: Fetched::not_collected(Service::Synthetics, "DescribeCanaries"),
        }
    }
}

/// A canary: a script that exercises an endpoint or a user journey on a schedule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Canary {
    pub name: String,
    /// `RUNNING`, `READY` (created, not started), `STOPPED`, `ERROR`, `CREATING`, ...
    pub state: Option<String>,
    /// `Schedule.Expression`, e.g. `rate(5 minutes)` (`rate(0 minute)`: run once).
    pub schedule: Option<String>,
}
