use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::instance_types::is_graviton_family;
use crate::finding::{Finding, Severity};
use crate::model::rds::DbInstance;
use crate::model::Service;

/// Engines RDS runs on Graviton classes.
const GRAVITON_ENGINES: &[&str] = &[
    "mysql",
    "mariadb",
    "postgres",
    "aurora-mysql",
    "aurora-postgresql",
];

declare_check! {
    /// ## What it does
    /// Checks that RDS DB instances of engines that run on Graviton (MySQL, MariaDB, PostgreSQL
    /// and Aurora) use a Graviton class (`db.m7g`, `db.r6g`, `db.t4g`, ...). Other engines, and
    /// Aurora Serverless v2 (`db.serverless`), give no finding.
    ///
    /// ## Why is this bad?
    /// Graviton classes use up to 60 % less energy than comparable x86 classes for the same
    /// work, and cost about 10–20 % less; for these engines the switch is a class change, with no
    /// application change.
    ///
    /// ## Example
    /// A PostgreSQL instance on `db.m5.large`. Fix: `aws rds modify-db-instance
    /// --db-instance-identifier DB --db-instance-class db.m7g.large` in a maintenance window.
    ///
    /// ## Not evaluated when
    /// The region's DB instances could not be read (one finding for the region).
    /// Or the answer lacked a value the check reads (the reason names it).
    pub RDS_INSTANCE_GRAVITON = "rds_instance_graviton",
    pillar: Pillar::Sustainability,
    service: Service::Rds,
    severity: Severity::Low,
    best_practices: &[direct("SUS05-BP02")],
    since: "0.2.0",
    title: "RDS DB instances use Graviton classes where the engine allows",
    remediation: "aws rds modify-db-instance --db-instance-identifier DB --db-instance-class db.m7g.large (the Graviton class of the same size) in a maintenance window.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &RDS_INSTANCE_GRAVITON;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.rds,
        |region| &region.instances,
        |db: &DbInstance| {
            let engine = crate::known!(check, db, db.engine.as_deref(), "Engine");
            if !GRAVITON_ENGINES.contains(&engine) {
                return None;
            }
            let class = crate::known!(check, db, db.instance_class.as_deref(), "DBInstanceClass");
            let family = db.family().unwrap_or_default();
            if family == "serverless" {
                return None;
            }
            Some(if is_graviton_family(family) {
                check.pass(db, format!("DB instance {} runs on Graviton ({class})", db.id))
            } else {
                check.fail(
                    db,
                    format!(
                        "DB instance {} ({}) runs on {class}: {} supports Graviton classes such as db.m7g, db.r7g and db.t4g",
                        db.id, engine, engine
                    ),
                )
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
    fn graviton_passes_x86_fails_other_engines_are_skipped() {
        let mut snap = snapshot();
        let mut intel = db_instance("legacy");
        intel.instance_class = Some("db.m5.large".into());
        let mut oracle = db_instance("erp");
        oracle.engine = Some("oracle-ee".into());
        oracle.instance_class = Some("db.r5.large".into());
        let mut serverless = db_instance("analytics-1");
        serverless.engine = Some("aurora-postgresql".into());
        serverless.instance_class = Some("db.serverless".into());
        let mut burst = db_instance("dev");
        burst.instance_class = Some("db.t4g.micro".into());
        rds(&mut snap).instances = Fetched::Ok(vec![
            db_instance("orders"),
            intel,
            oracle,
            serverless,
            burst,
        ]);

        let findings = run(&RDS_INSTANCE_GRAVITON, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("orders", Pass), ("legacy", Fail), ("dev", Pass)])
        );
        assert_eq!(
            findings[1].message,
            "DB instance legacy (postgres) runs on db.m5.large: postgres supports Graviton classes such as db.m7g, db.r7g and db.t4g"
        );
    }

    #[test]
    fn graviton_families() {
        assert!(is_graviton_family("m6g") && is_graviton_family("r7gd") && is_graviton_family("x2g"));
        assert!(!is_graviton_family("m5") && !is_graviton_family("m6i") && !is_graviton_family("x2iedn"));
    }

    #[test]
    fn unreadable_instances_are_not_evaluated() {
        let mut snap = snapshot();
        rds(&mut snap).instances = Fetched::Failed(denied("DescribeDBInstances"));
        assert_eq!(
            statuses(&run(&RDS_INSTANCE_GRAVITON, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
