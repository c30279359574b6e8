use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that no IAM user has policies of its own: managed policies attached to the user, or
    /// inline user policies. Permissions should come from the groups the user is in.
    ///
    /// ## Why is this bad?
    /// Permissions granted user by user drift apart, are forgotten when people change jobs, and
    /// cannot be reviewed as a whole. Groups (or Identity Center permission sets) keep access
    /// consistent and easy to revoke.
    ///
    /// ## Example
    /// User `bob` has `AmazonS3FullAccess` attached directly. Fix: add bob to a group holding the
    /// permission (`aws iam add-user-to-group --group-name data --user-name bob`), then
    /// `aws iam detach-user-policy --user-name bob --policy-arn arn:aws:iam::aws:policy/AmazonS3FullAccess`
    /// (inline policies: `aws iam delete-user-policy --user-name bob --policy-name P`).
    ///
    /// ## Not evaluated when
    /// The account authorization details could not be read.
    pub IAM_USER_DIRECT_POLICIES = "iam_user_direct_policies",
    pillar: Pillar::Security,
    service: Service::Iam,
    severity: Severity::Low,
    best_practices: &[direct("SEC02-BP06")],
    since: "0.1.0",
    title: "IAM users get permissions through groups",
    remediation: "Move the permissions to a group (aws iam add-user-to-group), then remove them from the user (aws iam detach-user-policy / aws iam delete-user-policy).",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &IAM_USER_DIRECT_POLICIES;
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
            let policies: Vec<String> = user
                .attached_policies
                .iter()
                .map(|arn| arn.rsplit('/').next().unwrap_or(arn).to_string())
                .chain(
                    user.inline_policies
                        .iter()
                        .map(|policy| format!("inline {}", policy.name)),
                )
                .collect();
            if policies.is_empty() {
                check.pass(
                    user,
                    format!("user {} has no policies of its own", user.name),
                )
            } else {
                check.fail(
                    user,
                    format!(
                        "user {} has policies of its own ({}): grant permissions through groups",
                        user.name,
                        policies.join(", ")
                    ),
                )
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::iam::{AuthorizationDetails, InlinePolicy};
    use crate::testing::*;

    #[test]
    fn users_with_attached_or_inline_policies_fail() {
        let mut snap = snapshot();
        let mut grouped = user("grouped");
        grouped.groups = vec!["data".into()];
        let mut bob = user("bob");
        bob.attached_policies = vec!["arn:aws:iam::aws:policy/AmazonS3FullAccess".into()];
        bob.inline_policies = vec![InlinePolicy {
            name: "extra".into(),
            document: "{}".into(),
        }];
        snap.iam.authorization = Fetched::Ok(AuthorizationDetails {
            users: vec![grouped, bob],
            ..AuthorizationDetails::default()
        });

        let findings = run(&IAM_USER_DIRECT_POLICIES, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("grouped", Pass), ("bob", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "user bob has policies of its own (AmazonS3FullAccess, inline extra): grant permissions through groups"
        );
    }

    #[test]
    fn unreadable_details_are_one_not_evaluated_finding() {
        let mut snap = snapshot();
        snap.iam.authorization = Fetched::Failed(denied("GetAccountAuthorizationDetails"));

        let findings = run(&IAM_USER_DIRECT_POLICIES, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
