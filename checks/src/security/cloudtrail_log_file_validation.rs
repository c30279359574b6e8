use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that every trail has log file integrity validation on, so CloudTrail writes signed
    /// hourly digest files next to the logs.
    ///
    /// ## Why is this bad?
    /// Without digests nobody can prove that a log file was not edited or deleted after delivery:
    /// an intruder with access to the log bucket can erase their tracks unnoticed, and the logs
    /// lose their value as evidence.
    ///
    /// ## Example
    /// `aws cloudtrail describe-trails` shows `"LogFileValidationEnabled": false`. Fix:
    /// `aws cloudtrail update-trail --name TRAIL --enable-log-file-validation`; verify later with
    /// `aws cloudtrail validate-logs`.
    ///
    /// ## Not evaluated when
    /// The trails of a scanned region could not be listed (one finding for that region).
    pub CLOUDTRAIL_LOG_FILE_VALIDATION = "cloudtrail_log_file_validation",
    pillar: Pillar::Security,
    service: Service::Cloudtrail,
    severity: Severity::Medium,
    best_practices: &[indirect("SEC04-BP01")],
    since: "0.2.0",
    title: "Trails validate the integrity of their log files",
    remediation: "aws cloudtrail update-trail --name TRAIL --enable-log-file-validation",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &CLOUDTRAIL_LOG_FILE_VALIDATION;
    super::trails::each_trail(ctx, check, |trail| {
        if trail.log_file_validation {
            check.pass(
                trail,
                format!("trail {} validates its log files", trail.name),
            )
        } else {
            check.fail(
                trail,
                format!("trail {} has log file validation off", trail.name),
            )
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    #[test]
    fn validated_passes_unvalidated_fails_unlisted_region_is_not_evaluated() {
        let mut snap = snapshot();
        let mut legacy = trail("legacy");
        legacy.log_file_validation = false;
        set_trails(&mut snap, vec![trail("audit"), legacy]);
        snap.cloudtrail.regions.insert(
            "eu-west-1".into(),
            Fetched::Failed(denied("DescribeTrails")),
        );

        let findings = run(&CLOUDTRAIL_LOG_FILE_VALIDATION, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("audit", Pass), ("legacy", Fail), (ACCOUNT, NotEvaluated)])
        );
        assert_eq!(
            findings[1].message,
            "trail legacy has log file validation off"
        );
        assert_eq!(findings[2].region, "eu-west-1");
    }
}
