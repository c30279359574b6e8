use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;
use crate::recommendations::each_recommendation;

declare_check! {
    /// ## What it does
    /// Checks that no EC2 instance is over-provisioned according to AWS Compute Optimizer (14 days of
    /// CloudWatch utilisation show a smaller type would do).
    ///
    /// ## Why is this bad?
    /// An instance sized for a peak that never comes is paid for every hour. Compute Optimizer
    /// compares the measured CPU, memory, network and disk use with cheaper types.
    ///
    /// ## Example
    /// `aws compute-optimizer get-ec2-instance-recommendations` shows `"finding": "Overprovisioned"`.
    /// Fix: stop the instance, change its type to the recommended one, start it.
    ///
    /// ## Not evaluated when
    /// The account is not enrolled in Compute Optimizer, or the region's recommendations could not be
    /// read (one finding for the region). Resources Compute Optimizer cannot judge yet are skipped.
    pub COMPUTEOPTIMIZER_EC2_INSTANCE_OVER_PROVISIONED = "computeoptimizer_ec2_instance_over_provisioned",
    pillar: Pillar::CostOptimization,
    service: Service::ComputeOptimizer,
    severity: Severity::Medium,
    best_practices: &[direct("COST06-BP02")],
    since: "0.3.0",
    title: "EC2 instances are not over-provisioned",
    remediation: "Resize to the recommended type: aws ec2 stop-instances, modify-instance-attribute --instance-type TYPE, start-instances",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    each_recommendation(
        ctx,
        &COMPUTEOPTIMIZER_EC2_INSTANCE_OVER_PROVISIONED,
        |r| &r.instances,
        &["OVER_PROVISIONED"],
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
            &COMPUTEOPTIMIZER_EC2_INSTANCE_OVER_PROVISIONED,
            |r| &mut r.instances,
            "AWS::EC2::Instance",
            "instance",
            "OVER_PROVISIONED",
            "UNDER_PROVISIONED",
        );
    }
}
