//! AWS Backup, per region: the backup plans, the vaults and the protected resources (each
//! paginated, all concurrent).

use std::collections::BTreeMap;

use aws_sdk_backup::Client;
use futures::future::join_all;
use wascan_checks::model::backup::*;
use wascan_checks::model::{BackupRegion, Gap};

use super::calls::{every, Call, Ctx};

const BACKUP: &str = "backup";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_backup::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, BackupRegion> {
    let per_region = join_all(regions.iter().map(|region| async move {
        let backup = client(ctx, region);
        let mut data = collect_region(ctx, &backup, region).await;
        super::backup_evidence::complete(ctx, &backup, region, &mut data).await;
        data
    }))
    .await;
    regions.iter().cloned().zip(per_region).collect()
}

async fn collect_region(ctx: &Ctx, backup: &Client, region: &str) -> BackupRegion {
    let (plans, vaults, protected_resources) = futures::join!(
        ctx.pages(
            Call::new(BACKUP, "ListBackupPlans").region(region),
            backup.list_backup_plans().into_paginator().send(),
            |page| {
                page.backup_plans_list()
                    .iter()
                    .map(|plan| backup_plan(ctx, region, plan))
                    .collect::<Vec<_>>()
            },
        ),
        ctx.pages(
            Call::new(BACKUP, "ListBackupVaults").region(region),
            backup.list_backup_vaults().into_paginator().send(),
            |page| {
                page.backup_vault_list()
                    .iter()
                    .map(|vault| backup_vault(ctx, region, vault))
                    .collect::<Vec<_>>()
            },
        ),
        ctx.pages(
            Call::new(BACKUP, "ListProtectedResources").region(region),
            backup.list_protected_resources().into_paginator().send(),
            |page| {
                // An entry without its ARN is a resource we cannot name: dropped, it would read
                // as unprotected.
                page.results()
                    .iter()
                    .map(|resource| {
                        ctx.required_str(
                            Call::new(BACKUP, "ListProtectedResources").region(region),
                            "ResourceArn",
                            resource.resource_arn(),
                        )
                    })
                    .collect::<Vec<_>>()
            },
        ),
    );
    BackupRegion {
        plans: every(plans).into(),
        vaults: every(vaults).into(),
        protected_resources: every(protected_resources).into(),
        ..BackupRegion::default()
    }
}

/// A plan without its ARN, id or name cannot be named in a finding (all three were "" before):
/// the region's list fails with the gap.
fn backup_plan(
    ctx: &Ctx,
    region: &str,
    plan: &aws_sdk_backup::types::BackupPlansListMember,
) -> Result<BackupPlan, Gap> {
    let at = Call::new(BACKUP, "ListBackupPlans").region(region);
    let id = ctx.required_str(at, "BackupPlanId", plan.backup_plan_id())?;
    let at = at.resource(&id);
    Ok(BackupPlan {
        arn: ctx.required_str(at, "BackupPlanArn", plan.backup_plan_arn())?,
        region: region.to_string(),
        name: ctx.required_str(at, "BackupPlanName", plan.backup_plan_name())?,
        id,
        // Read by `backup_evidence` once the plans are listed.
        rules: rules_not_collected(),
    })
}

/// A vault without its ARN or name cannot be named; one without `Locked` (always sent, true or
/// false) was read as unlocked.
fn backup_vault(
    ctx: &Ctx,
    region: &str,
    vault: &aws_sdk_backup::types::BackupVaultListMember,
) -> Result<BackupVault, Gap> {
    let at = Call::new(BACKUP, "ListBackupVaults").region(region);
    let name = ctx.required_str(at, "BackupVaultName", vault.backup_vault_name())?;
    let at = at.resource(&name);
    Ok(BackupVault {
        arn: ctx.required_str(at, "BackupVaultArn", vault.backup_vault_arn())?,
        region: region.to_string(),
        locked: ctx.required(at, "Locked", vault.locked())?,
        encryption_key_arn: vault.encryption_key_arn().map(str::to_string),
        // The SDK reads an absent NumberOfRecoveryPoints as 0 (a primitive long): it cannot
        // be told from none. Only the failure message quotes it.
        recovery_points: vault.number_of_recovery_points(),
        name,
    })
}

#[cfg(test)]
mod tests {
    use aws_sdk_backup::operation::list_backup_plans::ListBackupPlansOutput;
    use aws_sdk_backup::operation::list_backup_vaults::ListBackupVaultsOutput;
    use aws_sdk_backup::operation::list_protected_resources::{
        ListProtectedResourcesError, ListProtectedResourcesOutput,
    };
    use aws_sdk_backup::types::{BackupPlansListMember, BackupVaultListMember, ProtectedResource};
    use aws_smithy_mocks::{mock, mock_client, RuleMode};
    use wascan_checks::model::{ErrorKind, Fetched};

    use super::*;
    use crate::collect::tests::test_ctx;

    const VAULT: &str = "arn:aws:backup:us-east-1:123456789012:backup-vault:main";
    const TABLE: &str = "arn:aws:dynamodb:us-east-1:123456789012:table/orders";

