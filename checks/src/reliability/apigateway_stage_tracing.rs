use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::api_stages;
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that every REST API stage has AWS X-Ray active tracing enabled
    /// (`tracingEnabled`).
    ///
    /// ## Why is this bad?
    /// The API stage is where a request enters the workload. Without tracing there, a trace
    /// starts somewhere in the middle (or not at all), and the time spent in API Gateway,
    /// its authorizers and integrations is invisible: a slow or failing request cannot be
    /// followed end to end.
    ///
    /// ## Example
    /// `aws apigateway get-stages --rest-api-id ID` shows `"tracingEnabled": false`. Fix: `aws
    /// apigateway update-stage --rest-api-id ID --stage-name prod --patch-operations
    /// op=replace,path=/tracingEnabled,value=true`.
    ///
    /// ## Not evaluated when
    /// The region's APIs could not be listed (one finding for the region), or the API's stages
    /// could not be read.
    pub APIGATEWAY_STAGE_TRACING = "apigateway_stage_tracing",
    pillar: Pillar::Reliability,
    service: Service::Apigateway,
    severity: Severity::Low,
    best_practices: &[direct("REL06-BP07"), direct("OPS04-BP05")],
    since: "0.4.0",
    title: "API Gateway stages trace requests with X-Ray",
    remediation: "aws apigateway update-stage --rest-api-id ID --stage-name STAGE --patch-operations op=replace,path=/tracingEnabled,value=true",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &APIGATEWAY_STAGE_TRACING;
    api_stages::per_stage(check, ctx, |stage, label| {
        if stage.tracing_enabled {
            check.pass(stage, format!("stage {label} traces requests with X-Ray"))
        } else {
            check.fail(stage, format!("stage {label} has X-Ray tracing off"))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Fetched;
    use crate::finding::Status::*;
    use crate::testing::*;

    #[test]
    fn traced_passes_untraced_fails_unread_not_evaluated() {
        let mut snap = snapshot();
        let mut shop = rest_api("shop");
        let mut dark = api_stage("shop", "dev");
        dark.tracing_enabled = false;
        shop.stages = Fetched::Ok(vec![api_stage("shop", "prod"), dark]);
        let mut hidden = rest_api("hidden");
        hidden.stages = Fetched::Failed(denied("GetStages"));
        apigateway(&mut snap).rest_apis = Fetched::Ok(vec![shop, hidden]);

        let findings = run(&APIGATEWAY_STAGE_TRACING, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("shop-api/prod", Pass),
                ("shop-api/dev", Fail),
                ("hidden-api", NotEvaluated),
            ])
        );
        assert_eq!(
            findings[1].message,
            "stage shop-api/dev has X-Ray tracing off"
        );

        apigateway(&mut snap).rest_apis = Fetched::Failed(denied("GetRestApis"));
        assert_eq!(
            statuses(&run(&APIGATEWAY_STAGE_TRACING, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
