//! AWS Backup, per region: `ListBackupPlans`, `ListBackupVaults` and `ListProtectedResources`
//! (each paginated).

use serde::{Deserialize, Serialize};

use super::{Fetched, Resource, ResourceRef, Service, Tags};

/// Everything read from AWS Backup in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackupRegion {
    pub plans: Fetched<Vec<BackupPlan>>,
    pub vaults: Fetched<Vec<BackupVault>>,
    /// The ARNs of the resources that have at least one recovery point in the region.
    pub protected_resources: Fetched<Vec<String>>,
}

impl Default for BackupRegion {
    fn default() -> Self {
        BackupRegion {
            plans: Fetched::not_collected(Service::Backup, "ListBackupPlans"),
            vaults: Fetched::not_collected(Service::Backup, "ListBackupVaults"),
            protected_resources: Fetched::not_collected(Service::Backup, "ListProtectedResources"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackupPlan {
    pub arn: String,
    pub region: String,
    pub id: String,
    pub name: String,
}

impl Resource for BackupPlan {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::Backup::BackupPlan".into(),
            id: self.id.clone(),
            name: Some(self.name.clone()),
            region: self.region.clone(),
            tags: Tags::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackupVault {
    pub arn: String,
    pub region: String,
    pub name: String,
    /// Whether AWS Backup Vault Lock protects the vault's recovery points from deletion.
    pub locked: bool,
    pub encryption_key_arn: Option<String>,
    pub recovery_points: i64,
}

impl Resource for BackupVault {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::Backup::BackupVault".into(),
            id: self.name.clone(),
            name: None,
            region: self.region.clone(),
            tags: Tags::new(),
        }
    }
}
