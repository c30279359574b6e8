use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::s3::{Bucket, Versioning};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that every S3 bucket with versioning enabled or suspended has an enabled lifecycle
    /// rule that expires (or transitions) noncurrent object versions. Buckets that never had
    /// versioning give no finding.
    ///
    /// ## Why is this bad?
    /// With versioning, an overwrite or delete keeps the old version. Without a rule to expire
    /// them, noncurrent versions accumulate forever: storage, cost and energy spent on copies
    /// nobody will ever restore. Suspending versioning does not remove the versions already kept.
    ///
    /// ## Example
    /// A versioned bucket whose lifecycle configuration has no `NoncurrentVersionExpiration`.
    /// Fix: add a rule such as
    /// `{"ID": "noncurrent", "Status": "Enabled", "Filter": {}, "NoncurrentVersionExpiration": {"NoncurrentDays": 30}}`
    /// with `aws s3api put-bucket-lifecycle-configuration --bucket B --lifecycle-configuration file://lifecycle.json`.
    ///
    /// ## Not evaluated when
    /// The bucket list, or this bucket's versioning or lifecycle configuration, could not be read.
    pub S3_BUCKET_NONCURRENT_VERSIONS_EXPIRE = "s3_bucket_noncurrent_versions_expire",
    pillar: Pillar::Sustainability,
    service: Service::S3,
    severity: Severity::Low,
    best_practices: &[direct("SUS04-BP05")],
    since: "0.1.0",
    title: "Versioned S3 buckets expire noncurrent versions",
    remediation: "Add a lifecycle rule with NoncurrentVersionExpiration: aws s3api put-bucket-lifecycle-configuration --bucket BUCKET --lifecycle-configuration file://lifecycle.json",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each_bucket(&S3_BUCKET_NONCURRENT_VERSIONS_EXPIRE, verdict)
}

fn verdict(bucket: &Bucket) -> Option<Finding> {
    let check = &S3_BUCKET_NONCURRENT_VERSIONS_EXPIRE;
    let versioning = match &bucket.versioning {
        Fetched::Ok(Versioning::NeverEnabled) => return None,
        Fetched::Ok(versioning) => versioning,
        Fetched::Failed(why) => return Some(check.not_evaluated(bucket, why)),
    };
    let rules = match &bucket.lifecycle_rules {
        Fetched::Ok(rules) => rules,
        Fetched::Failed(why) => return Some(check.not_evaluated(bucket, why)),
    };
    let name = &bucket.name;
    Some(
        if rules
            .iter()
            .any(|rule| rule.enabled && rule.manages_noncurrent_versions)
        {
            check.pass(
                bucket,
                format!("bucket {name} (versioning {versioning}) expires noncurrent versions"),
            )
        } else {
            check.fail(
            bucket,
            format!("bucket {name} has versioning {versioning} but no enabled rule for noncurrent versions"),
        )
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    #[test]
    fn versioned_buckets_need_a_noncurrent_rule_unversioned_give_nothing() {
        let mut snap = snapshot();
        let mut hoard = bucket("hoard");
        if let Fetched::Ok(rules) = &mut hoard.lifecycle_rules {
            rules
                .iter_mut()
                .for_each(|rule| rule.manages_noncurrent_versions = false);
        }
        let mut suspended = bucket("suspended");
        suspended.versioning = Fetched::Ok(Versioning::Suspended);
        suspended.lifecycle_rules = Fetched::Ok(vec![]);
        let mut plain = bucket("plain");
        plain.versioning = Fetched::Ok(Versioning::NeverEnabled);
        plain.lifecycle_rules = Fetched::Ok(vec![]);
        let mut hidden = bucket("hidden");
        hidden.lifecycle_rules = Fetched::Failed(denied("GetBucketLifecycleConfiguration"));
        snap.s3.buckets = Fetched::Ok(vec![bucket("data"), hoard, suspended, plain, hidden]);

        let findings = run(&S3_BUCKET_NONCURRENT_VERSIONS_EXPIRE, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("data", Pass),
                ("hoard", Fail),
                ("suspended", Fail),
                ("hidden", NotEvaluated)
            ])
        );
        assert_eq!(
            findings[2].message,
            "bucket suspended has versioning suspended but no enabled rule for noncurrent versions"
        );
    }

    #[test]
    fn unreadable_versioning_or_bucket_list_is_not_evaluated() {
        let mut snap = snapshot();
        let mut hidden = bucket("hidden");
        hidden.versioning = Fetched::Failed(denied("GetBucketVersioning"));
        snap.s3.buckets = Fetched::Ok(vec![hidden]);
        assert_eq!(
            statuses(&run(&S3_BUCKET_NONCURRENT_VERSIONS_EXPIRE, &snap)),
            expect(&[("hidden", NotEvaluated)])
        );

        snap.s3.buckets = Fetched::Failed(denied("ListBuckets"));
        assert_eq!(
            statuses(&run(&S3_BUCKET_NONCURRENT_VERSIONS_EXPIRE, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
