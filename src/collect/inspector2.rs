//! Amazon Inspector, per region: `BatchGetAccountStatus` for the scanned account, then, where it
//! scans something, the active `CRITICAL` findings (`ListFindings`, filtered, paginated).

use std::collections::BTreeMap;

use aws_sdk_inspector2::operation::batch_get_account_status::BatchGetAccountStatusOutput;
use aws_sdk_inspector2::types::{FilterCriteria, State, StringComparison, StringFilter};
use aws_sdk_inspector2::Client;
use futures::future::join_all;
use wascan_checks::model::inspector2::*;
use wascan_checks::model::{ErrorKind, Gap, Inspector2Region};

use super::calls::{Call, Ctx};

const INSPECTOR2: &str = "inspector2";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_inspector2::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, Inspector2Region> {
    let per_region = join_all(regions.iter().map(|region| async move {
        let inspector = client(ctx, region);
        let account = account_status(ctx, &inspector, region).await;
        let critical_findings = match &account {
            Ok(status) if !status.scanned().is_empty() => {
                critical_findings(ctx, &inspector, region).await
            }
            // Scanning nothing, Inspector has no current finding to list.
            Ok(_) => Ok(vec![]),
            Err(gap) => Err(gap.clone()),
        };
        Inspector2Region {
            account: account.into(),
            critical_findings: critical_findings.into(),
        }
    }))
    .await;
    regions.iter().cloned().zip(per_region).collect()
}

/// The scanned account's status. The account is named in the request (AWS answers for the
/// caller when none is; the emulator only for named ones).
async fn account_status(ctx: &Ctx, inspector: &Client, region: &str) -> Result<AccountStatus, Gap> {
    let at = Call::new(INSPECTOR2, "BatchGetAccountStatus").region(region);
    let out = ctx
        .call(
            at,
            inspector
                .batch_get_account_status()
                .account_ids(&ctx.account_id)
                .send(),
        )
        .await?;
    status_of(ctx, at, &out)
}

