use crate::catalog::Pillar;
use crate::check::{direct, indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;
use crate::presence::{from_found, Looked};

declare_check! {
    /// ## What it does
    /// Looks for restore testing in AWS Backup: a restore testing plan, or a restore job that
    /// completed in the 90 days before the scan, in any scanned region. One finding for the
    /// account.
    ///
    /// ## Why is this bad?
    /// A backup nobody has restored is a hope, not a recovery plan: missing permissions, a key
    /// that cannot be used, an incomplete backup selection or a restore that takes longer than
    /// the recovery time objective are found only by restoring. Restore testing plans restore
    /// recovery points on a schedule and validate them. Teams may test restores with other
    /// tools, so finding none here is "no evidence found", not a failure.
    ///
    /// ## Example
    /// `aws backup list-restore-testing-plans` is empty and `aws backup list-restore-jobs
    /// --by-status COMPLETED` shows nothing recent. Fix: `aws backup create-restore-testing-plan`
    /// with a weekly schedule and a selection of the critical resources.
    ///
    /// ## Not evaluated when
    /// Nothing was found and the restore testing plans or restore jobs of some region could not
    /// be listed.
    pub BACKUP_RESTORE_TESTED = "backup_restore_tested",
    pillar: Pillar::Reliability,
    service: Service::Backup,
    severity: Severity::Medium,
    best_practices: &[direct("REL09-BP04"), indirect("REL13-BP03")],
    since: "0.4.0",
    title: "Backups are restored to verify them",
    remediation: "aws backup create-restore-testing-plan (a schedule) and create-restore-testing-selection (the resources to restore and validate)",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &BACKUP_RESTORE_TESTED;
    let snap = ctx.snapshot;
    let mut found = Vec::new();
    let mut gap = None;
    for (region, backup) in &snap.backup {
        match backup.restore_testing_plans.ok() {
            Some(plans) => found.extend(
                plans
                    .iter()
                    .map(|p| format!("restore testing plan {p} ({region})")),
            ),
            None => gap = gap.or(backup.restore_testing_plans.gap()),
        }
        match backup.recent_restore_jobs.ok() {
            Some(jobs) if !jobs.is_empty() => found.push(format!(
                "{} restore job(s) completed in the last 90 days ({region})",
                jobs.len()
            )),
            Some(_) => {}
            None => gap = gap.or(backup.recent_restore_jobs.gap()),
        }
    }
    vec![from_found(
        check,
        snap,
        found,
        gap,
        Looked {
            what: "sign(s) of restore testing",
            none: "no restore testing plan and no restore job completed in the last 90 days",
        },
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::backup::RestoreJob;
    use crate::model::Fetched;
    use crate::testing::*;

    #[test]
    fn testing_plan_or_restore_passes_none_is_no_evidence_unlisted_not_evaluated() {
        let mut snap = snapshot();
        assert_eq!(
            statuses(&run(&BACKUP_RESTORE_TESTED, &snap)),
            expect(&[(ACCOUNT, NoEvidence)])
        );

        backup(&mut snap).recent_restore_jobs = Fetched::Ok(vec![RestoreJob {
            id: "job-1".into(),
            resource_type: Some("EBS".into()),
            restore_testing_plan: None,
        }]);
        let findings = run(&BACKUP_RESTORE_TESTED, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "1 sign(s) of restore testing: 1 restore job(s) completed in the last 90 days (us-east-1)"
        );

        backup(&mut snap).recent_restore_jobs = Fetched::Ok(vec![]);
        backup(&mut snap).restore_testing_plans =
            Fetched::Failed(denied("ListRestoreTestingPlans"));
        assert_eq!(
            statuses(&run(&BACKUP_RESTORE_TESTED, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
