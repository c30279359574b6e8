use super::resource_policy::{judge, Source};
use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that no Lambda function's resource-based policy (`GetPolicy`) lets anyone
    /// (`"Principal": "*"`, `{"AWS": "*"}`, or an `Allow` with `NotPrincipal`) in without a
    /// condition that restricts who: `aws:SourceArn`, `aws:SourceAccount`, `aws:PrincipalOrgID`,
    /// `aws:SourceVpc(e)`, `aws:SourceIp` and the others of the policy evaluator, under a
    /// positive operator (`StringEquals`, `ArnLike`, `IpAddress`...) with a value other than `*`.
    /// Service principals (`s3.amazonaws.com`) and named accounts are not "anyone".
    ///
    /// ## Why is this bad?
    /// Anyone who can call Lambda (any AWS account, or the whole internet through a
    /// function URL with `AuthType NONE`) can invoke the function, run up its cost and reach what
    /// its role may touch; with `lambda:UpdateFunctionCode` allowed, replace its code.
    ///
    /// ## Example
    /// `aws lambda get-policy --function-name F` shows `{"Effect": "Allow", "Principal": "*",
    /// "Action": "lambda:InvokeFunction"}`. Fix: `aws lambda remove-permission --function-name F
    /// --statement-id SID`, then grant the caller by name (`--principal s3.amazonaws.com
    /// --source-arn arn:aws:s3:::bucket --source-account ACCOUNT`).
    ///
    /// ## Not evaluated when
    /// The region's functions, or this function's policy, could not be read; the policy is
    /// not JSON, a statement lacks `Effect` or `Principal`, or a `Condition` is malformed.
    pub LAMBDA_FUNCTION_POLICY_PUBLIC = "lambda_function_policy_public",
    pillar: Pillar::Security,
    service: Service::Lambda,
    severity: Severity::High,
    best_practices: &[direct("SEC03-BP07")],
    since: "0.3.0",
    title: "Lambda function policies do not let anyone invoke or change the function",
    remediation: "Remove the open statement (aws lambda remove-permission) and grant named principals with aws:SourceArn/aws:SourceAccount conditions.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &LAMBDA_FUNCTION_POLICY_PUBLIC;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.lambda,
        |region| &region.functions,
        |function| {
            let source = Source {
                service: Service::Lambda,
                region: Some(&function.region),
                operation: "GetPolicy",
                resource: &function.name,
            };
            let what = format!("function {}", function.name);
            Some(judge(
                check,
                function,
                &what,
                &function.policy,
                &source,
                &[],
            ))
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    const OPEN: &str =
        r#"{"Statement":[{"Sid":"Everyone","Effect":"Allow","Principal":"*","Action":"*"}]}"#;
    const ORG_ONLY: &str = r#"{"Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-1"}}}}"#;
    const TLS_ONLY: &str = r#"{"Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}}"#;
    const NAMED: &str = r#"{"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"*"}}"#;

    #[test]
    fn open_fails_restricted_named_or_none_passes_unknown_is_not_evaluated() {
        let mut snap = snapshot();
        let item = |name: &str, policy: Fetched<Option<String>>| {
            let mut item = function(name);
            item.policy = policy;
            item
        };
        lambda(&mut snap).functions = Fetched::Ok(vec![
            item("none", Fetched::Ok(None)),
            item("open", Fetched::Ok(Some(OPEN.into()))),
            item("org", Fetched::Ok(Some(ORG_ONLY.into()))),
            item("tls", Fetched::Ok(Some(TLS_ONLY.into()))),
            item("named", Fetched::Ok(Some(NAMED.into()))),
            item("garbled", Fetched::Ok(Some("{not json".into()))),
            item("hidden", Fetched::Failed(denied("GetPolicy"))),
        ]);

        let findings = run(&LAMBDA_FUNCTION_POLICY_PUBLIC, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("none", Pass),
                ("open", Fail),
                ("org", Pass),
                ("tls", Fail),
                ("named", Pass),
                ("garbled", NotEvaluated),
                ("hidden", NotEvaluated),
            ])
        );
        assert_eq!(
            findings[1].message,
            "function open's policy lets anyone in, with no condition that restricts who: statement Everyone"
        );
        assert!(
            findings[5].message.contains("not valid JSON"),
            "{}",
            findings[5].message
        );

        lambda(&mut snap).functions = Fetched::Failed(denied("List"));
        assert_eq!(
            statuses(&run(&LAMBDA_FUNCTION_POLICY_PUBLIC, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
