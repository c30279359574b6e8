//! EKS, per region: `ListClusters` (paginated), then for every cluster `DescribeCluster`,
//! `ListNodegroups` and `ListFargateProfiles` (EKS has no bulk form of these).

use serde::{Deserialize, Serialize};

use super::{Fetched, Gap, Known, Resource, ResourceRef, Service, Tags};

/// Everything read from EKS in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct EksRegion {
    pub clusters: Fetched<Vec<Cluster>>,
}

impl Default for EksRegion {
    fn default() -> Self {
        EksRegion {
            clusters: Fetched::not_collected(Service::Eks, "ListClusters"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Cluster {
    pub arn: String,
    pub region: String,
    pub name: String,
    /// The Kubernetes minor version, e.g. `1.31`.
    pub version: Option<String>,
    /// `CREATING`, `ACTIVE`, `DELETING`, `FAILED`, `UPDATING`, `PENDING`.
    pub status: Option<String>,
    /// The control-plane log types sent to CloudWatch Logs (`api`, `audit`, `authenticator`,
    /// `controllerManager`, `scheduler`).
    pub enabled_log_types: Vec<String>,
    /// `None` when the answer lacked `resourcesVpcConfig`.
    pub endpoint_public_access: Option<bool>,
    pub endpoint_private_access: bool,
    /// The CIDR blocks allowed to reach the public endpoint.
    pub public_access_cidrs: Vec<String>,
    /// The KMS key envelope-encrypting Kubernetes secrets, when configured.
    pub secrets_key_arn: Option<String>,
    /// The managed node group names.
    pub nodegroups: Fetched<Vec<String>>,
    /// The Fargate profile names.
    pub fargate_profiles: Fetched<Vec<String>>,
    #[serde(default)]
    pub tags: Tags,
}

impl Known for Cluster {
    fn missing(&self, field: &str) -> Gap {
        Gap::missing_on(
            Service::Eks,
            &self.region,
            "DescribeCluster",
            &self.name,
            field,
        )
    }
}

impl Resource for Cluster {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::EKS::Cluster".into(),
            id: self.name.clone(),
            name: None,
            region: self.region.clone(),
            tags: self.tags.clone(),
        }
    }
}
