//! DynamoDB, per region: `ListTables` (paginated), then per table `DescribeTable` and
//! `DescribeContinuousBackups`.

use serde::{Deserialize, Serialize};

use super::{Fetched, Resource, ResourceRef, Service, Tags};

/// Everything read from DynamoDB in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DynamoDbRegion {
    pub tables: Fetched<Vec<Table>>,
}

impl Default for DynamoDbRegion {
    fn default() -> Self {
        DynamoDbRegion {
            tables: Fetched::not_collected(Service::Dynamodb, "ListTables"),
        }
    }
}

/// A table, as far as it could be described.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Table {
    pub arn: String,
    pub region: String,
    pub name: String,
    pub description: Fetched<TableDescription>,
    /// Whether point-in-time recovery is on.
    pub point_in_time_recovery: Fetched<bool>,
}

impl Resource for Table {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::DynamoDB::Table".into(),
            id: self.name.clone(),
            name: None,
            region: self.region.clone(),
            tags: Tags::new(),
        }
    }
}

/// `DescribeTable`, the facts the checks use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TableDescription {
    /// `ACTIVE`, `CREATING`, `UPDATING`, `DELETING`, `ARCHIVED`, ...
    pub status: Option<String>,
    /// `PROVISIONED` or `PAY_PER_REQUEST` (on-demand).
    pub billing_mode: String,
    pub read_capacity_units: Option<i64>,
    pub write_capacity_units: Option<i64>,
    /// Encryption at rest: `None` for the default AWS owned key; `Some` for a KMS key (AWS
    /// managed `alias/aws/dynamodb` or customer managed).
    pub kms_key_arn: Option<String>,
    /// `None` when DescribeTable did not say.
    pub deletion_protection: Option<bool>,
}
