//! AWS Backup evidence of disaster recovery and restore testing, per region: each plan's rules
//! (`GetBackupPlan`, one call per plan: where its backups are copied), the restore testing plans
//! (`ListRestoreTestingPlans`, paginated) and the restore jobs completed in the last 90 days
//! (`ListRestoreJobs`, first page only: proof that restores run, not an inventory).

use aws_sdk_backup::types::RestoreJobStatus;
use aws_sdk_backup::Client;
use time::{Duration, OffsetDateTime};
use wascan_checks::model::backup::*;
use wascan_checks::model::{BackupRegion, Fetched, Gap, Service};

use super::calls::{Call, Ctx};

const BACKUP: &str = "backup";

/// How far back a completed restore job counts as recent.
const RECENT: Duration = Duration::days(90);

/// Fills `data` (as the base collector left it) with the plans' rules and the restore evidence.
pub async fn complete(ctx: &Ctx, backup: &Client, region: &str, data: &mut BackupRegion) {
    let since = OffsetDateTime::now_utc() - RECENT;
    let plan_ids: Vec<String> = match &data.plans {
        Fetched::Ok(plans) => plans.iter().map(|p| p.id.clone()).collect(),
        Fetched::Failed(_) => Vec::new(),
    };
    let (rules, testing_plans, restore_jobs) = futures::join!(
        ctx.per_resource(
            plan_ids
                .iter()
                .map(|id| plan_rules(ctx, backup, region, id))
        ),
        restore_testing_plans(ctx, backup, region),
        recent_restore_jobs(ctx, backup, region, since),
    );
    if let Fetched::Ok(plans) = &mut data.plans {
        for (plan, rules) in plans.iter_mut().zip(rules) {
            plan.rules = rules;
        }
    }
    data.restore_testing_plans = testing_plans;
    data.recent_restore_jobs = restore_jobs;
}

/// A rule's name and copy destinations are required members (the SDK reads an absent one as
/// ""): a copy to "" would be read as a copy to no region, a rule named "" quoted as such.
fn backup_rule(
    ctx: &Ctx,
    region: &str,
    plan_id: &str,
    rule: &aws_sdk_backup::types::BackupRule,
) -> Result<BackupRule, Gap> {
    let at = Call::new(BACKUP, "GetBackupPlan")
        .region(region)
        .resource(plan_id);
    Ok(BackupRule {
        name: ctx.required_str(at, "Rules.RuleName", Some(rule.rule_name()))?,
        copy_to: rule
            .copy_actions()
            .iter()
            .map(|c| {
                ctx.required_str(
                    at,
                    "Rules.CopyActions.DestinationBackupVaultArn",
                    Some(c.destination_backup_vault_arn()),
                )
            })
            .collect::<Result<Vec<_>, Gap>>()?,
    })
}

async fn plan_rules(
    ctx: &Ctx,
    backup: &Client,
    region: &str,
    plan_id: &str,
) -> Fetched<Vec<BackupRule>> {
    let out = match ctx
        .call(
            Call::new(BACKUP, "GetBackupPlan")
                .region(region)
                .resource(plan_id),
            backup.get_backup_plan().backup_plan_id(plan_id).send(),
        )
        .await
    {
        Ok(out) => out,
        Err(gap) => return Fetched::Failed(gap),
    };
    match out.backup_plan() {
        Some(plan) => plan
            .rules()
            .iter()
            .map(|rule| backup_rule(ctx, region, plan_id, rule))
            .collect::<Result<Vec<_>, Gap>>()
            .into(),
        None => Fetched::Failed(Gap::missing(
            Service::Backup,
            region,
            "GetBackupPlan",
            "BackupPlan",
        )),
    }
}

async fn restore_testing_plans(ctx: &Ctx, backup: &Client, region: &str) -> Fetched<Vec<String>> {
    ctx.pages(
        Call::new(BACKUP, "ListRestoreTestingPlans").region(region),
        backup.list_restore_testing_plans().into_paginator().send(),
        |page| {
            page.restore_testing_plans()
                .iter()
                // A required member: the SDK reads an absent one as "".
                .map(|p| {
                    ctx.required_str(
                        Call::new(BACKUP, "ListRestoreTestingPlans").region(region),
                        "RestoreTestingPlanName",
                        Some(p.restore_testing_plan_name()),
                    )
                })
                .collect::<Vec<_>>()
        },
    )
    .await
    .and_then(|all| all.into_iter().collect())
    .into()
}

