use crate::catalog::Pillar;
use crate::check::{direct, indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that no RDS DB instance is publicly accessible (`PubliclyAccessible`: it gets a
    /// public IP address and its endpoint resolves to it from the internet).
    ///
    /// ## Why is this bad?
    /// A database should sit in a private network layer, reachable only from the application
    /// tier. A public one is one security-group rule away from the whole internet trying its
    /// password, and exposes its engine's vulnerabilities to scanners.
    ///
    /// ## Example
    /// `aws rds describe-db-instances` shows `"PubliclyAccessible": true`. Fix:
    /// `aws rds modify-db-instance --db-instance-identifier DB --no-publicly-accessible
    /// --apply-immediately`, and keep it in private subnets.
    ///
    /// ## Not evaluated when
    /// The region's DB instances could not be read (one finding for the region).
    pub RDS_INSTANCE_PUBLIC_ACCESS = "rds_instance_public_access",
    pillar: Pillar::Security,
    service: Service::Rds,
    severity: Severity::High,
    best_practices: &[indirect("SEC05-BP01"), direct("SEC05-BP02")],
    since: "0.2.0",
    title: "RDS DB instances are not publicly accessible",
    remediation: "aws rds modify-db-instance --db-instance-identifier DB --no-publicly-accessible --apply-immediately; place the instance in private subnets.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &RDS_INSTANCE_PUBLIC_ACCESS;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.rds,
        |region| &region.instances,
        |db| {
            Some(if db.publicly_accessible {
                check.fail(db, format!("DB instance {} is publicly accessible", db.id))
            } else {
                check.pass(db, format!("DB instance {} is private", db.id))
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
    fn private_passes_public_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut public = db_instance("legacy");
        public.publicly_accessible = true;
        rds(&mut snap).instances = Fetched::Ok(vec![db_instance("orders"), public]);
        snap.rds.insert(
            "eu-west-1".into(),
            crate::model::RdsRegion {
                instances: Fetched::Failed(denied("DescribeDBInstances")),
                clusters: Fetched::Ok(vec![]),
            },
        );

        let findings = run(&RDS_INSTANCE_PUBLIC_ACCESS, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[(ACCOUNT, NotEvaluated), ("orders", Pass), ("legacy", Fail)])
        );
        assert_eq!(
            findings[2].message,
            "DB instance legacy is publicly accessible"
        );
    }
}
