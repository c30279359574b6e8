//! ECR, per region: the repositories (paginated) and the registry scanning configuration, then
//! for every repository `GetLifecyclePolicy` and `GetRepositoryPolicy` (no bulk form exists), all
//! concurrent.

use std::collections::BTreeMap;

use aws_sdk_ecr::Client;
use futures::future::join_all;
use wascan_checks::model::ecr::*;
use wascan_checks::model::{EcrRegion, Fetched, Gap, Tags};

use super::calls::{Call, Ctx};

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
    let (listed, scanning) = futures::join!(
        ctx.pages(
            Call::new(ECR, "DescribeRepositories").region(region),
            ecr.describe_repositories().into_paginator().send(),
            |page| page.repositories().to_vec(),
        ),
        ctx.call(
            Call::new(ECR, "GetRegistryScanningConfiguration").region(region),
            ecr.get_registry_scanning_configuration().send(),
        )
    );
    let repositories = match listed {
        Ok(listed) => Fetched::Ok(
            ctx.per_resource(
                listed
                    .iter()
                    .map(|repository| collect_repository(ctx, ecr, region, repository)),
            )
            .await,
        ),
        Err(gap) => Fetched::Failed(gap),
    };
    let registry_scanning = scanning
        .map(|out| {
            let configuration = out.scanning_configuration();
            RegistryScanning {
                scan_type: configuration
                    .and_then(|c| c.scan_type())
                    .map(|t| t.as_str().to_string())
                    // BASIC scanning is the registry default (GetRegistryScanningConfiguration).
                    .unwrap_or_else(|| "BASIC".to_string()),
                rules: configuration
                    .map(|c| c.rules())
                    .unwrap_or_default()
                    .iter()
                    .map(|rule| ScanningRule {
                        frequency: rule.scan_frequency().as_str().to_string(),
                        filters: rule
                            .repository_filters()
                            .iter()
                            .map(|f| f.filter().to_string())
                            .collect(),
                    })
                    .collect(),
            }
        })
        .into();
    EcrRegion {
        repositories,
        registry_scanning,
    }
}

async fn collect_repository(
    ctx: &Ctx,
    ecr: &Client,
    region: &str,
    repository: &aws_sdk_ecr::types::Repository,
) -> Repository {
    let name = repository.repository_name().unwrap_or_default().to_string();
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
        encryption_type: encryption
            .map(|e| e.encryption_type().as_str().to_string())
            // "If no encryption configuration is specified, AES256 is used" (ECR API reference,
            // EncryptionConfiguration).
            .unwrap_or_else(|| "AES256".to_string()),
        kms_key: encryption.and_then(|e| crate::convert::non_empty(e.kms_key())),
        lifecycle_policy: lifecycle
            .map(|out| {
                out.and_then(|o| o.lifecycle_policy_text().map(|t| !t.is_empty()))
                    .unwrap_or(false)
            })
            .into(),
        policy: policy
            .and_then(|out| repository_policy(ctx, region, &name, out.as_ref()))
            .into(),
        tags: Tags::new(),
        name,
    }
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
}
