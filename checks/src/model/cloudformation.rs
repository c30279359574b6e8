//! CloudFormation, per region: `DescribeStacks` (paginated; every live stack with its drift
//! status, termination protection and rollback triggers) and `ListStackSets` (paginated, active
//! StackSets administered from the account).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{Fetched, Resource, ResourceRef, Service, Tags};
use crate::secrets::SecretHit;

fn stack_secrets_not_collected() -> Fetched<Vec<SecretHit>> {
    Fetched::not_collected(Service::Cloudformation, "DescribeStacks")
}

/// Everything read from CloudFormation in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CloudFormationRegion {
    pub stacks: Fetched<Vec<Stack>>,
    /// The names of the active StackSets administered from this account.
    pub stack_sets: Fetched<Vec<String>>,
    /// The same StackSets with how they deploy (read by the same `ListStackSets` call). Not
    /// collected in snapshots older than this field.
    #[serde(default = "stack_set_summaries_not_collected")]
    pub stack_set_summaries: Fetched<Vec<StackSetSummary>>,
}

fn stack_set_summaries_not_collected() -> Fetched<Vec<StackSetSummary>> {
    Fetched::not_collected(Service::Cloudformation, "ListStackSets")
}

/// An active StackSet, as `ListStackSets` summarises it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct StackSetSummary {
    pub name: String,
    /// `SERVICE_MANAGED` (deployed through Organizations to OUs) or `SELF_MANAGED`.
    pub permission_model: Option<String>,
    /// `AutoDeployment.Enabled`: a service-managed StackSet deploys to accounts added to its
    /// target OUs by itself. `None` when the answer does not say (self-managed StackSets).
    pub auto_deployment: Option<bool>,
}

impl Default for CloudFormationRegion {
    fn default() -> Self {
        CloudFormationRegion {
            stacks: Fetched::not_collected(Service::Cloudformation, "DescribeStacks"),
            stack_sets: Fetched::not_collected(Service::Cloudformation, "ListStackSets"),
            stack_set_summaries: stack_set_summaries_not_collected(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Stack {
    pub arn: String,
    pub region: String,
    pub name: String,
    /// `CREATE_COMPLETE`, `UPDATE_ROLLBACK_COMPLETE`, ...
    pub status: String,
    /// The root stack's id, for a nested stack (`None` for a root stack).
    pub root_id: Option<String>,
    /// `EnableTerminationProtection`; `None` when not sent.
    pub termination_protection: Option<bool>,
    /// `DriftInformation.StackDriftStatus`: `DRIFTED`, `IN_SYNC`, `UNKNOWN` or `NOT_CHECKED`;
    /// `None` when the answer had no drift information.
    pub drift_status: Option<String>,
    #[serde(with = "time::serde::rfc3339::option", default)]
    #[schemars(with = "Option<String>")]
    pub drift_checked_at: Option<OffsetDateTime>,
    /// The CloudWatch alarms that roll an update back (`RollbackConfiguration.RollbackTriggers`);
    /// `None` when the answer had no rollback configuration.
    pub rollback_triggers: Option<Vec<String>>,
    pub tags: Tags,
    /// Secrets found in plain text in the stack's parameter values (a `NoEcho` parameter reads
    /// `****`) and outputs, masked: the values are never kept.
    #[serde(default = "stack_secrets_not_collected")]
    pub secrets: Fetched<Vec<SecretHit>>,
}

impl Stack {
    pub fn is_nested(&self) -> bool {
        self.root_id.is_some()
    }
}

impl Resource for Stack {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::CloudFormation::Stack".into(),
            id: self.name.clone(),
            name: None,
            region: self.region.clone(),
            tags: self.tags.clone(),
        }
    }
}
