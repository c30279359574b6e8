use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that the scanned account is a member (or the management account) of an AWS
    /// Organizations organization. One finding for the account.
    ///
    /// ## Why is this bad?
    /// An organization gives one bill for every account, shared volume discounts and Savings Plans,
    /// cost reporting per account and organizational unit, and the guardrails (service control and tag
    /// policies) that keep spending in check. A standalone account has none of them.
    ///
    /// ## Example
    /// `aws organizations describe-organization` fails with `AWSOrganizationsNotInUseException`. Fix:
    /// `aws organizations create-organization --feature-set ALL`, or join the existing one.
    ///
    /// ## Not evaluated when
    /// The organization could not be read.
    pub ORGANIZATIONS_IN_USE = "organizations_in_use",
    pillar: Pillar::CostOptimization,
    service: Service::Organizations,
    severity: Severity::Medium,
    best_practices: &[direct("COST02-BP03")],
    since: "0.3.0",
    title: "The account belongs to an AWS Organizations organization",
    remediation: "Create an organization (aws organizations create-organization) or accept an invitation to join one (aws organizations accept-handshake)",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &ORGANIZATIONS_IN_USE;
    let account = ctx.snapshot.account_resource("global");
    vec![match &ctx.snapshot.organizations.organization {
        Fetched::Ok(Some(org)) => check.pass(
            &account,
            format!(
                "the account is in organization {} (management account {}, feature set {})",
                org.id, org.management_account_id, org.feature_set
            ),
        ),
        Fetched::Ok(None) => check.fail(
            &account,
            "the account is in no AWS Organizations organization",
        ),
        Fetched::Failed(why) => check.not_evaluated(&account, why),
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    #[test]
    fn member_passes_standalone_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        assert_eq!(
            statuses(&run(&ORGANIZATIONS_IN_USE, &snap)),
            expect(&[(ACCOUNT, Fail)])
        );
        snap.organizations.organization = Fetched::Ok(Some(organization()));
        let findings = run(&ORGANIZATIONS_IN_USE, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "the account is in organization o-abc123 (management account 123456789012, feature set ALL)"
        );
        snap.organizations.organization = Fetched::Failed(denied("DescribeOrganization"));
        assert_eq!(
            statuses(&run(&ORGANIZATIONS_IN_USE, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
