use super::plaintext::judge;
use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that no ECS task definition puts a secret in a container's `environment` (plain
    /// text in the task definition, readable by anyone who may describe it) rather than in
    /// `secrets` (a Secrets Manager secret or SSM parameter the agent injects): AWS access keys,
    /// private keys, tokens of a known shape, credentials in a URL, long high-entropy strings, or
    /// a literal value under a name like `*PASSWORD*`, `*SECRET*`, `*TOKEN*`. The finding names
    /// the kind, the container and the variable, and masks the value.
    ///
    /// ## Why is this bad?
    /// Anyone who can read the resource's configuration (a `Describe`/`Get` permission many
    /// roles, auditors and tools have, and which CloudTrail does not treat as a data read) reads
    /// the secret; it also lands in logs, templates, screenshots and tickets, is never rotated,
    /// and cannot be audited.
    ///
    /// ## Example
    /// `"environment": [{"name": "API_TOKEN", "value": "…"}]`. Fix: `"secrets": [{"name":
    /// "API_TOKEN", "valueFrom": "arn:aws:secretsmanager:…"}]`, with `secretsmanager:GetSecretValue`
    /// on the task execution role; register a new revision and deregister the old one.
    ///
    /// ## Not evaluated when
    /// The region's task definitions could not be read.
    pub ECS_TASK_DEFINITION_NO_PLAINTEXT_SECRETS = "ecs_task_definition_no_plaintext_secrets",
    pillar: Pillar::Security,
    service: Service::Ecs,
    severity: Severity::High,
    best_practices: &[direct("SEC02-BP03")],
    since: "0.3.0",
    title: "ECS task definitions pass secrets through secrets, not environment",
    remediation: "Move the value to Secrets Manager or SSM Parameter Store and reference it from the container's secrets (valueFrom); register a new revision and deregister the old ones.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &ECS_TASK_DEFINITION_NO_PLAINTEXT_SECRETS;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.ecs,
        |region| &region.task_definitions,
        |task| {
            let what = format!("task definition {}", task.family_revision());
            Some(judge(check, task, &what, &task.environment_secrets))
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
            let mut item = task_definition(name);
            item.environment_secrets = hits;
            item
        };
        ecs(&mut snap).task_definitions = Fetched::Ok(vec![
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

        let findings = run(&ECS_TASK_DEFINITION_NO_PLAINTEXT_SECRETS, &snap);

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

        ecs(&mut snap).task_definitions = Fetched::Failed(denied("List"));
        assert_eq!(
            statuses(&run(&ECS_TASK_DEFINITION_NO_PLAINTEXT_SECRETS, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
