//! AWS Config, per region: `DescribeConfigurationRecorders` and
//! `DescribeConfigurationRecorderStatus`.

use serde::{Deserialize, Serialize};

use super::{Fetched, Service};

/// Everything read from AWS Config in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ConfigRegion {
    pub recorders: Fetched<Vec<ConfigRecorder>>,
    pub statuses: Fetched<Vec<RecorderStatus>>,
    /// The conformance packs deployed in the region (`DescribeConformancePacks`, paginated).
    #[serde(default = "packs_not_collected")]
    pub conformance_packs: Fetched<Vec<ConformancePack>>,
    /// The remediation actions of the region's Config rules (`DescribeConfigRules`, paginated,
    /// then `DescribeRemediationConfigurations` by 25 rule names).
    #[serde(default = "remediations_not_collected")]
    pub remediations: Fetched<Vec<Remediation>>,
}

fn packs_not_collected() -> Fetched<Vec<ConformancePack>> {
    Fetched::not_collected(Service::Config, "DescribeConformancePacks")
}

fn remediations_not_collected() -> Fetched<Vec<Remediation>> {
    Fetched::not_collected(Service::Config, "DescribeRemediationConfigurations")
}

impl Default for ConfigRegion {
    fn default() -> Self {
        ConfigRegion {
            recorders: Fetched::not_collected(Service::Config, "DescribeConfigurationRecorders"),
            statuses: Fetched::not_collected(
                Service::Config,
                "DescribeConfigurationRecorderStatus",
            ),
            conformance_packs: packs_not_collected(),
            remediations: remediations_not_collected(),
        }
    }
}

/// A conformance pack: a set of Config rules (and remediations) deployed together, such as
/// "Operational Best Practices for CIS AWS v1.4 Level 1".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ConformancePack {
    pub name: String,
    pub arn: Option<String>,
}

/// The remediation action of one Config rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Remediation {
    pub rule: String,
    /// The SSM document it runs, e.g. `AWS-ConfigureS3BucketPublicAccessBlock`.
    pub target: Option<String>,
    /// Whether it runs by itself on non-compliant resources; `None` when the answer lacked it.
    pub automatic: Option<bool>,
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
