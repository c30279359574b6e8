use super::plaintext::judge;
use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that no Systems Manager `String` or `StringList` parameter holds a secret: AWS
    /// access keys, private keys, tokens of a known shape, credentials in a URL, long
    /// high-entropy strings, or a literal value in a parameter named like `*password*`,
    /// `*secret*`, `*token*`. `SecureString` parameters pass (encrypted with KMS; their values
    /// are not read). The finding names the kind and masks the value.
    ///
    /// ## Why is this bad?
    /// Anyone who can read the resource's configuration (a `Describe`/`Get` permission many
    /// roles, auditors and tools have, and which CloudTrail does not treat as a data read) reads
    /// the secret; it also lands in logs, templates, screenshots and tickets, is never rotated,
    /// and cannot be audited.
    ///
    /// ## Example
    /// `/prod/db/password` of type `String`. Fix: `aws ssm put-parameter --name /prod/db/password
    /// --type SecureString --overwrite --value …` (or move it to Secrets Manager) and rotate it.
    ///
    /// ## Not evaluated when
    /// The region's parameters, or this parameter's value, could not be read.
    pub SSM_PARAMETER_NO_PLAINTEXT_SECRETS = "ssm_parameter_no_plaintext_secrets",
    pillar: Pillar::Security,
    service: Service::Ssm,
    severity: Severity::High,
    best_practices: &[direct("SEC02-BP03")],
    since: "0.3.0",
    title: "SSM parameters holding secrets are SecureString",
    remediation: "Recreate the parameter as SecureString (aws ssm put-parameter --type SecureString --overwrite) or move it to Secrets Manager, then rotate the secret.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &SSM_PARAMETER_NO_PLAINTEXT_SECRETS;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.ssm,
        |region| &region.parameters,
        |parameter| {
            if parameter.parameter_type.as_deref() == Some("SecureString") {
                return Some(check.pass(
                    parameter,
                    format!("parameter {} is a SecureString", parameter.name),
                ));
            }
            let what = format!("parameter {}", parameter.name);
            Some(judge(check, parameter, &what, &parameter.secrets))
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
            let mut item = ssm_parameter(name);
            item.secrets = hits;
            item
        };
        ssm(&mut snap).parameters = Fetched::Ok(vec![
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

        let findings = run(&SSM_PARAMETER_NO_PLAINTEXT_SECRETS, &snap);

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

        ssm(&mut snap).parameters = Fetched::Failed(denied("List"));
        assert_eq!(
            statuses(&run(&SSM_PARAMETER_NO_PLAINTEXT_SECRETS, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
