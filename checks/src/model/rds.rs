//! RDS, per region: `DescribeDBInstances` and `DescribeDBClusters` (both paginated).
//!
//! A value the answer left out is `None` (AWS always sends these members; one missing was cut or
//! altered on its way): the checks that need it are `not_evaluated`, naming it.

use serde::{Deserialize, Serialize};

use super::{Fetched, Gap, Known, Resource, ResourceRef, Service, Tags};

/// Everything read from RDS in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RdsRegion {
    pub instances: Fetched<Vec<DbInstance>>,
    pub clusters: Fetched<Vec<DbCluster>>,
}

impl Default for RdsRegion {
    fn default() -> Self {
        RdsRegion {
            instances: Fetched::not_collected(Service::Rds, "DescribeDBInstances"),
            clusters: Fetched::not_collected(Service::Rds, "DescribeDBClusters"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DbInstance {
    pub arn: String,
    pub region: String,
    pub id: String,
    /// `postgres`, `mysql`, `aurora-postgresql`, `sqlserver-se`, ...
    pub engine: Option<String>,
    pub engine_version: Option<String>,
    /// `db.m6g.large`, `db.t3.micro`, `db.serverless`, ...
    pub instance_class: Option<String>,
    /// `available`, `stopped`, `creating`, ...
    pub status: Option<String>,
    /// The Aurora or Multi-AZ DB cluster the instance belongs to: storage, backups and deletion
    /// protection are then the cluster's.
    pub cluster_id: Option<String>,
    /// The instance this one is a read replica of.
    pub replica_source: Option<String>,
    pub storage_type: Option<String>,
    pub allocated_storage_gib: Option<i32>,
    pub storage_encrypted: Option<bool>,
    pub kms_key_id: Option<String>,
    pub multi_az: Option<bool>,
    pub availability_zone: Option<String>,
    pub publicly_accessible: Option<bool>,
    pub deletion_protection: Option<bool>,
    /// Days automated backups are kept; 0 means automated backups are off.
    pub backup_retention_days: Option<i32>,
    pub auto_minor_version_upgrade: Option<bool>,
    pub performance_insights_enabled: Option<bool>,
    /// Enhanced Monitoring: seconds between OS metric samples; 0 or `None` means off.
    #[serde(default)]
    pub monitoring_interval_s: Option<i32>,
    /// The log types exported to CloudWatch Logs (`error`, `postgresql`, `slowquery`, ...).
    #[serde(default)]
    pub log_exports: Vec<String>,
    /// The storage autoscaling ceiling; `None` when storage autoscaling is off.
    #[serde(default)]
    pub max_allocated_storage_gib: Option<i32>,
    #[serde(default)]
    pub copy_tags_to_snapshot: Option<bool>,
    /// Whether IAM database authentication is on.
    #[serde(default)]
    pub iam_auth: Option<bool>,
    /// `license-included`, `bring-your-own-license`, `general-public-license`,
    /// `postgresql-license`, `marketplace-license`.
    #[serde(default)]
    pub license_model: Option<String>,
    pub tags: Tags,
}

impl DbInstance {
    /// The instance class family, e.g. `m6g` for `db.m6g.large`; `None` when the class is
    /// unknown.
    pub fn family(&self) -> Option<&str> {
        let class = self.instance_class.as_deref()?;
        class.trim_start_matches("db.").split('.').next()
    }

    /// Whether the instance's storage, backups and deletion protection are its own (not a
    /// cluster's).
    pub fn is_standalone(&self) -> bool {
        self.cluster_id.is_none()
    }
}

impl Resource for DbInstance {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::RDS::DBInstance".into(),
            id: self.id.clone(),
            name: None,
            region: self.region.clone(),
            tags: self.tags.clone(),
        }
    }
}

/// An Aurora cluster or a Multi-AZ DB cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DbCluster {
    pub arn: String,
    pub region: String,
    pub id: String,
    pub engine: Option<String>,
    pub engine_version: Option<String>,
    /// `provisioned`, `serverless`, `parallelquery`, `global`, `multimaster`.
    pub engine_mode: Option<String>,
    pub status: Option<String>,
    pub storage_encrypted: Option<bool>,
    pub multi_az: Option<bool>,
    pub deletion_protection: Option<bool>,
    pub backup_retention_days: Option<i32>,
    /// The DB instances of the cluster.
    pub members: Vec<String>,
    /// The log types exported to CloudWatch Logs.
    #[serde(default)]
    pub log_exports: Vec<String>,
    #[serde(default)]
    pub copy_tags_to_snapshot: Option<bool>,
    /// Whether IAM database authentication is on.
    #[serde(default)]
    pub iam_auth: Option<bool>,
    pub tags: Tags,
}

impl Resource for DbCluster {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::RDS::DBCluster".into(),
            id: self.id.clone(),
            name: None,
            region: self.region.clone(),
            tags: self.tags.clone(),
        }
    }
}

impl Known for DbInstance {
    fn missing(&self, field: &str) -> Gap {
        Gap::missing_on(
            Service::Rds,
            &self.region,
            "DescribeDBInstances",
            &self.id,
            field,
        )
    }
}

impl Known for DbCluster {
    fn missing(&self, field: &str) -> Gap {
        Gap::missing_on(
            Service::Rds,
            &self.region,
            "DescribeDBClusters",
            &self.id,
            field,
        )
    }
}
