use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that every trail encrypts its log files with a KMS key (SSE-KMS) rather than the
    /// S3-managed default (SSE-S3).
    ///
    /// ## Why is this bad?
    /// CloudTrail logs name every principal, resource and source address in the account. With
    /// SSE-S3 anyone who may read the bucket may read them; with a KMS key, reading also needs
    /// `kms:Decrypt` on that key, which can be limited to the security team and is itself logged.
    ///
    /// ## Example
    /// `aws cloudtrail describe-trails` shows no `KmsKeyId`. Fix: give CloudTrail use of a
    /// customer-managed key in its key policy, then
    /// `aws cloudtrail update-trail --name TRAIL --kms-key-id alias/cloudtrail`.
    ///
    /// ## Not evaluated when
    /// The trails of a scanned region could not be listed (one finding for that region).
    pub CLOUDTRAIL_LOGS_ENCRYPTED_KMS = "cloudtrail_logs_encrypted_kms",
    pillar: Pillar::Security,
    service: Service::Cloudtrail,
    severity: Severity::Medium,
    best_practices: &[direct("SEC08-BP01")],
    since: "0.2.0",
    title: "Trails encrypt their log files with KMS",
    remediation: "Allow CloudTrail to use a customer-managed KMS key in its key policy, then: aws cloudtrail update-trail --name TRAIL --kms-key-id alias/cloudtrail",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &CLOUDTRAIL_LOGS_ENCRYPTED_KMS;
    super::trails::each_trail(ctx, check, |trail| match &trail.kms_key_id {
        Some(key) => check.pass(
            trail,
            format!("trail {} encrypts its logs with KMS key {key}", trail.name),
        ),
        None => check.fail(
            trail,
            format!(
                "trail {} encrypts its logs with S3-managed keys only",
                trail.name
            ),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    #[test]
    fn kms_passes_sse_s3_fails_unlisted_region_is_not_evaluated() {
        let mut snap = snapshot();
        let mut plain = trail("plain");
        plain.kms_key_id = None;
        set_trails(&mut snap, vec![trail("audit"), plain]);
        snap.cloudtrail.regions.insert(
            "eu-west-1".into(),
            Fetched::Failed(denied("DescribeTrails")),
        );

        let findings = run(&CLOUDTRAIL_LOGS_ENCRYPTED_KMS, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("audit", Pass), ("plain", Fail), (ACCOUNT, NotEvaluated)])
        );
        assert_eq!(
            findings[1].message,
            "trail plain encrypts its logs with S3-managed keys only"
        );
    }
}