async fn recent_restore_jobs(
    ctx: &Ctx,
    backup: &Client,
    region: &str,
    since: OffsetDateTime,
) -> Fetched<Vec<RestoreJob>> {
    ctx.call(
        Call::new(BACKUP, "ListRestoreJobs").region(region),
        backup
            .list_restore_jobs()
            .by_status(RestoreJobStatus::Completed)
            .by_complete_after(aws_smithy_types::DateTime::from_secs(
                since.unix_timestamp(),
            ))
            .max_results(100)
            .send(),
    )
    .await
    .and_then(|out| {
        out.restore_jobs()
            .iter()
            .map(|job| restore_job(ctx, region, job))
            .collect::<Result<Vec<_>, Gap>>()
    })
    .into()
}

/// A restore job without its id is a gap rather than dropped (a dropped job could be the one
/// restore that passes the restore-testing check).
fn restore_job(
    ctx: &Ctx,
    region: &str,
    job: &aws_sdk_backup::types::RestoreJobsListMember,
) -> Result<RestoreJob, Gap> {
    Ok(RestoreJob {
        id: ctx.required_str(
            Call::new(BACKUP, "ListRestoreJobs").region(region),
            "RestoreJobId",
            job.restore_job_id(),
        )?,
        resource_type: job.resource_type().map(str::to_string),
        restore_testing_plan: job
            .created_by()
            .and_then(|c| c.restore_testing_plan_arn().map(str::to_string)),
    })
}

#[cfg(test)]
mod tests {
    use aws_sdk_backup::operation::get_backup_plan::GetBackupPlanOutput;
    use aws_sdk_backup::operation::list_restore_jobs::{
        ListRestoreJobsError, ListRestoreJobsOutput,
    };
    use aws_sdk_backup::operation::list_restore_testing_plans::ListRestoreTestingPlansOutput;
    use aws_sdk_backup::types::{
        BackupRule as SdkRule, CopyAction, RestoreJobCreator, RestoreJobsListMember,
        RestoreTestingPlanForList,
    };
    use aws_smithy_mocks::{mock, mock_client, RuleMode};
    use wascan_checks::model::ErrorKind;

    use super::*;
    use crate::collect::tests::test_ctx;

    const COPY_VAULT: &str = "arn:aws:backup:eu-west-1:123456789012:backup-vault:dr";

    fn region_with_plan() -> BackupRegion {
        BackupRegion {
            plans: Fetched::Ok(vec![BackupPlan {
                arn: "arn:aws:backup:us-east-1:123456789012:backup-plan:p-1".into(),
                region: "us-east-1".into(),
                id: "p-1".into(),
                name: "daily".into(),
                rules: rules_not_collected(),
            }]),
            vaults: Fetched::Ok(vec![]),
            protected_resources: Fetched::Ok(vec![]),
            ..BackupRegion::default()
        }
    }

