use super::policy::Policy;
use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::iam::InlinePolicy;
use crate::model::{ErrorKind, Fetched, Gap, Resource, Service};

declare_check! {
    /// ## What it does
    /// Checks that no inline policy of an IAM role or group allows every action on every
    /// resource (`"Effect": "Allow"`, `"Action": "*"`, `"Resource": "*"`). One finding per role
    /// and group with inline policies; service-linked roles are skipped (AWS writes their
    /// policies). Users' inline policies are `iam_user_administrator_access`'s.
    ///
    /// ## Why is this bad?
    /// An inline policy lives inside one role or group, out of sight of the policy list: a
    /// blanket grant there is full administrator access nobody reviews, handed to every
    /// workload or person that assumes the role or joins the group (SEC03-BP02).
    ///
    /// ## Example
    /// `aws iam get-role-policy --role-name ci --policy-name all` shows `"Action": "*"` on
    /// `"Resource": "*"`. Fix: replace it with a scoped managed policy, then
    /// `aws iam delete-role-policy --role-name ci --policy-name all`.
    ///
    /// ## Not evaluated when
    /// The authorization details could not be read, or an inline policy is not JSON.
    pub IAM_INLINE_POLICY_ADMINISTRATIVE_PRIVILEGES = "iam_inline_policy_administrative_privileges",
    pillar: Pillar::Security,
    service: Service::Iam,
    severity: Severity::High,
    best_practices: &[direct("SEC03-BP02")],
    since: "0.5.0",
    title: "Inline policies of IAM roles and groups do not grant every action on every resource",
    remediation: "Replace the inline policy with a scoped managed policy, then aws iam delete-role-policy / delete-group-policy.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &IAM_INLINE_POLICY_ADMINISTRATIVE_PRIVILEGES;
    let details = match &ctx.snapshot.iam.authorization {
        Fetched::Ok(details) => details,
        Fetched::Failed(gap) => {
            return vec![check.not_evaluated(&ctx.snapshot.account_resource("global"), gap)]
        }
    };
    let roles = details
        .roles
        .iter()
        .filter(|role| !role.path.starts_with("/aws-service-role/"))
        .filter(|role| !role.inline_policies.is_empty())
        .map(|role| judge(role, &format!("role {}", role.name), &role.inline_policies));
    let groups = details
        .groups
        .iter()
        .filter(|group| !group.inline_policies.is_empty())
        .map(|group| {
            judge(
                group,
                &format!("group {}", group.name),
                &group.inline_policies,
            )
        });
    roles.chain(groups).collect()
}

fn judge(holder: &impl Resource, what: &str, inline: &[InlinePolicy]) -> Finding {
    let check = &IAM_INLINE_POLICY_ADMINISTRATIVE_PRIVILEGES;
    let mut everything = Vec::new();
    for policy in inline {
        match Policy::parse(&policy.document) {
            Ok(parsed) => {
                if parsed.statements().any(|s| s.grants_everything()) {
                    everything.push(policy.name.clone());
                }
            }
            Err(error) => {
                let gap = Gap {
                    service: "iam".into(),
                    region: None,
                    operation: "GetAccountAuthorizationDetails".into(),
                    resource: Some(format!("{what} inline policy {}", policy.name)),
                    kind: ErrorKind::Other,
                    message: format!("the policy is not valid JSON ({error})"),
                };
                return check.not_evaluated(holder, &gap);
            }
        }
    }
    if everything.is_empty() {
        check.pass(
            holder,
            format!("{what}'s inline policies grant no blanket access"),
        )
    } else {
        check.fail(
            holder,
            format!(
                "{what}'s inline policy {} allows every action on every resource",
                everything.join(", ")
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::iam::{AuthorizationDetails, Group};
    use crate::testing::*;

    const ADMIN: &str = r#"{"Statement":[{"Effect":"Allow","Action":["*"],"Resource":"*"}]}"#;
    const SCOPED: &str = r#"{"Statement":[{"Effect":"Allow","Action":"logs:*","Resource":"*"}]}"#;

    fn inline(name: &str, document: &str) -> InlinePolicy {
        InlinePolicy {
            name: name.into(),
            document: document.into(),
        }
    }

    #[test]
    fn blanket_inline_grants_fail_scoped_pass_unparseable_not_evaluated() {
        let mut snap = snapshot();
        let with = |name: &str, policies: Vec<InlinePolicy>| {
            let mut role = role(name);
            role.inline_policies = policies;
            role
        };
        let mut linked = with("AWSServiceRoleForX", vec![inline("all", ADMIN)]);
        linked.path = "/aws-service-role/x.amazonaws.com/".into();
        snap.iam.authorization = Fetched::Ok(AuthorizationDetails {
            roles: vec![
                with("ci", vec![inline("logs", SCOPED), inline("all", ADMIN)]),
                with("app", vec![inline("logs", SCOPED)]),
                with("plain", vec![]),
                with("garbled", vec![inline("bad", "{")]),
                linked,
            ],
            groups: vec![Group {
                name: "ops".into(),
                arn: format!("arn:aws:iam::{ACCOUNT}:group/ops"),
                attached_policies: vec![],
                inline_policies: vec![inline("all", ADMIN)],
            }],
            ..AuthorizationDetails::default()
        });

        let findings = run(&IAM_INLINE_POLICY_ADMINISTRATIVE_PRIVILEGES, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("ci", Fail),
                ("app", Pass),
                ("garbled", NotEvaluated),
                ("ops", Fail),
            ])
        );
        assert_eq!(
            findings[0].message,
            "role ci's inline policy all allows every action on every resource"
        );
    }
}
