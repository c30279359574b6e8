//! SNS, per region: `ListTopics` (paginated), then `GetTopicAttributes` for every topic.

use serde::{Deserialize, Serialize};

use super::{Fetched, Resource, ResourceRef, Service, Tags};

/// Everything read from SNS in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SnsRegion {
    pub topics: Fetched<Vec<Topic>>,
}

impl Default for SnsRegion {
    fn default() -> Self {
        SnsRegion {
            topics: Fetched::not_collected(Service::Sns, "ListTopics"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Topic {
    pub arn: String,
    pub region: String,
    /// The last part of the ARN.
    pub name: String,
    pub attributes: Fetched<TopicAttributes>,
    /// The topic's access policy (the `Policy` attribute), `None` when it has none.
    #[serde(default = "topic_policy_not_collected")]
    pub policy: Fetched<Option<String>>,
}

fn topic_policy_not_collected() -> Fetched<Option<String>> {
    Fetched::not_collected(Service::Sns, "GetTopicAttributes")
}

/// The attributes the checks read, from `GetTopicAttributes`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TopicAttributes {
    /// `KmsMasterKeyId`: the KMS key of server-side encryption, when it is on.
    pub kms_master_key_id: Option<String>,
    /// `SubscriptionsConfirmed`.
    #[serde(default)]
    pub subscriptions_confirmed: Option<i64>,
}

impl Resource for Topic {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::SNS::Topic".into(),
            id: self.name.clone(),
            name: None,
            region: self.region.clone(),
            tags: Tags::new(),
        }
    }
}
