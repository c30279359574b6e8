use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that every DynamoDB table has deletion protection on.
    ///
    /// ## Why is this bad?
    /// Without it one `DeleteTable` call, from a mistaken script, a stack teardown or a
    /// compromised credential, destroys the table and its point-in-time recovery window with it.
    ///
    /// ## Example
    /// `aws dynamodb describe-table --table-name T` shows `"DeletionProtectionEnabled": false`.
    /// Fix: `aws dynamodb update-table --table-name T --deletion-protection-enabled`.
    ///
    /// ## Not evaluated when
    /// The region's tables could not be listed (one finding for the region), or this table could
    /// not be described.
    pub DYNAMODB_TABLE_DELETION_PROTECTION = "dynamodb_table_deletion_protection",
    pillar: Pillar::Security,
    service: Service::Dynamodb,
    severity: Severity::Medium,
    best_practices: &[indirect("SEC08-BP04")],
    since: "0.2.0",
    title: "DynamoDB tables have deletion protection",
    remediation: "aws dynamodb update-table --table-name TABLE --deletion-protection-enabled",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &DYNAMODB_TABLE_DELETION_PROTECTION;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.dynamodb,
        |region| &region.tables,
        |table| {
            Some(match &table.description {
                Fetched::Ok(d) if d.deletion_protection => check.pass(
                    table,
                    format!("table {} has deletion protection", table.name),
                ),
                Fetched::Ok(_) => check.fail(
                    table,
                    format!(
                        "table {} can be deleted: deletion protection is off",
                        table.name
                    ),
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
    fn protected_passes_unprotected_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut open = table("sessions");
        if let Fetched::Ok(description) = &mut open.description {
            description.deletion_protection = false;
        }
        let mut unreadable = table("audit");
        unreadable.description = Fetched::Failed(denied("DescribeTable"));
        dynamodb(&mut snap).tables = Fetched::Ok(vec![table("orders"), open, unreadable]);

        let findings = run(&DYNAMODB_TABLE_DELETION_PROTECTION, &snap);

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
            "table sessions can be deleted: deletion protection is off"
        );
    }
}
