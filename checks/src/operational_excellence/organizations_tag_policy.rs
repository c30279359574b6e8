use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that the organization attaches at least one tag policy (which defines the allowed tag
    /// keys, their capitalisation and values, e.g. `Owner`, `CostCenter`). One finding for the account.
    ///
    /// ## Why is this bad?
    /// Ownership and cost attribution rest on tags. Without a policy, every team spells them its own
    /// way (`owner`, `Owner`, `team`), and reports that group by tag silently miss resources.
    ///
    /// ## Example
    /// `aws organizations list-policies --filter TAG_POLICY` is empty. Fix: enable the policy type,
    /// `create-policy --type TAG_POLICY`, and attach it to the root or the organizational units.
    ///
    /// ## Not evaluated when
    /// The organization or its tag policies could not be read (a member account may not list them).
    pub ORGANIZATIONS_TAG_POLICY = "organizations_tag_policy",
    pillar: Pillar::OperationalExcellence,
    service: Service::Organizations,
    severity: Severity::Low,
    best_practices: &[indirect("OPS02-BP04")],
    since: "0.3.0",
    title: "A tag policy standardises tags across the organization",
    remediation: "aws organizations enable-policy-type --policy-type TAG_POLICY --root-id ROOT; create-policy --type TAG_POLICY --content file://tags.json; attach-policy --target-id ROOT",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &ORGANIZATIONS_TAG_POLICY;
    let orgs = &ctx.snapshot.organizations;
    let account = ctx.snapshot.account_resource("global");
    match &orgs.organization {
        Fetched::Ok(Some(_)) => {}
        Fetched::Ok(None) => {
            return vec![check.fail(
                &account,
                "the account is in no organization: no tag policy applies",
            )]
        }
        Fetched::Failed(why) => return vec![check.not_evaluated(&account, why)],
    }
    let policies = match &orgs.tag_policies {
        Fetched::Ok(policies) => policies,
        Fetched::Failed(why) => return vec![check.not_evaluated(&account, why)],
    };
    let attached: Vec<&str> = policies
        .iter()
        .filter(|p| matches!(&p.targets, Fetched::Ok(t) if !t.is_empty()))
        .map(|p| p.name.as_str())
        .collect();
    vec![if !attached.is_empty() {
        check.pass(
            &account,
            format!("tag policies attached: {}", attached.join(", ")),
        )
    } else if let Some(why) = policies.iter().find_map(|p| p.targets.gap()) {
        check.not_evaluated(&account, why)
    } else {
        check.fail(&account, "the organization attaches no tag policy")
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    #[test]
    fn attached_passes_none_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        snap.organizations.organization = Fetched::Ok(Some(organization()));
        let findings = run(&ORGANIZATIONS_TAG_POLICY, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Fail)]));
        assert_eq!(
            findings[0].message,
            "the organization attaches no tag policy"
        );

        snap.organizations.tag_policies = Fetched::Ok(vec![org_policy("p-t1", "owner-tags")]);
        let findings = run(&ORGANIZATIONS_TAG_POLICY, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(findings[0].message, "tag policies attached: owner-tags");

        snap.organizations.tag_policies = Fetched::Failed(denied("ListPolicies"));
        assert_eq!(
            statuses(&run(&ORGANIZATIONS_TAG_POLICY, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
