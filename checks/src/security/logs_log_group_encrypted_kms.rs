use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that every CloudWatch Logs log group is encrypted with a KMS key of the account
    /// rather than only with CloudWatch Logs' own service keys.
    ///
    /// ## Why is this bad?
    /// Logs carry request parameters, user identifiers, sometimes tokens. With service keys,
    /// anyone allowed `logs:GetLogEvents` reads them; with a KMS key, reading also needs
    /// `kms:Decrypt` on that key, which can be restricted, audited in CloudTrail and revoked.
    ///
    /// ## Example
    /// `aws logs describe-log-groups` shows no `kmsKeyId`. Fix: allow the `logs.REGION.amazonaws.com`
    /// principal to use the key in its key policy, then `aws logs associate-kms-key
    /// --log-group-name GROUP --kms-key-id KEY-ARN`.
    ///
    /// ## Not evaluated when
    /// The region's log groups could not be read (one finding for the region).
    pub LOGS_LOG_GROUP_ENCRYPTED_KMS = "logs_log_group_encrypted_kms",
    pillar: Pillar::Security,
    service: Service::Logs,
    severity: Severity::Low,
    best_practices: &[direct("SEC08-BP01")],
    since: "0.2.0",
    title: "CloudWatch Logs log groups are encrypted with a KMS key",
    remediation: "Allow logs.REGION.amazonaws.com to use the key in its key policy, then: aws logs associate-kms-key --log-group-name GROUP --kms-key-id KEY-ARN",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &LOGS_LOG_GROUP_ENCRYPTED_KMS;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.logs,
        |region| &region.log_groups,
        |group| {
            Some(match &group.kms_key_id {
                Some(key) => check.pass(
                    group,
                    format!("log group {} is encrypted with KMS key {key}", group.name),
                ),
                None => check.fail(
                    group,
                    format!(
                        "log group {} is encrypted with service keys only, not a KMS key",
                        group.name
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
    fn kms_passes_service_keys_fail_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut plain = log_group("/app/debug");
        plain.kms_key_id = None;
        logs(&mut snap).log_groups = Fetched::Ok(vec![log_group("/app/api"), plain]);

        let findings = run(&LOGS_LOG_GROUP_ENCRYPTED_KMS, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("/app/api", Pass), ("/app/debug", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "log group /app/debug is encrypted with service keys only, not a KMS key"
        );

        logs(&mut snap).log_groups = Fetched::Failed(denied("DescribeLogGroups"));
        assert_eq!(
            statuses(&run(&LOGS_LOG_GROUP_ENCRYPTED_KMS, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
