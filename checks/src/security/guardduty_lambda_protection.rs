use super::guardduty_plans::per_region;
use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks, in every scanned region, that the enabled GuardDuty detector has
    /// Lambda Protection (`LAMBDA_NETWORK_LOGS`) on. One finding per region, about the account; a region
    /// without an enabled detector fails (`guardduty_enabled` says more).
    ///
    /// ## Why is this bad?
    /// Lambda Protection reads the network activity of every function invocation and reports
    /// functions that talk to crypto-mining pools or known command-and-control hosts. Function
    /// network traffic outside a VPC is in no flow log: without the plan, a backdoored
    /// dependency calling home raises no GuardDuty finding.
    ///
    /// ## Example
    /// `aws guardduty get-detector --detector-id D` shows `LAMBDA_NETWORK_LOGS` with
    /// `"Status": "DISABLED"`. Fix: `aws guardduty update-detector --detector-id D --features
    /// '[{"Name":"LAMBDA_NETWORK_LOGS","Status":"ENABLED"}]'` (or enable it for the organization
    /// from the delegated administrator).
    ///
    /// ## Not evaluated when
    /// The region's detectors, or the enabled detector's configuration, could not be read.
    pub GUARDDUTY_LAMBDA_PROTECTION = "guardduty_lambda_protection",
    pillar: Pillar::Security,
    service: Service::Guardduty,
    severity: Severity::Medium,
    best_practices: &[indirect("SEC06-BP05"), indirect("SEC04-BP03"), indirect("SEC01-BP08")],
    since: "0.5.0",
    title: "GuardDuty Lambda Protection monitors function network activity",
    remediation: "aws guardduty update-detector --detector-id DETECTOR --features '[{\"Name\":\"LAMBDA_NETWORK_LOGS\",\"Status\":\"ENABLED\"}]' --region REGION",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    per_region(
        &GUARDDUTY_LAMBDA_PROTECTION,
        ctx,
        &["LAMBDA_NETWORK_LOGS"],
        "Lambda Protection",
    )
}

#[cfg(test)]
mod tests {
    use super::super::guardduty_plans::testing::assert_plan_check;
    use super::*;

    #[test]
    fn on_passes_off_or_no_detector_fails_unreadable_is_not_evaluated() {
        assert_plan_check(&GUARDDUTY_LAMBDA_PROTECTION, "LAMBDA_NETWORK_LOGS", "Lambda Protection");
    }
}
