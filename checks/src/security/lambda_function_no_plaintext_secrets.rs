use super::plaintext::judge;
use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that no Lambda function's environment variables hold a secret in plain text:
    /// an AWS access key, a private key, a token of a known shape (GitHub, Slack, Stripe, JWT),
    /// credentials in a URL, a long high-entropy string, or a literal value under a name like
    /// `*PASSWORD*`, `*SECRET*`, `*TOKEN*`, `*API_KEY*` (not a reference such as an ARN or
    /// `{{resolve:...}}`). The finding names the kind and the variable and masks the value:
    /// wascan never keeps or prints it.
    ///
    /// ## Why is this bad?
    /// Anyone who can read the resource's configuration (a `Describe`/`Get` permission many
    /// roles, auditors and tools have, and which CloudTrail does not treat as a data read) reads
    /// the secret; it also lands in logs, templates, screenshots and tickets, is never rotated,
    /// and cannot be audited.
    ///
    /// ## Example
    /// `DB_PASSWORD=hunter2` in the function's configuration. Fix: store it in Secrets
    /// Manager (or a SecureString parameter), give the function's role `GetSecretValue` on it,
    /// read it at start-up (or with the Parameters and Secrets Lambda extension), and pass only
    /// its name: `DB_PASSWORD_SECRET_ARN=arn:aws:secretsmanager:…`.
    ///
    /// ## Not evaluated when
    /// The region's functions could not be listed, or the function's environment could not
    /// be read (`Environment.Error`).
    pub LAMBDA_FUNCTION_NO_PLAINTEXT_SECRETS = "lambda_function_no_plaintext_secrets",
    pillar: Pillar::Security,
    service: Service::Lambda,
    severity: Severity::High,
    best_practices: &[direct("SEC02-BP03")],
    since: "0.3.0",
    title: "Lambda functions keep no secrets in plain-text environment variables",
    remediation: "Move the value into Secrets Manager or a SecureString parameter, read it at run time, and keep only its ARN or name in the environment.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &LAMBDA_FUNCTION_NO_PLAINTEXT_SECRETS;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.lambda,
        |region| &region.functions,
        |function| {
            let what = format!("function {}", function.name);
            Some(judge(check, function, &what, &function.environment_secrets))
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
    fn a_secret_fails_masked_none_passes_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let item = |name: &str, hits: Fetched<Vec<crate::secrets::SecretHit>>| {
            let mut item = function(name);
            item.environment_secrets = hits;
            item
        };
        lambda(&mut snap).functions = Fetched::Ok(vec![
            item("clean", Fetched::Ok(vec![])),
            item(
                "leaky",
                Fetched::Ok(vec![
                    secret_hit("AWS access key ID", "here"),
                    secret_hit("password-like value", "there"),
                ]),
            ),
            item("hidden", Fetched::Failed(denied("Read"))),
        ]);

        let findings = run(&LAMBDA_FUNCTION_NO_PLAINTEXT_SECRETS, &snap);

        assert_eq!(
            statuses(&findings).iter().map(|s| s.1).collect::<Vec<_>>(),
            [Pass, Fail, NotEvaluated]
        );
        assert!(
            findings[1].message.ends_with(
                "holds 2 secrets in plain text: AWS access key ID in here: … (12 characters); password-like value in there: … (12 characters)"
            ),
            "{}",
            findings[1].message
        );

        lambda(&mut snap).functions = Fetched::Failed(denied("List"));
        assert_eq!(
            statuses(&run(&LAMBDA_FUNCTION_NO_PLAINTEXT_SECRETS, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
