use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that every IAM role created by the account (not a service-linked role) was used
    /// within the unused-credential limit (`credential_unused_days`, 90 by default). Roles
    /// younger than the limit pass.
    ///
    /// ## Why is this bad?
    /// A role nobody assumes still carries its permissions and its trust policy: anyone the trust
    /// policy admits (another account, a federated identity provider, a CI system) can use it at
    /// any time. Unused roles are standing access that nobody reviews; removing them shrinks
    /// what an attacker can reach.
    ///
    /// ## Example
    /// `aws iam get-role --role-name NAME` shows a `RoleLastUsed.LastUsedDate` from last year, or
    /// none. Fix: check CloudTrail for `AssumeRole` on it, then detach its policies and
    /// `aws iam delete-role --role-name NAME`.
    ///
    /// ## Not evaluated when
    /// The account authorization details could not be read. IAM tracks role use over the last
    /// 400 days; older use shows as never used.
    pub IAM_ROLE_UNUSED = "iam_role_unused",
    pillar: Pillar::Security,
    service: Service::Iam,
    severity: Severity::Low,
    best_practices: &[direct("SEC03-BP04")],
    since: "0.3.0",
    title: "IAM roles are removed when unused",
    remediation: "Detach the role's policies and delete it: aws iam delete-role --role-name NAME",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &IAM_ROLE_UNUSED;
    let now = ctx.snapshot.collected_at;
    let limit = ctx.settings.credential_unused_days;
    let details = match &ctx.snapshot.iam.authorization {
        Fetched::Ok(details) => details,
        Fetched::Failed(why) => {
            return vec![check.not_evaluated(&ctx.snapshot.account_resource("global"), why)]
        }
    };
    details
        .roles
        .iter()
        .filter(|role| !role.path.starts_with("/aws-service-role/"))
        .map(|role| {
            let name = &role.name;
            let age = role.created.map(|created| (now - created).whole_days());
            match role.last_used {
                Some(used) => {
                    let days = (now - used).whole_days();
                    if days > limit {
                        check.fail(
                            role,
                            format!("role {name} was last used {days} days ago (limit {limit})"),
                        )
                    } else {
                        check.pass(role, format!("role {name} was used {days} day(s) ago"))
                    }
                }
                None => match age {
                    Some(age) if age <= limit => check.pass(
                        role,
                        format!("role {name} was created {age} day(s) ago and not used yet"),
                    ),
                    _ => check.fail(
                        role,
                        format!("role {name} has not been used in IAM's tracking period"),
                    ),
                },
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::iam::AuthorizationDetails;
    use crate::testing::*;

    #[test]
    fn used_or_new_pass_stale_or_never_used_fail_service_linked_skipped() {
        let mut snap = snapshot();
        let mut stale = role("old-ci");
        stale.last_used = days_ago(300);
        let mut never = role("partner-access");
        never.last_used = None;
        let mut new = role("new-app");
        new.last_used = None;
        new.created = days_ago(3);
        let mut linked = role("AWSServiceRoleForSupport");
        linked.path = "/aws-service-role/support.amazonaws.com/".into();
        linked.last_used = None;
        snap.iam.authorization = Fetched::Ok(AuthorizationDetails {
            roles: vec![role("app"), stale, never, new, linked],
            ..AuthorizationDetails::default()
        });

        let findings = run(&IAM_ROLE_UNUSED, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("app", Pass),
                ("old-ci", Fail),
                ("partner-access", Fail),
                ("new-app", Pass)
            ])
        );
        assert_eq!(
            findings[1].message,
            "role old-ci was last used 300 days ago (limit 90)"
        );

        snap.iam.authorization = Fetched::Failed(denied("GetAccountAuthorizationDetails"));
        assert_eq!(
            statuses(&run(&IAM_ROLE_UNUSED, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
