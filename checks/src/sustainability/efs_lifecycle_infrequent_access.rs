use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Resource, Service};

declare_check! {
    /// ## What it does
    /// Checks that every EFS file system has a lifecycle policy moving files not accessed for a
    /// while to the Infrequent Access storage class.
    ///
    /// ## Why is this bad?
    /// Most files on a shared file system are written once and rarely read again. Without a
    /// lifecycle policy they all stay in the Standard class, kept on storage provisioned for
    /// frequent access; Infrequent Access stores them on denser, lower-energy media for about a
    /// tenth of the price, and EFS moves a file back on its next read if you ask it to.
    ///
    /// ## Example
    /// `aws efs describe-lifecycle-configuration --file-system-id fs-…` returns
    /// `"LifecyclePolicies": []`. Fix: `aws efs put-lifecycle-configuration --file-system-id
    /// fs-… --lifecycle-policies '[{"TransitionToIA":"AFTER_30_DAYS"},
    /// {"TransitionToPrimaryStorageClass":"AFTER_1_ACCESS"}]'`.
    ///
    /// ## Not evaluated when
    /// The region's file systems could not be listed (one finding for the region), or this file
    /// system's lifecycle configuration could not be read.
    pub EFS_LIFECYCLE_INFREQUENT_ACCESS = "efs_lifecycle_infrequent_access",
    pillar: Pillar::Sustainability,
    service: Service::Efs,
    severity: Severity::Low,
    best_practices: &[direct("SUS04-BP03")],
    since: "0.3.0",
    title: "EFS file systems move cold files to Infrequent Access",
    remediation: "aws efs put-lifecycle-configuration --file-system-id FS --lifecycle-policies '[{\"TransitionToIA\":\"AFTER_30_DAYS\"}]'",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EFS_LIFECYCLE_INFREQUENT_ACCESS;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.efs,
        |region| &region.file_systems,
        |fs| {
            let label = fs.resource().label();
            Some(match &fs.transition_to_ia {
                Fetched::Ok(Some(after)) => check.pass(
                    fs,
                    format!("file system {label} moves files to Infrequent Access {after}"),
                ),
                Fetched::Ok(None) => check.fail(
                    fs,
                    format!("file system {label} keeps every file in the Standard class"),
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
    fn policy_passes_none_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut standard = file_system("fs-2", "scratch");
        standard.transition_to_ia = Fetched::Ok(None);
        let mut unreadable = file_system("fs-3", "old");
        unreadable.transition_to_ia = Fetched::Failed(denied("DescribeLifecycleConfiguration"));
        efs(&mut snap).file_systems =
            Fetched::Ok(vec![file_system("fs-1", "shared"), standard, unreadable]);

        let findings = run(&EFS_LIFECYCLE_INFREQUENT_ACCESS, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("shared", Pass), ("scratch", Fail), ("old", NotEvaluated)])
        );
        assert_eq!(
            findings[0].message,
            "file system shared (fs-1) moves files to Infrequent Access AFTER_30_DAYS"
        );
    }
}
