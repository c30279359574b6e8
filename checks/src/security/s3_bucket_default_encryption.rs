use crate::catalog::Pillar;
use crate::check::Context;
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that every S3 bucket has a default encryption configuration, and names its algorithm
    /// (`AES256`, `aws:kms` or `aws:kms:dsse`).
    ///
    /// ## Why is this bad?
    /// Objects written without a default encryption setting are stored unencrypted unless every
    /// writer asks for encryption. S3 has applied SSE-S3 to new buckets since January 2023, so a
    /// bucket without default encryption is an old one whose configuration was removed or never set.
    ///
    /// ## Example
    /// `aws s3api get-bucket-encryption --bucket B` answers `ServerSideEncryptionConfigurationNotFoundError`.
    /// Fix: `aws s3api put-bucket-encryption --bucket B --server-side-encryption-configuration
    /// '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms"},"BucketKeyEnabled":true}]}'`.
    ///
    /// ## Not evaluated when
    /// The bucket list, or this bucket's encryption configuration, could not be read.
    pub S3_BUCKET_DEFAULT_ENCRYPTION = "s3_bucket_default_encryption",
    pillar: Pillar::Security,
    service: Service::S3,
    severity: Severity::High,
    best_practices: &["SEC08-BP02"],
    since: "0.1.0",
    title: "S3 buckets encrypt new objects by default",
    remediation: "Set default encryption: aws s3api put-bucket-encryption --bucket BUCKET --server-side-encryption-configuration '{\"Rules\":[{\"ApplyServerSideEncryptionByDefault\":{\"SSEAlgorithm\":\"aws:kms\"},\"BucketKeyEnabled\":true}]}'",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &S3_BUCKET_DEFAULT_ENCRYPTION;
    ctx.each_bucket(check, |bucket| {
        Some(match &bucket.encryption {
            Fetched::Ok(Some(encryption)) => check.pass(
                bucket,
                format!(
                    "bucket {} is encrypted by default with {}",
                    bucket.name, encryption.algorithm
                ),
            ),
            Fetched::Ok(None) => check.fail(
                bucket,
                format!("bucket {} has no default encryption", bucket.name),
            ),
            Fetched::Failed(why) => check.not_evaluated(bucket, why),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    #[test]
    fn encrypted_passes_unencrypted_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut plain = bucket("plain");
        plain.encryption = Fetched::Ok(None);
        let mut unreadable = bucket("legal");
        unreadable.encryption = Fetched::Failed(denied("GetBucketEncryption"));
        snap.s3.buckets = Fetched::Ok(vec![bucket("logs"), plain, unreadable]);

        let findings = run(&S3_BUCKET_DEFAULT_ENCRYPTION, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("logs", Pass), ("plain", Fail), ("legal", NotEvaluated)])
        );
        assert_eq!(
            findings[0].message,
            "bucket logs is encrypted by default with aws:kms"
        );
        assert_eq!(
            findings[1].message,
            "bucket plain has no default encryption"
        );
    }

    #[test]
    fn unreadable_bucket_list_is_one_not_evaluated_finding() {
        let mut snap = snapshot();
        snap.s3.buckets = Fetched::Failed(denied("ListBuckets"));

        let findings = run(&S3_BUCKET_DEFAULT_ENCRYPTION, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
