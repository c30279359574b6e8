use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that every standalone RDS DB instance and every DB cluster copies its tags to the
    /// snapshots it takes (`CopyTagsToSnapshot`). Members of a cluster are covered by their
    /// cluster.
    ///
    /// ## Why is this bad?
    /// Automated and manual snapshots often outlive the database and can cost as much as its
    /// storage. Without its tags, a snapshot has no owner, project or cost center: its cost is
    /// unallocated in Cost Explorer, and nobody can tell whether it may be deleted once the
    /// database is gone.
    ///
    /// ## Example
    /// `aws rds describe-db-instances --db-instance-identifier ID` shows
    /// `"CopyTagsToSnapshot": false`. Fix: `aws rds modify-db-instance --db-instance-identifier
    /// ID --copy-tags-to-snapshot --apply-immediately` (`aws rds modify-db-cluster` for
    /// clusters); existing snapshots need `aws rds add-tags-to-resource`.
    ///
    /// ## Not evaluated when
    /// The region's DB instances or DB clusters could not be listed (one finding for the region
    /// and list).
    pub RDS_COPY_TAGS_TO_SNAPSHOT = "rds_copy_tags_to_snapshot",
    pillar: Pillar::CostOptimization,
    service: Service::Rds,
    severity: Severity::Low,
    best_practices: &[indirect("COST04-BP01"), indirect("COST03-BP02")],
    since: "0.3.0",
    title: "RDS databases copy their tags to snapshots",
    remediation: "aws rds modify-db-instance --db-instance-identifier ID --copy-tags-to-snapshot --apply-immediately (aws rds modify-db-cluster for clusters)",
    evaluate: evaluate,
}

fn message(kind: &str, id: &str, copies: bool) -> String {
    if copies {
        format!("{kind} {id} copies its tags to its snapshots")
    } else {
        format!("{kind} {id} takes untagged snapshots")
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &RDS_COPY_TAGS_TO_SNAPSHOT;
    let rds = &ctx.snapshot.rds;
    let mut findings = ctx.each_in_regions(
        check,
        rds,
        |region| &region.instances,
        |db| {
            if !db.is_standalone() {
                return None;
            }
            let text = message("DB instance", &db.id, db.copy_tags_to_snapshot);
            Some(if db.copy_tags_to_snapshot {
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
            let text = message("DB cluster", &cluster.id, cluster.copy_tags_to_snapshot);
            Some(if cluster.copy_tags_to_snapshot {
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
    fn copying_passes_not_copying_fails_members_skipped_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        let mut bare = db_instance("legacy");
        bare.copy_tags_to_snapshot = false;
        let mut member = db_instance("analytics-1");
        member.copy_tags_to_snapshot = false;
        member.cluster_id = Some("analytics".into());
        let mut analytics = db_cluster("analytics");
        analytics.copy_tags_to_snapshot = false;
        rds(&mut snap).instances = Fetched::Ok(vec![db_instance("orders"), bare, member]);
        rds(&mut snap).clusters = Fetched::Ok(vec![analytics]);

        let findings = run(&RDS_COPY_TAGS_TO_SNAPSHOT, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("orders", Pass), ("legacy", Fail), ("analytics", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "DB instance legacy takes untagged snapshots"
        );

        rds(&mut snap).clusters = Fetched::Failed(denied("DescribeDBClusters"));
        rds(&mut snap).instances = Fetched::Ok(vec![]);
        assert_eq!(
            statuses(&run(&RDS_COPY_TAGS_TO_SNAPSHOT, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