    #[tokio::test]
    async fn rules_copies_testing_plans_and_recent_restores_are_read() {
        let plan = mock!(Client::get_backup_plan)
            .match_requests(|r| r.backup_plan_id() == Some("p-1"))
            .then_output(|| {
                GetBackupPlanOutput::builder()
                    .backup_plan(
                        aws_sdk_backup::types::BackupPlan::builder()
                            .backup_plan_name("daily")
                            .rules(
                                SdkRule::builder()
                                    .rule_name("nightly")
                                    .target_backup_vault_name("main")
                                    .copy_actions(
                                        CopyAction::builder()
                                            .destination_backup_vault_arn(COPY_VAULT)
                                            .build()
                                            .unwrap_or_else(|e| panic!("test data: {e}")),
                                    )
                                    .build()
                                    .unwrap_or_else(|e| panic!("test data: {e}")),
                            )
                            .build()
                            .unwrap_or_else(|e| panic!("test data: {e}")),
                    )
                    .build()
            });
        let testing = mock!(Client::list_restore_testing_plans).then_output(|| {
            ListRestoreTestingPlansOutput::builder()
                .restore_testing_plans(
                    RestoreTestingPlanForList::builder()
                        .restore_testing_plan_name("weekly-restore")
                        .restore_testing_plan_arn("arn:aws:backup:us-east-1:123456789012:restore-testing-plan:weekly-restore")
                        .schedule_expression("cron(0 5 ? * 1 *)")
                        .creation_time(aws_smithy_types::DateTime::from_secs(0))
                        .build()
                        .unwrap_or_else(|e| panic!("test data: {e}")),
                )
                .build()
                .unwrap_or_else(|e| panic!("test data: {e}"))
        });
        let jobs = mock!(Client::list_restore_jobs)
            .match_requests(|r| {
                r.by_status() == Some(&RestoreJobStatus::Completed)
                    && r.by_complete_after().is_some()
            })
            .then_output(|| {
                ListRestoreJobsOutput::builder()
                    .restore_jobs(
                        RestoreJobsListMember::builder()
                            .restore_job_id("job-1")
                            .resource_type("EBS")
                            .created_by(
                                RestoreJobCreator::builder()
                                    .restore_testing_plan_arn("arn:aws:backup:us-east-1:123456789012:restore-testing-plan:weekly-restore")
                                    .build(),
                            )
                            .build(),
                    )
                    .build()
            });
        let client = mock_client!(
            aws_sdk_backup,
            RuleMode::MatchAny,
            &[&plan, &testing, &jobs]
        );
        let ctx = test_ctx();
        let mut data = region_with_plan();

        complete(&ctx, &client, "us-east-1", &mut data).await;

        let Fetched::Ok(plans) = &data.plans else {
            panic!("plans")
        };
        assert_eq!(
            plans[0].rules,
            Fetched::Ok(vec![BackupRule {
                name: "nightly".into(),
                copy_to: vec![COPY_VAULT.into()],
            }])
        );
        assert_eq!(
            data.restore_testing_plans,
            Fetched::Ok(vec!["weekly-restore".to_string()])
        );
        let Fetched::Ok(jobs) = &data.recent_restore_jobs else {
            panic!("jobs")
        };
        assert_eq!(jobs[0].id, "job-1");
        assert!(ctx.take_errors().is_empty());
    }

    #[tokio::test]
    async fn a_refused_restore_listing_is_a_gap() {
        let testing = mock!(Client::list_restore_testing_plans).then_output(|| {
            ListRestoreTestingPlansOutput::builder()
                .set_restore_testing_plans(Some(vec![]))
                .build()
                .unwrap_or_else(|e| panic!("test data: {e}"))
        });
        let refused = mock!(Client::list_restore_jobs).then_error(|| {
            ListRestoreJobsError::generic(
                aws_smithy_types::error::ErrorMetadata::builder()
                    .code("AccessDeniedException")
                    .message("not allowed")
                    .build(),
            )
        });
        let client = mock_client!(aws_sdk_backup, RuleMode::MatchAny, &[&testing, &refused]);
        let ctx = test_ctx();
        let mut data = BackupRegion {
            plans: Fetched::Ok(vec![]),
            ..BackupRegion::default()
        };
        complete(&ctx, &client, "us-east-1", &mut data).await;
        assert_eq!(data.restore_testing_plans, Fetched::Ok(vec![]));
        let Fetched::Failed(gap) = &data.recent_restore_jobs else {
            panic!("a gap")
        };
        assert_eq!(gap.kind, ErrorKind::AccessDenied);
    }

    /// Issue #14: a rule whose copy destination was lost (the SDK's "") read as a copy to no
    /// region; a restore job without its id was dropped.
    #[test]
    fn rules_and_restore_jobs_without_their_members_are_gaps() {
        let ctx = test_ctx();
        let rule = SdkRule::builder()
            .rule_name("daily")
            .target_backup_vault_name("main")
            .copy_actions(
                CopyAction::builder()
                    .destination_backup_vault_arn("")
                    .build()
                    .unwrap_or_else(|e| panic!("test data: {e}")),
            )
            .build()
            .unwrap_or_else(|e| panic!("test data: {e}"));
        let gap = backup_rule(&ctx, "eu-west-1", "p-1", &rule).expect_err("gap");
        assert_eq!(
            gap.message,
            "the answer has no Rules.CopyActions.DestinationBackupVaultArn"
        );
        let job = RestoreJobsListMember::builder()
            .resource_type("EBS")
            .build();
        let gap = restore_job(&ctx, "eu-west-1", &job).expect_err("gap");
        assert_eq!(gap.message, "the answer has no RestoreJobId");
        assert_eq!(ctx.take_errors().len(), 2);
    }
}
