use time::macros::date;
use time::Date;

use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Gap, Resource, Service};

declare_check! {
    /// ## What it does
    /// Checks that every standalone RDS DB instance and every DB cluster running MySQL,
    /// PostgreSQL, Aurora MySQL or Aurora PostgreSQL is on a major version still in RDS standard
    /// support on the day of the scan. Members of a cluster are covered by their cluster; other
    /// engines are skipped.
    ///
    /// ## Why is this bad?
    /// Past the end of standard support, a major version gets no new minor versions and no
    /// performance improvements, and RDS either upgrades it for you in a maintenance window or
    /// enrolls it in RDS Extended Support, billed per vCPU-hour on top of the instance. Newer
    /// majors bring faster query planners, replication and storage engines. Known end dates:
    /// MySQL 5.7 and PostgreSQL 11 (2024-02-29), Aurora MySQL 2 (2024-10-31), PostgreSQL 12
    /// (2025-02-28), PostgreSQL 13 (2026-02-28), MySQL 8.0 (2026-07-31); older majors long before.
    ///
    /// ## Example
    /// `aws rds describe-db-instances` shows `"Engine": "mysql", "EngineVersion": "5.7.44"`.
    /// Fix: test the upgrade on a snapshot copy, then `aws rds modify-db-instance
    /// --db-instance-identifier ID --engine-version 8.4.3 --allow-major-version-upgrade
    /// --apply-immediately` (or a blue/green deployment: `aws rds create-blue-green-deployment`).
    ///
    /// ## Not evaluated when
    /// The region's DB instances or DB clusters could not be listed (one finding for the region
    /// and list), or the engine version is not reported.
    pub RDS_ENGINE_STANDARD_SUPPORT = "rds_engine_standard_support",
    pillar: Pillar::PerformanceEfficiency,
    service: Service::Rds,
    severity: Severity::Medium,
    best_practices: &[direct("PERF05-BP06"), direct("SUS06-BP03")],
    since: "0.3.0",
    title: "RDS databases run a major version in standard support",
    remediation: "Upgrade the major version (aws rds modify-db-instance --engine-version VERSION --allow-major-version-upgrade, or a blue/green deployment)",
    evaluate: evaluate,
}

/// The last day of RDS standard support of the engine's major versions that have one, by
/// engine family and major version; majors older than the first listed ended earlier still.
const END_OF_STANDARD_SUPPORT: &[(&str, &str, Date)] = &[
    ("mysql", "5.7", date!(2024 - 02 - 29)),
    ("mysql", "8.0", date!(2026 - 07 - 31)),
    ("postgres", "11", date!(2024 - 02 - 29)),
    ("postgres", "12", date!(2025 - 02 - 28)),
    ("postgres", "13", date!(2026 - 02 - 28)),
    ("aurora-mysql", "5.7", date!(2024 - 10 - 31)),
    ("aurora-postgresql", "11", date!(2024 - 02 - 29)),
    ("aurora-postgresql", "12", date!(2025 - 02 - 28)),
    ("aurora-postgresql", "13", date!(2026 - 02 - 28)),
];

/// The major version as RDS counts it: `5.7` for MySQL `5.7.44` and Aurora MySQL
/// `5.7.mysql_aurora.2.11.2`, `12` for PostgreSQL `12.17`.
fn major(engine: &str, version: &str) -> Option<(u32, u32)> {
    let mut parts = version.split('.');
    let first: u32 = parts.next()?.parse().ok()?;
    if engine.contains("mysql") {
        Some((first, parts.next()?.parse().ok()?))
    } else {
        Some((first, 0))
    }
}

enum Support {
    Standard,
    Ended(Option<Date>),
}

fn support(engine: &str, version: &str, today: Date) -> Option<Support> {
    let family = match engine {
        "mysql" | "postgres" | "aurora-mysql" | "aurora-postgresql" => engine,
        "aurora" => "aurora-mysql",
        _ => return None,
    };
    let running = major(family, version)?;
    let mut oldest: Option<(u32, u32)> = None;
    for (listed_family, listed_major, end) in END_OF_STANDARD_SUPPORT {
        if *listed_family != family {
            continue;
        }
        let listed = major(family, listed_major)?;
        oldest = Some(oldest.map_or(listed, |o| o.min(listed)));
        if listed == running {
            return Some(if today > *end {
                Support::Ended(Some(*end))
            } else {
                Support::Standard
            });
        }
    }
    Some(match oldest {
        Some(oldest) if running < oldest => Support::Ended(None),
        _ => Support::Standard,
    })
}

