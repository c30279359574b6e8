//! Amazon OpenSearch Service, per region: `ListDomainNames`, then `DescribeDomains` (five names a
//! call), which carries each domain's access policy.

use serde::{Deserialize, Serialize};

use super::{Fetched, Gap, Known, Resource, ResourceRef, Service, Tags};

/// Everything read from OpenSearch Service in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OpenSearchRegion {
    pub domains: Fetched<Vec<Domain>>,
}

impl Default for OpenSearchRegion {
    fn default() -> Self {
        OpenSearchRegion {
            domains: Fetched::not_collected(Service::Opensearch, "ListDomainNames"),
        }
    }
}

/// A domain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Domain {
    pub arn: String,
    pub region: String,
    pub name: String,
    /// The VPC the domain's endpoint is in (`VPCOptions.VPCId`); `None` for a public endpoint.
    pub vpc_id: Option<String>,
    /// `Elasticsearch_7.10`, `OpenSearch_2.11`, ...
    pub engine_version: Option<String>,
    /// The access policy (`AccessPolicies`), `None` when it has none.
    pub access_policy: Fetched<Option<String>>,
    /// The data nodes' instance type (`r6g.large.search`); `None` when the answer lacked it.
    #[serde(default)]
    pub instance_type: Option<String>,
    /// The dedicated master nodes' instance type, when dedicated masters are enabled.
    #[serde(default)]
    pub dedicated_master_type: Option<String>,
    /// The domain's protections as `DescribeDomains` describes them (each `None` when the answer
    /// lacked it, or in snapshots older than these fields).
    #[serde(default)]
    pub safeguards: DomainSafeguards,
}

/// What `DescribeDomains` says of a domain's encryption, endpoint, zones, access control and
/// audit logs. `None`: the answer did not say.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DomainSafeguards {
    /// `EncryptionAtRestOptions.Enabled`.
    pub encrypted_at_rest: Option<bool>,
    /// `NodeToNodeEncryptionOptions.Enabled`.
    pub node_to_node_encryption: Option<bool>,
    /// `DomainEndpointOptions.EnforceHTTPS`.
    pub https_enforced: Option<bool>,
    /// `ClusterConfig.ZoneAwarenessEnabled`: data nodes spread over two or three zones.
    pub zone_awareness: Option<bool>,
    /// `AdvancedSecurityOptions.Enabled`: fine-grained access control.
    pub fine_grained_access_control: Option<bool>,
    /// Whether `LogPublishingOptions` has `AUDIT_LOGS` enabled; `None` when the answer had no
    /// `LogPublishingOptions` at all.
    pub audit_logs: Option<bool>,
}

impl Known for Domain {
    fn missing(&self, field: &str) -> Gap {
        Gap::missing_on(
            Service::Opensearch,
            &self.region,
            "DescribeDomains",
            &self.name,
            field,
        )
    }
}

impl Resource for Domain {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::OpenSearchService::Domain".into(),
            id: self.name.clone(),
            name: None,
            region: self.region.clone(),
            tags: Tags::new(),
        }
    }
}
