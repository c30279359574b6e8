use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that every standalone MySQL, MariaDB or PostgreSQL DB instance, and every Aurora or
    /// Multi-AZ DB cluster, accepts IAM database authentication. Members of a cluster are covered
    /// by their cluster; other engines, which do not support it, are skipped.
    ///
    /// ## Why is this bad?
    /// Without IAM authentication, every application and person connects with a long-lived
    /// database password that has to be distributed, stored and rotated, and that keeps working
    /// after its holder leaves. With it, clients connect with a token from
    /// `rds generate-db-auth-token` that expires after 15 minutes and is granted and revoked
    /// through IAM policies, with every grant visible in one place.
    ///
    /// ## Example
    /// `aws rds describe-db-instances --db-instance-identifier ID` shows
    /// `"IAMDatabaseAuthenticationEnabled": false`. Fix: `aws rds modify-db-instance
    /// --db-instance-identifier ID --enable-iam-database-authentication --apply-immediately`
    /// (`aws rds modify-db-cluster` for clusters), then create database users mapped to IAM
    /// (`GRANT rds_iam TO app;` in PostgreSQL).
    ///
    /// ## Not evaluated when
    /// The region's DB instances or DB clusters could not be listed (one finding for the region
    /// and list).
    pub RDS_IAM_AUTHENTICATION = "rds_iam_authentication",
    pillar: Pillar::Security,
    service: Service::Rds,
    severity: Severity::Low,
    best_practices: &[direct("SEC02-BP02")],
    since: "0.3.0",
    title: "RDS databases accept IAM authentication",
    remediation: "aws rds modify-db-instance --db-instance-identifier ID --enable-iam-database-authentication --apply-immediately (aws rds modify-db-cluster for clusters)",
    evaluate: evaluate,
}

/// Engines that support IAM database authentication.
fn supports_iam_auth(engine: &str) -> bool {
    matches!(
        engine,
        "mysql" | "mariadb" | "postgres" | "aurora" | "aurora-mysql" | "aurora-postgresql"
    )
}

fn message(kind: &str, id: &str, on: bool) -> String {
    if on {
        format!("{kind} {id} accepts IAM database authentication")
    } else {
        format!("{kind} {id} accepts database passwords only")
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &RDS_IAM_AUTHENTICATION;
    let rds = &ctx.snapshot.rds;
    let mut findings = ctx.each_in_regions(
        check,
        rds,
        |region| &region.instances,
        |db| {
            if !db.is_standalone() || !supports_iam_auth(&db.engine) {
                return None;
            }
            let text = message("DB instance", &db.id, db.iam_auth);
            Some(if db.iam_auth {
                check.pass(db, text)
            } else {
                check.fail(db, text)
            })
        },
    );
    findings.extend(ctx.each_in_regions(
        check,
        rds,
        |region| &region.clusters,
        |cluster| {
            if !supports_iam_auth(&cluster.engine) {
                return None;
            }
            let text = message("DB cluster", &cluster.id, cluster.iam_auth);
            Some(if cluster.iam_auth {
                check.pass(cluster, text)
            } else {
                check.fail(cluster, text)
            })
        },
    ));
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    #[test]
    fn iam_auth_passes_passwords_fail_unsupported_skipped_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        let mut passwords = db_instance("legacy");
        passwords.engine = "mysql".into();
        passwords.iam_auth = false;
        let mut oracle = db_instance("erp");
        oracle.engine = "oracle-ee".into();
        oracle.iam_auth = false;
        let mut analytics = db_cluster("analytics");
        analytics.iam_auth = false;
        rds(&mut snap).instances = Fetched::Ok(vec![db_instance("orders"), passwords, oracle]);
        rds(&mut snap).clusters = Fetched::Ok(vec![analytics]);

        let findings = run(&RDS_IAM_AUTHENTICATION, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("orders", Pass), ("legacy", Fail), ("analytics", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "DB instance legacy accepts database passwords only"
        );

        rds(&mut snap).instances = Fetched::Failed(denied("DescribeDBInstances"));
        rds(&mut snap).clusters = Fetched::Ok(vec![]);
        assert_eq!(
            statuses(&run(&RDS_IAM_AUTHENTICATION, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
