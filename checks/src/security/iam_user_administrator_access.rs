use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::iam::{AuthorizationDetails, InlinePolicy};
use crate::model::{ErrorKind, Fetched, Gap, Service};

use super::policy::Policy;

declare_check! {
    /// ## What it does
    /// Checks that no IAM user has full administrator access: the AWS managed policy
    /// `AdministratorAccess`, or any policy with a statement allowing action `*` on resource `*`,
    /// attached to the user directly, inline, or through one of its groups. The message says how.
    ///
    /// ## Why is this bad?
    /// An IAM user's long-lived password or keys with full access make every leak a full account
    /// compromise. Administration belongs to roles assumed for the task (IAM Identity Center
    /// permission sets), with MFA and a session that expires.
    ///
    /// ## Example
    /// User `bob` is in group `admins`, which has `AdministratorAccess`. Fix:
    /// `aws iam remove-user-from-group --group-name admins --user-name bob` (or
    /// `aws iam detach-user-policy --user-name bob --policy-arn arn:aws:iam::aws:policy/AdministratorAccess`),
    /// grant bob a scoped policy, and administer through a role.
    ///
    /// ## Not evaluated when
    /// The account authorization details could not be read, or a policy document that could make
    /// the user an administrator is not valid JSON.
    pub IAM_USER_ADMINISTRATOR_ACCESS = "iam_user_administrator_access",
    pillar: Pillar::Security,
    service: Service::Iam,
    severity: Severity::High,
    best_practices: &[direct("SEC03-BP02")],
    since: "0.1.0",
    title: "IAM users do not have full administrator access",
    remediation: "Remove the grant (aws iam detach-user-policy / aws iam remove-user-from-group / aws iam delete-user-policy), give the user only what it needs, and administer through a role (IAM Identity Center).",
    evaluate: evaluate,
}

/// How one user gets full access, and which of the policies it holds could not be parsed.
#[derive(Default)]
struct Grants {
    admin: Vec<String>,
    unparseable: Vec<String>,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &IAM_USER_ADMINISTRATOR_ACCESS;
    let details = match &ctx.snapshot.iam.authorization {
        Fetched::Ok(details) => details,
        Fetched::Failed(why) => {
            return vec![check.not_evaluated(&ctx.snapshot.account_resource("global"), why)]
        }
    };
    details
        .users
        .iter()
        .map(|user| {
            let mut grants = Grants::default();
            grants.add(
                details,
                "directly",
                &user.attached_policies,
                &user.inline_policies,
            );
            for group in user.groups.iter().filter_map(|name| details.group(name)) {
                let via = format!("via group {}", group.name);
                grants.add(
                    details,
                    &via,
                    &group.attached_policies,
                    &group.inline_policies,
                );
            }
            if !grants.admin.is_empty() {
                return check.fail(
                    user,
                    format!(
                        "user {} has full administrator access {}",
                        user.name,
                        grants.admin.join(", ")
                    ),
                );
            }
            if !grants.unparseable.is_empty() {
                let why = Gap {
                    service: "iam".into(),
                    region: None,
                    operation: "GetAccountAuthorizationDetails".into(),
                    resource: Some(user.name.clone()),
                    kind: ErrorKind::Other,
                    message: format!(
                        "policy document is not valid JSON: {}",
                        grants.unparseable.join(", ")
                    ),
                };
                return check.not_evaluated(user, &why);
            }
            check.pass(
                user,
                format!("user {} does not have full administrator access", user.name),
            )
        })
        .collect()
}

impl Grants {
    /// Records what the policies attached to a user or group (reached `via`) grant.
    fn add(
        &mut self,
        details: &AuthorizationDetails,
        via: &str,
        attached: &[String],
        inline: &[InlinePolicy],
    ) {
        for arn in attached {
            if is_administrator_access(arn) {
                self.admin.push(format!("{via} (AdministratorAccess)"));
            } else if let Some(policy) = details.policy(arn) {
                if let Some(document) = &policy.document {
                    self.note(format!("{via} (policy {})", policy.name), document);
                }
            }
        }
        for policy in inline {
            self.note(
                format!("{via} (inline policy {})", policy.name),
                &policy.document,
            );
        }
    }

    fn note(&mut self, how: String, document: &str) {
        match grants_everything(document) {
            Ok(true) => self.admin.push(how),
            Ok(false) => {}
            Err(_) => self.unparseable.push(how),
        }
    }
}

/// The AWS managed `AdministratorAccess` policy, in any partition.
fn is_administrator_access(arn: &str) -> bool {
    arn.starts_with("arn:") && arn.ends_with(":iam::aws:policy/AdministratorAccess")
}