/// The finding for one database: `None` for engines without a standard support calendar.
fn verdict(
    ctx: &Context,
    db: &impl Resource,
    kind: &str,
    id: &str,
    engine: &str,
    version: Option<&str>,
) -> Option<Finding> {
    let check = &RDS_ENGINE_STANDARD_SUPPORT;
    let today = ctx.snapshot.collected_at.date();
    let Some(version) = version else {
        support(engine, "0.0", today)?;
        let region = db.resource().region;
        return Some(check.not_evaluated(
            db,
            &Gap::missing(
                Service::Rds,
                &region,
                "DescribeDBInstances",
                "EngineVersion",
            ),
        ));
    };
    Some(match support(engine, version, today)? {
        Support::Standard => check.pass(
            db,
            format!("{kind} {id} runs {engine} {version}, in standard support"),
        ),
        Support::Ended(Some(end)) => check.fail(
            db,
            format!("{kind} {id} runs {engine} {version}, whose standard support ended on {end}"),
        ),
        Support::Ended(None) => check.fail(
            db,
            format!("{kind} {id} runs {engine} {version}, long past the end of standard support"),
        ),
    })
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &RDS_ENGINE_STANDARD_SUPPORT;
    let rds = &ctx.snapshot.rds;
    let mut findings = ctx.each_in_regions(
        check,
        rds,
        |region| &region.instances,
        |db| {
            if !db.is_standalone() {
                return None;
            }
            verdict(
                ctx,
                db,
                "DB instance",
                &db.id,
                &db.engine,
                db.engine_version.as_deref(),
            )
        },
    );
    findings.extend(ctx.each_in_regions(
        check,
        rds,
        |region| &region.clusters,
        |cluster| {
            verdict(
                ctx,
                cluster,
                "DB cluster",
                &cluster.id,
                &cluster.engine,
                cluster.engine_version.as_deref(),
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

    fn db(id: &str, engine: &str, version: &str) -> crate::model::rds::DbInstance {
        let mut db = db_instance(id);
        db.engine = engine.into();
        db.engine_version = Some(version.into());
        db
    }

    #[test]
    fn supported_passes_ended_fails_other_engines_and_members_skipped() {
        // The test snapshot is taken on 2026-06-01: MySQL 8.0 is still in standard support.
        let mut snap = snapshot();
        let mut member = db("reports-1", "mysql", "5.7.44");
        member.cluster_id = Some("reports".into());
        rds(&mut snap).instances = Fetched::Ok(vec![
            db("orders", "postgres", "16.3"),
            db("legacy", "mysql", "5.7.44"),
            db("shop", "mysql", "8.0.39"),
            db("ancient", "postgres", "9.6.24"),
            db("erp", "oracle-ee", "19.0.0.0.ru-2024-04.rur-2024-04.r1"),
            member,
        ]);
        let mut aurora2 = db_cluster("reports");
        aurora2.engine = "aurora-mysql".into();
        aurora2.engine_version = Some("5.7.mysql_aurora.2.11.2".into());
        rds(&mut snap).clusters = Fetched::Ok(vec![db_cluster("billing"), aurora2]);

        let findings = run(&RDS_ENGINE_STANDARD_SUPPORT, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("orders", Pass),
                ("legacy", Fail),
                ("shop", Pass),
                ("ancient", Fail),
                ("billing", Pass),
                ("reports", Fail)
            ])
        );
        assert_eq!(
            findings[1].message,
            "DB instance legacy runs mysql 5.7.44, whose standard support ended on 2024-02-29"
        );
        assert_eq!(
            findings[3].message,
            "DB instance ancient runs postgres 9.6.24, long past the end of standard support"
        );
    }

    #[test]
    fn standard_support_ends_on_its_date_and_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        snap.collected_at = time::macros::datetime!(2026-08-01 00:00 UTC);
        let mut unknown = db_instance("unknown");
        unknown.engine_version = None;
        rds(&mut snap).instances = Fetched::Ok(vec![db("shop", "mysql", "8.0.39"), unknown]);
        rds(&mut snap).clusters = Fetched::Failed(denied("DescribeDBClusters"));
        assert_eq!(
            statuses(&run(&RDS_ENGINE_STANDARD_SUPPORT, &snap)),
            expect(&[
                ("shop", Fail),
                ("unknown", NotEvaluated),
                (ACCOUNT, NotEvaluated)
            ])
        );
    }
}
