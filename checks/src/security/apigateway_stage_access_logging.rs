use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::api_stages;
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that every API Gateway REST API stage writes access logs (`accessLogSettings`
    /// with a destination: a CloudWatch Logs group or a Firehose stream). A stage without
    /// access log settings logs no request.
    ///
    /// ## Why is this bad?
    /// The access log is the record of who called the API, from where, with what result: the
    /// first thing an investigation of abuse, credential stuffing or data scraping asks for.
    /// Execution logs (for debugging) do not replace it, and nothing can be logged after the
    /// fact (SEC04-BP01).
    ///
    /// ## Example
    /// `aws apigateway get-stage --rest-api-id A --stage-name prod` shows no
    /// `accessLogSettings`. Fix: `aws apigateway update-stage --rest-api-id A --stage-name prod
    /// --patch-operations op=replace,path=/accessLogSettings/destinationArn,value=arn:aws:logs:…`
    /// (and a `format`).
    ///
    /// ## Not evaluated when
    /// The region's REST APIs, or an API's stages, could not be read.
    pub APIGATEWAY_STAGE_ACCESS_LOGGING = "apigateway_stage_access_logging",
    pillar: Pillar::Security,
    service: Service::Apigateway,
    severity: Severity::Medium,
    best_practices: &[direct("SEC04-BP01")],
    since: "0.5.0",
    title: "API Gateway stages write access logs",
    remediation: "aws apigateway update-stage --rest-api-id API --stage-name STAGE --patch-operations op=replace,path=/accessLogSettings/destinationArn,value=LOG_GROUP_ARN op=replace,path=/accessLogSettings/format,value=FORMAT",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &APIGATEWAY_STAGE_ACCESS_LOGGING;
    api_stages::per_stage(check, ctx, |stage, label| match &stage.access_log_destination {
        Some(destination) => check.pass(
            stage,
            format!("stage {label} writes access logs to {destination}"),
        ),
        None => check.fail(stage, format!("stage {label} writes no access logs")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Fetched;
    use crate::finding::Status::*;
    use crate::testing::*;

    #[test]
    fn logged_passes_unlogged_fails_unread_not_evaluated() {
        let mut snap = snapshot();
        let mut shop = rest_api("shop");
        let mut logged = api_stage("shop", "prod");
        logged.access_log_destination = Some(format!(
            "arn:aws:logs:{REGION}:{ACCOUNT}:log-group:api-access"
        ));
        shop.stages = Fetched::Ok(vec![logged, api_stage("shop", "dev")]);
        let mut hidden = rest_api("hidden");
        hidden.stages = Fetched::Failed(denied("GetStages"));
        apigateway(&mut snap).rest_apis = Fetched::Ok(vec![shop, hidden]);

        let findings = run(&APIGATEWAY_STAGE_ACCESS_LOGGING, &snap);

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
            "stage shop-api/dev writes no access logs"
        );

        apigateway(&mut snap).rest_apis = Fetched::Failed(denied("GetRestApis"));
        assert_eq!(
            statuses(&run(&APIGATEWAY_STAGE_ACCESS_LOGGING, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
