use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that every Lambda function runs on the `arm64` (Graviton) architecture.
    ///
    /// ## Why is this bad?
    /// `arm64` functions cost 20 % less per GB-second and use less energy for the same work.
    /// Interpreted code (Python, Node.js, Ruby, Java) usually moves with no change; native
    /// dependencies need an `arm64` build.
    ///
    /// ## Example
    /// `aws lambda list-functions` shows `"Architectures": ["x86_64"]`. Fix: test it, then
    /// `aws lambda update-function-code --function-name F --architectures arm64 --zip-file
    /// fileb://function.zip`.
    ///
    /// ## Not evaluated when
    /// The region's functions could not be listed (one finding for the region).
    pub LAMBDA_FUNCTION_ARM64 = "lambda_function_arm64",
    pillar: Pillar::Sustainability,
    service: Service::Lambda,
    severity: Severity::Low,
    best_practices: &[direct("SUS05-BP02")],
    since: "0.2.0",
    title: "Lambda functions run on arm64 (Graviton)",
    remediation: "aws lambda update-function-code --function-name FUNCTION --architectures arm64 --zip-file fileb://function.zip (after testing the code and its native dependencies on arm64)",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &LAMBDA_FUNCTION_ARM64;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.lambda,
        |region| &region.functions,
        |function| {
            let name = &function.name;
            Some(if function.architectures.iter().any(|a| a == "arm64") {
                check.pass(function, format!("function {name} runs on arm64"))
            } else {
                // Lambda reports no architecture for functions made before arm64 existed.
                let arch = function
                    .architectures
                    .first()
                    .map(String::as_str)
                    .unwrap_or("x86_64");
                check.fail(function, format!("function {name} runs on {arch}"))
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
    fn arm64_passes_x86_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut intel = function("thumbnailer");
        intel.architectures = vec!["x86_64".into()];
        lambda(&mut snap).functions = Fetched::Ok(vec![function("api"), intel]);

        let findings = run(&LAMBDA_FUNCTION_ARM64, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("api", Pass), ("thumbnailer", Fail)])
        );
        assert_eq!(findings[1].message, "function thumbnailer runs on x86_64");

        lambda(&mut snap).functions = Fetched::Failed(denied("ListFunctions"));
        assert_eq!(
            statuses(&run(&LAMBDA_FUNCTION_ARM64, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
