use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that every S3 bucket encrypts new objects by default with a KMS key (`aws:kms` or
    /// `aws:kms:dsse`) rather than with S3-managed keys (SSE-S3, `AES256`), and names the key.
    ///
    /// ## Why is this bad?
    /// Since January 2023 S3 encrypts every new object at rest: a bucket with no default
    /// encryption configuration gets SSE-S3 anyway, so "is the data encrypted" can no longer
    /// fail and is not what this check asks. What still differs is the key. With S3-managed keys
    /// nobody in the account controls who may use the key, sees its use in CloudTrail, or can
    /// disable it to cut off access in an incident; with a KMS key the key policy and grants do,
    /// and every decryption is logged. (The id keeps its first name: baselines refer to it.)
    ///
    /// ## Example
    /// `aws s3api get-bucket-encryption --bucket B` answers `"SSEAlgorithm": "AES256"` (or, from an
    /// old emulator, `ServerSideEncryptionConfigurationNotFoundError`). Fix:
    /// `aws s3api put-bucket-encryption --bucket B --server-side-encryption-configuration
    /// '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms"},"BucketKeyEnabled":true}]}'`.
    ///
    /// ## Not evaluated when
    /// The bucket list, or this bucket's encryption configuration, could not be read.
    pub S3_BUCKET_DEFAULT_ENCRYPTION = "s3_bucket_default_encryption",
    pillar: Pillar::Security,
    service: Service::S3,
    severity: Severity::Medium,
    best_practices: &[direct("SEC08-BP01")],
    since: "0.1.0",
    title: "S3 buckets encrypt new objects by default with a KMS key",
    remediation: "Set a KMS key as default encryption: aws s3api put-bucket-encryption --bucket BUCKET --server-side-encryption-configuration '{\"Rules\":[{\"ApplyServerSideEncryptionByDefault\":{\"SSEAlgorithm\":\"aws:kms\"},\"BucketKeyEnabled\":true}]}'",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &S3_BUCKET_DEFAULT_ENCRYPTION;
    ctx.each_bucket(check, |bucket| {
        let name = &bucket.name;
        Some(match &bucket.encryption {
            Fetched::Ok(Some(encryption)) if encryption.algorithm.starts_with("aws:kms") => {
                let key = encryption
                    .kms_key_id
                    .as_deref()
                    .unwrap_or("the AWS managed key aws/s3");
                check.pass(
                    bucket,
                    format!(
                        "bucket {name} encrypts new objects with {} ({key})",
                        encryption.algorithm
                    ),
                )
            }
            Fetched::Ok(Some(encryption)) => check.fail(
                bucket,
                format!(
                    "bucket {name} encrypts new objects with S3-managed keys ({}), not a KMS key",
                    encryption.algorithm
                ),
            ),
            // S3 applies SSE-S3 to every bucket since January 2023; an answer without a
            // configuration (an older bucket or an emulator) means S3-managed keys at best.
            Fetched::Ok(None) => check.fail(
                bucket,
                format!("bucket {name} names no default encryption key: S3-managed keys at best"),
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
    fn a_kms_key_passes_s3_managed_keys_fail_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut plain = bucket("plain");
        plain.encryption = Fetched::Ok(None);
        let mut sse_s3 = bucket("media");
        if let Fetched::Ok(Some(encryption)) = &mut sse_s3.encryption {
            encryption.algorithm = "AES256".into();
            encryption.kms_key_id = None;
        }
        let mut unreadable = bucket("legal");
        unreadable.encryption = Fetched::Failed(denied("GetBucketEncryption"));
        snap.s3.buckets = Fetched::Ok(vec![bucket("logs"), sse_s3, plain, unreadable]);

        let findings = run(&S3_BUCKET_DEFAULT_ENCRYPTION, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("logs", Pass),
                ("media", Fail),
                ("plain", Fail),
                ("legal", NotEvaluated)
            ])
        );
        assert!(
            findings[0]
                .message
                .starts_with("bucket logs encrypts new objects with aws:kms ("),
            "{}",
            findings[0].message
        );
        assert_eq!(
            findings[1].message,
            "bucket media encrypts new objects with S3-managed keys (AES256), not a KMS key"
        );
        assert_eq!(
            findings[2].message,
            "bucket plain names no default encryption key: S3-managed keys at best"
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