/// The active findings of severity `CRITICAL` in the region.
async fn critical_findings(
    ctx: &Ctx,
    inspector: &Client,
    region: &str,
) -> Result<Vec<VulnerabilityFinding>, Gap> {
    let at = Call::new(INSPECTOR2, "ListFindings").region(region);
    // Both members are set, so the builder cannot fail; if it did, the listing is a gap.
    let equals = |value: &str| {
        StringFilter::builder()
            .comparison(StringComparison::Equals)
            .value(value)
            .build()
            .map_err(|err| {
                ctx.record(Gap {
                    service: INSPECTOR2.to_string(),
                    region: Some(region.to_string()),
                    operation: "ListFindings".to_string(),
                    resource: None,
                    kind: ErrorKind::Other,
                    message: format!("the request could not be built: {err}"),
                })
            })
    };
    let criteria = FilterCriteria::builder()
        .severity(equals("CRITICAL")?)
        .finding_status(equals("ACTIVE")?)
        .build();
    let findings = ctx
        .pages(
            at,
            inspector
                .list_findings()
                .filter_criteria(criteria)
                .max_results(100)
                .into_paginator()
                .send(),
            |page| page.findings().to_vec(),
        )
        .await?;
    Ok(findings
        .iter()
        .flat_map(|finding| {
            let vulnerability = finding
                .package_vulnerability_details()
                .map(|details| details.vulnerability_id().to_string())
                .or_else(|| finding.title().map(str::to_string));
            // Resources is required (one or more); an empty one names nothing to report.
            finding
                .resources()
                .iter()
                .map(move |resource| VulnerabilityFinding {
                    resource_id: resource.id().to_string(),
                    resource_type: Some(resource.r#type().as_str().to_string()),
                    vulnerability: vulnerability.clone(),
                })
        })
        .collect())
}

fn status_of(
    ctx: &Ctx,
    at: Call<'_>,
    out: &BatchGetAccountStatusOutput,
) -> Result<AccountStatus, Gap> {
    if let Some(failed) = out
        .failed_accounts()
        .iter()
        .find(|a| a.account_id() == ctx.account_id)
    {
        let mut gap = at.missing("the account's status");
        gap.message = format!(
            "Inspector could not give the account's status ({}: {})",
            failed.error_code().as_str(),
            failed.error_message()
        );
        return Err(ctx.record(gap));
    }
    // An answer without the account says nothing about it.
    let account = ctx.required(
        at,
        "accounts[accountId]",
        out.accounts()
            .iter()
            .find(|a| a.account_id() == ctx.account_id),
    )?;
    let status = |state: Option<&State>| state.map(|s| s.status().as_str().to_string());
    // Required in the answer (Inspector API reference, AccountState): without it the account's
    // scanning is unknown, not off (which would hide its findings).
    let resources = ctx.required(at, "accounts[].resourceState", account.resource_state())?;
    Ok(AccountStatus {
        status: status(account.state()),
        ec2: status(resources.ec2()),
        ecr: status(resources.ecr()),
        lambda: status(resources.lambda()),
        lambda_code: status(resources.lambda_code()),
    })
}

#[cfg(test)]
mod tests {
    use aws_sdk_inspector2::operation::list_findings::ListFindingsOutput;
    use aws_sdk_inspector2::types::{
        AccountState, ErrorCode, FailedAccount, Finding, FindingStatus, FindingType,
        PackageVulnerabilityDetails, Resource, ResourceState, ResourceType, Severity, Status,
    };
    use aws_smithy_mocks::{mock, mock_client, RuleMode};
    use wascan_checks::model::ErrorKind;

    use super::*;
    use crate::collect::tests::test_ctx;

    fn state(status: Status) -> State {
        State::builder()
            .status(status)
            .error_code(ErrorCode::AlreadyEnabled)
            .error_message("")
            .build()
            .expect("a state")
    }

    /// An enabled account's status, with the resource state given.
    fn account_status_answer(
        account: &str,
        resources: Option<ResourceState>,
    ) -> BatchGetAccountStatusOutput {
        BatchGetAccountStatusOutput::builder()
            .accounts(
                AccountState::builder()
                    .account_id(account)
                    .state(state(Status::Enabled))
                    .set_resource_state(resources)
                    .build()
                    .expect("an account"),
            )
            .build()
            .expect("an answer")
    }

    #[tokio::test]
    async fn the_account_status_is_read_and_a_failed_account_is_a_gap() {
        let ctx = test_ctx();
        let account = ctx.account_id.clone();
        let answer = mock!(Client::batch_get_account_status).then_output(move || {
            account_status_answer(
                &account,
                Some(
                    ResourceState::builder()
                        .ec2(state(Status::Enabled))
                        .ecr(state(Status::Disabled))
                        .build(),
                ),
            )
        });
        let findings = mock!(Client::list_findings)
            .match_requests(|r| {
                r.filter_criteria()
                    .is_some_and(|c| c.severity().iter().any(|f| f.value() == "CRITICAL"))
            })
            .then_output(|| {
                ListFindingsOutput::builder()
                    .findings(
                        Finding::builder()
                            .finding_arn("arn:aws:inspector2:us-east-1:123456789012:finding/f1")
                            .aws_account_id("123456789012")
                            .r#type(FindingType::PackageVulnerability)
                            .description("log4j")
                            .severity(Severity::Critical)
                            .first_observed_at(aws_smithy_types::DateTime::from_secs(0))
                            .last_observed_at(aws_smithy_types::DateTime::from_secs(0))
                            .status(FindingStatus::Active)
                            .resources(
                                Resource::builder()
                                    .r#type(ResourceType::AwsEc2Instance)
                                    .id("i-0abc")
                                    .build()
                                    .expect("a resource"),
                            )
                            .package_vulnerability_details(
                                PackageVulnerabilityDetails::builder()
                                    .vulnerability_id("CVE-2021-44228")
                                    .source("NVD")
                                    .build()
                                    .expect("details"),
                            )
                            .build()
                            .expect("a finding"),
                    )
                    .build()
            });
        let client = mock_client!(
            aws_sdk_inspector2,
            RuleMode::MatchAny,
            &[&answer, &findings]
        );
        let critical = critical_findings(&ctx, &client, "us-east-1")
            .await
            .expect("findings");
        assert_eq!(
            critical,
            [VulnerabilityFinding {
                resource_id: "i-0abc".into(),
                resource_type: Some("AWS_EC2_INSTANCE".into()),
                vulnerability: Some("CVE-2021-44228".into()),
            }]
        );
        let status = account_status(&ctx, &client, "us-east-1")
            .await
            .expect("a status");
        assert_eq!(status.ec2.as_deref(), Some("ENABLED"));
        assert_eq!(status.ecr.as_deref(), Some("DISABLED"));
        assert_eq!(status.lambda, None);

        let account = ctx.account_id.clone();
        let failed = mock!(Client::batch_get_account_status).then_output(move || {
            BatchGetAccountStatusOutput::builder()
                .set_accounts(Some(vec![]))
                .failed_accounts(
                    FailedAccount::builder()
                        .account_id(&account)
                        .error_code(ErrorCode::AccessDenied)
                        .error_message("not a member")
                        .build()
                        .expect("a failed account"),
                )
                .build()
                .expect("an answer")
        });
        let client = mock_client!(aws_sdk_inspector2, RuleMode::MatchAny, &[&failed]);
        let gap = account_status(&ctx, &client, "us-east-1")
            .await
            .expect_err("a gap");
        assert_eq!(gap.kind, ErrorKind::Incomplete);
        assert!(gap.message.contains("ACCESS_DENIED"), "{}", gap.message);
    }

    /// Issue #14 (found by the long fault run): an account status without its resourceState
    /// read as "scans nothing", which made `inspector2_critical_findings` skip a failing region.
    #[tokio::test]
    async fn an_account_status_without_its_resource_state_is_a_gap() {
        let ctx = test_ctx();
        let account = ctx.account_id.clone();
        let answer = mock!(Client::batch_get_account_status)
            .then_output(move || account_status_answer(&account, None));
        let client = mock_client!(aws_sdk_inspector2, RuleMode::MatchAny, &[&answer]);
        let gap = account_status(&ctx, &client, "us-east-1")
            .await
            .expect_err("no resource state");
        assert_eq!(gap.message, "the answer has no accounts[].resourceState");
    }
}
