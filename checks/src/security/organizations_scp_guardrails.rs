use crate::catalog::Pillar;
use crate::check::{direct, indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Resource, Service};

declare_check! {
    /// ## What it does
    /// Checks that the account's organization attaches at least one service control policy of
    /// its own (beyond the AWS managed `FullAWSAccess`) to a root, an organizational unit or an
    /// account. One finding for the account.
    ///
    /// ## Why is this bad?
    /// Service control policies are the guardrails no IAM administrator of a member account can
    /// lift: deny leaving the organization, disabling CloudTrail or GuardDuty, using unapproved
    /// regions, deleting backups. With only `FullAWSAccess`, every account is limited by its own
    /// IAM policies alone. (For OPS01-BP03, a proxy: governance requirements turned into
    /// enforced controls.)
    ///
    /// ## Example
    /// `aws organizations list-policies --filter SERVICE_CONTROL_POLICY` lists only
    /// `FullAWSAccess`. Fix: `aws organizations create-policy --type SERVICE_CONTROL_POLICY
    /// --content file://guardrails.json --name guardrails`, then `attach-policy --target-id ROOT`.
    ///
    /// ## Not evaluated when
    /// The organization or its policies could not be read (a member account may not list them:
    /// scan the management account or a delegated administrator).
    pub ORGANIZATIONS_SCP_GUARDRAILS = "organizations_scp_guardrails",
    pillar: Pillar::Security,
    service: Service::Organizations,
    severity: Severity::Medium,
    best_practices: &[direct("SEC03-BP05"), indirect("OPS01-BP03")],
    since: "0.3.0",
    title: "Service control policies set guardrails for the organization",
    remediation: "aws organizations create-policy --type SERVICE_CONTROL_POLICY --content file://guardrails.json --name guardrails; aws organizations attach-policy --policy-id P --target-id ROOT_OR_OU",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &ORGANIZATIONS_SCP_GUARDRAILS;
    let orgs = &ctx.snapshot.organizations;
    let account = ctx.snapshot.account_resource("global");
    let organization = match &orgs.organization {
        Fetched::Ok(Some(organization)) => organization,
        Fetched::Ok(None) => {
            return vec![check.fail(
                &account,
                "the account is in no organization: no service control policy applies",
            )]
        }
        Fetched::Failed(why) => return vec![check.not_evaluated(&account, why)],
    };
    let policies = match &orgs.service_control_policies {
        Fetched::Ok(policies) => policies,
        Fetched::Failed(why) => return vec![check.not_evaluated(&account, why)],
    };
    let custom: Vec<_> = policies.iter().filter(|p| !p.aws_managed).collect();
    let attached: Vec<&str> = custom
        .iter()
        .filter(|p| matches!(&p.targets, Fetched::Ok(t) if !t.is_empty()))
        .map(|p| p.name.as_str())
        .collect();
    // Reported on the account: organization ids differ between organizations of the same shape.
    let label = organization.resource().label();
    if !attached.is_empty() {
        return vec![check.pass(
            &account,
            format!(
                "organization {label} attaches service control policies: {}",
                attached.join(", ")
            ),
        )];
    }
    if let Some(why) = custom.iter().find_map(|p| p.targets.gap()) {
        return vec![check.not_evaluated(&account, why)];
    }
    vec![check.fail(
        &account,
        if custom.is_empty() {
            format!("organization {label} has no service control policy besides FullAWSAccess")
        } else {
            format!("organization {label} attaches none of its service control policies")
        },
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    #[test]
    fn attached_scp_passes_none_or_no_org_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let findings = run(&ORGANIZATIONS_SCP_GUARDRAILS, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Fail)]));

        snap.organizations.organization = Fetched::Ok(Some(organization()));
        let mut full = org_policy("p-FullAWSAccess", "FullAWSAccess");
        full.aws_managed = true;
        let mut detached = org_policy("p-2", "deny-regions");
        detached.targets = Fetched::Ok(vec![]);
        snap.organizations.service_control_policies = Fetched::Ok(vec![full.clone(), detached]);
        let findings = run(&ORGANIZATIONS_SCP_GUARDRAILS, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Fail)]));
        assert_eq!(
            findings[0].message,
            "organization o-abc123 attaches none of its service control policies"
        );

        snap.organizations.service_control_policies =
            Fetched::Ok(vec![full, org_policy("p-1", "guardrails")]);
        let findings = run(&ORGANIZATIONS_SCP_GUARDRAILS, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));

        snap.organizations.service_control_policies = Fetched::Failed(denied("ListPolicies"));
        assert_eq!(
            statuses(&run(&ORGANIZATIONS_SCP_GUARDRAILS, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
