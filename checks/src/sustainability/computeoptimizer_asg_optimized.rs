use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;
use crate::recommendations::each_recommendation;

declare_check! {
    /// ## What it does
    /// Checks that every Auto Scaling group Compute Optimizer has judged is `Optimized`.
    ///
    /// ## Why is this bad?
    /// Every instance of a group runs the same type: a type bigger than the load needs multiplies idle
    /// hardware (and its energy) by the group size.
    ///
    /// ## Example
    /// `aws compute-optimizer get-auto-scaling-group-recommendations` shows `"finding": "NotOptimized"`.
    /// Fix: change the launch template to the recommended type, then `start-instance-refresh`.
    ///
    /// ## Not evaluated when
    /// The account is not enrolled in Compute Optimizer, or the region's recommendations could not be
    /// read (one finding for the region). Resources Compute Optimizer cannot judge yet are skipped.
    pub COMPUTEOPTIMIZER_ASG_OPTIMIZED = "computeoptimizer_asg_optimized",
    pillar: Pillar::Sustainability,
    service: Service::ComputeOptimizer,
    severity: Severity::Low,
    best_practices: &[direct("SUS05-BP01")],
    since: "0.3.0",
    title: "Auto Scaling groups use the instance type Compute Optimizer recommends",
    remediation: "Update the launch template to the recommended instance type and start an instance refresh: aws autoscaling start-instance-refresh",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    each_recommendation(
        ctx,
        &COMPUTEOPTIMIZER_ASG_OPTIMIZED,
        |r| &r.auto_scaling_groups,
        &["NOT_OPTIMIZED", "OVER_PROVISIONED", "UNDER_PROVISIONED"],
        "Auto Scaling group",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    #[test]
    fn optimized_passes_flagged_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut flagged = recommendation("AWS::AutoScaling::AutoScalingGroup", "flagged");
        flagged.finding = "NOT_OPTIMIZED".into();
        flagged.recommended = Some("smaller".into());
        compute_optimizer(&mut snap).auto_scaling_groups = Fetched::Ok(vec![
            recommendation("AWS::AutoScaling::AutoScalingGroup", "fine"),
            flagged,
        ]);

        let findings = run(&COMPUTEOPTIMIZER_ASG_OPTIMIZED, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("fine", Pass), ("flagged", Fail)])
        );
        assert_eq!(findings[1].message, "Auto Scaling group flagged is not-optimized: m5.large; Compute Optimizer recommends smaller");

        compute_optimizer(&mut snap).auto_scaling_groups = Fetched::Failed(denied("Get"));
        assert_eq!(
            statuses(&run(&COMPUTEOPTIMIZER_ASG_OPTIMIZED, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
