use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Resource, Service};

declare_check! {
    /// ## What it does
    /// Checks that every EFS file system is encrypted at rest.
    ///
    /// ## Why is this bad?
    /// A file system shared by many instances usually holds application data, uploads or home
    /// directories. Encryption at rest can only be chosen when the file system is created, so an
    /// unencrypted one stays unencrypted until its data is copied to a new one.
    ///
    /// ## Example
    /// `aws efs describe-file-systems` shows `"Encrypted": false`. Fix: create an encrypted file
    /// system (`aws efs create-file-system --encrypted --kms-key-id alias/aws/elasticfilesystem`),
    /// copy the data over (AWS DataSync), switch the mount targets, delete the old one.
    ///
    /// ## Not evaluated when
    /// The region's file systems could not be listed (one finding for the region).
    pub EFS_ENCRYPTED = "efs_encrypted",
    pillar: Pillar::Security,
    service: Service::Efs,
    severity: Severity::High,
    best_practices: &[direct("SEC08-BP02")],
    since: "0.2.0",
    title: "EFS file systems are encrypted at rest",
    remediation: "aws efs create-file-system --encrypted --kms-key-id alias/aws/elasticfilesystem, then copy the data over with AWS DataSync",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EFS_ENCRYPTED;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.efs,
        |region| &region.file_systems,
        |fs| {
            let label = fs.resource().label();
            Some(match (fs.encrypted, &fs.kms_key_id) {
                (true, Some(key)) => check.pass(
                    fs,
                    format!("file system {label} is encrypted with KMS key {key}"),
                ),
                (true, None) => check.pass(fs, format!("file system {label} is encrypted")),
                (false, _) => check.fail(fs, format!("file system {label} is not encrypted")),
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    #[test]
    fn encrypted_passes_plain_fails_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        let mut plain = file_system("fs-2", "scratch");
        plain.encrypted = false;
        plain.kms_key_id = None;
        efs(&mut snap).file_systems = Fetched::Ok(vec![file_system("fs-1", "shared"), plain]);

        let findings = run(&EFS_ENCRYPTED, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("shared", Pass), ("scratch", Fail)])
        );
        assert_eq!(
            findings[0].message,
            "file system shared (fs-1) is encrypted with KMS key alias/aws/elasticfilesystem"
        );
        assert_eq!(
            findings[1].message,
            "file system scratch (fs-2) is not encrypted"
        );

        efs(&mut snap).file_systems = Fetched::Failed(denied("DescribeFileSystems"));
        assert_eq!(
            statuses(&run(&EFS_ENCRYPTED, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
