use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that every S3 bucket writes server access logs to a target bucket.
    ///
    /// ## Why is this bad?
    /// Without access logs there is no record of who read, wrote or deleted objects, so an
    /// exfiltration or a destructive mistake cannot be investigated after the fact (CloudTrail
    /// data events are the costlier alternative).
    ///
    /// ## Example
    /// `aws s3api get-bucket-logging --bucket B` prints nothing. Fix:
    /// `aws s3api put-bucket-logging --bucket B --bucket-logging-status
    /// '{"LoggingEnabled":{"TargetBucket":"LOGS","TargetPrefix":"B/"}}'`, with a log bucket that
    /// grants the S3 logging service write access.
    ///
    /// ## Not evaluated when
    /// The bucket list, or this bucket's logging configuration, could not be read.
    pub S3_BUCKET_SERVER_ACCESS_LOGGING = "s3_bucket_server_access_logging",
    pillar: Pillar::Security,
    service: Service::S3,
    severity: Severity::Low,
    best_practices: &[direct("SEC04-BP01")],
    since: "0.1.0",
    title: "S3 buckets log server access",
    remediation: "Enable access logging: aws s3api put-bucket-logging --bucket BUCKET --bucket-logging-status '{\"LoggingEnabled\":{\"TargetBucket\":\"LOG-BUCKET\",\"TargetPrefix\":\"BUCKET/\"}}'",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &S3_BUCKET_SERVER_ACCESS_LOGGING;
    ctx.each_bucket(check, |bucket| {
        Some(match &bucket.logging {
            Fetched::Ok(Some(target)) => check.pass(
                bucket,
                format!(
                    "bucket {} logs server access to bucket {}",
                    bucket.name, target.target_bucket
                ),
            ),
            Fetched::Ok(None) => check.fail(
                bucket,
                format!("bucket {} has server access logging off", bucket.name),
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
    fn logging_passes_no_logging_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut quiet = bucket("quiet");
        quiet.logging = Fetched::Ok(None);
        let mut unreadable = bucket("legal");
        unreadable.logging = Fetched::Failed(denied("GetBucketLogging"));
        snap.s3.buckets = Fetched::Ok(vec![bucket("data"), quiet, unreadable]);

        let findings = run(&S3_BUCKET_SERVER_ACCESS_LOGGING, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("data", Pass), ("quiet", Fail), ("legal", NotEvaluated)])
        );
        assert_eq!(
            findings[0].message,
            "bucket data logs server access to bucket logs"
        );
        assert_eq!(
            findings[1].message,
            "bucket quiet has server access logging off"
        );
    }

    #[test]
    fn unreadable_bucket_list_is_one_not_evaluated_finding() {
        let mut snap = snapshot();
        snap.s3.buckets = Fetched::Failed(denied("ListBuckets"));

        let findings = run(&S3_BUCKET_SERVER_ACCESS_LOGGING, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
