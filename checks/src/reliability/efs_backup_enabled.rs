use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Resource, Service};

declare_check! {
    /// ## What it does
    /// Checks that every EFS file system has automatic backups turned on (its backup policy is
    /// `ENABLED`, so AWS Backup's default plan backs it up daily).
    ///
    /// ## Why is this bad?
    /// EFS replicates data across zones, but that protects against losing hardware, not against
    /// deleting or overwriting files: a bad deployment, a `rm -rf` or ransomware is replicated
    /// too. Without backups, there is no earlier version to restore.
    ///
    /// ## Example
    /// `aws efs describe-backup-policy --file-system-id FS` shows `"Status": "DISABLED"` or fails
    /// with `PolicyNotFound`. Fix:
    /// `aws efs put-backup-policy --file-system-id FS --backup-policy Status=ENABLED` (or include
    /// the file system in an AWS Backup plan of your own).
    ///
    /// ## Not evaluated when
    /// The region's file systems could not be listed (one finding for the region), or this file
    /// system's backup policy could not be read.
    pub EFS_BACKUP_ENABLED = "efs_backup_enabled",
    pillar: Pillar::Reliability,
    service: Service::Efs,
    severity: Severity::Medium,
    best_practices: &[direct("REL09-BP03")],
    since: "0.2.0",
    title: "EFS file systems are backed up automatically",
    remediation: "aws efs put-backup-policy --file-system-id FS --backup-policy Status=ENABLED",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EFS_BACKUP_ENABLED;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.efs,
        |region| &region.file_systems,
        |fs| {
            let label = fs.resource().label();
            Some(match &fs.automatic_backups {
                Fetched::Ok(true) => check.pass(
                    fs,
                    format!("file system {label} is backed up automatically"),
                ),
                Fetched::Ok(false) => check.fail(
                    fs,
                    format!("file system {label} has automatic backups turned off"),
                ),
                Fetched::Failed(why) => check.not_evaluated(fs, why),
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    #[test]
    fn backups_pass_none_fail_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut off = file_system("fs-2", "scratch");
        off.automatic_backups = Fetched::Ok(false);
        let mut unreadable = file_system("fs-3", "media");
        unreadable.automatic_backups = Fetched::Failed(denied("DescribeBackupPolicy"));
        efs(&mut snap).file_systems =
            Fetched::Ok(vec![file_system("fs-1", "shared"), off, unreadable]);

        let findings = run(&EFS_BACKUP_ENABLED, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("shared", Pass), ("scratch", Fail), ("media", NotEvaluated)])
        );
        assert_eq!(
            findings[0].message,
            "file system shared (fs-1) is backed up automatically"
        );
        assert_eq!(
            findings[1].message,
            "file system scratch (fs-2) has automatic backups turned off"
        );

        efs(&mut snap).file_systems = Fetched::Failed(denied("DescribeFileSystems"));
        assert_eq!(
            statuses(&run(&EFS_BACKUP_ENABLED, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
