use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that every ECR repository encrypts its images with a KMS key (`KMS` or `KMS_DSSE`)
    /// rather than ECR's default AES-256 with keys ECR manages.
    ///
    /// ## Why is this bad?
    /// With the default, decrypting an image needs nothing but pull permission on the
    /// repository: there is no key policy to restrict who can read the layers, no CloudTrail
    /// record of each decryption, and no key to disable if the images must become unreadable.
    ///
    /// ## Example
    /// `aws ecr describe-repositories` shows `"encryptionType": "AES256"`. The setting is fixed
    /// at creation: create a new repository with `--encryption-configuration
    /// encryptionType=KMS,kmsKey=KEY`, push the images there, then delete the old one.
    ///
    /// ## Not evaluated when
    /// The region's repositories could not be listed (one finding for the region).
    pub ECR_REPOSITORY_ENCRYPTED_KMS = "ecr_repository_encrypted_kms",
    pillar: Pillar::Security,
    service: Service::Ecr,
    severity: Severity::Low,
    best_practices: &[direct("SEC08-BP01")],
    since: "0.2.0",
    title: "ECR repositories encrypt images with a KMS key",
    remediation: "Create a new repository with --encryption-configuration encryptionType=KMS,kmsKey=KEY, push the images there, then delete the old one",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &ECR_REPOSITORY_ENCRYPTED_KMS;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.ecr,
        |region| &region.repositories,
        |repository| {
            let (name, kind) = (&repository.name, &repository.encryption_type);
            Some(if kind.starts_with("KMS") {
                let key = repository
                    .kms_key
                    .as_deref()
                    .unwrap_or("the AWS managed key aws/ecr");
                check.pass(
                    repository,
                    format!("repository {name} is encrypted ({kind}) with {key}"),
                )
            } else {
                check.fail(
                    repository,
                    format!("repository {name} uses ECR-managed {kind} encryption, not a KMS key"),
                )
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
    fn kms_passes_aes_fails_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        let mut plain = repository("plain");
        plain.encryption_type = "AES256".into();
        plain.kms_key = None;
        ecr(&mut snap).repositories = Fetched::Ok(vec![repository("api"), plain]);

        let findings = run(&ECR_REPOSITORY_ENCRYPTED_KMS, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("api", Pass), ("plain", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "repository plain uses ECR-managed AES256 encryption, not a KMS key"
        );

        ecr(&mut snap).repositories = Fetched::Failed(denied("DescribeRepositories"));
        assert_eq!(
            statuses(&run(&ECR_REPOSITORY_ENCRYPTED_KMS, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
