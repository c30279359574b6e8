use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;
use crate::recommendations::each_recommendation;

declare_check! {
    /// ## What it does
    /// Checks that no EC2 instance is under-provisioned according to AWS Compute Optimizer (its CPU,
    /// memory, network or disk use is at the limit of its type).
    ///
    /// ## Why is this bad?
    /// An instance at the limit of its type answers slowly or not at all under load: requests queue,
    /// timeouts cascade to its callers.
    ///
    /// ## Example
    /// `aws compute-optimizer get-ec2-instance-recommendations` shows `"finding": "Underprovisioned"`.
    /// Fix: change the instance type to the recommended one (or scale out behind a load balancer).
    ///
    /// ## Not evaluated when
    /// The account is not enrolled in Compute Optimizer, or the region's recommendations could not be
    /// read (one finding for the region). Resources Compute Optimizer cannot judge yet are skipped.
    pub COMPUTEOPTIMIZER_EC2_INSTANCE_UNDER_PROVISIONED = "computeoptimizer_ec2_instance_under_provisioned",
    pillar: Pillar::PerformanceEfficiency,
    service: Service::ComputeOptimizer,
    severity: Severity::Medium,
    best_practices: &[direct("PERF02-BP04")],
    since: "0.3.0",
    title: "EC2 instances are not under-provisioned",
    remediation: "Resize to the recommended type: aws ec2 stop-instances, modify-instance-attribute --instance-type TYPE, start-instances",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    each_recommendation(
        ctx,
        &COMPUTEOPTIMIZER_EC2_INSTANCE_UNDER_PROVISIONED,
        |r| &r.instances,
        &["UNDER_PROVISIONED"],
        "instance",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recommendations::testing::assert_flags;

    #[test]
    fn optimized_passes_flagged_fails_unreadable_is_not_evaluated() {
        assert_flags(
            &COMPUTEOPTIMIZER_EC2_INSTANCE_UNDER_PROVISIONED,
            |r| &mut r.instances,
            "AWS::EC2::Instance",
            "instance",
            "UNDER_PROVISIONED",
            "OVER_PROVISIONED",
        );
    }
}
