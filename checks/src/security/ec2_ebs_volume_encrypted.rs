use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Resource, Service};

declare_check! {
    /// ## What it does
    /// Checks that every EBS volume is encrypted.
    ///
    /// ## Why is this bad?
    /// An unencrypted volume's data, and every snapshot taken of it, is readable by anyone who gets
    /// hold of a copy: a snapshot shared by mistake, or a copy made with leaked credentials. EBS
    /// encryption costs nothing and has no performance penalty.
    ///
    /// ## Example
    /// `aws ec2 describe-volumes --filters Name=encrypted,Values=false` lists the volume. Fix:
    /// snapshot it, copy the snapshot encrypted (`aws ec2 copy-snapshot --source-snapshot-id
    /// snap-… --source-region R --encrypted`), create a volume from the copy and swap it in; then
    /// turn on encryption by default so new volumes are encrypted.
    ///
    /// ## Not evaluated when
    /// The region's volumes could not be read.
    pub EC2_EBS_VOLUME_ENCRYPTED = "ec2_ebs_volume_encrypted",
    pillar: Pillar::Security,
    service: Service::Ec2,
    severity: Severity::High,
    best_practices: &[direct("SEC08-BP02")],
    since: "0.1.0",
    title: "EBS volumes are encrypted",
    remediation: "Snapshot the volume, copy the snapshot with --encrypted (aws ec2 copy-snapshot), create a volume from the copy and swap it in; then aws ec2 enable-ebs-encryption-by-default.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EC2_EBS_VOLUME_ENCRYPTED;
    ctx.each_in_ec2_regions(
        check,
        |ec2| &ec2.volumes,
        |volume| {
            let label = volume.resource().label();
            Some(if volume.encrypted {
                check.pass(volume, format!("volume {label} is encrypted"))
            } else {
                check.fail(volume, format!("volume {label} is not encrypted"))
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
    fn encrypted_passes_unencrypted_fails() {
        let mut snap = snapshot();
        let mut plain = volume("plain");
        plain.encrypted = false;
        ec2(&mut snap).volumes = Fetched::Ok(vec![volume("data"), plain]);

        let findings = run(&EC2_EBS_VOLUME_ENCRYPTED, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("data", Pass), ("plain", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "volume plain (vol-plain) is not encrypted"
        );
    }

    #[test]
    fn unreadable_region_is_not_evaluated() {
        let mut snap = snapshot();
        ec2(&mut snap).volumes = Fetched::Failed(denied("DescribeVolumes"));

        let findings = run(&EC2_EBS_VOLUME_ENCRYPTED, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
        assert_eq!(findings[0].region, REGION);
    }
}
