use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that every DynamoDB table has point-in-time recovery (continuous backups) on.
    ///
    /// ## Why is this bad?
    /// Without it the only way back from a bad deploy, a buggy batch job or an accidental
    /// `DeleteItem` loop is an on-demand backup someone remembered to take. With it, the table can
    /// be restored to any second of the last 35 days.
    ///
    /// ## Example
    /// `aws dynamodb describe-continuous-backups --table-name T` shows
    /// `"PointInTimeRecoveryStatus": "DISABLED"`. Fix: `aws dynamodb update-continuous-backups
    /// --table-name T --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true`.
    ///
    /// ## Not evaluated when
    /// The region's tables could not be listed (one finding for the region), or this table's
    /// continuous backups could not be read.
    pub DYNAMODB_TABLE_POINT_IN_TIME_RECOVERY = "dynamodb_table_point_in_time_recovery",
    pillar: Pillar::Reliability,
    service: Service::Dynamodb,
    severity: Severity::Medium,
    best_practices: &[direct("REL09-BP03")],
    since: "0.2.0",
    title: "DynamoDB tables have point-in-time recovery",
    remediation: "aws dynamodb update-continuous-backups --table-name TABLE --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &DYNAMODB_TABLE_POINT_IN_TIME_RECOVERY;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.dynamodb,
        |region| &region.tables,
        |table| {
            Some(match &table.point_in_time_recovery {
                Fetched::Ok(true) => check.pass(
                    table,
                    format!("table {} has point-in-time recovery", table.name),
                ),
                Fetched::Ok(false) => check.fail(
                    table,
                    format!("table {} has point-in-time recovery off", table.name),
                ),
                Fetched::Failed(why) => check.not_evaluated(table, why),
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    #[test]
    fn enabled_passes_disabled_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut off = table("sessions");
        off.point_in_time_recovery = Fetched::Ok(false);
        let mut unreadable = table("audit");
        unreadable.point_in_time_recovery = Fetched::Failed(denied("DescribeContinuousBackups"));
        dynamodb(&mut snap).tables = Fetched::Ok(vec![table("orders"), off, unreadable]);

        let findings = run(&DYNAMODB_TABLE_POINT_IN_TIME_RECOVERY, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("orders", Pass),
                ("sessions", Fail),
                ("audit", NotEvaluated)
            ])
        );
        assert_eq!(
            findings[1].message,
            "table sessions has point-in-time recovery off"
        );

        dynamodb(&mut snap).tables = Fetched::Failed(denied("ListTables"));
        assert_eq!(
            statuses(&run(&DYNAMODB_TABLE_POINT_IN_TIME_RECOVERY, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
