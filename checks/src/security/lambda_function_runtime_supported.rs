use time::macros::date;
use time::Date;

use crate::catalog::Pillar;
use crate::check::{direct, indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

/// Lambda runtimes and the date AWS deprecated them (stopped applying security patches).
const DEPRECATED: &[(&str, Date)] = &[
    ("python2.7", date!(2021 - 07 - 15)),
    ("python3.6", date!(2022 - 07 - 18)),
    ("python3.7", date!(2023 - 12 - 04)),
    ("python3.8", date!(2024 - 10 - 14)),
    ("python3.9", date!(2025 - 12 - 15)),
    ("nodejs10.x", date!(2021 - 07 - 30)),
    ("nodejs12.x", date!(2023 - 03 - 31)),
    ("nodejs14.x", date!(2023 - 12 - 04)),
    ("nodejs16.x", date!(2024 - 06 - 12)),
    ("nodejs18.x", date!(2025 - 09 - 01)),
    ("dotnetcore3.1", date!(2023 - 04 - 03)),
    ("dotnet6", date!(2024 - 12 - 20)),
    ("dotnet7", date!(2024 - 05 - 14)),
    ("ruby2.7", date!(2023 - 12 - 07)),
    ("ruby3.2", date!(2026 - 03 - 31)),
    ("go1.x", date!(2024 - 01 - 08)),
    ("java8", date!(2024 - 01 - 08)),
    ("provided", date!(2024 - 01 - 08)),
];

/// Runtimes retired before the dates above were tracked: always deprecated.
const LONG_RETIRED: &[&str] = &[
    "nodejs",
    "nodejs4.3",
    "nodejs4.3-edge",
    "nodejs6.10",
    "nodejs8.10",
    "dotnetcore1.0",
    "dotnetcore2.0",
    "dotnetcore2.1",
    "ruby2.5",
];

declare_check! {
    /// ## What it does
    /// Checks that no Lambda function runs on a deprecated runtime (one AWS no longer patches),
    /// as of the snapshot's date: `python3.8`, `nodejs16.x`, `go1.x`, `java8` (Amazon Linux 1),
    /// `provided`, ... Container-image functions bring their own runtime and give no finding.
    ///
    /// ## Why is this bad?
    /// After deprecation the language runtime and its OS get no more security fixes, and AWS
    /// later blocks updating the function's code: the fix then has to happen under pressure.
    ///
    /// ## Example
    /// `aws lambda list-functions` shows `"Runtime": "python3.7"`. Fix: test the code on a
    /// supported runtime, then `aws lambda update-function-configuration --function-name F
    /// --runtime python3.13`.
    ///
    /// ## Not evaluated when
    /// The region's functions could not be listed (one finding for the region).
    pub LAMBDA_FUNCTION_RUNTIME_SUPPORTED = "lambda_function_runtime_supported",
    pillar: Pillar::Security,
    service: Service::Lambda,
    severity: Severity::Medium,
    best_practices: &[indirect("SEC06-BP01"), direct("SUS06-BP03")],
    since: "0.2.0",
    title: "Lambda functions run on supported runtimes",
    remediation: "Test the code on a supported runtime, then: aws lambda update-function-configuration --function-name FUNCTION --runtime RUNTIME",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &LAMBDA_FUNCTION_RUNTIME_SUPPORTED;
    let today = ctx.snapshot.collected_at.date();
    ctx.each_in_regions(
        check,
        &ctx.snapshot.lambda,
        |region| &region.functions,
        |function| {
            let runtime = function.runtime.as_deref()?;
            let name = &function.name;
            if LONG_RETIRED.contains(&runtime) {
                return Some(check.fail(
                    function,
                    format!("function {name} runs on {runtime}, a deprecated runtime"),
                ));
            }
            Some(
                match DEPRECATED
                    .iter()
                    .find(|(r, since)| *r == runtime && *since <= today)
                {
                    Some((_, since)) => check.fail(
                        function,
                        format!("function {name} runs on {runtime}, deprecated since {since}"),
                    ),
                    None => check.pass(
                        function,
                        format!("function {name} runs on {runtime}, a supported runtime"),
                    ),
                },
            )
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
    fn supported_passes_deprecated_fails_images_are_skipped() {
        let mut snap = snapshot();
        let mut old = function("thumbnailer");
        old.runtime = Some("python3.7".into());
        let mut ancient = function("legacy");
        ancient.runtime = Some("nodejs8.10".into());
        let mut soon = function("reports");
        soon.runtime = Some("ruby3.2".into());
        let mut image = function("ml");
        image.runtime = None;
        image.package_type = Some("Image".into());
        lambda(&mut snap).functions = Fetched::Ok(vec![function("api"), old, ancient, soon, image]);

        let findings = run(&LAMBDA_FUNCTION_RUNTIME_SUPPORTED, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("api", Pass),
                ("thumbnailer", Fail),
                ("legacy", Fail),
                ("reports", Fail)
            ])
        );
        assert_eq!(
            findings[1].message,
            "function thumbnailer runs on python3.7, deprecated since 2023-12-04"
        );
        assert_eq!(
            findings[2].message,
            "function legacy runs on nodejs8.10, a deprecated runtime"
        );

        // ruby3.2 was deprecated on 2026-03-31: a snapshot taken before then passes it.
        snap.collected_at = time::macros::datetime!(2026-01-01 0:00 UTC);
        let earlier = run(&LAMBDA_FUNCTION_RUNTIME_SUPPORTED, &snap);
        assert_eq!(statuses(&earlier)[3], ("reports".to_string(), Pass));

        lambda(&mut snap).functions = Fetched::Failed(denied("ListFunctions"));
        assert_eq!(
            statuses(&run(&LAMBDA_FUNCTION_RUNTIME_SUPPORTED, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
