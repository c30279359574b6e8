use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;
use crate::recommendations::each_recommendation;

declare_check! {
    /// ## What it does
    /// Checks that no RDS DB instance is over-provisioned according to AWS Compute Optimizer (its
    /// measured CPU, memory, network and I/O use show a smaller class would do, or that it is idle).
    ///
    /// ## Why is this bad?
    /// A DB instance is billed every hour it runs, by class: one sized for a load it never sees,
    /// or kept for a database nobody connects to, is the most expensive idle capacity in most
    /// accounts.
    ///
    /// ## Example
    /// `aws compute-optimizer get-rds-database-recommendations` shows `"instanceFinding":
    /// "Overprovisioned"`. Fix: `aws rds modify-db-instance --db-instance-class` to the recommended
    /// class in a maintenance window (or stop or delete an idle one).
    ///
    /// ## Not evaluated when
    /// The account is not enrolled in Compute Optimizer, or the region's recommendations could not be
    /// read (one finding for the region). Resources Compute Optimizer cannot judge yet are skipped.
    pub COMPUTEOPTIMIZER_RDS_INSTANCE_OVER_PROVISIONED = "computeoptimizer_rds_instance_over_provisioned",
    pillar: Pillar::CostOptimization,
    service: Service::ComputeOptimizer,
    severity: Severity::Medium,
    best_practices: &[direct("COST06-BP02")],
    since: "0.6.0",
    title: "RDS DB instances are not over-provisioned",
    remediation: "Move to the recommended class in a maintenance window: aws rds modify-db-instance --db-instance-identifier DB --db-instance-class CLASS",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    each_recommendation(
        ctx,
        &COMPUTEOPTIMIZER_RDS_INSTANCE_OVER_PROVISIONED,
        |r| &r.rds_databases,
        &["OVER_PROVISIONED"],
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
            &COMPUTEOPTIMIZER_RDS_INSTANCE_OVER_PROVISIONED,
            |r| &mut r.rds_databases,
            "AWS::RDS::DBInstance",
            "DB instance",
            "OVER_PROVISIONED",
            "UNDER_PROVISIONED",
        );
    }
}
