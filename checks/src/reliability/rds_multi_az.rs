use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that every RDS DB instance runs Multi-AZ (a standby in a second Availability Zone),
    /// and that every DB cluster has instances in more than one zone. Read replicas and instances
    /// of a cluster are left out: the cluster finding covers them.
    ///
    /// ## Why is this bad?
    /// A Single-AZ database is down for as long as its zone, host or storage is: a failed host
    /// means a restore from backup and lost writes since the last one. Multi-AZ fails over
    /// automatically in a minute or two with no data loss.
    ///
    /// ## Example
    /// `aws rds describe-db-instances` shows `"MultiAZ": false`. Fix:
    /// `aws rds modify-db-instance --db-instance-identifier DB --multi-az --apply-immediately`;
    /// for an Aurora cluster, add a reader in another zone (`aws rds create-db-instance
    /// --db-cluster-identifier C --availability-zone ZONE ...`).
    ///
    /// ## Not evaluated when
    /// The region's DB instances or DB clusters could not be read (one finding for the region).
    pub RDS_MULTI_AZ = "rds_multi_az",
    pillar: Pillar::Reliability,
    service: Service::Rds,
    severity: Severity::High,
    best_practices: &[direct("REL10-BP01")],
    since: "0.2.0",
    title: "RDS databases span several Availability Zones",
    remediation: "aws rds modify-db-instance --db-instance-identifier DB --multi-az --apply-immediately; for Aurora, add a reader instance in another Availability Zone.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &RDS_MULTI_AZ;
    let rds = &ctx.snapshot.rds;
    let mut findings = ctx.each_in_regions(
        check,
        rds,
        |region| &region.instances,
        |db| {
            if !db.is_standalone() || db.replica_source.is_some() {
                return None;
            }
            Some(if db.multi_az {
                check.pass(db, format!("DB instance {} is Multi-AZ", db.id))
            } else {
                let zone = db.availability_zone.as_deref().unwrap_or("one zone");
                check.fail(db, format!("DB instance {} is Single-AZ, in {zone}", db.id))
            })
        },
    );
    findings.extend(ctx.each_in_regions(
        check,
        rds,
        |region| &region.clusters,
        |cluster| {
            Some(if cluster.multi_az {
                check.pass(
                    cluster,
                    format!(
                        "DB cluster {} has instances in several Availability Zones",
                        cluster.id
                    ),
                )
            } else {
                check.fail(
                    cluster,
                    format!(
                        "DB cluster {} has {} instance(s), all in one Availability Zone",
                        cluster.id,
                        cluster.members.len()
                    ),
                )
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
    fn multi_az_passes_single_az_fails_replicas_and_members_are_skipped() {
        let mut snap = snapshot();
        let mut single = db_instance("legacy");
        single.multi_az = false;
        let mut replica = db_instance("orders-replica");
        replica.multi_az = false;
        replica.replica_source = Some("orders".into());
        let mut member = db_instance("analytics-1");
        member.multi_az = false;
        member.cluster_id = Some("analytics".into());
        let mut analytics = db_cluster("analytics");
        analytics.multi_az = false;
        rds(&mut snap).instances =
            Fetched::Ok(vec![db_instance("orders"), single, replica, member]);
        rds(&mut snap).clusters = Fetched::Ok(vec![analytics]);

        let findings = run(&RDS_MULTI_AZ, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("orders", Pass), ("legacy", Fail), ("analytics", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "DB instance legacy is Single-AZ, in us-east-1a"
        );
        assert_eq!(
            findings[2].message,
            "DB cluster analytics has 1 instance(s), all in one Availability Zone"
        );
    }

    #[test]
    fn unreadable_clusters_are_not_evaluated() {
        let mut snap = snapshot();
        rds(&mut snap).clusters = Fetched::Failed(denied("DescribeDBClusters"));

        let findings = run(&RDS_MULTI_AZ, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
