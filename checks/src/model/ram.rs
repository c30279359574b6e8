//! AWS RAM, per region: `GetResourceShares` (owned by the account, paginated), then for each
//! share `GetResourceShareAssociations` (`PRINCIPAL`, paginated).

use serde::{Deserialize, Serialize};

use super::{Fetched, Resource, ResourceRef, Service, Tags};

/// Everything read from RAM in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RamRegion {
    pub shares: Fetched<Vec<ResourceShare>>,
}

impl Default for RamRegion {
    fn default() -> Self {
        RamRegion {
            shares: Fetched::not_collected(Service::Ram, "GetResourceShares"),
        }
    }
}

/// A resource share the account owns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ResourceShare {
    pub arn: String,
    pub region: String,
    pub name: String,
    /// `ACTIVE`, `PENDING`, `FAILED`, `DELETING`, `DELETED`.
    pub status: Option<String>,
    /// Whether principals outside the organization may be added (`allowExternalPrincipals`).
    pub allow_external_principals: Option<bool>,
    /// The principals the share is associated with.
    pub principals: Fetched<Vec<SharePrincipal>>,
    #[serde(default)]
    pub tags: Tags,
}

impl ResourceShare {
    /// Whether the share still shares anything (not deleted or being deleted).
    pub fn is_live(&self) -> bool {
        !matches!(self.status.as_deref(), Some("DELETED" | "DELETING"))
    }
}

impl Resource for ResourceShare {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::RAM::ResourceShare".into(),
            id: self.name.clone(),
            name: None,
            region: self.region.clone(),
            tags: self.tags.clone(),
        }
    }
}

/// One principal association of a share.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SharePrincipal {
    /// An account id, an organization or OU ARN, an IAM role or user ARN, or a service principal.
    pub principal: String,
    /// `ASSOCIATING`, `ASSOCIATED`, `FAILED`, `DISASSOCIATING`, `DISASSOCIATED`.
    pub status: Option<String>,
    /// Whether RAM says the principal is outside the share owner's organization (`external`).
    pub external: Option<bool>,
}

impl SharePrincipal {
    /// Whether the association gives (or is about to give) access.
    pub fn is_active(&self) -> bool {
        !matches!(
            self.status.as_deref(),
            Some("FAILED" | "DISASSOCIATING" | "DISASSOCIATED")
        )
    }
}
