use super::resource_policy::{judge, Source};
use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that no Secrets Manager secret's resource policy (`GetResourcePolicy`) lets
    /// anyone (`"Principal": "*"`, `{"AWS": "*"}`, or an `Allow` with `NotPrincipal`) in without
    /// a condition that restricts who: `aws:PrincipalOrgID`, `aws:PrincipalAccount`,
    /// `aws:SourceVpce` and the others of the policy evaluator, under a positive operator with a
    /// value other than `*`.
    ///
    /// ## Why is this bad?
    /// A secret is a credential: a policy open to every AWS principal lets any account call
    /// `GetSecretValue` and walk in with it.
    ///
    /// ## Example
    /// `{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "secretsmanager:GetSecretValue",
    /// "Resource": "*"}`. Fix: name the roles that need it (or add an `aws:PrincipalOrgID`
    /// condition), then `aws secretsmanager put-resource-policy --block-public-policy`.
    ///
    /// ## Not evaluated when
    /// The region's secrets, or this secret's policy, could not be read; the policy is not
    /// JSON, a statement lacks `Effect` or `Principal`, or a `Condition` is malformed.
    pub SECRETSMANAGER_SECRET_POLICY_PUBLIC = "secretsmanager_secret_policy_public",
    pillar: Pillar::Security,
    service: Service::Secretsmanager,
    severity: Severity::High,
    best_practices: &[direct("SEC03-BP07")],
    since: "0.3.0",
    title: "Secrets Manager resource policies do not let anyone read the secret",
    remediation: "Name the principals or add an aws:PrincipalOrgID condition, then aws secretsmanager put-resource-policy --secret-id S --resource-policy file://policy.json --block-public-policy.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &SECRETSMANAGER_SECRET_POLICY_PUBLIC;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.secretsmanager,
        |region| &region.secrets,
        |secret| {
            let source = Source {
                service: Service::Secretsmanager,
                region: Some(&secret.region),
                operation: "GetResourcePolicy",
                resource: &secret.name,
            };
            let what = format!("secret {}", secret.name);
            Some(judge(check, secret, &what, &secret.policy, &source, &[]))
        },
    )
}

#[cfg(test)]
mod tests {
    use super::super::resource_policy::testing::assert_policy_check;
    use super::*;
    use crate::model::Fetched;
    use crate::testing::*;

    #[test]
    fn open_fails_restricted_named_or_none_passes_unknown_is_not_evaluated() {
        assert_policy_check(
            &SECRETSMANAGER_SECRET_POLICY_PUBLIC,
            |snap, items| {
                secretsmanager(snap).secrets = match items {
                    Fetched::Ok(items) => Fetched::Ok(
                        items
                            .into_iter()
                            .map(|(name, policy)| {
                                let mut item = secret(name);
                                item.policy = policy;
                                item
                            })
                            .collect(),
                    ),
                    Fetched::Failed(gap) => Fetched::Failed(gap),
                }
            },
            "secret",
            "GetResourcePolicy",
        );
    }
}
