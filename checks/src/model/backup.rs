//! AWS Backup, per region: `ListBackupPlans`, `ListBackupVaults` and `ListProtectedResources`
//! (each paginated).

use serde::{Deserialize, Serialize};

use super::{Fetched, Resource, ResourceRef, Service, Tags};

/// Everything read from AWS Backup in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct BackupRegion {
    pub plans: Fetched<Vec<BackupPlan>>,
    pub vaults: Fetched<Vec<BackupVault>>,
    /// The ARNs of the resources that have at least one recovery point in the region.
    pub protected_resources: Fetched<Vec<String>>,
    /// The names of the restore testing plans (`ListRestoreTestingPlans`).
    #[serde(default = "restore_testing_plans_not_collected")]
    pub restore_testing_plans: Fetched<Vec<String>>,
    /// Restore jobs completed in the 90 days before the scan (`ListRestoreJobs`, status
    /// `COMPLETED`, completed after the scan's date less 90 days: the first page only, as proof
    /// that restores happen, not as an inventory).
    #[serde(default = "restore_jobs_not_collected")]
    pub recent_restore_jobs: Fetched<Vec<RestoreJob>>,
}

fn restore_testing_plans_not_collected() -> Fetched<Vec<String>> {
    Fetched::not_collected(Service::Backup, "ListRestoreTestingPlans")
}

fn restore_jobs_not_collected() -> Fetched<Vec<RestoreJob>> {
    Fetched::not_collected(Service::Backup, "ListRestoreJobs")
}

/// The slot for a plan's rules before `GetBackupPlan` was read (older snapshots).
pub fn rules_not_collected() -> Fetched<Vec<BackupRule>> {
    Fetched::not_collected(Service::Backup, "GetBackupPlan")
}

/// A restore job that completed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RestoreJob {
    pub id: String,
    /// `EC2`, `EBS`, `RDS`, `DynamoDB`, ...
    pub resource_type: Option<String>,
    /// The restore testing plan that ran it, when one did.
    pub restore_testing_plan: Option<String>,
}

/// One rule of a backup plan (`GetBackupPlan`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct BackupRule {
    pub name: String,
    /// The ARNs of the vaults each backup is copied to.
    pub copy_to: Vec<String>,
}

impl Default for BackupRegion {
    fn default() -> Self {
        BackupRegion {
            plans: Fetched::not_collected(Service::Backup, "ListBackupPlans"),
            vaults: Fetched::not_collected(Service::Backup, "ListBackupVaults"),
            protected_resources: Fetched::not_collected(Service::Backup, "ListProtectedResources"),
            restore_testing_plans: restore_testing_plans_not_collected(),
            recent_restore_jobs: restore_jobs_not_collected(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct BackupPlan {
    pub arn: String,
    pub region: String,
    pub id: String,
    pub name: String,
    /// The plan's rules, with where each copies its backups.
    #[serde(default = "rules_not_collected")]
    pub rules: Fetched<Vec<BackupRule>>,
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
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
