//! CloudWatch Logs, per region: `DescribeLogGroups` (paginated).

use serde::{Deserialize, Serialize};

use super::{Fetched, Resource, ResourceRef, Service, Tags};

/// Everything read from CloudWatch Logs in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LogsRegion {
    pub log_groups: Fetched<Vec<LogGroup>>,
}

impl Default for LogsRegion {
    fn default() -> Self {
        LogsRegion {
            log_groups: Fetched::not_collected(Service::Logs, "DescribeLogGroups"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LogGroup {
    /// The log group's ARN, without the trailing `:*`.
    pub arn: String,
    pub region: String,
    pub name: String,
    /// Days events are kept; `None` means they never expire.
    pub retention_days: Option<i32>,
    /// The KMS key the group is encrypted with; `None` means CloudWatch Logs' own keys.
    pub kms_key_id: Option<String>,
    pub stored_bytes: Option<i64>,
}

impl Resource for LogGroup {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::Logs::LogGroup".into(),
            id: self.name.clone(),
            name: None,
            region: self.region.clone(),
            tags: Tags::new(),
        }
    }
}
