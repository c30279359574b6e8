//! ECR, per region: `DescribeRepositories` (paginated), `GetRegistryScanningConfiguration`, then for
//! every repository `GetLifecyclePolicy` and `GetRepositoryPolicy` (ECR has no bulk form of either).

use serde::{Deserialize, Serialize};

use super::{Fetched, Resource, ResourceRef, Service, Tags};

/// Everything read from ECR in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct EcrRegion {
    pub repositories: Fetched<Vec<Repository>>,
    /// The registry-wide scanning rules, which take precedence over each repository's own
    /// scan-on-push flag.
    pub registry_scanning: Fetched<RegistryScanning>,
    /// The registry's pull-through cache rules (`DescribePullThroughCacheRules`, paginated).
    /// Not collected in snapshots older than this field.
    #[serde(default = "pull_through_cache_rules_not_collected")]
    pub pull_through_cache_rules: Fetched<Vec<PullThroughCacheRule>>,
}

fn pull_through_cache_rules_not_collected() -> Fetched<Vec<PullThroughCacheRule>> {
    Fetched::not_collected(Service::Ecr, "DescribePullThroughCacheRules")
}

impl Default for EcrRegion {
    fn default() -> Self {
        EcrRegion {
            repositories: Fetched::not_collected(Service::Ecr, "DescribeRepositories"),
            registry_scanning: Fetched::not_collected(
                Service::Ecr,
                "GetRegistryScanningConfiguration",
            ),
            pull_through_cache_rules: pull_through_cache_rules_not_collected(),
        }
    }
}

/// A pull-through cache rule: images under `prefix` are pulled from `upstream` through the
/// registry (and cached, scanned and governed there).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PullThroughCacheRule {
    /// `ecrRepositoryPrefix`, e.g. `docker-hub`.
    pub prefix: String,
    /// `upstreamRegistryUrl`, e.g. `registry-1.docker.io`.
    pub upstream: Option<String>,
}

/// The registry's scanning configuration.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RegistryScanning {
    /// `BASIC` or `ENHANCED` (Amazon Inspector).
    pub scan_type: String,
    pub rules: Vec<ScanningRule>,
}

/// One registry scanning rule: how often the repositories matching its filters are scanned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ScanningRule {
    /// `SCAN_ON_PUSH`, `CONTINUOUS_SCAN` or `MANUAL`.
    pub frequency: String,
    /// Repository name filters; `*` matches any run of characters.
    pub filters: Vec<String>,
}

impl RegistryScanning {
    /// The first rule that scans `repository` automatically (on push or continuously), if any.
    pub fn automatic_rule_for(&self, repository: &str) -> Option<&ScanningRule> {
        self.rules.iter().find(|rule| {
            rule.frequency != "MANUAL"
                && rule
                    .filters
                    .iter()
                    .any(|filter| wildcard_matches(filter, repository))
        })
    }
}

/// Whether `name` matches `pattern`, where `*` stands for any run of characters.
pub fn wildcard_matches(pattern: &str, name: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = name.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        // No `*` at all: the whole name must match.
        return rest.is_empty();
    };
    for part in middle {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Repository {
    pub arn: String,
    pub region: String,
    pub name: String,
    /// The repository's own (legacy) scan-on-push flag.
    pub scan_on_push: bool,
    /// `MUTABLE`, `IMMUTABLE`, `MUTABLE_WITH_EXCLUSION` or `IMMUTABLE_WITH_EXCLUSION`.
    pub tag_mutability: String,
    /// `AES256`, `KMS` or `KMS_DSSE`.
    pub encryption_type: String,
    pub kms_key: Option<String>,
    /// Whether the repository has a lifecycle policy.
    pub lifecycle_policy: Fetched<bool>,
    /// The repository policy document, `None` when it has none.
    pub policy: Fetched<Option<String>>,
    #[serde(default)]
    pub tags: Tags,
}

impl Resource for Repository {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::ECR::Repository".into(),
            id: self.name.clone(),
            name: None,
            region: self.region.clone(),
            tags: self.tags.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::wildcard_matches;

    #[test]
    fn wildcards_match_like_ecr_filters() {
        assert!(wildcard_matches("*", "anything"));
        assert!(wildcard_matches("prod-*", "prod-api"));
        assert!(!wildcard_matches("prod-*", "dev-api"));
        assert!(wildcard_matches("*-api", "prod-api"));
        assert!(wildcard_matches("a*c*e", "abcde"));
        assert!(!wildcard_matches("a*c*e", "abcd"));
        assert!(wildcard_matches("exact", "exact"));
        assert!(!wildcard_matches("exact", "exactly"));
        assert!(!wildcard_matches("ab*ba", "aba"));
    }
}
