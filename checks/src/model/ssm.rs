//! Systems Manager, per region: `DescribeInstanceInformation` (the managed nodes),
//! `ListResourceComplianceSummaries` filtered to patch compliance, and `ListDocuments` (owned by
//! the account) with `DescribeDocumentPermission` for each, all paginated; and
//! `DescribeAutomationExecutions` filtered to the executions started in the 90 days before the
//! scan (paginated).

use serde::{Deserialize, Serialize};

use crate::secrets::SecretHit;

use super::{Fetched, Resource, ResourceRef, Service, Tags};

/// Everything read from Systems Manager in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SsmRegion {
    pub managed_instances: Fetched<Vec<ManagedInstance>>,
    pub patch_compliance: Fetched<Vec<PatchCompliance>>,
    /// The documents the account owns.
    pub documents: Fetched<Vec<Document>>,
    /// The Automation executions started in the 90 days before the scan.
    #[serde(default = "automation_executions_not_collected")]
    pub automation_executions: Fetched<Vec<AutomationExecution>>,
    /// Parameters (`DescribeParameters`); the values of `String` and `StringList` ones are read
    /// (`GetParameters`, without decryption) and scanned for secrets, never kept.
    #[serde(default = "parameters_not_collected")]
    pub parameters: Fetched<Vec<Parameter>>,
}

fn automation_executions_not_collected() -> Fetched<Vec<AutomationExecution>> {
    Fetched::not_collected(Service::Ssm, "DescribeAutomationExecutions")
}

fn parameters_not_collected() -> Fetched<Vec<Parameter>> {
    Fetched::not_collected(Service::Ssm, "DescribeParameters")
}

/// A Parameter Store parameter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Parameter {
    pub arn: String,
    pub region: String,
    pub name: String,
    /// `String`, `StringList` or `SecureString`.
    pub parameter_type: Option<String>,
    /// Secrets found in the value of a `String` or `StringList` parameter, masked; empty for a
    /// `SecureString` (encrypted, not read).
    pub secrets: Fetched<Vec<SecretHit>>,
}

impl Resource for Parameter {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::SSM::Parameter".into(),
            id: self.name.clone(),
            name: None,
            region: self.region.clone(),
            tags: Default::default(),
        }
    }
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
            automation_executions: automation_executions_not_collected(),
            parameters: parameters_not_collected(),
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
    /// The document's tags, from `ListDocuments`.
    #[serde(default, skip_serializing_if = "Tags::is_empty")]
    pub tags: Tags,
}

impl Resource for Document {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::SSM::Document".into(),
            id: self.name.clone(),
            name: None,
            region: self.region.clone(),
            tags: self.tags.clone(),
        }
    }
}

/// One run of an Automation runbook (`DescribeAutomationExecutions`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AutomationExecution {
    pub id: String,
    /// The runbook that ran: its name, or its ARN when it is shared from another account.
    pub document_name: String,
    /// `Success`, `Failed`, `InProgress`, `Cancelled`, `TimedOut`, ...
    pub status: Option<String>,
    #[serde(with = "time::serde::rfc3339::option", default)]
    #[schemars(with = "Option<String>")]
    pub started_at: Option<time::OffsetDateTime>,
}
