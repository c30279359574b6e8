use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that at least one IAM role, group with members, or user has the AWS managed
    /// policy `AWSSupportAccess`, so someone can open and follow AWS Support cases.
    ///
    /// ## Why is this bad?
    /// During an incident that needs AWS (a service impairment, a quota, a suspected compromise),
    /// the people on call must be able to open a support case at once. When only the root user
    /// or an administrator can, the case waits for them, or the root credentials get used. A
    /// role with `AWSSupportAccess` that responders assume makes the escalation path part of the
    /// incident process (CIS AWS Foundations 1.17).
    ///
    /// ## Example
    /// `aws iam list-entities-for-policy --policy-arn arn:aws:iam::aws:policy/AWSSupportAccess`
    /// lists nothing. Fix: create a role that your responders can assume and attach the policy
    /// (`aws iam attach-role-policy --role-name support --policy-arn
    /// arn:aws:iam::aws:policy/AWSSupportAccess`).
    ///
    /// ## Not evaluated when
    /// The account authorization details could not be read.
    pub IAM_SUPPORT_ROLE = "iam_support_role",
    pillar: Pillar::Security,
    service: Service::Iam,
    severity: Severity::Low,
    best_practices: &[indirect("SEC10-BP01")],
    since: "0.3.0",
    title: "A role can open AWS Support cases",
    remediation: "aws iam attach-role-policy --role-name support --policy-arn arn:aws:iam::aws:policy/AWSSupportAccess",
    evaluate: evaluate,
}

fn is_support_policy(arn: &str) -> bool {
    arn.ends_with(":iam::aws:policy/AWSSupportAccess")
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &IAM_SUPPORT_ROLE;
    let account = ctx.snapshot.account_resource("global");
    let details = match &ctx.snapshot.iam.authorization {
        Fetched::Ok(details) => details,
        Fetched::Failed(why) => return vec![check.not_evaluated(&account, why)],
    };
    let mut holders: Vec<String> = details
        .roles
        .iter()
        .filter(|role| {
            role.attached_policies
                .iter()
                .any(|arn| is_support_policy(arn))
        })
        .map(|role| format!("role {}", role.name))
        .collect();
    holders.extend(
        details
            .groups
            .iter()
            .filter(|group| {
                group
                    .attached_policies
                    .iter()
                    .any(|arn| is_support_policy(arn))
            })
            .filter(|group| details.users.iter().any(|u| u.groups.contains(&group.name)))
            .map(|group| format!("group {}", group.name)),
    );
    holders.extend(
        details
            .users
            .iter()
            .filter(|user| {
                user.attached_policies
                    .iter()
                    .any(|arn| is_support_policy(arn))
            })
            .map(|user| format!("user {}", user.name)),
    );
    vec![if holders.is_empty() {
        check.fail(
            &account,
            "no role, group with members or user has AWSSupportAccess",
        )
    } else {
        check.pass(
            &account,
            format!("AWSSupportAccess is attached to {}", holders.join(", ")),
        )
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::iam::{AuthorizationDetails, Group};
    use crate::testing::*;

    const SUPPORT: &str = "arn:aws:iam::aws:policy/AWSSupportAccess";

    #[test]
    fn support_role_passes_empty_group_does_not_count_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut responders = role("support");
        responders.attached_policies = vec![SUPPORT.into()];
        snap.iam.authorization = Fetched::Ok(AuthorizationDetails {
            roles: vec![role("app"), responders],
            ..AuthorizationDetails::default()
        });
        let findings = run(&IAM_SUPPORT_ROLE, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "AWSSupportAccess is attached to role support"
        );

        snap.iam.authorization = Fetched::Ok(AuthorizationDetails {
            roles: vec![role("app")],
            groups: vec![Group {
                name: "support".into(),
                arn: format!("arn:aws:iam::{ACCOUNT}:group/support"),
                attached_policies: vec![SUPPORT.into()],
                inline_policies: vec![],
            }],
            ..AuthorizationDetails::default()
        });
        assert_eq!(
            statuses(&run(&IAM_SUPPORT_ROLE, &snap)),
            expect(&[(ACCOUNT, Fail)])
        );

        snap.iam.authorization = Fetched::Failed(denied("GetAccountAuthorizationDetails"));
        assert_eq!(
            statuses(&run(&IAM_SUPPORT_ROLE, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
