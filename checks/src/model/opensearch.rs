//! OpenSearch Service, per region: `ListDomainNames` (engine type OpenSearch and Elasticsearch),
//! then `DescribeDomains` for up to five domains a call.

use serde::{Deserialize, Serialize};

use super::{Fetched, Gap, Known, Resource, ResourceRef, Service, Tags};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpenSearchRegion {
    pub domains: Fetched<Vec<Domain>>,
}

impl Default for OpenSearchRegion {
    fn default() -> Self {
        OpenSearchRegion {
            domains: Fetched::not_collected(Service::Opensearch, "DescribeDomains"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Domain {
    pub arn: String,
    pub region: String,
    pub name: String,
    /// `OpenSearch_2.13`, `Elasticsearch_7.10`, ...
    pub engine_version: Option<String>,
    /// The data nodes' instance type (`r6g.large.search`); `None` when the answer lacked it.
    pub instance_type: Option<String>,
    /// The dedicated master nodes' instance type, when dedicated masters are enabled.
    pub dedicated_master_type: Option<String>,
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
