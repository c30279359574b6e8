use super::policy::Policy;
use crate::catalog::Pillar;
use crate::check::{direct, indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::iam::Role;
use crate::model::{ErrorKind, Fetched, Gap, Service, Snapshot};

declare_check! {
    /// ## What it does
    /// Checks that every IAM role a third party may assume requires an external ID: for each
    /// `Allow` statement of a role's trust policy that names an AWS account outside the
    /// organization (an account id, its `:root`, or a role or user of it), a condition
    /// `sts:ExternalId` with a concrete value (`StringEquals`, `StringLike`, not `…IfExists`).
    /// A statement restricted to the organization (`aws:PrincipalOrgID`,
    /// `aws:PrincipalOrgPaths`) trusts no third party. The organization's accounts are read
    /// with `organizations:ListAccounts`, which answers only the management account and
    /// delegated administrators: outside any organization every account but the scanned one is
    /// a third party; in an organization whose accounts could not be listed, a role trusting
    /// other accounts without an external ID is not evaluated (they may be siblings). A role with a wildcard principal gets no finding here (it is
    /// `iam_role_trust_public`'s), nor do service-linked roles.
    ///
    /// ## Why is this bad?
    /// A vendor that assumes roles in many customers' accounts can be tricked into using its
    /// access on your account on behalf of another customer (the "confused deputy"): the
    /// external ID the vendor gives each customer, required by your trust policy, is how AWS
    /// tells the requests apart. SEC03-BP09 names it for sharing with third parties.
    ///
    /// ## Example
    /// `aws iam get-role --role-name vendor-audit` shows `"Principal": {"AWS":
    /// "arn:aws:iam::999988887777:root"}` and no `Condition`. Fix: add
    /// `"Condition": {"StringEquals": {"sts:ExternalId": "<the id the vendor gave you>"}}` with
    /// `aws iam update-assume-role-policy`.
    ///
    /// ## Not evaluated when
    /// The authorization details could not be read, a role's trust policy is missing from the
    /// answer or is not JSON, a `Condition` is malformed, or the role trusts, without an
    /// external ID, accounts whose membership of the organization could not be read.
    pub IAM_ROLE_TRUST_THIRD_PARTY_EXTERNAL_ID = "iam_role_trust_third_party_external_id",
    pillar: Pillar::Security,
    service: Service::Iam,
    severity: Severity::High,
    best_practices: &[direct("SEC03-BP09"), indirect("SEC03-BP07")],
    since: "0.5.0",
    title: "Roles trusted by accounts outside the organization require an external ID",
    remediation: "Add \"Condition\": {\"StringEquals\": {\"sts:ExternalId\": \"ID\"}} to each statement that trusts a third-party account, then aws iam update-assume-role-policy --role-name ROLE --policy-document file://trust.json.",
    evaluate: evaluate,
}

/// Condition keys that keep a statement inside the organization.
const ORG_KEYS: &[&str] = &["aws:principalorgid", "aws:principalorgpaths"];

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &IAM_ROLE_TRUST_THIRD_PARTY_EXTERNAL_ID;
    let details = match &ctx.snapshot.iam.authorization {
        Fetched::Ok(details) => details,
        Fetched::Failed(gap) => {
            return vec![check.not_evaluated(&ctx.snapshot.account_resource("global"), gap)]
        }
    };
    let ours = Ours::of(ctx.snapshot);
    details
        .roles
        .iter()
        .filter(|role| !role.path.starts_with("/aws-service-role/"))
        .filter_map(|role| {
            Some(match judge(role, &ours).transpose()? {
            Ok(Judged { unguarded, .. }) if !unguarded.is_empty() => match &ours.unknown {
                // In an organization whose accounts could not be listed, an account it trusts
                // may be a sibling: unknown, not a third party.
                Some(why) => check.not_evaluated(
                    role,
                    &Gap {
                        resource: Some(role.name.clone()),
                        message: format!(
                            "whether {} belong to the organization is unknown ({}): scan from the management account or a delegated administrator",
                            unguarded.join(", "),
                            why.message
                        ),
                        ..why.clone()
                    },
                ),
                None => check.fail(
                    role,
                    format!(
                        "role {} trusts {} outside the organization without an sts:ExternalId condition",
                        role.name,
                        unguarded.join(", ")
                    ),
                ),
            },
            Ok(Judged { guarded, .. }) if !guarded.is_empty() => check.pass(
                role,
                format!(
                    "role {} trusts {} outside the organization, each with an sts:ExternalId condition",
                    role.name,
                    guarded.join(", ")
                ),
            ),
            Ok(_) => check.pass(
                role,
                format!("role {} trusts no account outside the organization", role.name),
            ),
            Err(gap) => check.not_evaluated(role, &gap),
        })
        })
        .collect()
}

