//! IAM, through its bulk APIs: `GetAccountAuthorizationDetails`, the credential report
//! (`GenerateCredentialReport` / `GetCredentialReport`), `GetAccountPasswordPolicy`,
//! `GetAccountSummary`.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{Fetched, Resource, ResourceRef, Service, Tags};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Iam {
    pub authorization: Fetched<AuthorizationDetails>,
    pub credential_report: Fetched<Vec<CredentialReportRow>>,
    /// `None` when the account has no password policy (IAM answers NoSuchEntity).
    pub password_policy: Fetched<Option<PasswordPolicy>>,
    pub account_summary: Fetched<AccountSummary>,
    /// The SAML identity providers (`ListSAMLProviders`): their ARNs.
    #[serde(default = "saml_not_collected")]
    pub saml_providers: Fetched<Vec<String>>,
    /// The OpenID Connect identity providers (`ListOpenIDConnectProviders`): their ARNs.
    #[serde(default = "oidc_not_collected")]
    pub oidc_providers: Fetched<Vec<String>>,
}

fn saml_not_collected() -> Fetched<Vec<String>> {
    Fetched::not_collected(Service::Iam, "ListSAMLProviders")
}

fn oidc_not_collected() -> Fetched<Vec<String>> {
    Fetched::not_collected(Service::Iam, "ListOpenIDConnectProviders")
}

impl Default for Iam {
    fn default() -> Self {
        Iam {
            authorization: Fetched::not_collected(Service::Iam, "GetAccountAuthorizationDetails"),
            credential_report: Fetched::not_collected(Service::Iam, "GetCredentialReport"),
            password_policy: Fetched::not_collected(Service::Iam, "GetAccountPasswordPolicy"),
            account_summary: Fetched::not_collected(Service::Iam, "GetAccountSummary"),
            saml_providers: saml_not_collected(),
            oidc_providers: oidc_not_collected(),
        }
    }
}

/// Users, groups, roles and customer-managed policies with their documents.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AuthorizationDetails {
    pub users: Vec<User>,
    pub groups: Vec<Group>,
    pub roles: Vec<Role>,
    /// Managed policies in use, with their default version's document.
    pub policies: Vec<ManagedPolicy>,
}

impl AuthorizationDetails {
    pub fn group(&self, name: &str) -> Option<&Group> {
        self.groups.iter().find(|group| group.name == name)
    }

    pub fn policy(&self, arn: &str) -> Option<&ManagedPolicy> {
        self.policies.iter().find(|policy| policy.arn == arn)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct User {
    pub name: String,
    pub arn: String,
    pub id: String,
    /// ARNs of the managed policies attached to the user directly.
    pub attached_policies: Vec<String>,
    pub inline_policies: Vec<InlinePolicy>,
    /// Names of the groups the user is in.
    pub groups: Vec<String>,
    pub tags: Tags,
}

impl Resource for User {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::IAM::User".into(),
            id: self.name.clone(),
            name: None,
            region: "global".into(),
            tags: self.tags.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Group {
    pub name: String,
    pub arn: String,
    pub attached_policies: Vec<String>,
    pub inline_policies: Vec<InlinePolicy>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Role {
    pub name: String,
    pub arn: String,
    pub attached_policies: Vec<String>,
    pub inline_policies: Vec<InlinePolicy>,
    /// The trust policy (JSON).
    pub assume_role_policy: Option<String>,
    /// `/` for roles created by people, `/aws-service-role/...` for service-linked roles.
    #[serde(default)]
    pub path: String,
    #[serde(default)]
    pub tags: Tags,
    #[serde(with = "time::serde::rfc3339::option", default)]
    #[schemars(with = "Option<String>")]
    pub created: Option<OffsetDateTime>,
    /// `RoleLastUsed.LastUsedDate`; `None` when the role was not used in IAM's tracking period
    /// (400 days).
    #[serde(with = "time::serde::rfc3339::option", default)]
    #[schemars(with = "Option<String>")]
    pub last_used: Option<OffsetDateTime>,
}

impl Resource for Role {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::IAM::Role".into(),
            id: self.name.clone(),
            name: None,
            region: "global".into(),
            tags: self.tags.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct InlinePolicy {
    pub name: String,
    /// The policy document (JSON, already URL-decoded).
    pub document: String,
}

impl Resource for Group {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::IAM::Group".into(),
            id: self.name.clone(),
            name: None,
            region: "global".into(),
            tags: Tags::new(),
        }
    }
}

impl Resource for ManagedPolicy {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::IAM::ManagedPolicy".into(),
            id: self.name.clone(),
            name: None,
            region: "global".into(),
            tags: Tags::new(),
        }
    }
}

impl ManagedPolicy {
    /// Whether AWS wrote the policy (`arn:aws:iam::aws:policy/...`) rather than the account.
    pub fn is_aws_managed(&self) -> bool {
        self.arn.contains(":iam::aws:policy/")
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ManagedPolicy {
    pub arn: String,
    pub name: String,
    /// The default version's document (JSON, already URL-decoded).
    pub document: Option<String>,
}

/// One row of the IAM credential report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CredentialReportRow {
    /// The user name, or `<root_account>` for the root user.
    pub user: String,
    pub arn: String,
    pub password_enabled: bool,
    #[serde(with = "time::serde::rfc3339::option", default)]
    #[schemars(with = "Option<String>")]
    pub password_last_used: Option<OffsetDateTime>,
    pub mfa_active: bool,
    pub access_keys: Vec<AccessKeyReport>,
    #[serde(with = "time::serde::rfc3339::option", default)]
    #[schemars(with = "Option<String>")]
    pub user_creation_time: Option<OffsetDateTime>,
}

impl CredentialReportRow {
    pub const ROOT: &'static str = "<root_account>";

    pub fn is_root(&self) -> bool {
        self.user == Self::ROOT
    }
}

impl Resource for CredentialReportRow {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: if self.is_root() {
                "AWS::::Account".into()
            } else {
                "AWS::IAM::User".into()
            },
            id: self.user.clone(),
            name: None,
            region: "global".into(),
            tags: Tags::new(),
        }
    }
}

/// One of the (at most two) access keys of a credential report row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AccessKeyReport {
    /// 1 or 2, as the report numbers them.
    pub slot: u8,
    pub active: bool,
    #[serde(with = "time::serde::rfc3339::option", default)]
    #[schemars(with = "Option<String>")]
    pub last_rotated: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option", default)]
    #[schemars(with = "Option<String>")]
    pub last_used: Option<OffsetDateTime>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PasswordPolicy {
    pub minimum_length: Option<i32>,
    pub require_symbols: bool,
    pub require_numbers: bool,
    pub require_uppercase: bool,
    pub require_lowercase: bool,
    pub max_age_days: Option<i32>,
    pub reuse_prevention: Option<i32>,
}

/// The root user's facts from `GetAccountSummary`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AccountSummary {
    pub root_mfa_enabled: bool,
    pub root_access_keys_present: bool,
}
