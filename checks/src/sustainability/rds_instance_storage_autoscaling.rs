use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that every standalone RDS DB instance has storage autoscaling on (a maximum
    /// allocated storage above the allocated storage). Aurora and other cluster members, whose
    /// storage is the cluster's and grows by itself, are skipped.
    ///
    /// ## Why is this bad?
    /// Without autoscaling, storage has to be allocated up front for the largest size the data
    /// may reach: the headroom is provisioned, billed and powered for months before it is used,
    /// and if the guess is short the instance fills up and stops accepting writes. With
    /// autoscaling, RDS grows the volume when free space runs low, up to the ceiling you set, so
    /// the instance can start small.
    ///
    /// ## Example
    /// `aws rds describe-db-instances --db-instance-identifier ID` shows no
    /// `MaxAllocatedStorage`. Fix: `aws rds modify-db-instance --db-instance-identifier ID
    /// --max-allocated-storage 500 --apply-immediately`.
    ///
    /// ## Not evaluated when
    /// The region's DB instances could not be listed (one finding for the region).
    pub RDS_INSTANCE_STORAGE_AUTOSCALING = "rds_instance_storage_autoscaling",
    pillar: Pillar::Sustainability,
    service: Service::Rds,
    severity: Severity::Low,
    best_practices: &[direct("SUS04-BP04")],
    since: "0.3.0",
    title: "RDS DB instances grow their storage automatically",
    remediation: "aws rds modify-db-instance --db-instance-identifier ID --max-allocated-storage GIB --apply-immediately",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &RDS_INSTANCE_STORAGE_AUTOSCALING;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.rds,
        |region| &region.instances,
        |db| {
            if !db.is_standalone() || db.engine.starts_with("aurora") {
                return None;
            }
            let allocated = db.allocated_storage_gib.unwrap_or(0);
            Some(match db.max_allocated_storage_gib {
                Some(max) if max > allocated => check.pass(
                    db,
                    format!(
                        "DB instance {} grows its storage from {allocated} GiB up to {max} GiB",
                        db.id
                    ),
                ),
                _ => check.fail(
                    db,
                    format!(
                        "DB instance {} has a fixed {allocated} GiB of storage (autoscaling off)",
                        db.id
                    ),
                ),
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
    fn ceiling_passes_fixed_fails_members_skipped_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        let mut fixed = db_instance("legacy");
        fixed.max_allocated_storage_gib = None;
        let mut member = db_instance("analytics-1");
        member.max_allocated_storage_gib = None;
        member.cluster_id = Some("analytics".into());
        rds(&mut snap).instances = Fetched::Ok(vec![db_instance("orders"), fixed, member]);

        let findings = run(&RDS_INSTANCE_STORAGE_AUTOSCALING, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("orders", Pass), ("legacy", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "DB instance legacy has a fixed 100 GiB of storage (autoscaling off)"
        );

        rds(&mut snap).instances = Fetched::Failed(denied("DescribeDBInstances"));
        assert_eq!(
            statuses(&run(&RDS_INSTANCE_STORAGE_AUTOSCALING, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
