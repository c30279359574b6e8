//! Secrets Manager, per region: `ListSecrets` (paginated).

use serde::{Deserialize, Serialize};

use super::{name_tag, Fetched, Resource, ResourceRef, Service, Tags};

/// Everything read from Secrets Manager in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SecretsManagerRegion {
    pub secrets: Fetched<Vec<Secret>>,
}

impl Default for SecretsManagerRegion {
    fn default() -> Self {
        SecretsManagerRegion {
            secrets: Fetched::not_collected(Service::Secretsmanager, "ListSecrets"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Secret {
    pub arn: String,
    pub region: String,
    pub name: String,
    /// Whether automatic rotation is turned on.
    pub rotation_enabled: bool,
    /// The rotation schedule's `AutomaticallyAfterDays`, when it has one.
    pub rotation_interval_days: Option<i64>,
    /// The last day the secret was read (Secrets Manager rounds it to the day); `None` when it
    /// never was.
    #[serde(with = "time::serde::rfc3339::option", default)]
    #[schemars(with = "Option<String>")]
    pub last_accessed: Option<time::OffsetDateTime>,
    /// When the secret was created.
    #[serde(with = "time::serde::rfc3339::option", default)]
    #[schemars(with = "Option<String>")]
    pub created: Option<time::OffsetDateTime>,
    #[serde(default)]
    pub tags: Tags,
    /// The secret's resource policy (`GetResourcePolicy`), `None` when it has none.
    #[serde(default = "secret_policy_not_collected")]
    pub policy: Fetched<Option<String>>,
}

fn secret_policy_not_collected() -> Fetched<Option<String>> {
    Fetched::not_collected(Service::Secretsmanager, "GetResourcePolicy")
}

impl Resource for Secret {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::SecretsManager::Secret".into(),
            id: self.name.clone(),
            name: name_tag(&self.tags),
            region: self.region.clone(),
            tags: self.tags.clone(),
        }
    }
}
