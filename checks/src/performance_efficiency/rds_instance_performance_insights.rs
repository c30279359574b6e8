use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that every RDS DB instance has Performance Insights on.
    ///
    /// ## Why is this bad?
    /// Performance Insights records database load by wait event, SQL statement, host and user.
    /// Without it, "the database was slow yesterday at 14:00" cannot be traced to a query, and
    /// sizing decisions rest on CPU graphs alone. Seven days of history are free.
    ///
    /// ## Example
    /// `aws rds describe-db-instances` shows `"PerformanceInsightsEnabled": false`. Fix:
    /// `aws rds modify-db-instance --db-instance-identifier DB --enable-performance-insights
    /// --performance-insights-retention-period 7`.
    ///
    /// ## Not evaluated when
    /// The region's DB instances could not be read (one finding for the region).
    pub RDS_INSTANCE_PERFORMANCE_INSIGHTS = "rds_instance_performance_insights",
    pillar: Pillar::PerformanceEfficiency,
    service: Service::Rds,
    severity: Severity::Low,
    best_practices: &[direct("PERF03-BP03")],
    since: "0.2.0",
    title: "RDS DB instances record Performance Insights",
    remediation: "aws rds modify-db-instance --db-instance-identifier DB --enable-performance-insights --performance-insights-retention-period 7",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &RDS_INSTANCE_PERFORMANCE_INSIGHTS;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.rds,
        |region| &region.instances,
        |db| {
            Some(if db.performance_insights_enabled {
                check.pass(
                    db,
                    format!("DB instance {} records Performance Insights", db.id),
                )
            } else {
                check.fail(
                    db,
                    format!("DB instance {} has Performance Insights off", db.id),
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
    fn on_passes_off_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut off = db_instance("legacy");
        off.performance_insights_enabled = false;
        rds(&mut snap).instances = Fetched::Ok(vec![db_instance("orders"), off]);

        let findings = run(&RDS_INSTANCE_PERFORMANCE_INSIGHTS, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("orders", Pass), ("legacy", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "DB instance legacy has Performance Insights off"
        );

        rds(&mut snap).instances = Fetched::Failed(denied("DescribeDBInstances"));
        assert_eq!(
            statuses(&run(&RDS_INSTANCE_PERFORMANCE_INSIGHTS, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
