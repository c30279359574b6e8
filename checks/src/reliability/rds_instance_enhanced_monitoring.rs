use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that every RDS DB instance has Enhanced Monitoring on (a `MonitoringInterval` of 1
    /// to 60 seconds), including the instances of Aurora and Multi-AZ DB clusters.
    ///
    /// ## Why is this bad?
    /// CloudWatch's standard RDS metrics come from the hypervisor once a minute. They do not show
    /// what the database host itself is doing: per-process CPU and memory, swap, file system use,
    /// disk queue by device. When an instance degrades or fails over, those OS metrics are what
    /// tells a full disk, memory pressure or a runaway process apart from a database problem.
    ///
    /// ## Example
    /// `aws rds describe-db-instances --db-instance-identifier ID` shows `"MonitoringInterval":
    /// 0`. Fix: `aws rds modify-db-instance --db-instance-identifier ID --monitoring-interval 60
    /// --monitoring-role-arn arn:aws:iam::ACCOUNT:role/rds-monitoring-role --apply-immediately`.
    ///
    /// ## Not evaluated when
    /// The region's DB instances could not be listed (one finding for the region).
    pub RDS_INSTANCE_ENHANCED_MONITORING = "rds_instance_enhanced_monitoring",
    pillar: Pillar::Reliability,
    service: Service::Rds,
    severity: Severity::Low,
    best_practices: &[direct("REL06-BP01")],
    since: "0.3.0",
    title: "RDS DB instances have Enhanced Monitoring",
    remediation: "aws rds modify-db-instance --db-instance-identifier ID --monitoring-interval 60 --monitoring-role-arn ROLE_ARN --apply-immediately",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &RDS_INSTANCE_ENHANCED_MONITORING;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.rds,
        |region| &region.instances,
        |db| {
            Some(match db.monitoring_interval_s {
                Some(seconds) if seconds > 0 => check.pass(
                    db,
                    format!("DB instance {} sends OS metrics every {seconds} s", db.id),
                ),
                _ => check.fail(
                    db,
                    format!("DB instance {} has Enhanced Monitoring off", db.id),
                ),
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    #[test]
    fn interval_passes_zero_or_none_fails_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        let mut off = db_instance("legacy");
        off.monitoring_interval_s = Some(0);
        let mut unset = db_instance("reports");
        unset.monitoring_interval_s = None;
        rds(&mut snap).instances = Fetched::Ok(vec![db_instance("orders"), off, unset]);

        let findings = run(&RDS_INSTANCE_ENHANCED_MONITORING, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("orders", Pass), ("legacy", Fail), ("reports", Fail)])
        );
        assert_eq!(
            findings[0].message,
            "DB instance orders sends OS metrics every 60 s"
        );

        rds(&mut snap).instances = Fetched::Failed(denied("DescribeDBInstances"));
        assert_eq!(
            statuses(&run(&RDS_INSTANCE_ENHANCED_MONITORING, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
