use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::s3::Versioning;
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that every S3 bucket keeps prior versions of its objects.
    ///
    /// ## Why is this bad?
    /// Without versioning, one overwrite or delete (by mistake, by a bug, or by ransomware)
    /// destroys the only copy of an object. Versioning is also what S3 replication and Object Lock
    /// build on.
    ///
    /// ## Example
    /// `aws s3api get-bucket-versioning --bucket B` shows no `Status`, or `Suspended`. Fix:
    /// `aws s3api put-bucket-versioning --bucket B --versioning-configuration Status=Enabled`,
    /// then add a lifecycle rule that expires noncurrent versions so old copies do not pile up.
    ///
    /// ## Not evaluated when
    /// The bucket list, or this bucket's versioning, could not be read.
    pub S3_BUCKET_VERSIONING = "s3_bucket_versioning",
    pillar: Pillar::Reliability,
    service: Service::S3,
    severity: Severity::Medium,
    best_practices: &[indirect("REL09-BP01"), indirect("SEC08-BP04")],
    since: "0.1.0",
    title: "S3 buckets keep prior object versions",
    remediation: "Enable versioning: aws s3api put-bucket-versioning --bucket BUCKET --versioning-configuration Status=Enabled",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &S3_BUCKET_VERSIONING;
    ctx.each_bucket(check, |bucket| {
        Some(match &bucket.versioning {
            Fetched::Ok(Versioning::Enabled) => check.pass(
                bucket,
                format!("bucket {} has versioning enabled", bucket.name),
            ),
            Fetched::Ok(state) => check.fail(
                bucket,
                format!("bucket {} has versioning {state}", bucket.name),
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
    fn enabled_passes_suspended_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut suspended = bucket("tmp");
        suspended.versioning = Fetched::Ok(Versioning::Suspended);
        let mut never = bucket("scratch");
        never.versioning = Fetched::Ok(Versioning::NeverEnabled);
        let mut unreadable = bucket("legal");
        unreadable.versioning = Fetched::Failed(denied("GetBucketVersioning"));
        snap.s3.buckets = Fetched::Ok(vec![bucket("logs"), suspended, never, unreadable]);

        let findings = run(&S3_BUCKET_VERSIONING, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("logs", Pass),
                ("tmp", Fail),
                ("scratch", Fail),
                ("legal", NotEvaluated)
            ])
        );
        assert_eq!(findings[1].message, "bucket tmp has versioning suspended");
    }

    #[test]
    fn unreadable_bucket_list_is_one_not_evaluated_finding() {
        let mut snap = snapshot();
        snap.s3.buckets = Fetched::Failed(denied("ListBuckets"));

        let findings = run(&S3_BUCKET_VERSIONING, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
        assert!(findings[0]
            .reason
            .as_deref()
            .unwrap_or_default()
            .contains("ListBuckets"));
    }
}
