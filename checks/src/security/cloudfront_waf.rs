use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Resource, Service};

declare_check! {
    /// ## What it does
    /// Checks that every CloudFront distribution is associated with an AWS WAF web ACL.
    ///
    /// ## Why is this bad?
    /// A distribution is the public front door of an application. Without a web ACL nothing
    /// inspects requests at the edge: SQL injection, cross-site scripting, known bad bots and
    /// request floods reach the origin.
    ///
    /// ## Example
    /// `aws cloudfront get-distribution-config --id D` shows `"WebACLId": ""`. Fix: create a web
    /// ACL with scope `CLOUDFRONT` (in us-east-1), e.g. with the AWS managed core rule set, and set
    /// the distribution's `WebACLId` to its ARN.
    ///
    /// ## Not evaluated when
    /// The distributions could not be listed.
    pub CLOUDFRONT_WAF = "cloudfront_waf",
    pillar: Pillar::Security,
    service: Service::Cloudfront,
    severity: Severity::Medium,
    best_practices: &[direct("SEC05-BP03")],
    since: "0.3.0",
    title: "CloudFront distributions are protected by AWS WAF",
    remediation: "aws wafv2 create-web-acl --scope CLOUDFRONT --region us-east-1 ..., then set the distribution's WebACLId with aws cloudfront update-distribution",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &CLOUDFRONT_WAF;
    let distributions = match &ctx.snapshot.cloudfront.distributions {
        Fetched::Ok(distributions) => distributions,
        Fetched::Failed(why) => {
            return vec![check.not_evaluated(&ctx.snapshot.account_resource("global"), why)]
        }
    };
    distributions
        .iter()
        .map(|d| {
            let label = d.resource().label();
            match &d.web_acl_id {
                Some(acl) => check.pass(
                    d,
                    format!("distribution {label} is protected by web ACL {acl}"),
                ),
                None => check.fail(d, format!("distribution {label} has no AWS WAF web ACL")),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    #[test]
    fn web_acl_passes_none_fails_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        let mut open = distribution("E2");
        open.web_acl_id = None;
        snap.cloudfront.distributions = Fetched::Ok(vec![distribution("E1"), open]);

        let findings = run(&CLOUDFRONT_WAF, &snap);

        assert_eq!(statuses(&findings), expect(&[("E1", Pass), ("E2", Fail)]));
        assert_eq!(
            findings[1].message,
            "distribution E2 has no AWS WAF web ACL"
        );

        snap.cloudfront.distributions = Fetched::Failed(denied("ListDistributions"));
        assert_eq!(
            statuses(&run(&CLOUDFRONT_WAF, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
