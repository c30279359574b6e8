//! AWS Config, per region: `DescribeConfigurationRecorders` and
//! `DescribeConfigurationRecorderStatus`.

use serde::{Deserialize, Serialize};

use super::{Fetched, Service};

/// Everything read from AWS Config in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ConfigRegion {
    pub recorders: Fetched<Vec<ConfigRecorder>>,
    pub statuses: Fetched<Vec<RecorderStatus>>,
}

impl Default for ConfigRegion {
    fn default() -> Self {
        ConfigRegion {
            recorders: Fetched::not_collected(Service::Config, "DescribeConfigurationRecorders"),
            statuses: Fetched::not_collected(
                Service::Config,
                "DescribeConfigurationRecorderStatus",
            ),
        }
    }
}

impl ConfigRegion {
    /// The status of the recorder called `name`.
    pub fn status(&self, name: &str) -> Fetched<Option<&RecorderStatus>> {
        match &self.statuses {
            Fetched::Ok(statuses) => Fetched::Ok(statuses.iter().find(|s| s.name == name)),
            Fetched::Failed(gap) => Fetched::Failed(gap.clone()),
        }
    }
}

/// A configuration recorder: what it is set up to record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ConfigRecorder {
    pub name: String,
    /// Records every supported resource type (`recordingGroup.allSupported`).
    pub all_supported: bool,
    /// Also records global resources such as IAM users and roles.
    pub include_global_resource_types: bool,
    /// The resource types listed explicitly, when not recording all supported types.
    pub resource_types: Vec<String>,
    /// A service-linked recorder, which records only for the service that owns it.
    #[serde(default)]
    pub service_linked: bool,
}

/// A recorder's state: whether it is running and how its last delivery went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RecorderStatus {
    pub name: String,
    pub recording: bool,
    /// `SUCCESS`, `PENDING` or `FAILURE`.
    pub last_status: Option<String>,
    pub last_error_code: Option<String>,
}
