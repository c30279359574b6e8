use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

/// The fewest days of automated backups that pass.
const MIN_RETENTION_DAYS: i32 = 7;

declare_check! {
    /// ## What it does
    /// Checks that every RDS DB instance and DB cluster keeps automated backups for at least
    /// 7 days. Read replicas and instances of a cluster are left out: their backups are the
    /// source's or the cluster's.
    ///
    /// ## Why is this bad?
    /// Automated backups give point-in-time recovery to any second of the retention period. With
    /// retention 0 there are no automated backups at all; with a day or two, a corruption noticed
    /// after a weekend can no longer be undone.
    ///
    /// ## Example
    /// `aws rds describe-db-instances` shows `"BackupRetentionPeriod": 0`. Fix:
    /// `aws rds modify-db-instance --db-instance-identifier DB --backup-retention-period 14
    /// --apply-immediately` (clusters: `modify-db-cluster --db-cluster-identifier C ...`).
    ///
    /// ## Not evaluated when
    /// The region's DB instances or DB clusters could not be read (one finding for the region).
    pub RDS_BACKUP_RETENTION = "rds_backup_retention",
    pillar: Pillar::Reliability,
    service: Service::Rds,
    severity: Severity::High,
    best_practices: &[direct("REL09-BP03")],
    since: "0.2.0",
    title: "RDS databases keep automated backups for 7 days or more",
    remediation: "aws rds modify-db-instance --db-instance-identifier DB --backup-retention-period 14 --apply-immediately (clusters: aws rds modify-db-cluster --db-cluster-identifier CLUSTER --backup-retention-period 14)",
    evaluate: evaluate,
}

fn verdict(days: i32) -> Result<String, String> {
    match days {
        0 => Err("has automated backups off".into()),
        1 => Err(format!(
            "keeps automated backups for only 1 day (fewer than {MIN_RETENTION_DAYS})"
        )),
        d if d < MIN_RETENTION_DAYS => Err(format!(
            "keeps automated backups for only {d} days (fewer than {MIN_RETENTION_DAYS})"
        )),
        d => Ok(format!("keeps automated backups for {d} days")),
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &RDS_BACKUP_RETENTION;
    let rds = &ctx.snapshot.rds;
    let mut findings = ctx.each_in_regions(
        check,
        rds,
        |region| &region.instances,
        |db| {
            if !db.is_standalone() || db.replica_source.is_some() {
                return None;
            }
            Some(match verdict(db.backup_retention_days) {
                Ok(what) => check.pass(db, format!("DB instance {} {what}", db.id)),
                Err(what) => check.fail(db, format!("DB instance {} {what}", db.id)),
            })
        },
    );
    findings.extend(ctx.each_in_regions(
        check,
        rds,
        |region| &region.clusters,
        |cluster| {
            Some(match verdict(cluster.backup_retention_days) {
                Ok(what) => check.pass(cluster, format!("DB cluster {} {what}", cluster.id)),
                Err(what) => check.fail(cluster, format!("DB cluster {} {what}", cluster.id)),
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
    fn a_week_passes_less_or_none_fails_replicas_are_skipped() {
        let mut snap = snapshot();
        let mut none = db_instance("legacy");
        none.backup_retention_days = 0;
        let mut replica = db_instance("orders-replica");
        replica.backup_retention_days = 0;
        replica.replica_source = Some("orders".into());
        let mut short = db_cluster("analytics");
        short.backup_retention_days = 1;
        rds(&mut snap).instances = Fetched::Ok(vec![db_instance("orders"), none, replica]);
        rds(&mut snap).clusters = Fetched::Ok(vec![short]);

        let findings = run(&RDS_BACKUP_RETENTION, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("orders", Pass), ("legacy", Fail), ("analytics", Fail)])
        );
        assert_eq!(
            findings[0].message,
            "DB instance orders keeps automated backups for 14 days"
        );
        assert_eq!(
            findings[1].message,
            "DB instance legacy has automated backups off"
        );
        assert_eq!(
            findings[2].message,
            "DB cluster analytics keeps automated backups for only 1 day (fewer than 7)"
        );
    }

    #[test]
    fn unreadable_instances_are_not_evaluated() {
        let mut snap = snapshot();
        rds(&mut snap).instances = Fetched::Failed(denied("DescribeDBInstances"));

        let findings = run(&RDS_BACKUP_RETENTION, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
