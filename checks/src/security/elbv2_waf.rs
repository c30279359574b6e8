use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Gap, Service};

declare_check! {
    /// ## What it does
    /// Checks that every internet-facing Application Load Balancer is associated with an AWS
    /// WAF web ACL. Internal and network load balancers are skipped.
    ///
    /// ## Why is this bad?
    /// An internet-facing ALB passes every request to the application: SQL injection, cross-site
    /// scripting, known bad inputs, requests from botnets and scanners, floods from one address.
    /// A web ACL with managed rule groups and a rate-based rule stops them at the edge of the
    /// VPC, before the application's own (often missing) defences.
    ///
    /// ## Example
    /// `aws wafv2 get-web-acl-for-resource --resource-arn ALB_ARN` answers no web ACL. Fix:
    /// `aws wafv2 associate-web-acl --web-acl-arn WEB_ACL_ARN --resource-arn ALB_ARN`.
    ///
    /// ## Not evaluated when
    /// The region's load balancers, or the web ACL of a balancer (`GetWebACLForResource`),
    /// could not be read, or DescribeLoadBalancers did not say whether a balancer is
    /// internet-facing.
    pub ELBV2_WAF = "elbv2_waf",
    pillar: Pillar::Security,
    service: Service::Elbv2,
    severity: Severity::Medium,
    best_practices: &[direct("SEC05-BP03")],
    since: "0.5.0",
    title: "Internet-facing Application Load Balancers are protected by AWS WAF",
    remediation: "aws wafv2 associate-web-acl --web-acl-arn WEB_ACL_ARN --resource-arn ALB_ARN (create the web ACL with AWS managed rule groups and a rate-based rule first)",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &ELBV2_WAF;
    let mut findings = Vec::new();
    for (region, elbv2) in &ctx.snapshot.elbv2 {
        let balancers = match &elbv2.load_balancers {
            Fetched::Ok(balancers) => balancers,
            Fetched::Failed(why) => {
                findings.push(check.not_evaluated(&ctx.snapshot.account_resource(region), why));
                continue;
            }
        };
        for lb in balancers.iter().filter(|lb| lb.is_application()) {
            match lb.scheme.as_deref() {
                Some("internet-facing") => {}
                Some(_) => continue,
                None => {
                    let why = Gap::missing_on(
                        Service::Elbv2,
                        &lb.region,
                        "DescribeLoadBalancers",
                        &lb.name,
                        "Scheme",
                    );
                    findings.push(check.not_evaluated(lb, &why));
                    continue;
                }
            }
            findings.push(match elbv2.web_acls.get(&lb.arn) {
                Some(Fetched::Ok(Some(acl))) => {
                    // `arn:aws:wafv2:REGION:ACCOUNT:regional/webacl/NAME/ID`
                    let name = acl.split('/').nth(2).unwrap_or(acl);
                    check.pass(lb, format!("protected by web ACL {name}"))
                }
                Some(Fetched::Ok(None)) => {
                    check.fail(lb, "internet-facing and not protected by any web ACL")
                }
                Some(Fetched::Failed(why)) => check.not_evaluated(lb, why),
                None => check.not_evaluated(
                    lb,
                    &Gap::not_collected(Service::Wafv2, "GetWebACLForResource"),
                ),
            });
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    #[test]
    fn protected_passes_unprotected_fails_internal_is_skipped() {
        let mut snap = snapshot();
        let shop = load_balancer("shop");
        let bare = load_balancer("bare");
        let vague = load_balancer("vague");
        let unasked = load_balancer("unasked");
        let mut internal = load_balancer("internal");
        internal.scheme = Some("internal".into());
        let mut network = load_balancer("nlb");
        network.kind = "network".into();
        let mut schemeless = load_balancer("schemeless");
        schemeless.scheme = None;
        let region = elbv2(&mut snap);
        region.load_balancers = Fetched::Ok(vec![
            shop.clone(),
            bare.clone(),
            vague.clone(),
            unasked,
            internal,
            network,
            schemeless,
        ]);
        region.web_acls.insert(
            shop.arn,
            Fetched::Ok(Some(format!(
                "arn:aws:wafv2:{REGION}:{ACCOUNT}:regional/webacl/edge/1"
            ))),
        );
        region.web_acls.insert(bare.arn, Fetched::Ok(None));
        region
            .web_acls
            .insert(vague.arn, Fetched::Failed(denied("GetWebACLForResource")));

        let findings = run(&ELBV2_WAF, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("shop", Pass),
                ("bare", Fail),
                ("vague", NotEvaluated),
                ("unasked", NotEvaluated),
                ("schemeless", NotEvaluated)
            ])
        );
        assert_eq!(findings[0].message, "protected by web ACL edge");
    }

    #[test]
    fn an_unlisted_region_is_not_evaluated() {
        let mut snap = snapshot();
        elbv2(&mut snap).load_balancers = Fetched::Failed(denied("DescribeLoadBalancers"));
        let findings = run(&ELBV2_WAF, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
