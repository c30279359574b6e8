use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

use crate::tags;

declare_check! {
    /// ## What it does
    /// Checks that every S3 bucket carries each tag of `required_tags` in the configuration file
    /// (by default `owner` and `cost-center`), with a non-blank value.
    ///
    /// ## Why is this bad?
    /// Storage grows quietly. Without cost allocation tags, a bucket's storage and request charges
    /// cannot be attributed to a team or product, so nobody is accountable for trimming them.
    ///
    /// A pass means the resource is tagged, not that the bill shows it: a tag counts in Cost
    /// Explorer and the cost and usage reports only once its key is activated as a cost
    /// allocation tag in the Billing console, which this check does not read. That is why it is
    /// only indirect evidence for COST03-BP02.
    ///
    /// ## Example
    /// `aws s3api get-bucket-tagging --bucket B` fails with `NoSuchTagSet`. Fix:
    /// `aws s3api put-bucket-tagging --bucket B --tagging 'TagSet=[{Key=owner,Value=data},{Key=cost-center,Value=cc-42}]'`
    /// (this replaces the bucket's whole tag set: include the tags it already has).
    ///
    /// ## Not evaluated when
    /// The bucket list, or this bucket's tags, could not be read.
    pub S3_BUCKET_COST_ALLOCATION_TAGS = "s3_bucket_cost_allocation_tags",
    pillar: Pillar::CostOptimization,
    service: Service::S3,
    severity: Severity::Low,
    best_practices: &[indirect("COST03-BP02")],
    since: "0.1.0",
    title: "S3 buckets carry the required cost allocation tags",
    remediation: "Tag the bucket (keeping its existing tags): aws s3api put-bucket-tagging --bucket BUCKET --tagging 'TagSet=[{Key=KEY,Value=VALUE}]'",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &S3_BUCKET_COST_ALLOCATION_TAGS;
    let required = &ctx.settings.required_tags;
    ctx.each_bucket(check, |bucket| {
        Some(match &bucket.tags {
            Fetched::Ok(found) => {
                let missing = tags::missing(found, required);
                let message = tags::message(&format!("bucket {}", bucket.name), &missing, required);
                if missing.is_empty() {
                    check.pass(bucket, message)
                } else {
                    check.fail(bucket, message)
                }
            }
            Fetched::Failed(why) => check.not_evaluated(bucket, why),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Tags;
    use crate::settings::Settings;
    use crate::testing::*;

    #[test]
    fn tagged_passes_untagged_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut bare = bucket("bare");
        bare.tags = Fetched::Ok(Tags::new());
        let mut hidden = bucket("hidden");
        hidden.tags = Fetched::Failed(denied("GetBucketTagging"));
        snap.s3.buckets = Fetched::Ok(vec![bucket("data"), bare, hidden]);

        let findings = run(&S3_BUCKET_COST_ALLOCATION_TAGS, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("data", Pass), ("bare", Fail), ("hidden", NotEvaluated)])
        );
        assert_eq!(
            findings[1].message,
            "bucket bare lacks required tags: owner, cost-center"
        );
    }

    #[test]
    fn required_tags_come_from_the_settings() {
        let mut snap = snapshot();
        snap.s3.buckets = Fetched::Ok(vec![bucket("data")]);
        let settings = Settings {
            required_tags: vec!["env".into()],
            ..Settings::default()
        };

        let findings = run_with(&S3_BUCKET_COST_ALLOCATION_TAGS, &snap, &settings);

        assert_eq!(findings[0].message, "bucket data lacks required tags: env");
    }

    #[test]
    fn unreadable_bucket_list_is_not_evaluated() {
        let mut snap = snapshot();
        snap.s3.buckets = Fetched::Failed(denied("ListBuckets"));

        let findings = run(&S3_BUCKET_COST_ALLOCATION_TAGS, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