    /// Plans, a locked vault and the protected resources (over two pages) of one region.
    #[tokio::test]
    async fn plans_vaults_and_protected_resources_are_read() {
        let plans = mock!(Client::list_backup_plans).then_output(|| {
            ListBackupPlansOutput::builder()
                .backup_plans_list(
                    BackupPlansListMember::builder()
                        .backup_plan_arn("arn:aws:backup:us-east-1:123456789012:backup-plan:p-1")
                        .backup_plan_id("p-1")
                        .backup_plan_name("daily")
                        .build(),
                )
                .build()
        });
        let vaults = mock!(Client::list_backup_vaults).then_output(|| {
            ListBackupVaultsOutput::builder()
                .backup_vault_list(
                    BackupVaultListMember::builder()
                        .backup_vault_arn(VAULT)
                        .backup_vault_name("main")
                        .locked(true)
                        .number_of_recovery_points(4)
                        .build(),
                )
                .build()
        });
        let first = mock!(Client::list_protected_resources)
            .match_requests(|req| req.next_token().is_none())
            .then_output(|| {
                ListProtectedResourcesOutput::builder()
                    .results(ProtectedResource::builder().resource_arn(TABLE).build())
                    .next_token("page-2")
                    .build()
            });
        let second = mock!(Client::list_protected_resources)
            .match_requests(|req| req.next_token() == Some("page-2"))
            .then_output(|| {
                ListProtectedResourcesOutput::builder()
                    .results(
                        ProtectedResource::builder()
                            .resource_arn("arn:aws:ec2:us-east-1:123456789012:volume/vol-1")
                            .build(),
                    )
                    .build()
            });
        let client = mock_client!(
            aws_sdk_backup,
            RuleMode::MatchAny,
            &[&plans, &vaults, &first, &second]
        );
        let ctx = test_ctx();

        let region = collect_region(&ctx, &client, "us-east-1").await;

        let Fetched::Ok(plans) = region.plans else {
            panic!("plans not read: {:?}", region.plans)
        };
        assert_eq!(
            (plans[0].id.as_str(), plans[0].name.as_str()),
            ("p-1", "daily")
        );
        let Fetched::Ok(vaults) = region.vaults else {
            panic!("vaults not read: {:?}", region.vaults)
        };
        assert!(vaults[0].locked);
        assert_eq!(vaults[0].recovery_points, 4);
        assert_eq!(
            region.protected_resources,
            Fetched::Ok(vec![
                TABLE.to_string(),
                "arn:aws:ec2:us-east-1:123456789012:volume/vol-1".to_string()
            ])
        );
        assert!(ctx.take_errors().is_empty());
    }

    #[tokio::test]
    async fn a_refused_protected_resource_listing_is_a_gap_and_the_rest_is_read() {
        let plans = mock!(Client::list_backup_plans)
            .then_output(|| ListBackupPlansOutput::builder().build());
        let vaults = mock!(Client::list_backup_vaults)
            .then_output(|| ListBackupVaultsOutput::builder().build());
        let refused = mock!(Client::list_protected_resources).then_error(|| {
            ListProtectedResourcesError::generic(
                aws_smithy_types::error::ErrorMetadata::builder()
                    .code("AccessDeniedException")
                    .message("not allowed")
                    .build(),
            )
        });
        let client = mock_client!(
            aws_sdk_backup,
            RuleMode::MatchAny,
            &[&plans, &vaults, &refused]
        );
        let ctx = test_ctx();

        let region = collect_region(&ctx, &client, "us-east-1").await;

        assert_eq!(region.plans, Fetched::Ok(vec![]));
        match region.protected_resources {
            Fetched::Failed(gap) => {
                assert_eq!(gap.operation, "ListProtectedResources");
                assert_eq!(gap.kind, ErrorKind::AccessDenied);
            }
            other => panic!("expected a gap, got {other:?}"),
        }
    }

    fn message<T>(fetched: &Fetched<T>) -> String {
        match fetched {
            Fetched::Failed(gap) => format!("{:?} {}", gap.resource, gap.message),
            _ => "read".to_string(),
        }
    }

    /// Issue #14: a plan or vault without its identity became one named "", a vault without
    /// Locked read as unlocked, a protected resource without its ARN was dropped.
    #[tokio::test]
    async fn entries_without_their_identity_or_lock_are_gaps() {
        let plans = mock!(Client::list_backup_plans).then_output(|| {
            ListBackupPlansOutput::builder()
                .backup_plans_list(
                    BackupPlansListMember::builder()
                        .backup_plan_id("p-1")
                        .build(),
                )
                .build()
        });
        let vaults = mock!(Client::list_backup_vaults).then_output(|| {
            ListBackupVaultsOutput::builder()
                .backup_vault_list(
                    BackupVaultListMember::builder()
                        .backup_vault_arn(VAULT)
                        .backup_vault_name("main")
                        .build(),
                )
                .build()
        });
        let resources = mock!(Client::list_protected_resources).then_output(|| {
            ListProtectedResourcesOutput::builder()
                .results(ProtectedResource::builder().resource_arn(TABLE).build())
                .results(ProtectedResource::builder().resource_type("EBS").build())
                .build()
        });
        let client = mock_client!(
            aws_sdk_backup,
            RuleMode::MatchAny,
            &[&plans, &vaults, &resources]
        );
        let ctx = test_ctx();

        let region = collect_region(&ctx, &client, "us-east-1").await;

        assert_eq!(
            message(&region.plans),
            "Some(\"p-1\") the answer has no BackupPlanArn"
        );
        assert_eq!(
            message(&region.vaults),
            "Some(\"main\") the answer has no Locked"
        );
        assert_eq!(
            message(&region.protected_resources),
            "None the answer has no ResourceArn"
        );
        assert_eq!(ctx.take_errors().len(), 3);
    }
}
