use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that no AWS RAM resource share the account owns is shared with a principal outside
    /// its organization: RAM marks each principal association `external` when the principal
    /// (an account, or a role or user of one) is not in the share owner's organization. A share
    /// that allows external principals but has none passes, with the setting named.
    ///
    /// ## Why is this bad?
    /// A share outside the organization hands subnets, transit gateways, Route 53 Resolver rules,
    /// license configurations or private CAs to an account whose guardrails (SCPs, GuardDuty,
    /// CloudTrail) are not yours; one mistyped account id shares your network with a stranger.
    ///
    /// ## Example
    /// `aws ram get-resource-share-associations --association-type PRINCIPAL` shows
    /// `"external": true`. Fix: `aws ram disassociate-resource-share --principals ACCOUNT`, and
    /// `aws ram update-resource-share --no-allow-external-principals`; share with the
    /// organization or its OUs instead.
    ///
    /// ## Not evaluated when
    /// The region's shares, or a share's principals, could not be read, or RAM's answer lacked
    /// `external` for an association.
    pub RAM_RESOURCE_SHARE_EXTERNAL = "ram_resource_share_external",
    pillar: Pillar::Security,
    service: Service::Ram,
    severity: Severity::High,
    best_practices: &[direct("SEC03-BP08"), direct("SEC03-BP07")],
    since: "0.3.0",
    title: "RAM resource shares stay within the organization",
    remediation: "Disassociate the external principals (aws ram disassociate-resource-share) and turn off external sharing (aws ram update-resource-share --no-allow-external-principals); share with the organization or OUs.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &RAM_RESOURCE_SHARE_EXTERNAL;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.ram,
        |region| &region.shares,
        |share| {
            if !share.is_live() {
                return None;
            }
            let principals = match &share.principals {
                Fetched::Ok(principals) => principals,
                Fetched::Failed(gap) => return Some(check.not_evaluated(share, gap)),
            };
            let mut external = Vec::new();
            for principal in principals.iter().filter(|p| p.is_active()) {
                match principal.external {
                    Some(true) => external.push(principal.principal.clone()),
                    Some(false) => {}
                    None => {
                        let gap = crate::model::Gap::missing_on(
                            Service::Ram,
                            &share.region,
                            "GetResourceShareAssociations",
                            &share.name,
                            "external",
                        );
                        return Some(check.not_evaluated(share, &gap));
                    }
                }
            }
            Some(if external.is_empty() {
                let setting = match share.allow_external_principals {
                    Some(true) => " (it allows external principals: none is associated)",
                    _ => "",
                };
                check.pass(
                    share,
                    format!(
                        "share {} is shared only within the organization{setting}",
                        share.name
                    ),
                )
            } else {
                check.fail(
                    share,
                    format!(
                        "share {} is shared outside the organization with {}",
                        share.name,
                        external.join(", ")
                    ),
                )
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::ram::SharePrincipal;
    use crate::testing::*;

    fn principal(id: &str, external: Option<bool>, status: &str) -> SharePrincipal {
        SharePrincipal {
            principal: id.into(),
            status: Some(status.into()),
            external,
        }
    }

    #[test]
    fn external_principals_fail_internal_pass_unknown_is_not_evaluated() {
        let mut snap = snapshot();
        let share = |name: &str, principals: Vec<SharePrincipal>| {
            let mut share = resource_share(name);
            share.principals = Fetched::Ok(principals);
            share
        };
        let mut deleted = share(
            "old",
            vec![principal("999999999999", Some(true), "ASSOCIATED")],
        );
        deleted.status = Some("DELETED".into());
        let mut hidden = resource_share("hidden");
        hidden.principals = Fetched::Failed(denied("GetResourceShareAssociations"));
        ram(&mut snap).shares = Fetched::Ok(vec![
            share(
                "org",
                vec![principal(
                    "arn:aws:organizations::1:organization/o-1",
                    Some(false),
                    "ASSOCIATED",
                )],
            ),
            share(
                "partner",
                vec![
                    principal("111122223333", Some(false), "ASSOCIATED"),
                    principal("999999999999", Some(true), "ASSOCIATED"),
                    principal("888888888888", Some(true), "DISASSOCIATED"),
                ],
            ),
            share("vague", vec![principal("777777777777", None, "ASSOCIATED")]),
            deleted,
            hidden,
        ]);

        let findings = run(&RAM_RESOURCE_SHARE_EXTERNAL, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("org", Pass),
                ("partner", Fail),
                ("vague", NotEvaluated),
                ("hidden", NotEvaluated),
            ])
        );
        assert_eq!(
            findings[1].message,
            "share partner is shared outside the organization with 999999999999"
        );
        assert_eq!(
            findings[0].message,
            "share org is shared only within the organization (it allows external principals: none is associated)"
        );
        ram(&mut snap).shares = Fetched::Failed(denied("GetResourceShares"));
        assert_eq!(
            statuses(&run(&RAM_RESOURCE_SHARE_EXTERNAL, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
