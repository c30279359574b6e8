use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;
use crate::recommendations::each_recommendation;

declare_check! {
    /// ## What it does
    /// Checks that no ECS service on Fargate is under-provisioned according to AWS Compute Optimizer
    /// (its tasks' measured CPU or memory use is at the limit of the task size).
    ///
    /// ## Why is this bad?
    /// A task that runs out of CPU is throttled and answers slowly; one that runs out of memory is
    /// killed and restarted. Either way users wait, however many tasks the service runs.
    ///
    /// ## Example
    /// `aws compute-optimizer get-ecs-service-recommendations` shows `"finding": "Underprovisioned"`.
    /// Fix: a task definition revision with the recommended CPU and memory, then `aws ecs
    /// update-service`.
    ///
    /// ## Not evaluated when
    /// The account is not enrolled in Compute Optimizer, or the region's recommendations could not be
    /// read (one finding for the region). Resources Compute Optimizer cannot judge yet are skipped.
    pub COMPUTEOPTIMIZER_ECS_SERVICE_UNDER_PROVISIONED = "computeoptimizer_ecs_service_under_provisioned",
    pillar: Pillar::PerformanceEfficiency,
    service: Service::ComputeOptimizer,
    severity: Severity::Medium,
    best_practices: &[direct("PERF02-BP04")],
    since: "0.6.0",
    title: "ECS services on Fargate are not under-provisioned",
    remediation: "Register a task definition revision with the recommended task CPU and memory and update the service: aws ecs update-service --cluster C --service S --task-definition FAMILY:REV",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    each_recommendation(
        ctx,
        &COMPUTEOPTIMIZER_ECS_SERVICE_UNDER_PROVISIONED,
        |r| &r.ecs_services,
        &["UNDER_PROVISIONED"],
        "ECS service",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recommendations::testing::assert_flags;

    #[test]
    fn optimized_passes_flagged_fails_unreadable_is_not_evaluated() {
        assert_flags(
            &COMPUTEOPTIMIZER_ECS_SERVICE_UNDER_PROVISIONED,
            |r| &mut r.ecs_services,
            "AWS::ECS::Service",
            "ECS service",
            "UNDER_PROVISIONED",
            "OVER_PROVISIONED",
        );
    }
}