/// Whether a policy document allows every action on every resource.
fn grants_everything(document: &str) -> Result<bool, serde_json::Error> {
    Ok(Policy::parse(document)?
        .statements()
        .any(|statement| statement.grants_everything()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::iam::{Group, ManagedPolicy};
    use crate::testing::*;

    const ADMIN_ARN: &str = "arn:aws:iam::aws:policy/AdministratorAccess";
    const STAR: &str =
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;
    const READ: &str = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["s3:Get*"],"Resource":"*"}}"#;

    fn inline(name: &str, document: &str) -> InlinePolicy {
        InlinePolicy {
            name: name.into(),
            document: document.into(),
        }
    }

    fn group(name: &str, attached: &[&str], inline_policies: Vec<InlinePolicy>) -> Group {
        Group {
            name: name.into(),
            arn: format!("arn:aws:iam::{ACCOUNT}:group/{name}"),
            attached_policies: attached.iter().map(|arn| arn.to_string()).collect(),
            inline_policies,
        }
    }

    fn managed(name: &str, document: &str) -> ManagedPolicy {
        ManagedPolicy {
            arn: format!("arn:aws:iam::{ACCOUNT}:policy/{name}"),
            name: name.into(),
            document: Some(document.into()),
        }
    }

    fn evaluate_details(details: AuthorizationDetails) -> Vec<Finding> {
        let mut snap = snapshot();
        snap.iam.authorization = Fetched::Ok(details);
        run(&IAM_USER_ADMINISTRATOR_ACCESS, &snap)
    }

    #[test]
    fn every_path_to_full_access_fails_and_is_named() {
        let mut direct = user("direct");
        direct.attached_policies = vec![ADMIN_ARN.into()];
        let mut grouped = user("grouped");
        grouped.groups = vec!["admins".into(), "readers".into()];
        let mut inlined = user("inlined");
        inlined.inline_policies = vec![inline("god", STAR)];
        let mut custom = user("custom");
        custom.attached_policies = vec![managed("Everything", STAR).arn];
        let mut group_inline = user("nested");
        group_inline.groups = vec!["ops".into()];
        let details = AuthorizationDetails {
            users: vec![direct, grouped, inlined, custom, group_inline],
            groups: vec![
                group("admins", &[ADMIN_ARN], vec![]),
                group("readers", &[], vec![inline("read", READ)]),
                group("ops", &[], vec![inline("all", STAR)]),
            ],
            roles: vec![],
            policies: vec![managed("Everything", STAR)],
        };

        let findings = evaluate_details(details);

        assert!(findings.iter().all(|f| f.status == Fail), "{findings:#?}");
        let messages: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "user direct has full administrator access directly (AdministratorAccess)",
                "user grouped has full administrator access via group admins (AdministratorAccess)",
                "user inlined has full administrator access directly (inline policy god)",
                "user custom has full administrator access directly (policy Everything)",
                "user nested has full administrator access via group ops (inline policy all)",
            ]
        );
    }

    #[test]
    fn scoped_users_pass() {
        let mut reader = user("reader");
        reader.groups = vec!["readers".into()];
        reader.inline_policies = vec![inline("s3", READ)];
        reader.attached_policies = vec!["arn:aws:iam::aws:policy/ReadOnlyAccess".into()];
        let details = AuthorizationDetails {
            users: vec![user("plain"), reader],
            groups: vec![group("readers", &[], vec![inline("read", READ)])],
            ..AuthorizationDetails::default()
        };

        let findings = evaluate_details(details);

        assert_eq!(
            statuses(&findings),
            expect(&[("plain", Pass), ("reader", Pass)])
        );
        assert_eq!(
            findings[0].message,
            "user plain does not have full administrator access"
        );
    }

    #[test]
    fn unparseable_documents_are_not_evaluated_unless_another_path_is_admin() {
        let mut garbled = user("garbled");
        garbled.inline_policies = vec![inline("broken", "{oops")];
        let mut admin_anyway = user("admin");
        admin_anyway.inline_policies = vec![inline("broken", "{oops")];
        admin_anyway.attached_policies = vec![ADMIN_ARN.into()];
        let details = AuthorizationDetails {
            users: vec![garbled, admin_anyway],
            ..AuthorizationDetails::default()
        };

        let findings = evaluate_details(details);

        assert_eq!(
            statuses(&findings),
            expect(&[("garbled", NotEvaluated), ("admin", Fail)])
        );
        let reason = findings[0].reason.as_deref().unwrap_or_default();
        assert!(
            reason.contains("not valid JSON: directly (inline policy broken)"),
            "{reason}"
        );
    }

    #[test]
    fn unreadable_details_are_one_not_evaluated_finding() {
        let mut snap = snapshot();
        snap.iam.authorization = Fetched::Failed(denied("GetAccountAuthorizationDetails"));

        let findings = run(&IAM_USER_ADMINISTRATOR_ACCESS, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
