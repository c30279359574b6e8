use super::guardduty_plans::per_region;
use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks, in every scanned region, that the enabled GuardDuty detector has
    /// RDS Protection (`RDS_LOGIN_EVENTS`) on. One finding per region, about the account; a region
    /// without an enabled detector fails (`guardduty_enabled` says more).
    ///
    /// ## Why is this bad?
    /// RDS Protection profiles the login activity of Aurora (and RDS for PostgreSQL and MySQL)
    /// databases and reports brute-force attempts and successful logins from unusual places.
    /// Database logins are not in CloudTrail: without the plan, a stolen database password used
    /// from the internet raises no GuardDuty finding.
    ///
    /// ## Example
    /// `aws guardduty get-detector --detector-id D` shows `RDS_LOGIN_EVENTS` with
    /// `"Status": "DISABLED"`. Fix: `aws guardduty update-detector --detector-id D --features
    /// '[{"Name":"RDS_LOGIN_EVENTS","Status":"ENABLED"}]'` (or enable it for the organization
    /// from the delegated administrator).
    ///
    /// ## Not evaluated when
    /// The region's detectors, or the enabled detector's configuration, could not be read.
    pub GUARDDUTY_RDS_PROTECTION = "guardduty_rds_protection",
    pillar: Pillar::Security,
    service: Service::Guardduty,
    severity: Severity::Medium,
    best_practices: &[indirect("SEC04-BP03"), indirect("SEC01-BP08")],
    since: "0.5.0",
    title: "GuardDuty RDS Protection monitors database logins",
    remediation: "aws guardduty update-detector --detector-id DETECTOR --features '[{\"Name\":\"RDS_LOGIN_EVENTS\",\"Status\":\"ENABLED\"}]' --region REGION",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    per_region(
        &GUARDDUTY_RDS_PROTECTION,
        ctx,
        &["RDS_LOGIN_EVENTS"],
        "RDS Protection",
    )
}

#[cfg(test)]
mod tests {
    use super::super::guardduty_plans::testing::assert_plan_check;
    use super::*;

    #[test]
    fn on_passes_off_or_no_detector_fails_unreadable_is_not_evaluated() {
        assert_plan_check(&GUARDDUTY_RDS_PROTECTION, "RDS_LOGIN_EVENTS", "RDS Protection");
    }
}
