//! EFS, per region: `DescribeFileSystems` (paginated), then `DescribeBackupPolicy` for every file
//! system, and `DescribeLifecycleConfiguration`.

use serde::{Deserialize, Serialize};

use super::{Fetched, Resource, ResourceRef, Service, Tags};

/// Everything read from EFS in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct EfsRegion {
    pub file_systems: Fetched<Vec<FileSystem>>,
}

impl Default for EfsRegion {
    fn default() -> Self {
        EfsRegion {
            file_systems: Fetched::not_collected(Service::Efs, "DescribeFileSystems"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct FileSystem {
    pub arn: String,
    pub region: String,
    pub id: String,
    /// The `Name` tag, as EFS reports it.
    pub name: Option<String>,
    pub encrypted: bool,
    pub kms_key_id: Option<String>,
    /// Whether AWS Backup's automatic backups are on (`false` when the file system has no backup
    /// policy).
    pub automatic_backups: Fetched<bool>,
    /// `bursting`, `provisioned` or `elastic`.
    #[serde(default)]
    pub throughput_mode: Option<String>,
    /// The Availability Zone of a One Zone file system; `None` for Regional (multi-AZ) ones.
    #[serde(default)]
    pub one_zone: Option<String>,
    /// When files move to Infrequent Access (`AFTER_30_DAYS`, ...); `None` when they never do.
    #[serde(default = "lifecycle_not_collected")]
    pub transition_to_ia: Fetched<Option<String>>,
    #[serde(default)]
    pub tags: Tags,
}

impl Resource for FileSystem {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::EFS::FileSystem".into(),
            id: self.id.clone(),
            name: self.name.clone(),
            region: self.region.clone(),
            tags: self.tags.clone(),
        }
    }
}

fn lifecycle_not_collected() -> Fetched<Option<String>> {
    Fetched::not_collected(Service::Efs, "DescribeLifecycleConfiguration")
}
