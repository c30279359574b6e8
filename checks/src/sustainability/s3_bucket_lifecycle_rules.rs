use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that every S3 bucket has at least one enabled lifecycle rule that expires objects or
    /// transitions them to another storage class. Rules that only abort incomplete multipart
    /// uploads, or only manage noncurrent versions, do not count.
    ///
    /// ## Why is this bad?
    /// Without a lifecycle, every object is kept forever in the storage class it was written to.
    /// Data nobody reads keeps occupying hot storage, and the disks, power and cooling behind it,
    /// long after it stopped being useful.
    ///
    /// ## Example
    /// `aws s3api get-bucket-lifecycle-configuration --bucket B` fails with
    /// `NoSuchLifecycleConfiguration`. Fix: add a rule, e.g. move objects to Intelligent-Tiering
    /// after 30 days and expire them after a year:
    /// `aws s3api put-bucket-lifecycle-configuration --bucket B --lifecycle-configuration file://lifecycle.json`.
    ///
    /// ## Not evaluated when
    /// The bucket list, or this bucket's lifecycle configuration, could not be read.
    pub S3_BUCKET_LIFECYCLE_RULES = "s3_bucket_lifecycle_rules",
    pillar: Pillar::Sustainability,
    service: Service::S3,
    severity: Severity::Medium,
    best_practices: &[direct("SUS04-BP03"), direct("SEC07-BP04")],
    since: "0.1.0",
    title: "S3 buckets expire or transition objects with a lifecycle rule",
    remediation: "Add a lifecycle rule that transitions or expires objects: aws s3api put-bucket-lifecycle-configuration --bucket BUCKET --lifecycle-configuration file://lifecycle.json",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &S3_BUCKET_LIFECYCLE_RULES;
    ctx.each_bucket(check, |bucket| Some(match &bucket.lifecycle_rules {
            Fetched::Ok(rules) => {
                let active = rules
                    .iter()
                    .filter(|rule| rule.enabled && (rule.expires_objects || rule.transitions))
                    .count();
                if active > 0 {
                    check.pass(
                        bucket,
                        format!("bucket {} has {active} enabled lifecycle rule(s) that expire or transition objects", bucket.name),
                    )
                } else {
                    check.fail(
                        bucket,
                        format!("bucket {} has no enabled lifecycle rule that expires or transitions objects", bucket.name),
                    )
                }
            }
            Fetched::Failed(why) => check.not_evaluated(bucket, why),
        }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::s3::LifecycleRule;
    use crate::testing::*;

    fn rule(enabled: bool, expires_objects: bool, transitions: bool) -> LifecycleRule {
        LifecycleRule {
            id: Some("r".into()),
            enabled,
            expires_objects,
            transitions,
            manages_noncurrent_versions: true,
            aborts_incomplete_uploads: true,
        }
    }

    #[test]
    fn expiring_or_transitioning_rule_passes_others_fail() {
        let mut snap = snapshot();
        let mut archive = bucket("archive");
        archive.lifecycle_rules = Fetched::Ok(vec![rule(true, false, true)]);
        let mut none = bucket("none");
        none.lifecycle_rules = Fetched::Ok(vec![]);
        let mut disabled = bucket("disabled");
        disabled.lifecycle_rules = Fetched::Ok(vec![rule(false, true, true)]);
        let mut uploads_only = bucket("uploads-only");
        uploads_only.lifecycle_rules = Fetched::Ok(vec![rule(true, false, false)]);
        let mut hidden = bucket("hidden");
        hidden.lifecycle_rules = Fetched::Failed(denied("GetBucketLifecycleConfiguration"));
        snap.s3.buckets = Fetched::Ok(vec![
            bucket("logs"),
            archive,
            none,
            disabled,
            uploads_only,
            hidden,
        ]);

        let findings = run(&S3_BUCKET_LIFECYCLE_RULES, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("logs", Pass),
                ("archive", Pass),
                ("none", Fail),
                ("disabled", Fail),
                ("uploads-only", Fail),
                ("hidden", NotEvaluated)
            ])
        );
        assert_eq!(
            findings[2].message,
            "bucket none has no enabled lifecycle rule that expires or transitions objects"
        );
    }

    #[test]
    fn unreadable_bucket_list_is_not_evaluated() {
        let mut snap = snapshot();
        snap.s3.buckets = Fetched::Failed(denied("ListBuckets"));

        let findings = run(&S3_BUCKET_LIFECYCLE_RULES, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
