use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks, in every scanned region, that EBS encryption by default is on, so that every new
    /// volume and snapshot copy is encrypted whether or not its creator asks. One finding per
    /// region, about the account.
    ///
    /// ## Why is this bad?
    /// Without the default, encryption depends on every launch template, script and console user
    /// remembering to ask for it; one that forgets creates unencrypted data that is costly to fix
    /// later.
    ///
    /// ## Example
    /// `aws ec2 get-ebs-encryption-by-default --region R` shows `false`. Fix:
    /// `aws ec2 enable-ebs-encryption-by-default --region R` (per region; optionally
    /// `aws ec2 modify-ebs-default-kms-key-id` to use your own key).
    ///
    /// ## Not evaluated when
    /// The region's setting could not be read.
    pub EC2_EBS_DEFAULT_ENCRYPTION = "ec2_ebs_default_encryption",
    pillar: Pillar::Security,
    service: Service::Ec2,
    severity: Severity::Medium,
    best_practices: &[direct("SEC08-BP02"), direct("SEC08-BP03")],
    since: "0.1.0",
    title: "EBS encryption by default is on in every region",
    remediation: "Turn it on in each region: aws ec2 enable-ebs-encryption-by-default --region REGION",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EC2_EBS_DEFAULT_ENCRYPTION;
    ctx.snapshot
        .ec2
        .iter()
        .map(|(region, ec2)| {
            let account = ctx.snapshot.account_resource(region);
            match &ec2.ebs_encryption_by_default {
                Fetched::Ok(true) => check.pass(
                    &account,
                    format!("EBS encryption by default is on in {region}"),
                ),
                Fetched::Ok(false) => check.fail(
                    &account,
                    format!("EBS encryption by default is off in {region}"),
                ),
                Fetched::Failed(why) => check.not_evaluated(&account, why),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::{self, *};
    use crate::model::Ec2Region;
    use crate::testing::*;

    #[test]
    fn one_finding_per_region() {
        let mut snap = snapshot();
        let off = Ec2Region {
            ebs_encryption_by_default: Fetched::Ok(false),
            ..Ec2Region::default()
        };
        snap.ec2.insert("eu-west-1".into(), off);
        let unreadable = Ec2Region {
            ebs_encryption_by_default: Fetched::Failed(denied("GetEbsEncryptionByDefault")),
            ..Ec2Region::default()
        };
        snap.ec2.insert("ap-south-1".into(), unreadable);

        let findings = run(&EC2_EBS_DEFAULT_ENCRYPTION, &snap);

        let by_region: Vec<(&str, Status)> = findings
            .iter()
            .map(|f| (f.region.as_str(), f.status))
            .collect();
        assert_eq!(
            by_region,
            [
                ("ap-south-1", NotEvaluated),
                ("eu-west-1", Fail),
                (REGION, Pass)
            ]
        );
        assert!(findings.iter().all(|f| f.resource.id == ACCOUNT));
        assert_eq!(
            findings[1].message,
            "EBS encryption by default is off in eu-west-1"
        );
    }
}
