//! EFS, per region: `DescribeFileSystems` (paginated), then `DescribeBackupPolicy` for every file
//! system.

use serde::{Deserialize, Serialize};

use super::{Fetched, Resource, ResourceRef, Service, Tags};

/// Everything read from EFS in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
