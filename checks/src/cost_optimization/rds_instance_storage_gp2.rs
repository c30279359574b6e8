use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that no RDS DB instance stores its data on General Purpose `gp2` storage. Instances
    /// of Aurora clusters (whose storage is the cluster's) give no finding.
    ///
    /// ## Why is this bad?
    /// `gp3` costs about 20 % less per GiB than `gp2` and gives a baseline of 3,000 IOPS and
    /// 125 MiB/s whatever the size, where `gp2` ties IOPS to size: small `gp2` volumes are
    /// over-provisioned on disk just to get IOPS.
    ///
    /// ## Example
    /// `aws rds describe-db-instances` shows `"StorageType": "gp2"`. Fix:
    /// `aws rds modify-db-instance --db-instance-identifier DB --storage-type gp3
    /// --apply-immediately` (no downtime; the instance stays available during the change).
    ///
    /// ## Not evaluated when
    /// The region's DB instances could not be read (one finding for the region).
    pub RDS_INSTANCE_STORAGE_GP2 = "rds_instance_storage_gp2",
    pillar: Pillar::CostOptimization,
    service: Service::Rds,
    severity: Severity::Low,
    best_practices: &[indirect("COST06-BP02")],
    since: "0.2.0",
    title: "RDS DB instances use gp3 rather than gp2 storage",
    remediation: "aws rds modify-db-instance --db-instance-identifier DB --storage-type gp3 --apply-immediately",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &RDS_INSTANCE_STORAGE_GP2;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.rds,
        |region| &region.instances,
        |db| {
            let storage = db.storage_type.as_deref()?;
            if storage == "aurora" || storage.starts_with("aurora-") {
                return None;
            }
            let size = db
                .allocated_storage_gib
                .map(|gib| format!("{gib} GiB of "))
                .unwrap_or_default();
            Some(if storage == "gp2" {
                check.fail(
                    db,
                    format!(
                        "DB instance {} stores {size}data on gp2: gp3 costs about 20 % less",
                        db.id
                    ),
                )
            } else {
                check.pass(db, format!("DB instance {} uses {storage} storage", db.id))
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
    fn gp3_passes_gp2_fails_aurora_is_skipped() {
        let mut snap = snapshot();
        let mut old = db_instance("legacy");
        old.storage_type = Some("gp2".into());
        let mut member = db_instance("analytics-1");
        member.storage_type = Some("aurora".into());
        rds(&mut snap).instances = Fetched::Ok(vec![db_instance("orders"), old, member]);

        let findings = run(&RDS_INSTANCE_STORAGE_GP2, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("orders", Pass), ("legacy", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "DB instance legacy stores 100 GiB of data on gp2: gp3 costs about 20 % less"
        );

        rds(&mut snap).instances = Fetched::Failed(denied("DescribeDBInstances"));
        assert_eq!(
            statuses(&run(&RDS_INSTANCE_STORAGE_GP2, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
