use super::guardduty_plans::per_region;
use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks, in every scanned region, that the enabled GuardDuty detector has
    /// EKS Protection's audit log monitoring (`EKS_AUDIT_LOGS`) on. One finding per region, about the account; a region
    /// without an enabled detector fails (`guardduty_enabled` says more).
    ///
    /// ## Why is this bad?
    /// Kubernetes API activity (an anonymous request that succeeds, a pod started with a
    /// host path mount, a role binding to `cluster-admin`) is in the EKS audit logs, which
    /// GuardDuty reads only with this plan on. Without it, a compromised cluster's control-plane
    /// activity raises no GuardDuty finding.
    ///
    /// ## Example
    /// `aws guardduty get-detector --detector-id D` shows `EKS_AUDIT_LOGS` with
    /// `"Status": "DISABLED"`. Fix: `aws guardduty update-detector --detector-id D --features
    /// '[{"Name":"EKS_AUDIT_LOGS","Status":"ENABLED"}]'` (or enable it for the organization
    /// from the delegated administrator).
    ///
    /// ## Not evaluated when
    /// The region's detectors, or the enabled detector's configuration, could not be read.
    pub GUARDDUTY_EKS_AUDIT_LOGS = "guardduty_eks_audit_logs",
    pillar: Pillar::Security,
    service: Service::Guardduty,
    severity: Severity::Medium,
    best_practices: &[indirect("SEC04-BP03"), indirect("SEC06-BP05"), indirect("SEC01-BP08")],
    since: "0.5.0",
    title: "GuardDuty monitors EKS audit logs",
    remediation: "aws guardduty update-detector --detector-id DETECTOR --features '[{\"Name\":\"EKS_AUDIT_LOGS\",\"Status\":\"ENABLED\"}]' --region REGION",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    per_region(
        &GUARDDUTY_EKS_AUDIT_LOGS,
        ctx,
        &["EKS_AUDIT_LOGS"],
        "EKS Audit Log Monitoring",
    )
}

#[cfg(test)]
mod tests {
    use super::super::guardduty_plans::testing::assert_plan_check;
    use super::*;

    #[test]
    fn on_passes_off_or_no_detector_fails_unreadable_is_not_evaluated() {
        assert_plan_check(&GUARDDUTY_EKS_AUDIT_LOGS, "EKS_AUDIT_LOGS", "EKS Audit Log Monitoring");
    }
}
