//! SQS, per region: `ListQueues` (paginated), then `GetQueueAttributes` (All) for every queue.

use serde::{Deserialize, Serialize};

use super::{Fetched, Resource, ResourceRef, Service, Tags};

/// Everything read from SQS in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SqsRegion {
    pub queues: Fetched<Vec<Queue>>,
}

impl Default for SqsRegion {
    fn default() -> Self {
        SqsRegion {
            queues: Fetched::not_collected(Service::Sqs, "ListQueues"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Queue {
    pub arn: String,
    pub region: String,
    pub name: String,
    pub url: String,
    pub attributes: Fetched<QueueAttributes>,
    /// The queue policy (the `Policy` attribute), `None` when it has none.
    #[serde(default = "queue_policy_not_collected")]
    pub policy: Fetched<Option<String>>,
}

fn queue_policy_not_collected() -> Fetched<Option<String>> {
    Fetched::not_collected(Service::Sqs, "GetQueueAttributes")
}

/// The attributes the checks read, from `GetQueueAttributes` with `All`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct QueueAttributes {
    /// `SqsManagedSseEnabled`: encrypted at rest with SQS-owned keys (SSE-SQS).
    pub sqs_managed_sse: bool,
    /// `KmsMasterKeyId`: the KMS key of SSE-KMS, when there is one.
    pub kms_master_key_id: Option<String>,
    /// The `deadLetterTargetArn` of the `RedrivePolicy`, when there is one.
    pub dead_letter_target_arn: Option<String>,
    /// `ReceiveMessageWaitTimeSeconds`: 0 means short polling, 1 to 20 long polling.
    #[serde(default)]
    pub receive_wait_time_seconds: Option<i32>,
}

impl Resource for Queue {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::SQS::Queue".into(),
            id: self.name.clone(),
            name: None,
            region: self.region.clone(),
            tags: Tags::new(),
        }
    }
}
