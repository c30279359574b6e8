use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that every standalone RDS DB instance and every DB cluster publishes at least one
    /// of its database logs (error, general, slow query, PostgreSQL, audit, ...) to CloudWatch
    /// Logs. Members of a cluster are covered by their cluster.
    ///
    /// ## Why is this bad?
    /// Without the export, the database's error and slow query logs stay on the instance: they
    /// can only be downloaded file by file, are rotated away within days, cannot be searched
    /// with Logs Insights, cannot drive metric filters or alarms, and disappear with the
    /// instance. Investigating an incident then starts without the database's side of the story.
    ///
    /// ## Example
    /// `aws rds describe-db-instances --db-instance-identifier ID` shows no
    /// `EnabledCloudwatchLogsExports`. Fix: `aws rds modify-db-instance --db-instance-identifier
    /// ID --cloudwatch-logs-export-configuration '{"EnableLogTypes":["postgresql"]}'` (for MySQL:
    /// `error`, `slowquery`; for clusters: `aws rds modify-db-cluster`).
    ///
    /// ## Not evaluated when
    /// The region's DB instances or DB clusters could not be listed (one finding for the region
    /// and list).
    pub RDS_LOG_EXPORTS = "rds_log_exports",
    pillar: Pillar::OperationalExcellence,
    service: Service::Rds,
    severity: Severity::Medium,
    best_practices: &[indirect("OPS08-BP02")],
    since: "0.3.0",
    title: "RDS databases publish their logs to CloudWatch Logs",
    remediation: "aws rds modify-db-instance --db-instance-identifier ID --cloudwatch-logs-export-configuration '{\"EnableLogTypes\":[\"error\"]}' (aws rds modify-db-cluster for clusters)",
    evaluate: evaluate,
}

fn verdict(kind: &str, id: &str, exports: &[String]) -> (bool, String) {
    if exports.is_empty() {
        (
            false,
            format!("{kind} {id} publishes no log to CloudWatch Logs"),
        )
    } else {
        (
            true,
            format!(
                "{kind} {id} publishes {} to CloudWatch Logs",
                exports.join(", ")
            ),
        )
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &RDS_LOG_EXPORTS;
    let rds = &ctx.snapshot.rds;
    let mut findings = ctx.each_in_regions(
        check,
        rds,
        |region| &region.instances,
        |db| {
            if !db.is_standalone() {
                return None;
            }
            Some(match verdict("DB instance", &db.id, &db.log_exports) {
                (true, message) => check.pass(db, message),
                (false, message) => check.fail(db, message),
            })
        },
    );
    findings.extend(ctx.each_in_regions(
        check,
        rds,
        |region| &region.clusters,
        |cluster| {
            Some(
                match verdict("DB cluster", &cluster.id, &cluster.log_exports) {
                    (true, message) => check.pass(cluster, message),
                    (false, message) => check.fail(cluster, message),
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
    fn exporting_passes_silent_fails_members_skipped_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        let mut silent = db_instance("legacy");
        silent.log_exports = vec![];
        let mut member = db_instance("analytics-1");
        member.log_exports = vec![];
        member.cluster_id = Some("analytics".into());
        let mut analytics = db_cluster("analytics");
        analytics.log_exports = vec![];
        rds(&mut snap).instances = Fetched::Ok(vec![db_instance("orders"), silent, member]);
        rds(&mut snap).clusters = Fetched::Ok(vec![db_cluster("billing"), analytics]);

        let findings = run(&RDS_LOG_EXPORTS, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("orders", Pass),
                ("legacy", Fail),
                ("billing", Pass),
                ("analytics", Fail)
            ])
        );
        assert_eq!(
            findings[0].message,
            "DB instance orders publishes postgresql to CloudWatch Logs"
        );
        assert_eq!(
            findings[3].message,
            "DB cluster analytics publishes no log to CloudWatch Logs"
        );

        rds(&mut snap).instances = Fetched::Failed(denied("DescribeDBInstances"));
        rds(&mut snap).clusters = Fetched::Ok(vec![]);
        assert_eq!(
            statuses(&run(&RDS_LOG_EXPORTS, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
