use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that every AWS WAF web ACL (regional ones, and CloudFront's) uses at least one
    /// managed rule group: rules that AWS or a Marketplace seller keeps up to date, such as
    /// `AWSManagedRulesAmazonIpReputationList`, `AWSManagedRulesKnownBadInputsRuleSet` or
    /// `AWSManagedRulesCommonRuleSet`.
    ///
    /// ## Why is this bad?
    /// A web ACL of hand-written rules protects against the threats known when it was written.
    /// Managed rule groups follow new exploits (Log4Shell rules were in
    /// `KnownBadInputsRuleSet` within days) and threat intelligence (the IP reputation lists
    /// change hourly) without anyone editing the ACL: network protection that updates itself.
    ///
    /// ## Example
    /// `aws wafv2 get-web-acl --scope REGIONAL --name NAME --id ID` shows no rule with a
    /// `ManagedRuleGroupStatement`. Fix: add one, e.g. a rule `{"Name":"ip-reputation",
    /// "Priority":0,"Statement":{"ManagedRuleGroupStatement":{"VendorName":"AWS",
    /// "Name":"AWSManagedRulesAmazonIpReputationList"}},"OverrideAction":{"None":{}},...}` with
    /// `aws wafv2 update-web-acl`.
    ///
    /// ## Not evaluated when
    /// The web ACLs of a region, or a web ACL's rules, could not be read.
    pub WAFV2_WEB_ACL_MANAGED_RULES = "wafv2_web_acl_managed_rules",
    pillar: Pillar::Security,
    service: Service::Wafv2,
    severity: Severity::Medium,
    best_practices: &[direct("SEC05-BP04")],
    since: "0.5.0",
    title: "AWS WAF web ACLs use managed rule groups that update themselves",
    remediation: "Add an AWS managed rule group (AWSManagedRulesAmazonIpReputationList, AWSManagedRulesKnownBadInputsRuleSet, AWSManagedRulesCommonRuleSet) to the web ACL: aws wafv2 update-web-acl ...",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &WAFV2_WEB_ACL_MANAGED_RULES;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.wafv2,
        |region| &region.web_acls,
        |acl| {
            Some(match &acl.managed_rule_groups {
                Fetched::Ok(groups) if groups.is_empty() => {
                    check.fail(acl, "uses no managed rule group")
                }
                Fetched::Ok(groups) => check.pass(
                    acl,
                    format!("uses managed rule groups {}", groups.join(", ")),
                ),
                Fetched::Failed(why) => check.not_evaluated(acl, why),
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::wafv2::WebAcl;
    use crate::model::Wafv2Region;
    use crate::testing::*;

    fn acl(name: &str, groups: Fetched<Vec<String>>) -> WebAcl {
        WebAcl {
            arn: format!("arn:aws:wafv2:{REGION}:{ACCOUNT}:regional/webacl/{name}/1"),
            name: name.into(),
            id: format!("{name}-id"),
            region: REGION.into(),
            managed_rule_groups: groups,
        }
    }

    #[test]
    fn managed_passes_hand_written_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        snap.wafv2.insert(
            REGION.into(),
            Wafv2Region {
                web_acls: Fetched::Ok(vec![
                    acl(
                        "edge",
                        Fetched::Ok(vec!["AWS/AWSManagedRulesAmazonIpReputationList".into()]),
                    ),
                    acl("custom", Fetched::Ok(vec![])),
                    acl("vague", Fetched::Failed(denied("GetWebACL"))),
                ]),
            },
        );
        snap.wafv2.insert(
            "eu-west-1".into(),
            Wafv2Region {
                web_acls: Fetched::Failed(denied("ListWebACLs")),
            },
        );

        let findings = run(&WAFV2_WEB_ACL_MANAGED_RULES, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                (ACCOUNT, NotEvaluated),
                ("edge", Pass),
                ("custom", Fail),
                ("vague", NotEvaluated)
            ])
        );
        assert_eq!(
            findings[1].message,
            "uses managed rule groups AWS/AWSManagedRulesAmazonIpReputationList"
        );
    }
}
