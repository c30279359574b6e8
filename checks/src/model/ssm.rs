//! Systems Manager, per region: `DescribeInstanceInformation` (the managed nodes),
//! `ListResourceComplianceSummaries` filtered to patch compliance, and `ListDocuments` (owned by
//! the account) with `DescribeDocumentPermission` for each, all paginated.

use serde::{Deserialize, Serialize};

use super::{Fetched, Resource, ResourceRef, Service};

/// Everything read from Systems Manager in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SsmRegion {
    pub managed_instances: Fetched<Vec<ManagedInstance>>,
    pub patch_compliance: Fetched<Vec<PatchCompliance>>,
    /// The documents the account owns.
    pub documents: Fetched<Vec<Document>>,
}

impl Default for SsmRegion {
    fn default() -> Self {
        SsmRegion {
            managed_instances: Fetched::not_collected(Service::Ssm, "DescribeInstanceInformation"),
            patch_compliance: Fetched::not_collected(
                Service::Ssm,
                "ListResourceComplianceSummaries",
            ),
            documents: Fetched::not_collected(Service::Ssm, "ListDocuments"),
        }
    }
}

/// A node the SSM Agent has registered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ManagedInstance {
    pub arn: String,
    pub region: String,
    /// `i-…` for EC2 instances, `mi-…` for hybrid nodes.
    pub instance_id: String,
    /// `Online`, `ConnectionLost` or `Inactive`.
    pub ping_status: Option<String>,
    pub computer_name: Option<String>,
}

impl Resource for ManagedInstance {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: if self.instance_id.starts_with("i-") {
                "AWS::EC2::Instance".into()
            } else {
                "AWS::SSM::ManagedInstance".into()
            },
            id: self.instance_id.clone(),
            name: self.computer_name.clone(),
            region: self.region.clone(),
            tags: Default::default(),
        }
    }
}

/// The patch compliance summary of one managed node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PatchCompliance {
    pub resource_id: String,
    /// `COMPLIANT` or `NON_COMPLIANT`.
    pub status: String,
    /// Missing patches by severity (`CRITICAL`, `HIGH`, ...), for non-compliant nodes.
    pub non_compliant_critical: i32,
    pub non_compliant_high: i32,
    pub non_compliant_total: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Document {
    pub arn: String,
    pub region: String,
    pub name: String,
    /// `Command`, `Automation`, `Session`, ...
    pub document_type: Option<String>,
    /// The accounts it is shared with (`all` when it is public).
    pub shared_with: Fetched<Vec<String>>,
}

impl Resource for Document {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::SSM::Document".into(),
            id: self.name.clone(),
            name: None,
            region: self.region.clone(),
            tags: Default::default(),
        }
    }
}
