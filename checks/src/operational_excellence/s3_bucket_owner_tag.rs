use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::tags;
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that every S3 bucket carries the owner tag, `owner_tag` in the configuration file
    /// (`owner` by default), with a non-blank value.
    ///
    /// ## Why is this bad?
    /// Buckets outlive the projects that created them. Without an identified owner, nobody can
    /// say whether a bucket's data may be deleted, who must approve access to it, or who to call
    /// when it is exposed.
    ///
    /// ## Example
    /// `aws s3api get-bucket-tagging --bucket B` has no `owner` key. Fix:
    /// `aws s3api put-bucket-tagging --bucket B --tagging 'TagSet=[{Key=owner,Value=data-platform}]'`
    /// (this replaces the whole tag set: include the tags the bucket already has).
    ///
    /// ## Not evaluated when
    /// The bucket list, or this bucket's tags, could not be read.
    pub S3_BUCKET_OWNER_TAG = "s3_bucket_owner_tag",
    pillar: Pillar::OperationalExcellence,
    service: Service::S3,
    severity: Severity::Low,
    best_practices: &[direct("OPS02-BP01")],
    since: "0.1.0",
    title: "S3 buckets have an identified owner",
    remediation: "Tag the bucket with its owner, keeping its existing tags: aws s3api put-bucket-tagging --bucket BUCKET --tagging 'TagSet=[{Key=owner,Value=TEAM}]'",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &S3_BUCKET_OWNER_TAG;
    let key = ctx.settings.owner_tag.as_str();
    ctx.each_bucket(check, |bucket| {
        Some(match &bucket.tags {
            Fetched::Ok(found) => match found.get(key) {
                Some(owner) if tags::has_value(found, key) => check.pass(
                    bucket,
                    format!("bucket {} is owned by {owner}", bucket.name),
                ),
                _ => check.fail(bucket, format!("bucket {} has no `{key}` tag", bucket.name)),
            },
            Fetched::Failed(why) => check.not_evaluated(bucket, why),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Tags;
    use crate::testing::*;

    #[test]
    fn owned_passes_unowned_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut bare = bucket("bare");
        bare.tags = Fetched::Ok(Tags::new());
        let mut hidden = bucket("hidden");
        hidden.tags = Fetched::Failed(denied("GetBucketTagging"));
        snap.s3.buckets = Fetched::Ok(vec![bucket("data"), bare, hidden]);

        let findings = run(&S3_BUCKET_OWNER_TAG, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("data", Pass), ("bare", Fail), ("hidden", NotEvaluated)])
        );
        assert_eq!(findings[1].message, "bucket bare has no `owner` tag");
    }

    #[test]
    fn unreadable_bucket_list_is_not_evaluated() {
        let mut snap = snapshot();
        snap.s3.buckets = Fetched::Failed(denied("ListBuckets"));

        let findings = run(&S3_BUCKET_OWNER_TAG, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
