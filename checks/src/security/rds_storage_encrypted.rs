use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that every RDS DB instance and DB cluster encrypts its storage. An instance that
    /// belongs to a cluster is judged through its cluster.
    ///
    /// ## Why is this bad?
    /// Unencrypted database storage, and the snapshots and replicas made from it, can be read by
    /// anyone who obtains a copy: a snapshot shared by mistake, a restored backup in another
    /// account. Encryption cannot be switched on in place later: the data has to be copied.
    ///
    /// ## Example
    /// `aws rds describe-db-instances` shows `"StorageEncrypted": false`. Fix: take a snapshot,
    /// `aws rds copy-db-snapshot --kms-key-id alias/aws/rds ...` to an encrypted copy, restore it
    /// (`restore-db-instance-from-db-snapshot`) and switch the application over.
    ///
    /// ## Not evaluated when
    /// The region's DB instances or DB clusters could not be read (one finding for the region).
    pub RDS_STORAGE_ENCRYPTED = "rds_storage_encrypted",
    pillar: Pillar::Security,
    service: Service::Rds,
    severity: Severity::High,
    best_practices: &[direct("SEC08-BP02")],
    since: "0.2.0",
    title: "RDS databases encrypt their storage",
    remediation: "Snapshot the database, copy the snapshot with encryption (aws rds copy-db-snapshot --kms-key-id alias/aws/rds), restore it and switch over; encryption cannot be turned on in place.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &RDS_STORAGE_ENCRYPTED;
    let rds = &ctx.snapshot.rds;
    let mut findings = ctx.each_in_regions(
        check,
        rds,
        |region| &region.instances,
        |db| {
            db.is_standalone().then(|| {
                if db.storage_encrypted {
                    check.pass(db, format!("DB instance {} encrypts its storage", db.id))
                } else {
                    check.fail(db, format!("DB instance {} stores data unencrypted", db.id))
                }
            })
        },
    );
    findings.extend(ctx.each_in_regions(
        check,
        rds,
        |region| &region.clusters,
        |cluster| {
            Some(if cluster.storage_encrypted {
                check.pass(
                    cluster,
                    format!("DB cluster {} encrypts its storage", cluster.id),
                )
            } else {
                check.fail(
                    cluster,
                    format!("DB cluster {} stores data unencrypted", cluster.id),
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
    fn encrypted_passes_plain_fails_cluster_members_are_judged_by_their_cluster() {
        let mut snap = snapshot();
        let mut plain = db_instance("legacy");
        plain.storage_encrypted = false;
        let mut member = db_instance("analytics-1");
        member.cluster_id = Some("analytics".into());
        member.storage_encrypted = false;
        let mut analytics = db_cluster("analytics");
        analytics.storage_encrypted = false;
        rds(&mut snap).instances = Fetched::Ok(vec![db_instance("orders"), plain, member]);
        rds(&mut snap).clusters = Fetched::Ok(vec![db_cluster("billing"), analytics]);

        let findings = run(&RDS_STORAGE_ENCRYPTED, &snap);

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
            findings[1].message,
            "DB instance legacy stores data unencrypted"
        );
        assert_eq!(findings[3].resource.kind, "AWS::RDS::DBCluster");
    }

    #[test]
    fn unreadable_listings_are_not_evaluated() {
        let mut snap = snapshot();
        rds(&mut snap).instances = Fetched::Failed(denied("DescribeDBInstances"));
        rds(&mut snap).clusters = Fetched::Failed(denied("DescribeDBClusters"));

        let findings = run(&RDS_STORAGE_ENCRYPTED, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[(ACCOUNT, NotEvaluated), (ACCOUNT, NotEvaluated)])
        );
    }
}
