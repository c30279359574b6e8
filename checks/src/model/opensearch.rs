//! Amazon OpenSearch Service, per region: `ListDomainNames`, then `DescribeDomains` (five names a
//! call), which carries each domain's access policy.

use serde::{Deserialize, Serialize};

use super::{Fetched, Resource, ResourceRef, Service, Tags};

/// Everything read from OpenSearch Service in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
