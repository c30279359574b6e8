use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that every DynamoDB table is encrypted with a KMS key (AWS managed
    /// `alias/aws/dynamodb` or customer managed) rather than the default AWS owned key.
    ///
    /// ## Why is this bad?
    /// Every table is encrypted at rest, but with an AWS owned key its use appears nowhere in
    /// the account: no CloudTrail record of who decrypted what, and no key policy to restrict or
    /// revoke access. A KMS key makes access to the data auditable and controllable.
    ///
    /// ## Example
    /// `aws dynamodb describe-table --table-name T` shows no `SSEDescription`. Fix:
    /// `aws dynamodb update-table --table-name T --sse-specification
    /// Enabled=true,SSEType=KMS,KMSMasterKeyId=alias/dynamodb` (or leave out the key id for the
    /// AWS managed key).
    ///
    /// ## Not evaluated when
    /// The region's tables could not be listed (one finding for the region), or this table could
    /// not be described.
    pub DYNAMODB_TABLE_ENCRYPTED_KMS = "dynamodb_table_encrypted_kms",
    pillar: Pillar::Security,
    service: Service::Dynamodb,
    severity: Severity::Low,
    best_practices: &[direct("SEC08-BP01")],
    since: "0.2.0",
    title: "DynamoDB tables are encrypted with a KMS key",
    remediation: "aws dynamodb update-table --table-name TABLE --sse-specification Enabled=true,SSEType=KMS,KMSMasterKeyId=alias/dynamodb",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &DYNAMODB_TABLE_ENCRYPTED_KMS;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.dynamodb,
        |region| &region.tables,
        |table| {
            Some(match &table.description {
                Fetched::Ok(description) => match &description.kms_key_arn {
                    Some(key) => check.pass(
                        table,
                        format!("table {} is encrypted with KMS key {key}", table.name),
                    ),
                    None => check.fail(
                        table,
                        format!(
                            "table {} is encrypted with an AWS owned key, outside the account's control",
                            table.name
                        ),
                    ),
                },
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
    fn kms_passes_aws_owned_fails_undescribed_is_not_evaluated() {
        let mut snap = snapshot();
        let mut owned = table("sessions");
        if let Fetched::Ok(description) = &mut owned.description {
            description.kms_key_arn = None;
        }
        let mut unreadable = table("audit");
        unreadable.description = Fetched::Failed(denied("DescribeTable"));
        dynamodb(&mut snap).tables = Fetched::Ok(vec![table("orders"), owned, unreadable]);

        let findings = run(&DYNAMODB_TABLE_ENCRYPTED_KMS, &snap);

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
            "table sessions is encrypted with an AWS owned key, outside the account's control"
        );
    }
}
