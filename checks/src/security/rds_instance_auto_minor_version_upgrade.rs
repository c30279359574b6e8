use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that every RDS DB instance has automatic minor version upgrades on, so engine
    /// patches are applied in its maintenance window.
    ///
    /// ## Why is this bad?
    /// Minor versions carry the engine's security fixes. Without automatic upgrades an instance
    /// stays on the version it was created with until someone remembers, often long after the
    /// vulnerabilities it fixes are public.
    ///
    /// ## Example
    /// `aws rds describe-db-instances` shows `"AutoMinorVersionUpgrade": false`. Fix:
    /// `aws rds modify-db-instance --db-instance-identifier DB --auto-minor-version-upgrade`.
    ///
    /// ## Not evaluated when
    /// The region's DB instances could not be read (one finding for the region).
    pub RDS_INSTANCE_AUTO_MINOR_VERSION_UPGRADE = "rds_instance_auto_minor_version_upgrade",
    pillar: Pillar::Security,
    service: Service::Rds,
    severity: Severity::Low,
    best_practices: &[direct("SEC06-BP01")],
    since: "0.2.0",
    title: "RDS DB instances apply minor engine upgrades automatically",
    remediation: "aws rds modify-db-instance --db-instance-identifier DB --auto-minor-version-upgrade",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &RDS_INSTANCE_AUTO_MINOR_VERSION_UPGRADE;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.rds,
        |region| &region.instances,
        |db| {
            let version = match &db.engine_version {
                Some(version) => format!("{} {version}", db.engine),
                None => db.engine.clone(),
            };
            Some(if db.auto_minor_version_upgrade {
                check.pass(
                    db,
                    format!(
                        "DB instance {} ({version}) upgrades minor versions automatically",
                        db.id
                    ),
                )
            } else {
                check.fail(
                    db,
                    format!(
                        "DB instance {} ({version}) does not upgrade minor versions automatically",
                        db.id
                    ),
                )
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
    fn automatic_passes_manual_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut manual = db_instance("legacy");
        manual.auto_minor_version_upgrade = false;
        rds(&mut snap).instances = Fetched::Ok(vec![db_instance("orders"), manual]);

        let findings = run(&RDS_INSTANCE_AUTO_MINOR_VERSION_UPGRADE, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("orders", Pass), ("legacy", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "DB instance legacy (postgres 16.3) does not upgrade minor versions automatically"
        );

        rds(&mut snap).instances = Fetched::Failed(denied("DescribeDBInstances"));
        assert_eq!(
            statuses(&run(&RDS_INSTANCE_AUTO_MINOR_VERSION_UPGRADE, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
