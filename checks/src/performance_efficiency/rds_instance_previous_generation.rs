use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::instance_types::RDS_PREVIOUS_GENERATION;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that no RDS DB instance uses a previous-generation instance class (`db.m1`–`db.m4`,
    /// `db.r3`, `db.r4`, `db.t1`, `db.t2`).
    ///
    /// ## Why is this bad?
    /// Current classes give more performance per dollar (often 20–40 %), faster networking and
    /// EBS, and newer engine versions; previous-generation classes are being retired, which
    /// forces a rushed migration later.
    ///
    /// ## Example
    /// `db.m4.large`. Fix: `aws rds modify-db-instance --db-instance-identifier DB
    /// --db-instance-class db.m7g.large` in a maintenance window (Multi-AZ keeps the downtime to a
    /// failover).
    ///
    /// ## Not evaluated when
    /// The region's DB instances could not be read (one finding for the region).
    /// Or the answer lacked a value the check reads (the reason names it).
    pub RDS_INSTANCE_PREVIOUS_GENERATION = "rds_instance_previous_generation",
    pillar: Pillar::PerformanceEfficiency,
    service: Service::Rds,
    severity: Severity::Medium,
    best_practices: &[indirect("PERF03-BP02")],
    since: "0.2.0",
    title: "RDS DB instances use current-generation classes",
    remediation: "aws rds modify-db-instance --db-instance-identifier DB --db-instance-class db.m7g.large (or another current class) in a maintenance window.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &RDS_INSTANCE_PREVIOUS_GENERATION;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.rds,
        |region| &region.instances,
        |db| {
            let class = crate::known!(check, db, db.instance_class.as_deref(), "DBInstanceClass");
            let family = class.trim_start_matches("db.").split('.').next();
            Some(
                if family.is_some_and(|family| RDS_PREVIOUS_GENERATION.contains(&family)) {
                    check.fail(
                        db,
                        format!(
                            "DB instance {} uses previous-generation class {class}",
                            db.id
                        ),
                    )
                } else {
                    check.pass(
                        db,
                        format!(
                            "DB instance {} uses current-generation class {class}",
                            db.id
                        ),
                    )
                },
            )
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
    fn current_passes_previous_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut old = db_instance("legacy");
        old.instance_class = Some("db.m4.large".into());
        let mut burst = db_instance("dev");
        burst.instance_class = Some("db.t2.micro".into());
        rds(&mut snap).instances = Fetched::Ok(vec![db_instance("orders"), old, burst]);

        let findings = run(&RDS_INSTANCE_PREVIOUS_GENERATION, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("orders", Pass), ("legacy", Fail), ("dev", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "DB instance legacy uses previous-generation class db.m4.large"
        );

        rds(&mut snap).instances = Fetched::Failed(denied("DescribeDBInstances"));
        assert_eq!(
            statuses(&run(&RDS_INSTANCE_PREVIOUS_GENERATION, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
