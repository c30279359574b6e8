//! Route 53: `ListHostedZones` (paginated), `ListResourceRecordSets` for each zone, and
//! `ListQueryLoggingConfigs` (paginated). Global: collected once.

use serde::{Deserialize, Serialize};

use super::{Fetched, Resource, ResourceRef, Service, Tags};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Route53 {
    pub hosted_zones: Fetched<Vec<HostedZone>>,
    /// The ids of the hosted zones whose DNS queries are logged.
    pub query_logged_zones: Fetched<Vec<String>>,
}

impl Default for Route53 {
    fn default() -> Self {
        Route53 {
            hosted_zones: Fetched::not_collected(Service::Route53, "ListHostedZones"),
            query_logged_zones: Fetched::not_collected(Service::Route53, "ListQueryLoggingConfigs"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct HostedZone {
    /// The bare id (`Z0123...`), without `/hostedzone/`.
    pub id: String,
    pub name: String,
    pub private: bool,
    pub records: Fetched<Vec<RecordSet>>,
    /// From `ListTagsForResources`; empty when the zone has none or they could not be read.
    #[serde(default)]
    pub tags: Tags,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RecordSet {
    pub name: String,
    /// `A`, `AAAA`, `CNAME`, ...
    pub record_type: String,
    /// `PRIMARY` or `SECONDARY` for failover records.
    pub failover: Option<String>,
    pub health_check_id: Option<String>,
    /// For alias records: whether Route 53 follows the target's health.
    pub evaluate_target_health: Option<bool>,
}

impl Resource for HostedZone {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: format!("arn:aws:route53:::hostedzone/{}", self.id),
            kind: "AWS::Route53::HostedZone".into(),
            id: self.id.clone(),
            name: Some(self.name.clone()),
            region: "global".into(),
            tags: self.tags.clone(),
        }
    }
}