/// The accounts that are not third parties.
struct Ours {
    accounts: Vec<String>,
    /// Why the organization's accounts are unknown, when the scanned account is (or may be) in
    /// one and `ListAccounts` failed.
    unknown: Option<Gap>,
}

impl Ours {
    fn of(snap: &Snapshot) -> Ours {
        let mut accounts = vec![snap.account_id.clone()];
        if let Fetched::Ok(Some(org)) = &snap.organizations.organization {
            accounts.push(org.management_account_id.clone());
        }
        let unknown = match (&snap.organizations.organization, &snap.organizations.accounts) {
            (_, Fetched::Ok(members)) => {
                accounts.extend(members.iter().cloned());
                None
            }
            // In no organization: every other account is a third party.
            (Fetched::Ok(None), Fetched::Failed(_)) => None,
            (_, Fetched::Failed(gap)) => Some(gap.clone()),
        };
        Ours { accounts, unknown }
    }
}

struct Judged {
    /// "account 999988887777 (statement #1)" without an external ID.
    unguarded: Vec<String>,
    /// The same, with one.
    guarded: Vec<String>,
}

/// `None` for a role that lets anyone in (a wildcard principal): `iam_role_trust_public`
/// judges it.
fn judge(role: &Role, ours: &Ours) -> Result<Option<Judged>, Gap> {
    let gap = |kind, message: String| Gap {
        service: "iam".into(),
        region: None,
        operation: "GetAccountAuthorizationDetails".into(),
        resource: Some(role.name.clone()),
        kind,
        message,
    };
    let Some(document) = &role.assume_role_policy else {
        return Err(gap(
            ErrorKind::Incomplete,
            "the answer has no AssumeRolePolicyDocument".into(),
        ));
    };
    let policy = Policy::parse(document).map_err(|error| {
        gap(
            ErrorKind::Other,
            format!("the trust policy is not valid JSON ({error})"),
        )
    })?;
    let mut judged = Judged {
        unguarded: Vec::new(),
        guarded: Vec::new(),
    };
    for (index, statement) in policy.statements().enumerate() {
        if !statement.allows() {
            continue;
        }
        if statement.principal_is_anyone() {
            return Ok(None);
        }
        let outside: Vec<String> = statement
            .aws_principal_accounts()
            .into_iter()
            .filter(|account| !ours.accounts.contains(account))
            .collect();
        if outside.is_empty() {
            continue;
        }
        let in_org = statement
            .restricted_by_only(ORG_KEYS)
            .map_err(|reason| gap(ErrorKind::Incomplete, reason))?;
        if in_org.is_some() {
            continue;
        }
        let external_id = statement
            .restricted_by_only(&["sts:externalid"])
            .map_err(|reason| gap(ErrorKind::Incomplete, reason))?;
        let named = format!(
            "account {} ({})",
            outside.join(", account "),
            statement.label(index)
        );
        if external_id.is_some() {
            judged.guarded.push(named);
        } else {
            judged.unguarded.push(named);
        }
    }
    Ok(Some(judged))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::iam::AuthorizationDetails;
    use crate::testing::*;

    fn trusting(name: &str, trust: Option<&str>) -> Role {
        let mut role = role(name);
        role.assume_role_policy = trust.map(str::to_string);
        role
    }

    fn trust(principal: &str, condition: &str) -> String {
        format!(
            r#"{{"Statement":[{{"Effect":"Allow","Principal":{{"AWS":{principal}}},"Action":"sts:AssumeRole"{condition}}}]}}"#
        )
    }

    fn roles(snap: &mut Snapshot, roles: Vec<Role>) {
        snap.iam.authorization = Fetched::Ok(AuthorizationDetails {
            roles,
            ..AuthorizationDetails::default()
        });
    }

    #[test]
    fn third_parties_need_an_external_id_the_organization_does_not() {
        let mut snap = snapshot();
        snap.organizations.accounts = Fetched::Ok(vec!["222233334444".into()]);
        let with_id = r#","Condition":{"StringEquals":{"sts:ExternalId":"v-42"}}"#;
        let if_exists = r#","Condition":{"StringEqualsIfExists":{"sts:ExternalId":"v-42"}}"#;
        let org = r#","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-1"}}"#;
        let mut linked = trusting("AWSServiceRoleForX", Some(&trust("\"999988887777\"", "")));
        linked.path = "/aws-service-role/x.amazonaws.com/".into();
        roles(
            &mut snap,
            vec![
                trusting(
                    "vendor",
                    Some(&trust("\"arn:aws:iam::999988887777:root\"", "")),
                ),
                trusting("vendor-id", Some(&trust("\"999988887777\"", with_id))),
                trusting("vendor-maybe", Some(&trust("\"999988887777\"", if_exists))),
                trusting(
                    "sibling",
                    Some(&trust("\"arn:aws:iam::222233334444:role/ci\"", "")),
                ),
                trusting("org-wide", Some(&trust("\"999988887777\"", org))),
                trusting(
                    "self",
                    Some(&trust(&format!("\"arn:aws:iam::{ACCOUNT}:root\""), "")),
                ),
                trusting("anyone", Some(&trust("\"*\"", with_id))),
                trusting("missing", None),
                trusting("garbled", Some("{")),
                linked,
            ],
        );

        let findings = run(&IAM_ROLE_TRUST_THIRD_PARTY_EXTERNAL_ID, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("vendor", Fail),
                ("vendor-id", Pass),
                ("vendor-maybe", Fail),
                ("sibling", Pass),
                ("org-wide", Pass),
                ("self", Pass),
                ("missing", NotEvaluated),
                ("garbled", NotEvaluated),
            ])
        );
        assert_eq!(
            findings[0].message,
            "role vendor trusts account 999988887777 (statement #1) outside the organization without an sts:ExternalId condition"
        );
    }

    #[test]
    fn unknown_organization_accounts_are_not_evaluated_no_organization_means_third_parties() {
        let mut snap = snapshot();
        // A member account: in an organization, its accounts not listable.
        snap.organizations.organization = Fetched::Ok(Some(organization()));
        snap.organizations.accounts = Fetched::Failed(denied("ListAccounts"));
        let sibling = || {
            trusting(
                "sibling",
                Some(&trust("\"arn:aws:iam::222233334444:role/ci\"", "")),
            )
        };
        roles(&mut snap, vec![sibling()]);
        let findings = run(&IAM_ROLE_TRUST_THIRD_PARTY_EXTERNAL_ID, &snap);
        assert_eq!(statuses(&findings), expect(&[("sibling", NotEvaluated)]));
        assert!(
            findings[0].message.contains("belong to the organization is unknown"),
            "{}",
            findings[0].message
        );

        // Outside any organization, the other account is a third party.
        snap.organizations.organization = Fetched::Ok(None);
        assert_eq!(
            statuses(&run(&IAM_ROLE_TRUST_THIRD_PARTY_EXTERNAL_ID, &snap)),
            expect(&[("sibling", Fail)])
        );

        snap.iam.authorization = Fetched::Failed(denied("GetAccountAuthorizationDetails"));
        assert_eq!(
            statuses(&run(&IAM_ROLE_TRUST_THIRD_PARTY_EXTERNAL_ID, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
