//! ECR, per region: the repositories (paginated) and the registry scanning configuration, then
//! for every repository `GetLifecyclePolicy` and `GetRepositoryPolicy` (no bulk form exists), all
//! concurrent.

use std::collections::BTreeMap;

use aws_sdk_ecr::Client;
use futures::future::join_all;
use wascan_checks::model::ecr::*;
use wascan_checks::model::{EcrRegion, Fetched, Gap, Tags};

use super::calls::{every, Call, Ctx};

const ECR: &str = "ecr";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_ecr::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, EcrRegion> {
    let per_region = join_all(
        regions
            .iter()
            .map(|region| async move { collect_region(ctx, &client(ctx, region), region).await }),
    )
    .await;
    regions.iter().cloned().zip(per_region).collect()
}

pub(crate) async fn collect_region(ctx: &Ctx, ecr: &Client, region: &str) -> EcrRegion {
    let (listed, scanning, pull_through) = futures::join!(
        ctx.pages(
            Call::new(ECR, "DescribeRepositories").region(region),
            ecr.describe_repositories().into_paginator().send(),
            |page| page.repositories().to_vec(),
        ),
        ctx.call(
            Call::new(ECR, "GetRegistryScanningConfiguration").region(region),
            ecr.get_registry_scanning_configuration().send(),
        ),
        ctx.pages(
            Call::new(ECR, "DescribePullThroughCacheRules").region(region),
            ecr.describe_pull_through_cache_rules()
                .into_paginator()
                .send(),
            |page| page
                .pull_through_cache_rules()
                .iter()
                .map(|rule| pull_through_cache_rule(ctx, region, rule))
                .collect::<Vec<_>>(),
        ),
    );
    // A repository without its name can neither be named in a finding (it was "") nor asked
    // for its policies: the region's list fails with the gap.
    let named = listed.and_then(|listed| {
        let names = listed
            .iter()
            .map(|repository| listed_repository(ctx, region, repository))
            .collect::<Result<Vec<_>, Gap>>()?;
        Ok(listed.into_iter().zip(names).collect::<Vec<_>>())
    });
    let repositories = match named {
        Ok(listed) => Fetched::Ok(
            ctx.per_resource(listed.iter().map(|(repository, (name, encryption))| {
                collect_repository(
                    ctx,
                    ecr,
                    region,
                    repository,
                    name.clone(),
                    encryption.clone(),
                )
            }))
            .await,
        ),
        Err(gap) => Fetched::Failed(gap),
    };
    let registry_scanning = scanning
        .and_then(|out| registry_scanning(ctx, region, &out))
        .into();
    EcrRegion {
        repositories,
        registry_scanning,
        pull_through_cache_rules: every(pull_through).into(),
    }
}

/// A pull-through cache rule; one without its repository prefix (always sent) cannot be named:
/// the region's list fails with the gap.
fn pull_through_cache_rule(
    ctx: &Ctx,
    region: &str,
    rule: &aws_sdk_ecr::types::PullThroughCacheRule,
) -> Result<PullThroughCacheRule, Gap> {
    let at = Call::new(ECR, "DescribePullThroughCacheRules").region(region);
    Ok(PullThroughCacheRule {
        prefix: ctx.required_str(at, "ecrRepositoryPrefix", rule.ecr_repository_prefix())?,
        upstream: rule.upstream_registry_url().map(str::to_string),
    })
}

/// A listed repository's name and encryption type. Without its name it can neither be named
/// (it was "") nor asked for its policies; an encryption configuration without its type (a
/// required enum the SDK fills with "no value was set") would be quoted as that type.
fn listed_repository(
    ctx: &Ctx,
    region: &str,
    repository: &aws_sdk_ecr::types::Repository,
) -> Result<(String, String), Gap> {
    let at = Call::new(ECR, "DescribeRepositories").region(region);
    let name = ctx.required_str(at, "repositoryName", repository.repository_name())?;
    let encryption = match repository.encryption_configuration() {
        Some(e) => ctx.required_enum(
            at.resource(&name),
            "encryptionConfiguration.encryptionType",
            e.encryption_type().as_str(),
        )?,
        // "If no encryption configuration is specified, AES256 is used" (ECR API reference,
        // EncryptionConfiguration).
        None => "AES256".to_string(),
    };
    Ok((name, encryption))
}

