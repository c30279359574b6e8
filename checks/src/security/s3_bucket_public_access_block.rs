use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that every S3 bucket has its own public access block with all four settings on:
    /// `BlockPublicAcls`, `IgnorePublicAcls`, `BlockPublicPolicy` and `RestrictPublicBuckets`.
    ///
    /// ## Why is this bad?
    /// The block is the guard rail that stops a later ACL or policy change from making the bucket
    /// public. Without it, one careless `put-bucket-policy` exposes the data. Buckets that must
    /// serve the public are better fronted by CloudFront with origin access control.
    ///
    /// ## Example
    /// `aws s3api get-public-access-block --bucket B` answers `NoSuchPublicAccessBlockConfiguration`,
    /// or shows a setting `false`. Fix: `aws s3api put-public-access-block --bucket B
    /// --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true`.
    ///
    /// ## Not evaluated when
    /// The bucket list, or this bucket's public access block, could not be read.
    pub S3_BUCKET_PUBLIC_ACCESS_BLOCK = "s3_bucket_public_access_block",
    pillar: Pillar::Security,
    service: Service::S3,
    severity: Severity::Medium,
    best_practices: &[direct("SEC08-BP04")],
    since: "0.1.0",
    title: "S3 buckets block all public access",
    remediation: "Turn on all four settings: aws s3api put-public-access-block --bucket BUCKET --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &S3_BUCKET_PUBLIC_ACCESS_BLOCK;
    ctx.each_bucket(check, |bucket| {
        Some(match &bucket.public_access_block {
            Fetched::Ok(Some(block)) if block.blocks_all() => check.pass(
                bucket,
                format!("bucket {} blocks all public access", bucket.name),
            ),
            Fetched::Ok(Some(block)) => check.fail(
                bucket,
                format!(
                    "bucket {}'s public access block lacks {}",
                    bucket.name,
                    block.missing_settings().join(", ")
                ),
            ),
            Fetched::Ok(None) => check.fail(
                bucket,
                format!("bucket {} has no public access block", bucket.name),
            ),
            Fetched::Failed(why) => check.not_evaluated(bucket, why),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::s3::PublicAccessBlock;
    use crate::testing::*;

    #[test]
    fn full_block_passes_partial_or_missing_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut partial = bucket("site");
        partial.public_access_block = Fetched::Ok(Some(PublicAccessBlock {
            ignore_public_acls: false,
            restrict_public_buckets: false,
            ..PublicAccessBlock::ALL
        }));
        let mut none = bucket("open");
        none.public_access_block = Fetched::Ok(None);
        let mut unreadable = bucket("legal");
        unreadable.public_access_block = Fetched::Failed(denied("GetPublicAccessBlock"));
        snap.s3.buckets = Fetched::Ok(vec![bucket("logs"), partial, none, unreadable]);

        let findings = run(&S3_BUCKET_PUBLIC_ACCESS_BLOCK, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("logs", Pass),
                ("site", Fail),
                ("open", Fail),
                ("legal", NotEvaluated)
            ])
        );
        assert_eq!(
            findings[1].message,
            "bucket site's public access block lacks IgnorePublicAcls, RestrictPublicBuckets"
        );
        assert_eq!(
            findings[2].message,
            "bucket open has no public access block"
        );
    }

    #[test]
    fn unreadable_bucket_list_is_one_not_evaluated_finding() {
        let mut snap = snapshot();
        snap.s3.buckets = Fetched::Failed(denied("ListBuckets"));

        let findings = run(&S3_BUCKET_PUBLIC_ACCESS_BLOCK, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
