use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that every RDS DB instance and DB cluster has deletion protection on. An instance
    /// that belongs to a cluster is judged through its cluster.
    ///
    /// ## Why is this bad?
    /// Without it one `delete-db-instance` call, from a mistaken script, a stack teardown or a
    /// compromised credential, destroys the database; automated backups go with it unless a
    /// final snapshot was asked for.
    ///
    /// ## Example
    /// `aws rds describe-db-instances` shows `"DeletionProtection": false`. Fix:
    /// `aws rds modify-db-instance --db-instance-identifier DB --deletion-protection
    /// --apply-immediately` (clusters: `modify-db-cluster --db-cluster-identifier C
    /// --deletion-protection`).
    ///
    /// ## Not evaluated when
    /// The region's DB instances or DB clusters could not be read (one finding for the region).
    pub RDS_DELETION_PROTECTION = "rds_deletion_protection",
    pillar: Pillar::Security,
    service: Service::Rds,
    severity: Severity::Medium,
    best_practices: &[indirect("SEC08-BP04")],
    since: "0.2.0",
    title: "RDS databases have deletion protection",
    remediation: "aws rds modify-db-instance --db-instance-identifier DB --deletion-protection --apply-immediately (clusters: aws rds modify-db-cluster --db-cluster-identifier CLUSTER --deletion-protection)",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &RDS_DELETION_PROTECTION;
    let rds = &ctx.snapshot.rds;
    let verdict = |kind: &str, id: &str, on: bool| {
        if on {
            Ok(format!("{kind} {id} has deletion protection"))
        } else {
            Err(format!(
                "{kind} {id} can be deleted: deletion protection is off"
            ))
        }
    };
    let mut findings = ctx.each_in_regions(
        check,
        rds,
        |region| &region.instances,
        |db| {
            db.is_standalone().then(|| {
                match verdict("DB instance", &db.id, db.deletion_protection) {
                    Ok(message) => check.pass(db, message),
                    Err(message) => check.fail(db, message),
                }
            })
        },
    );
    findings.extend(ctx.each_in_regions(
        check,
        rds,
        |region| &region.clusters,
        |cluster| {
            Some(
                match verdict("DB cluster", &cluster.id, cluster.deletion_protection) {
                    Ok(message) => check.pass(cluster, message),
                    Err(message) => check.fail(cluster, message),
                },
            )
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
    fn protected_passes_unprotected_fails_members_are_skipped() {
        let mut snap = snapshot();
        let mut open = db_instance("legacy");
        open.deletion_protection = false;
        let mut member = db_instance("analytics-1");
        member.deletion_protection = false;
        member.cluster_id = Some("analytics".into());
        let mut analytics = db_cluster("analytics");
        analytics.deletion_protection = false;
        rds(&mut snap).instances = Fetched::Ok(vec![db_instance("orders"), open, member]);
        rds(&mut snap).clusters = Fetched::Ok(vec![analytics]);

        let findings = run(&RDS_DELETION_PROTECTION, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("orders", Pass), ("legacy", Fail), ("analytics", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "DB instance legacy can be deleted: deletion protection is off"
        );
    }

    #[test]
    fn unreadable_instances_are_not_evaluated() {
        let mut snap = snapshot();
        rds(&mut snap).instances = Fetched::Failed(denied("DescribeDBInstances"));

        let findings = run(&RDS_DELETION_PROTECTION, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