async fn collect_repository(
    ctx: &Ctx,
    ecr: &Client,
    region: &str,
    repository: &aws_sdk_ecr::types::Repository,
    name: String,
    encryption_type: String,
) -> Repository {
    let (lifecycle, policy) = futures::join!(
        ctx.call_or_absent(
            Call::new(ECR, "GetLifecyclePolicy")
                .region(region)
                .resource(&name),
            &["LifecyclePolicyNotFoundException"],
            ecr.get_lifecycle_policy().repository_name(&name).send(),
        ),
        ctx.call_or_absent(
            Call::new(ECR, "GetRepositoryPolicy")
                .region(region)
                .resource(&name),
            &["RepositoryPolicyNotFoundException"],
            ecr.get_repository_policy().repository_name(&name).send(),
        )
    );
    let encryption = repository.encryption_configuration();
    Repository {
        arn: repository
            .repository_arn()
            .map(str::to_string)
            .unwrap_or_else(|| ctx.arn(ECR, region, &format!("repository/{name}"))),
        region: region.to_string(),
        scan_on_push: repository
            .image_scanning_configuration()
            .is_some_and(|c| c.scan_on_push()),
        tag_mutability: repository
            .image_tag_mutability()
            .map(|m| m.as_str().to_string())
            // MUTABLE is the documented default (ECR API reference, Repository).
            .unwrap_or_else(|| "MUTABLE".to_string()),
        encryption_type,
        kms_key: encryption.and_then(|e| crate::convert::non_empty(e.kms_key())),
        // LifecyclePolicyNotFoundException is the documented "no policy"; an answer without
        // lifecyclePolicyText is one cut short, not "no policy".
        lifecycle_policy: lifecycle
            .and_then(|out| match out {
                None => Ok(false),
                Some(out) => ctx
                    .required_str(
                        Call::new(ECR, "GetLifecyclePolicy")
                            .region(region)
                            .resource(&name),
                        "lifecyclePolicyText",
                        out.lifecycle_policy_text(),
                    )
                    .map(|_| true),
            })
            .into(),
        policy: policy
            .and_then(|out| repository_policy(ctx, region, &name, out.as_ref()))
            .into(),
        tags: Tags::new(),
        name,
    }
}

/// The registry's scanning configuration. An absent configuration or scan type is BASIC, the
/// registry default (ECR API reference, GetRegistryScanningConfiguration); a rule without its
/// frequency (a required enum the SDK fills with "no value was set") or a filter without its
/// text is a gap: a check would read "no value was set" as a frequency, or "" as a filter.
fn registry_scanning(
    ctx: &Ctx,
    region: &str,
    out: &aws_sdk_ecr::operation::get_registry_scanning_configuration::GetRegistryScanningConfigurationOutput,
) -> Result<RegistryScanning, Gap> {
    let at = Call::new(ECR, "GetRegistryScanningConfiguration").region(region);
    let configuration = out.scanning_configuration();
    Ok(RegistryScanning {
        scan_type: configuration
            .and_then(|c| c.scan_type())
            .map(|t| t.as_str().to_string())
            .unwrap_or_else(|| "BASIC".to_string()),
        // No scanningConfiguration: no scanning rules (ECR API reference,
        // GetRegistryScanningConfiguration); a check then fails, never passes.
        rules: configuration
            .map(|c| c.rules())
            .unwrap_or_default()
            .iter()
            .map(|rule| {
                Ok(ScanningRule {
                    frequency: ctx.required_enum(
                        at,
                        "rules.scanFrequency",
                        rule.scan_frequency().as_str(),
                    )?,
                    filters: rule
                        .repository_filters()
                        .iter()
                        .map(|f| {
                            ctx.required_str(at, "rules.repositoryFilters.filter", Some(f.filter()))
                        })
                        .collect::<Result<Vec<_>, Gap>>()?,
                })
            })
            .collect::<Result<Vec<_>, Gap>>()?,
    })
}

/// The policy of a `GetRepositoryPolicy` answer. `RepositoryPolicyNotFoundException` (`None`
/// here) is the documented "no policy"; an answer without `policyText` is one cut short, a gap,
/// never "no policy" (which would pass `ecr_repository_not_public`).
fn repository_policy(
    ctx: &Ctx,
    region: &str,
    name: &str,
    out: Option<&aws_sdk_ecr::operation::get_repository_policy::GetRepositoryPolicyOutput>,
) -> Result<Option<String>, Gap> {
    let Some(out) = out else {
        return Ok(None);
    };
    let at = Call::new(ECR, "GetRepositoryPolicy")
        .region(region)
        .resource(name);
    ctx.required_str(at, "policyText", out.policy_text())
        .map(Some)
}

#[cfg(test)]
mod tests {
    use aws_sdk_ecr::operation::get_repository_policy::GetRepositoryPolicyOutput;

    use super::*;
    use crate::collect::tests::test_ctx;

