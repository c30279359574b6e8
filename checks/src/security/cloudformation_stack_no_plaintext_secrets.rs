use super::plaintext::judge;
use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that no CloudFormation stack shows a secret in plain text in its parameter
    /// values (a parameter without `NoEcho`; a `NoEcho` one reads `****`) or its outputs: AWS
    /// access keys, private keys, tokens of a known shape, credentials in a URL, long
    /// high-entropy strings, or a literal value under a name like `*Password*`, `*Secret*`,
    /// `*Token*`. The finding names the kind and the parameter or output, and masks the value.
    ///
    /// ## Why is this bad?
    /// Anyone who can read the resource's configuration (a `Describe`/`Get` permission many
    /// roles, auditors and tools have, and which CloudTrail does not treat as a data read) reads
    /// the secret; it also lands in logs, templates, screenshots and tickets, is never rotated,
    /// and cannot be audited.
    ///
    /// ## Example
    /// A parameter `DbPassword` without `NoEcho: true`, or an output `AdminKey` holding an
    /// access key. Fix: use a dynamic reference (`{{resolve:secretsmanager:db:SecretString:password}}`)
    /// or `NoEcho: true` on the parameter, drop the output, and rotate the exposed secret.
    ///
    /// ## Not evaluated when
    /// The region's stacks could not be described.
    pub CLOUDFORMATION_STACK_NO_PLAINTEXT_SECRETS = "cloudformation_stack_no_plaintext_secrets",
    pillar: Pillar::Security,
    service: Service::Cloudformation,
    severity: Severity::High,
    best_practices: &[direct("SEC02-BP03")],
    since: "0.3.0",
    title: "CloudFormation stacks show no secrets in parameters or outputs",
    remediation: "Use {{resolve:secretsmanager:...}} dynamic references or NoEcho parameters, remove secret outputs, update the stack, and rotate the exposed secret.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &CLOUDFORMATION_STACK_NO_PLAINTEXT_SECRETS;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.cloudformation,
        |region| &region.stacks,
        |stack| {
            let what = format!("stack {}", stack.name);
            Some(judge(check, stack, &what, &stack.secrets))
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
            let mut item = stack(name);
            item.secrets = hits;
            item
        };
        cloudformation(&mut snap).stacks = Fetched::Ok(vec![
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

        let findings = run(&CLOUDFORMATION_STACK_NO_PLAINTEXT_SECRETS, &snap);

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

        cloudformation(&mut snap).stacks = Fetched::Failed(denied("List"));
        assert_eq!(
            statuses(&run(&CLOUDFORMATION_STACK_NO_PLAINTEXT_SECRETS, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
