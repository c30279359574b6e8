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
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    #[test]
    fn optimized_passes_flagged_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut flagged = recommendation("AWS::RDS::DBInstance", "flagged");
        flagged.finding = "UNDER_PROVISIONED".into();
        flagged.current = "db.t4g.medium".into();
        flagged.recommended = Some("db.r7g.large".into());
        let mut other = recommendation("AWS::RDS::DBInstance", "other");
        other.finding = "OVER_PROVISIONED".into();
        compute_optimizer(&mut snap).rds_databases = Fetched::Ok(vec![
            recommendation("AWS::RDS::DBInstance", "fine"),
            flagged,
            other,
        ]);

        let findings = run(&COMPUTEOPTIMIZER_RDS_INSTANCE_UNDER_PROVISIONED, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("fine", Pass), ("flagged", Fail), ("other", Pass)])
        );
        assert_eq!(
            findings[1].message,
            "DB instance flagged is under-provisioned: db.t4g.medium; Compute Optimizer recommends db.r7g.large"
        );

        compute_optimizer(&mut snap).rds_databases = Fetched::Failed(denied("Get"));
        assert_eq!(
            statuses(&run(
                &COMPUTEOPTIMIZER_RDS_INSTANCE_UNDER_PROVISIONED,
                &snap
            )),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
