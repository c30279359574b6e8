use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Resource, Service};

declare_check! {
    /// ## What it does
    /// Checks that every EBS snapshot the account owns is encrypted.
    ///
    /// ## Why is this bad?
    /// A backup holds the same data as its source, often for longer. An unencrypted snapshot can
    /// be copied, shared with another account or made public by mistake and read in full; an
    /// encrypted one is useless without access to its KMS key.
    ///
    /// ## Example
    /// `aws ec2 describe-snapshots --owner-ids self` shows `"Encrypted": false`. Fix: make an
    /// encrypted copy (`aws ec2 copy-snapshot --source-snapshot-id snap-… --source-region REGION --encrypted --kms-key-id KEY`),
    /// delete the original, and turn on `aws ec2 enable-ebs-encryption-by-default` so new volumes
    /// (and their snapshots) are encrypted.
    ///
    /// ## Not evaluated when
    /// The region's snapshots could not be read.
    pub EC2_SNAPSHOT_ENCRYPTED = "ec2_snapshot_encrypted",
    pillar: Pillar::Reliability,
    service: Service::Ec2,
    severity: Severity::Medium,
    best_practices: &[direct("REL09-BP02")],
    since: "0.1.0",
    title: "EBS snapshots are encrypted",
    remediation: "Copy the snapshot encrypted (aws ec2 copy-snapshot --encrypted --kms-key-id KEY), delete the plaintext one, and enable EBS encryption by default (aws ec2 enable-ebs-encryption-by-default).",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EC2_SNAPSHOT_ENCRYPTED;
    ctx.each_in_ec2_regions(
        check,
        |ec2| &ec2.snapshots,
        |snapshot| {
            let label = snapshot.resource().label();
            Some(if snapshot.encrypted {
                check.pass(snapshot, format!("snapshot {label} is encrypted"))
            } else {
                check.fail(snapshot, format!("snapshot {label} is not encrypted"))
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
    fn encrypted_passes_plaintext_fails() {
        let mut snap = snapshot();
        let mut plain = ebs_snapshot("plain");
        plain.encrypted = false;
        ec2(&mut snap).snapshots = Fetched::Ok(vec![ebs_snapshot("daily"), plain]);

        let findings = run(&EC2_SNAPSHOT_ENCRYPTED, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("daily", Pass), ("plain", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "snapshot plain (snap-plain) is not encrypted"
        );
    }

    #[test]
    fn unreadable_region_is_not_evaluated() {
        let mut snap = snapshot();
        ec2(&mut snap).snapshots = Fetched::Failed(denied("DescribeSnapshots"));

        let findings = run(&EC2_SNAPSHOT_ENCRYPTED, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
