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
    use super::super::guardduty_plans::testing::*;
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    #[test]
    fn on_passes_off_or_no_detector_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        put(
            &mut snap,
            REGION,
            Fetched::Ok(vec![detector(&[("S3_DATA_EVENTS", "ENABLED")])]),
        );
        put(
            &mut snap,
            "eu-west-1",
            Fetched::Ok(vec![detector(&[("S3_DATA_EVENTS", "DISABLED")])]),
        );
        put(&mut snap, "ap-south-1", Fetched::Ok(vec![]));
        let mut unreadable = detector(&[]);
        unreadable.features = Fetched::Failed(denied("GetDetector"));
        put(&mut snap, "sa-east-1", Fetched::Ok(vec![unreadable]));
        put(
            &mut snap,
            "eu-central-1",
            Fetched::Failed(denied("ListDetectors")),
        );

        let findings = run(&GUARDDUTY_S3_PROTECTION, &snap);

        assert_eq!(
            by_region(&findings),
            [
                ("ap-south-1".to_string(), Fail),
                ("eu-central-1".to_string(), NotEvaluated),
                ("eu-west-1".to_string(), Fail),
                ("sa-east-1".to_string(), NotEvaluated),
                (REGION.to_string(), Pass),
            ]
        );
        assert_eq!(
            findings[2].message,
            "GuardDuty detector d-1 in eu-west-1 has S3 Protection off"
        );
    }
}
