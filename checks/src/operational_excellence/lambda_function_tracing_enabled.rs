use crate::catalog::Pillar;
use crate::check::{direct, indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that every Lambda function sends traces to AWS X-Ray (tracing mode `Active`).
    ///
    /// ## Why is this bad?
    /// Without tracing, a slow or failing request that crosses the function, its downstream calls
    /// (DynamoDB, S3, HTTP APIs) and other functions leaves no end-to-end record: finding which
    /// hop added the latency or raised the error means correlating logs by hand. Active tracing
    /// samples requests and records each segment's timing and errors at little cost.
    ///
    /// ## Example
    /// `aws lambda get-function-configuration --function-name NAME` shows
    /// `"TracingConfig": {"Mode": "PassThrough"}`. Fix:
    /// `aws lambda update-function-configuration --function-name NAME --tracing-config Mode=Active`
    /// (the execution role needs `xray:PutTraceSegments` and `xray:PutTelemetryRecords`).
    ///
    /// ## Not evaluated when
    /// The region's functions could not be listed (one finding for the region).
    pub LAMBDA_FUNCTION_TRACING_ENABLED = "lambda_function_tracing_enabled",
    pillar: Pillar::OperationalExcellence,
    service: Service::Lambda,
    severity: Severity::Low,
    best_practices: &[direct("OPS04-BP05"), indirect("OPS08-BP03"), direct("REL06-BP07")],
    since: "0.3.0",
    title: "Lambda functions send traces to AWS X-Ray",
    remediation: "aws lambda update-function-configuration --function-name NAME --tracing-config Mode=Active",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &LAMBDA_FUNCTION_TRACING_ENABLED;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.lambda,
        |region| &region.functions,
        |function| {
            Some(match function.tracing_mode.as_deref() {
                Some("Active") => check.pass(
                    function,
                    format!("function {} traces requests with X-Ray", function.name),
                ),
                mode => check.fail(
                    function,
                    format!(
                        "function {} does not trace requests (tracing mode {})",
                        function.name,
                        mode.unwrap_or("not set")
                    ),
                ),
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    #[test]
    fn active_passes_pass_through_fails_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        let mut untraced = function("resize");
        untraced.tracing_mode = Some("PassThrough".into());
        lambda(&mut snap).functions = Fetched::Ok(vec![function("api"), untraced]);

        let findings = run(&LAMBDA_FUNCTION_TRACING_ENABLED, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("api", Pass), ("resize", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "function resize does not trace requests (tracing mode PassThrough)"
        );

        lambda(&mut snap).functions = Fetched::Failed(denied("ListFunctions"));
        assert_eq!(
            statuses(&run(&LAMBDA_FUNCTION_TRACING_ENABLED, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
