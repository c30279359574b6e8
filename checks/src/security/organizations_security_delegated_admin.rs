use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::organizations::SECURITY_SERVICE_PRINCIPALS;
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that GuardDuty, Security Hub and IAM Access Analyzer each have a delegated
    /// administrator account in the organization. One finding per service.
    ///
    /// ## Why is this bad?
    /// A delegated administrator (a dedicated security tooling account) turns the service on for
    /// every member account, new ones included, and sees all their findings in one place, without
    /// anyone working in the management account. Without it, each account is configured and
    /// watched one by one, and the gaps are where attacks go unseen.
    ///
    /// ## Example
    /// `aws organizations list-delegated-administrators --service-principal guardduty.amazonaws.com`
    /// is empty. Fix (from the management account):
    /// `aws guardduty enable-organization-admin-account --admin-account-id SECURITY_ACCOUNT`
    /// (Security Hub and Access Analyzer have the same step).
    ///
    /// ## Not evaluated when
    /// The organization or its delegated administrators could not be read.
    pub ORGANIZATIONS_SECURITY_DELEGATED_ADMIN = "organizations_security_delegated_admin",
    pillar: Pillar::Security,
    service: Service::Organizations,
    severity: Severity::Medium,
    best_practices: &[direct("SEC01-BP01")],
    since: "0.3.0",
    title: "Security services are administered from a delegated security account",
    remediation: "From the management account: aws guardduty enable-organization-admin-account --admin-account-id SECURITY_ACCOUNT (likewise securityhub enable-organization-admin-account, organizations register-delegated-administrator for access-analyzer.amazonaws.com)",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &ORGANIZATIONS_SECURITY_DELEGATED_ADMIN;
    let orgs = &ctx.snapshot.organizations;
    let account = ctx.snapshot.account_resource("global");
    match &orgs.organization {
        Fetched::Ok(Some(_)) => {}
        Fetched::Ok(None) => {
            return vec![check.fail(
                &account,
                "the account is in no organization: no delegated security administrator",
            )]
        }
        Fetched::Failed(why) => return vec![check.not_evaluated(&account, why)],
    }
    SECURITY_SERVICE_PRINCIPALS
        .iter()
        .filter_map(|principal| {
            let service = principal.trim_end_matches(".amazonaws.com");
            let mut resource = account.clone();
            resource.arn = format!("{}/{principal}", account.arn);
            resource.id = format!("{}/{service}", ctx.snapshot.account_id);
            resource.name = Some(service.to_string());
            Some(match orgs.delegated_administrators.get(*principal)? {
                Fetched::Ok(admins) if admins.is_empty() => check.fail(
                    &resource,
                    format!("{service} has no delegated administrator"),
                ),
                Fetched::Ok(admins) => check.pass(
                    &resource,
                    format!(
                        "{service} is administered from account {}",
                        admins.join(", ")
                    ),
                ),
                Fetched::Failed(why) => check.not_evaluated(&resource, why),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    #[test]
    fn delegated_passes_missing_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        assert_eq!(
            statuses(&run(&ORGANIZATIONS_SECURITY_DELEGATED_ADMIN, &snap)),
            expect(&[(ACCOUNT, Fail)])
        );

        snap.organizations.organization = Fetched::Ok(Some(organization()));
        let admins = &mut snap.organizations.delegated_administrators;
        admins.insert(
            "guardduty.amazonaws.com".into(),
            Fetched::Ok(vec!["210987654321".into()]),
        );
        admins.insert(
            "access-analyzer.amazonaws.com".into(),
            Fetched::Failed(denied("ListDelegatedAdministrators")),
        );

        let findings = run(&ORGANIZATIONS_SECURITY_DELEGATED_ADMIN, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("guardduty", Pass),
                ("securityhub", Fail),
                ("access-analyzer", NotEvaluated)
            ])
        );
        assert_eq!(
            findings[0].message,
            "guardduty is administered from account 210987654321"
        );
        assert_eq!(
            findings[1].message,
            "securityhub has no delegated administrator"
        );
    }
}
