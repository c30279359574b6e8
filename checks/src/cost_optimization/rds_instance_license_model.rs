use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::rds::DbInstance;
use crate::model::Service;

/// Engines whose licence is bought (from AWS, licence included, or brought): the rest are open
/// source (MySQL, MariaDB, PostgreSQL and the Aurora engines).
const COMMERCIAL_ENGINES: &[&str] = &[
    "oracle",
    "sqlserver",
    "db2",
    "custom-oracle",
    "custom-sqlserver",
];

/// Licence models whose cost AWS bills with the instance hours.
const BILLED_LICENCES: &[&str] = &["license-included", "marketplace-license"];

declare_check! {
    /// ## What it does
    /// Checks the licence every RDS DB instance pays for: open-source engines (MySQL, MariaDB,
    /// PostgreSQL, Aurora) and commercial engines on a licence the team brings
    /// (`bring-your-own-license`) pass; Oracle, SQL Server or Db2 with the licence billed by
    /// AWS (`license-included`, `marketplace-license`) fail, as a cost to review.
    ///
    /// ## Why is this bad?
    /// A licence-included commercial engine is billed per vCPU-hour on top of the instance: for
    /// SQL Server Standard or Oracle SE2 the licence is often more than half of the instance's
    /// price, and it grows with the instance class, not with the work done. An open-source
    /// engine (Aurora PostgreSQL with Babelfish for SQL Server applications, say) has no
    /// licence cost; where the commercial engine is required, licences the organisation
    /// already owns may be cheaper (bring your own licence).
    ///
    /// ## Example
    /// `aws rds describe-db-instances` shows `"Engine": "sqlserver-se", "LicenseModel":
    /// "license-included"`. Fix: evaluate a migration to an open-source engine (AWS DMS, Babelfish
    /// for Aurora PostgreSQL), or, for Oracle, use licences you own (`--license-model
    /// bring-your-own-license`).
    ///
    /// ## Not evaluated when
    /// The region's DB instances could not be read (one finding for the region), or the
    /// answer lacked the instance's engine or licence model.
    pub RDS_INSTANCE_LICENSE_MODEL = "rds_instance_license_model",
    pillar: Pillar::CostOptimization,
    service: Service::Rds,
    severity: Severity::Low,
    best_practices: &[direct("COST05-BP04")],
    since: "0.6.0",
    title: "RDS DB instances avoid licence-included commercial engines",
    remediation: "Evaluate an open-source engine (Aurora PostgreSQL with Babelfish, PostgreSQL, MySQL) with AWS DMS, or bring licences you own: aws rds modify-db-instance --db-instance-identifier DB --license-model bring-your-own-license (Oracle)",
    evaluate: evaluate,
}

fn is_commercial(engine: &str) -> bool {
    COMMERCIAL_ENGINES
        .iter()
        .any(|prefix| engine == *prefix || engine.starts_with(&format!("{prefix}-")))
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &RDS_INSTANCE_LICENSE_MODEL;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.rds,
        |region| &region.instances,
        |db: &DbInstance| {
            let engine = crate::known!(check, db, db.engine.as_deref(), "Engine");
            if !is_commercial(engine) {
                return Some(check.pass(
                    db,
                    format!("DB instance {} runs {engine}, an open-source engine", db.id),
                ));
            }
            let licence = crate::known!(check, db, db.license_model.as_deref(), "LicenseModel");
            Some(if BILLED_LICENCES.contains(&licence) {
                check.fail(
                    db,
                    format!(
                        "DB instance {} runs {engine} with the licence billed by AWS ({licence}): its licence cost grows with the instance class",
                        db.id
                    ),
                )
            } else {
                check.pass(
                    db,
                    format!("DB instance {} runs {engine} on its own licence ({licence})", db.id),
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

    fn db(id: &str, engine: &str, licence: Option<&str>) -> DbInstance {
        let mut db = db_instance(id);
        db.engine = Some(engine.into());
        db.license_model = licence.map(str::to_string);
        db
    }

    #[test]
    fn open_source_and_byol_pass_licence_included_fails_unknown_not_evaluated() {
        let mut snap = snapshot();
        rds(&mut snap).instances = Fetched::Ok(vec![
            db("orders", "postgres", Some("postgresql-license")),
            db("erp", "oracle-ee", Some("bring-your-own-license")),
            db("crm", "sqlserver-se", Some("license-included")),
            db("mainframe", "db2-se", Some("marketplace-license")),
            db("legacy", "oracle-se2", None),
            db("shop", "aurora-mysql", None),
        ]);

        let findings = run(&RDS_INSTANCE_LICENSE_MODEL, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("orders", Pass),
                ("erp", Pass),
                ("crm", Fail),
                ("mainframe", Fail),
                ("legacy", NotEvaluated),
                ("shop", Pass)
            ])
        );
        assert_eq!(
            findings[2].message,
            "DB instance crm runs sqlserver-se with the licence billed by AWS (license-included): its licence cost grows with the instance class"
        );

        rds(&mut snap).instances = Fetched::Failed(denied("DescribeDBInstances"));
        assert_eq!(
            statuses(&run(&RDS_INSTANCE_LICENSE_MODEL, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
