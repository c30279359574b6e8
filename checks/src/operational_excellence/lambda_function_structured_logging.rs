use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that every Lambda function writes its logs in JSON (`LoggingConfig.LogFormat` is
    /// `JSON`), so each log line is a structured record.
    ///
    /// ## Why is this bad?
    /// With the `Text` format, the runtime's own lines and the application's are free text: a
    /// CloudWatch Logs Insights query or a metric filter must parse them with patterns that break
    /// when a message changes. In JSON, Lambda adds the request id, level and timestamp as
    /// fields, and the application's fields stay fields, so telemetry can be queried, filtered
    /// by log level and turned into metrics reliably.
    ///
    /// ## Example
    /// `aws lambda get-function-configuration --function-name NAME` shows
    /// `"LoggingConfig": {"LogFormat": "Text"}`. Fix:
    /// `aws lambda update-function-configuration --function-name NAME --logging-config
    /// LogFormat=JSON,ApplicationLogLevel=INFO,SystemLogLevel=WARN`.
    ///
    /// ## Not evaluated when
    /// The region's functions could not be listed (one finding for the region). A function whose
    /// listing carries no logging configuration is reported as using `Text`, Lambda's default.
    pub LAMBDA_FUNCTION_STRUCTURED_LOGGING = "lambda_function_structured_logging",
    pillar: Pillar::OperationalExcellence,
    service: Service::Lambda,
    severity: Severity::Low,
    best_practices: &[direct("OPS04-BP02")],
    since: "0.3.0",
    title: "Lambda functions write structured (JSON) logs",
    remediation: "aws lambda update-function-configuration --function-name NAME --logging-config LogFormat=JSON",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &LAMBDA_FUNCTION_STRUCTURED_LOGGING;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.lambda,
        |region| &region.functions,
        |function| {
            Some(match function.log_format.as_deref() {
                Some("JSON") => check.pass(
                    function,
                    format!("function {} writes JSON logs", function.name),
                ),
                format => check.fail(
                    function,
                    format!(
                        "function {} writes plain-text logs (log format {})",
                        function.name,
                        format.unwrap_or("Text, the default")
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
    fn json_passes_text_and_default_fail_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        let mut text = function("resize");
        text.log_format = Some("Text".into());
        let mut unset = function("legacy");
        unset.log_format = None;
        lambda(&mut snap).functions = Fetched::Ok(vec![function("api"), text, unset]);

        let findings = run(&LAMBDA_FUNCTION_STRUCTURED_LOGGING, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("api", Pass), ("resize", Fail), ("legacy", Fail)])
        );
        assert_eq!(
            findings[2].message,
            "function legacy writes plain-text logs (log format Text, the default)"
        );

        lambda(&mut snap).functions = Fetched::Failed(denied("ListFunctions"));
        assert_eq!(
            statuses(&run(&LAMBDA_FUNCTION_STRUCTURED_LOGGING, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