    #[test]
    fn a_pull_through_cache_rule_needs_its_prefix() {
        let ctx = test_ctx();
        let rule = aws_sdk_ecr::types::PullThroughCacheRule::builder()
            .ecr_repository_prefix("docker-hub")
            .upstream_registry_url("registry-1.docker.io")
            .build();
        assert_eq!(
            pull_through_cache_rule(&ctx, "eu-west-1", &rule),
            Ok(PullThroughCacheRule {
                prefix: "docker-hub".into(),
                upstream: Some("registry-1.docker.io".into()),
            })
        );
        let cut = aws_sdk_ecr::types::PullThroughCacheRule::builder()
            .upstream_registry_url("registry-1.docker.io")
            .build();
        let gap = pull_through_cache_rule(&ctx, "eu-west-1", &cut).expect_err("gap");
        assert_eq!(gap.operation, "DescribePullThroughCacheRules");
        assert_eq!(ctx.take_errors().len(), 1);
    }

    /// Issue #14: an answer without policyText read as "no policy" and passed
    /// ecr_repository_not_public.
    #[test]
    fn a_policy_answer_without_policy_text_is_a_gap() {
        let ctx = test_ctx();
        assert_eq!(repository_policy(&ctx, "eu-west-1", "web", None), Ok(None));
        let full = GetRepositoryPolicyOutput::builder()
            .policy_text("{}")
            .build();
        assert_eq!(
            repository_policy(&ctx, "eu-west-1", "web", Some(&full)),
            Ok(Some("{}".to_string()))
        );
        let cut = GetRepositoryPolicyOutput::builder().build();
        let gap = repository_policy(&ctx, "eu-west-1", "web", Some(&cut)).expect_err("gap");
        assert_eq!(gap.message, "the answer has no policyText");
        assert_eq!(ctx.take_errors().len(), 1);
    }

    /// Issue #14: a repository without its name was named ""; one whose encryption type was
    /// missing read as the type "no value was set".
    #[test]
    fn a_repository_without_its_name_or_encryption_type_is_a_gap() {
        use crate::collect::calls::SDK_NO_VALUE;
        use aws_sdk_ecr::types::{
            EncryptionConfiguration, EncryptionType, Repository as SdkRepository,
        };
        let ctx = test_ctx();
        let with = |kind: EncryptionType| {
            SdkRepository::builder()
                .repository_name("web")
                .encryption_configuration(
                    EncryptionConfiguration::builder()
                        .encryption_type(kind)
                        .build()
                        .expect("complete"),
                )
                .build()
        };
        assert_eq!(
            listed_repository(&ctx, "eu-west-1", &with(EncryptionType::Kms)),
            Ok(("web".to_string(), "KMS".to_string()))
        );
        let plain = SdkRepository::builder().repository_name("web").build();
        assert_eq!(
            listed_repository(&ctx, "eu-west-1", &plain),
            Ok(("web".to_string(), "AES256".to_string()))
        );
        let gap = listed_repository(&ctx, "eu-west-1", &with(EncryptionType::from(SDK_NO_VALUE)))
            .expect_err("gap");
        assert_eq!(
            gap.message,
            "the answer has no encryptionConfiguration.encryptionType"
        );
        let nameless = SdkRepository::builder().build();
        let gap = listed_repository(&ctx, "eu-west-1", &nameless).expect_err("gap");
        assert_eq!(gap.message, "the answer has no repositoryName");
        assert_eq!(ctx.take_errors().len(), 2);
    }

    /// Issue #14: a scanning rule without its frequency read as the frequency "no value was
    /// set" (the SDK's filler), which a message then quoted.
    #[test]
    fn a_scanning_rule_without_its_frequency_is_a_gap() {
        use crate::collect::calls::SDK_NO_VALUE;
        use aws_sdk_ecr::operation::get_registry_scanning_configuration::GetRegistryScanningConfigurationOutput;
        use aws_sdk_ecr::types::{
            RegistryScanningConfiguration, RegistryScanningRule, ScanFrequency,
            ScanningRepositoryFilter, ScanningRepositoryFilterType,
        };
        let ctx = test_ctx();
        let answer = |frequency: ScanFrequency| {
            let filter = ScanningRepositoryFilter::builder()
                .filter("*")
                .filter_type(ScanningRepositoryFilterType::Wildcard)
                .build()
                .expect("complete filter");
            let rule = RegistryScanningRule::builder()
                .scan_frequency(frequency)
                .repository_filters(filter)
                .build()
                .expect("complete rule");
            GetRegistryScanningConfigurationOutput::builder()
                .scanning_configuration(
                    RegistryScanningConfiguration::builder().rules(rule).build(),
                )
                .build()
        };
        let read = registry_scanning(&ctx, "eu-west-1", &answer(ScanFrequency::ContinuousScan))
            .expect("read");
        assert_eq!(read.scan_type, "BASIC");
        assert_eq!(read.rules[0].frequency, "CONTINUOUS_SCAN");
        let gap = registry_scanning(
            &ctx,
            "eu-west-1",
            &answer(ScanFrequency::from(SDK_NO_VALUE)),
        )
        .expect_err("gap");
        assert_eq!(gap.message, "the answer has no rules.scanFrequency");
        assert_eq!(ctx.take_errors().len(), 1);
    }
}
