use crate::catalog::Pillar;
use crate::check::{direct, indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::computeoptimizer::Recommendation;
use crate::model::{Resource, Service};

declare_check! {
    /// ## What it does
    /// Checks that no RDS DB instance is idle according to AWS Compute Optimizer (`"idle":
    /// "True"`: no meaningful connections or load over the lookback period). Instances Compute
    /// Optimizer cannot judge yet give no finding.
    ///
    /// ## Why is this bad?
    /// An idle database keeps its instance, storage and backups running, billed and powered
    /// every hour for nobody. Stopped, snapshotted and deleted, or moved to Aurora Serverless
    /// v2 that scales down when unused, it costs little or nothing.
    ///
    /// ## Example
    /// `aws compute-optimizer get-rds-database-recommendations` shows `"idle": "True"` for
    /// `reports-db`. Fix: confirm nobody uses it, take a final snapshot and delete it (`aws rds
    /// delete-db-instance --final-db-snapshot-identifier ...`), or stop it
    /// (`aws rds stop-db-instance`) while you find out.
    ///
    /// ## Not evaluated when
    /// The account is not enrolled in Compute Optimizer, or the region's RDS recommendations could
    /// not be read (one finding for the region).
    pub COMPUTEOPTIMIZER_RDS_INSTANCE_IDLE = "computeoptimizer_rds_instance_idle",
    pillar: Pillar::Sustainability,
    service: Service::ComputeOptimizer,
    severity: Severity::Medium,
    best_practices: &[direct("SUS02-BP03"), indirect("COST04-BP03")],
    since: "0.6.0",
    title: "No RDS DB instance sits idle",
    remediation: "Confirm nobody uses the database, then delete it with a final snapshot (aws rds delete-db-instance --db-instance-identifier DB --final-db-snapshot-identifier NAME) or stop it (aws rds stop-db-instance).",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &COMPUTEOPTIMIZER_RDS_INSTANCE_IDLE;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.computeoptimizer.regions,
        |region| &region.rds_databases,
        |r: &Recommendation| {
            if r.finding == "UNAVAILABLE" {
                return None;
            }
            let label = r.resource().label();
            Some(if r.reasons.iter().any(|reason| reason == "Idle") {
                check.fail(
                    r,
                    format!(
                        "DB instance {label} ({}) is idle according to Compute Optimizer",
                        r.current
                    ),
                )
            } else {
                check.pass(r, format!("DB instance {label} is in use ({})", r.current))
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
    fn used_passes_idle_fails_unjudged_skipped_unreadable_not_evaluated() {
        let mut snap = snapshot();
        let mut idle = recommendation("AWS::RDS::DBInstance", "reports");
        idle.reasons = vec!["CPUOverprovisioned".into(), "Idle".into()];
        idle.current = "db.r6g.large".into();
        let mut unjudged = recommendation("AWS::RDS::DBInstance", "new");
        unjudged.finding = "UNAVAILABLE".into();
        compute_optimizer(&mut snap).rds_databases = Fetched::Ok(vec![
            recommendation("AWS::RDS::DBInstance", "orders"),
            idle,
            unjudged,
        ]);

        let findings = run(&COMPUTEOPTIMIZER_RDS_INSTANCE_IDLE, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("orders", Pass), ("reports", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "DB instance reports (db.r6g.large) is idle according to Compute Optimizer"
        );

        compute_optimizer(&mut snap).rds_databases = Fetched::Failed(denied("Get"));
        assert_eq!(
            statuses(&run(&COMPUTEOPTIMIZER_RDS_INSTANCE_IDLE, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
