use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that every stage of a public (edge-optimized or regional) REST API is associated
    /// with an AWS WAF web ACL. Private APIs, reachable only from VPCs, are skipped.
    ///
    /// ## Why is this bad?
    /// A public API stage passes every request to its integrations (Lambda functions, HTTP
    /// backends): injection attempts, credential stuffing, scraping and floods included.
    /// Throttling limits the rate but not the content. A web ACL with managed rule groups and
    /// rate-based rules filters them before they cost an invocation.
    ///
    /// ## Example
    /// `aws apigateway get-stage --rest-api-id API --stage-name prod` shows no `webAclArn`.
    /// Fix: `aws wafv2 associate-web-acl --web-acl-arn WEB_ACL_ARN --resource-arn
    /// arn:aws:apigateway:REGION::/restapis/API/stages/prod`.
    ///
    /// ## Not evaluated when
    /// The region's APIs or an API's stages could not be read.
    pub APIGATEWAY_STAGE_WAF = "apigateway_stage_waf",
    pillar: Pillar::Security,
    service: Service::Apigateway,
    severity: Severity::Medium,
    best_practices: &[direct("SEC05-BP03")],
    since: "0.5.0",
    title: "Public REST API stages are protected by AWS WAF",
    remediation: "aws wafv2 associate-web-acl --web-acl-arn WEB_ACL_ARN --resource-arn arn:aws:apigateway:REGION::/restapis/API_ID/stages/STAGE",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &APIGATEWAY_STAGE_WAF;
    let mut findings = Vec::new();
    for (region, apigateway) in &ctx.snapshot.apigateway {
        let apis = match &apigateway.rest_apis {
            Fetched::Ok(apis) => apis,
            Fetched::Failed(why) => {
                findings.push(check.not_evaluated(&ctx.snapshot.account_resource(region), why));
                continue;
            }
        };
        for api in apis.iter().filter(|api| !api.is_private()) {
            let stages = match &api.stages {
                Fetched::Ok(stages) => stages,
                Fetched::Failed(why) => {
                    findings.push(check.not_evaluated(api, why));
                    continue;
                }
            };
            findings.extend(stages.iter().map(|stage| match &stage.web_acl_arn {
                Some(acl) => {
                    // `arn:aws:wafv2:REGION:ACCOUNT:regional/webacl/NAME/ID`
                    let name = acl.split('/').nth(2).unwrap_or(acl);
                    check.pass(stage, format!("protected by web ACL {name}"))
                }
                None => check.fail(stage, "public stage not protected by any web ACL"),
            }));
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
    fn protected_passes_unprotected_fails_private_is_skipped() {
        let mut snap = snapshot();
        let mut shop = rest_api("shop");
        let mut bare = api_stage("shop", "dev");
        bare.web_acl_arn = None;
        shop.stages = Fetched::Ok(vec![api_stage("shop", "prod"), bare]);
        let mut private = rest_api("internal");
        private.endpoint_types = vec!["PRIVATE".into()];
        let mut unprotected = api_stage("internal", "prod");
        unprotected.web_acl_arn = None;
        private.stages = Fetched::Ok(vec![unprotected]);
        let mut vague = rest_api("vague");
        vague.stages = Fetched::Failed(denied("GetStages"));
        apigateway(&mut snap).rest_apis = Fetched::Ok(vec![shop, private, vague]);

        let findings = run(&APIGATEWAY_STAGE_WAF, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("shop-api/prod", Pass),
                ("shop-api/dev", Fail),
                ("vague-api", NotEvaluated)
            ])
        );
        assert_eq!(findings[0].message, "protected by web ACL shop-acl");
    }

    #[test]
    fn an_unlisted_region_is_not_evaluated() {
        let mut snap = snapshot();
        apigateway(&mut snap).rest_apis = Fetched::Failed(denied("GetRestApis"));
        let findings = run(&APIGATEWAY_STAGE_WAF, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
