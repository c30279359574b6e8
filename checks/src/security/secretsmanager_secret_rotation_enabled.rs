use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that every Secrets Manager secret has automatic rotation turned on.
    ///
    /// ## Why is this bad?
    /// A secret that never changes stays valid for as long as it exists: a copy leaked in a log,
    /// a laptop or a former employee's notes keeps working. Rotating on a schedule limits how long
    /// a leaked secret is useful, and proves the rotation path works before an incident needs it.
    ///
    /// ## Example
    /// `aws secretsmanager list-secrets` shows `"RotationEnabled": false` (or no such field).
    /// Fix: `aws secretsmanager rotate-secret --secret-id S --rotation-lambda-arn FUNCTION_ARN
    /// --rotation-rules AutomaticallyAfterDays=30` (RDS and other managed credentials can use
    /// the AWS-provided rotation functions, or managed rotation).
    ///
    /// ## Not evaluated when
    /// The region's secrets could not be listed (one finding for the region).
    pub SECRETSMANAGER_SECRET_ROTATION_ENABLED = "secretsmanager_secret_rotation_enabled",
    pillar: Pillar::Security,
    service: Service::Secretsmanager,
    severity: Severity::Medium,
    best_practices: &[direct("SEC02-BP05")],
    since: "0.2.0",
    title: "Secrets Manager secrets are rotated automatically",
    remediation: "aws secretsmanager rotate-secret --secret-id SECRET --rotation-lambda-arn FUNCTION_ARN --rotation-rules AutomaticallyAfterDays=30",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &SECRETSMANAGER_SECRET_ROTATION_ENABLED;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.secretsmanager,
        |region| &region.secrets,
        |secret| {
            Some(
                match (secret.rotation_enabled, secret.rotation_interval_days) {
                    (true, Some(days)) => check.pass(
                        secret,
                        format!("secret {} is rotated every {days} days", secret.name),
                    ),
                    (true, None) => check.pass(
                        secret,
                        format!("secret {} is rotated automatically", secret.name),
                    ),
                    (false, _) => check.fail(
                        secret,
                        format!("secret {} is never rotated automatically", secret.name),
                    ),
                },
            )
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
    fn rotation_passes_none_fails_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        let mut manual = secret("api-token");
        manual.rotation_enabled = false;
        manual.rotation_interval_days = None;
        secretsmanager(&mut snap).secrets = Fetched::Ok(vec![secret("prod/db"), manual]);

        let findings = run(&SECRETSMANAGER_SECRET_ROTATION_ENABLED, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("prod/db", Pass), ("api-token", Fail)])
        );
        assert_eq!(
            findings[0].message,
            "secret prod/db is rotated every 30 days"
        );
        assert_eq!(
            findings[1].message,
            "secret api-token is never rotated automatically"
        );

        secretsmanager(&mut snap).secrets = Fetched::Failed(denied("ListSecrets"));
        assert_eq!(
            statuses(&run(&SECRETSMANAGER_SECRET_ROTATION_ENABLED, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
