use super::guardduty_plans::per_region;
use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks, in every scanned region, that the enabled GuardDuty detector has
    /// S3 Protection (`S3_DATA_EVENTS`) on. One finding per region, about the account; a region
    /// without an enabled detector fails (`guardduty_enabled` says more).
    ///
    /// ## Why is this bad?
    /// GuardDuty's foundational detection reads CloudTrail management events, VPC flow logs and
    /// DNS logs: it does not see object-level reads and deletes. S3 Protection analyses S3 data
    /// events for exfiltration and destruction patterns (an unusual principal listing and
    /// downloading a bucket, objects deleted from a Tor exit node). Without it, data theft from
    /// S3 leaves no GuardDuty finding.
    ///
    /// ## Example
    /// `aws guardduty get-detector --detector-id D` shows `S3_DATA_EVENTS` with
    /// `"Status": "DISABLED"`. Fix: `aws guardduty update-detector --detector-id D --features
    /// '[{"Name":"S3_DATA_EVENTS","Status":"ENABLED"}]'` (or enable it for the organization
    /// from the delegated administrator).
    ///
    /// ## Not evaluated when
    /// The region's detectors, or the enabled detector's configuration, could not be read.
    pub GUARDDUTY_S3_PROTECTION = "guardduty_s3_protection",
    pillar: Pillar::Security,
    service: Service::Guardduty,
    severity: Severity::Medium,
    best_practices: &[indirect("SEC04-BP03"), indirect("SEC01-BP08")],
    since: "0.5.0",
    title: "GuardDuty S3 Protection analyses S3 data events",
    remediation: "aws guardduty update-detector --detector-id DETECTOR --features '[{\"Name\":\"S3_DATA_EVENTS\",\"Status\":\"ENABLED\"}]' --region REGION",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    per_region(
        &GUARDDUTY_S3_PROTECTION,
        ctx,
        &["S3_DATA_EVENTS"],
        "S3 Protection",
    )
}

#[cfg(test)]
mod tests {
    use super::super::guardduty_plans::testing::assert_plan_check;
    use super::*;

    #[test]
    fn on_passes_off_or_no_detector_fails_unreadable_is_not_evaluated() {
        assert_plan_check(&GUARDDUTY_S3_PROTECTION, "S3_DATA_EVENTS", "S3 Protection");
    }
}
