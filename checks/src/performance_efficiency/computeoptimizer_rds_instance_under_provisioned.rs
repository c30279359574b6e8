use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;
use crate::recommendations::each_recommendation;

declare_check! {
    /// ## What it does
    /// Checks that no RDS DB instance is under-provisioned according to AWS Compute Optimizer (its
    /// measured CPU, memory, network or I/O use is at the limit of its class).
    ///
    /// ## Why is this bad?
    /// A database at the limit of its class queues queries: every request of the workload that
    /// touches it slows down, and a burst can tip it over. The class is a configuration choice of
    /// the data store that the measured load should drive.
    ///
    /// ## Example
    /// `aws compute-optimizer get-rds-database-recommendations` shows `"instanceFinding":
    /// "Underprovisioned"`. Fix: `aws rds modify-db-instance --db-instance-class` to the
    /// recommended class in a maintenance window.
    ///
    /// ## Not evaluated when
    /// The account is not enrolled in Compute Optimizer, or the region's recommendations could not be
    /// read (one finding for the region). Resources Compute Optimizer cannot judge yet are skipped.
    pub COMPUTEOPTIMIZER_RDS_INSTANCE_UNDER_PROVISIONED = "computeoptimizer_rds_instance_under_provisioned",
    pillar: Pillar::PerformanceEfficiency,
    service: Service::ComputeOptimizer,
    severity: Severity::Medium,
    best_practices: &[direct("PERF03-BP02")],
    since: "0.6.0",
    title: "RDS DB instances are not under-provisioned",
    remediation: "Move to the recommended class in a maintenance window: aws rds modify-db-instance --db-instance-identifier DB --db-instance-class CLASS",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    each_recommendation(
        ctx,
        &COMPUTEOPTIMIZER_RDS_INSTANCE_UNDER_PROVISIONED,
        |r| &r.rds_databases,
        &["UNDER_PROVISIONED"],
        "DB instance",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recommendations::testing::assert_flags;

    #[test]
    fn optimized_passes_flagged_fails_unreadable_is_not_evaluated() {
        assert_flags(
            &COMPUTEOPTIMIZER_RDS_INSTANCE_UNDER_PROVISIONED,
            |r| &mut r.rds_databases,
            "AWS::RDS::DBInstance",
            "DB instance",
            "UNDER_PROVISIONED",
            "OVER_PROVISIONED",
        );
    }
}
