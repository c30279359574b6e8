use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that every S3 bucket has an enabled lifecycle rule that aborts incomplete multipart
    /// uploads (`AbortIncompleteMultipartUpload`).
    ///
    /// ## Why is this bad?
    /// When a multipart upload is interrupted and never completed or aborted, the parts already
    /// uploaded stay in the bucket indefinitely. They are invisible in object listings and the
    /// console, yet billed as storage. Large uploads from backup tools, data pipelines and SDKs
    /// leave such parts behind every time a transfer fails; only a rule removes them
    /// automatically.
    ///
    /// ## Example
    /// `aws s3api get-bucket-lifecycle-configuration --bucket BUCKET` has no rule with
    /// `AbortIncompleteMultipartUpload`. Fix: add one to the bucket's rules, e.g.
    /// `{"ID":"abort-mpu","Status":"Enabled","Filter":{},
    /// "AbortIncompleteMultipartUpload":{"DaysAfterInitiation":7}}`, with
    /// `aws s3api put-bucket-lifecycle-configuration` (which replaces the whole configuration).
    ///
    /// ## Not evaluated when
    /// The bucket list, or this bucket's lifecycle configuration, could not be read.
    pub S3_BUCKET_ABORT_INCOMPLETE_UPLOADS = "s3_bucket_abort_incomplete_uploads",
    pillar: Pillar::CostOptimization,
    service: Service::S3,
    severity: Severity::Low,
    best_practices: &[direct("COST04-BP04")],
    since: "0.3.0",
    title: "S3 buckets abort incomplete multipart uploads",
    remediation: "Add a lifecycle rule with AbortIncompleteMultipartUpload DaysAfterInitiation=7 (aws s3api put-bucket-lifecycle-configuration)",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &S3_BUCKET_ABORT_INCOMPLETE_UPLOADS;
    ctx.each_bucket(check, |bucket| {
        Some(match &bucket.lifecycle_rules {
            Fetched::Ok(rules) => {
                if rules
                    .iter()
                    .any(|r| r.enabled && r.aborts_incomplete_uploads)
                {
                    check.pass(
                        bucket,
                        format!("bucket {} aborts incomplete multipart uploads", bucket.name),
                    )
                } else {
                    check.fail(
                        bucket,
                        format!(
                            "bucket {} keeps the parts of incomplete multipart uploads forever",
                            bucket.name
                        ),
                    )
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
    use crate::model::s3::LifecycleRule;
    use crate::testing::*;

    fn rule(enabled: bool, aborts: bool) -> LifecycleRule {
        LifecycleRule {
            id: Some("r".into()),
            enabled,
            expires_objects: true,
            transitions: false,
            manages_noncurrent_versions: false,
            aborts_incomplete_uploads: aborts,
        }
    }

    #[test]
    fn aborting_rule_passes_others_fail_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut good = bucket("logs");
        good.lifecycle_rules = Fetched::Ok(vec![rule(true, false), rule(true, true)]);
        let mut disabled = bucket("backups");
        disabled.lifecycle_rules = Fetched::Ok(vec![rule(false, true)]);
        let mut none = bucket("assets");
        none.lifecycle_rules = Fetched::Ok(vec![]);
        let mut unreadable = bucket("legal");
        unreadable.lifecycle_rules = Fetched::Failed(denied("GetBucketLifecycleConfiguration"));
        snap.s3.buckets = Fetched::Ok(vec![good, disabled, none, unreadable]);

        let findings = run(&S3_BUCKET_ABORT_INCOMPLETE_UPLOADS, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("logs", Pass),
                ("backups", Fail),
                ("assets", Fail),
                ("legal", NotEvaluated)
            ])
        );
        assert_eq!(
            findings[2].message,
            "bucket assets keeps the parts of incomplete multipart uploads forever"
        );
    }
}
