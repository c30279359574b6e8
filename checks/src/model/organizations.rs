//! AWS Organizations as seen from the scanned account: `DescribeOrganization`, then (when the
//! account is in one) `ListPolicies` for service control and tag policies with
//! `ListTargetsForPolicy` for each, and `ListDelegatedAdministrators` for the security services.
//! Global: collected once.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Fetched, Resource, ResourceRef, Service, Tags};

/// The security services whose delegated administrator wascan looks for.
pub const SECURITY_SERVICE_PRINCIPALS: [&str; 3] = [
    "guardduty.amazonaws.com",
    "securityhub.amazonaws.com",
    "access-analyzer.amazonaws.com",
];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Organizations {
    /// `None` when the account is not a member of an organization.
    pub organization: Fetched<Option<Organization>>,
    /// Service control policies (empty when the account is in no organization).
    pub service_control_policies: Fetched<Vec<Policy>>,
    /// Tag policies (empty when the account is in no organization).
    pub tag_policies: Fetched<Vec<Policy>>,
    /// The delegated administrator accounts per service principal.
    pub delegated_administrators: BTreeMap<String, Fetched<Vec<String>>>,
    /// The ids of the organization's accounts (`ListAccounts`, whatever their status): readable
    /// from the management account or a delegated administrator only (a member account is
    /// refused). Empty when the account is in no organization.
    #[serde(default = "accounts_not_collected")]
    pub accounts: Fetched<Vec<String>>,
}

fn accounts_not_collected() -> Fetched<Vec<String>> {
    Fetched::not_collected(Service::Organizations, "ListAccounts")
}

impl Default for Organizations {
    fn default() -> Self {
        Organizations {
            organization: Fetched::not_collected(Service::Organizations, "DescribeOrganization"),
            service_control_policies: Fetched::not_collected(
                Service::Organizations,
                "ListPolicies",
            ),
            tag_policies: Fetched::not_collected(Service::Organizations, "ListPolicies"),
            delegated_administrators: BTreeMap::new(),
            accounts: accounts_not_collected(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Organization {
    pub id: String,
    pub arn: String,
    pub management_account_id: String,
    /// `ALL` or `CONSOLIDATED_BILLING`.
    pub feature_set: String,
}

impl Resource for Organization {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::Organizations::Organization".into(),
            id: self.id.clone(),
            name: None,
            region: "global".into(),
            tags: Tags::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Policy {
    pub id: String,
    pub arn: String,
    pub name: String,
    /// AWS managed (`FullAWSAccess`), not written by the organization.
    pub aws_managed: bool,
    /// The roots, organizational units and accounts the policy is attached to.
    pub targets: Fetched<Vec<String>>,
}

impl Resource for Policy {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::Organizations::Policy".into(),
            id: self.id.clone(),
            name: Some(self.name.clone()),
            region: "global".into(),
            tags: Tags::new(),
        }
    }
}
