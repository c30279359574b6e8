use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::lambda::CodeSigning;
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that every Lambda function deployed as a `.zip` package has a code signing
    /// configuration that refuses unsigned or tampered code (`UntrustedArtifactOnDeployment:
    /// Enforce`). Container-image functions cannot be code-signed this way and are skipped.
    ///
    /// ## Why is this bad?
    /// Without code signing, whoever can call `UpdateFunctionCode` can run any code with the
    /// function's role: a compromised pipeline or developer key becomes a compromised
    /// production function. A code signing configuration accepts only packages signed by the
    /// AWS Signer profiles you trust; in `Warn` mode unsigned code is still deployed.
    ///
    /// ## Example
    /// `aws lambda get-function-code-signing-config --function-name F` shows an empty
    /// `CodeSigningConfigArn`, or the configuration's `CodeSigningPolicies` say `Warn`. Fix:
    /// `aws lambda create-code-signing-config --allowed-publishers
    /// SigningProfileVersionArns=PROFILE_VERSION_ARN --code-signing-policies
    /// UntrustedArtifactOnDeployment=Enforce`, then `aws lambda
    /// put-function-code-signing-config --function-name F --code-signing-config-arn CSC_ARN`.
    ///
    /// ## Not evaluated when
    /// The region's functions, a function's code signing configuration or that configuration's
    /// policies could not be read.
    pub LAMBDA_FUNCTION_CODE_SIGNING = "lambda_function_code_signing",
    pillar: Pillar::Security,
    service: Service::Lambda,
    severity: Severity::Low,
    best_practices: &[direct("SEC06-BP04")],
    since: "0.5.0",
    title: "Lambda functions accept only signed code",
    remediation: "aws lambda create-code-signing-config --allowed-publishers SigningProfileVersionArns=PROFILE_VERSION_ARN --code-signing-policies UntrustedArtifactOnDeployment=Enforce && aws lambda put-function-code-signing-config --function-name FUNCTION --code-signing-config-arn CSC_ARN",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &LAMBDA_FUNCTION_CODE_SIGNING;
    ctx.snapshot
        .lambda
        .iter()
        .flat_map(|(region, lambda)| {
            let functions = match &lambda.functions {
                Fetched::Ok(functions) => functions,
                Fetched::Failed(why) => {
                    return vec![check.not_evaluated(&ctx.snapshot.account_resource(region), why)]
                }
            };
            functions
                .iter()
                .filter(|function| function.package_type.as_deref() != Some("Image"))
                .map(|function| match lambda.code_signing.get(&function.arn) {
                    None => check.not_evaluated(
                        function,
                        &crate::model::Gap::missing_on(
                            Service::Lambda,
                            region,
                            "GetFunctionCodeSigningConfig",
                            &function.name,
                            "CodeSigningConfigArn",
                        ),
                    ),
                    Some(Fetched::Failed(why)) => check.not_evaluated(function, why),
                    Some(Fetched::Ok(None)) => {
                        check.fail(function, "has no code signing configuration")
                    }
                    Some(Fetched::Ok(Some(CodeSigning {
                        config_arn,
                        untrusted_artifact_on_deployment,
                    }))) => {
                        let config = config_arn.rsplit(':').next().unwrap_or(config_arn);
                        match untrusted_artifact_on_deployment {
                            Fetched::Ok(policy) if policy == "Enforce" => check.pass(
                                function,
                                format!("code signing configuration {config} refuses unsigned code"),
                            ),
                            Fetched::Ok(policy) => check.fail(
                                function,
                                format!(
                                    "code signing configuration {config} only warns about unsigned code ({policy})"
                                ),
                            ),
                            Fetched::Failed(why) => check.not_evaluated(function, why),
                        }
                    }
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    fn signed(policy: Fetched<String>) -> Fetched<Option<CodeSigning>> {
        Fetched::Ok(Some(CodeSigning {
            config_arn: format!("arn:aws:lambda:{REGION}:{ACCOUNT}:code-signing-config:csc-1"),
            untrusted_artifact_on_deployment: policy,
        }))
    }

    #[test]
    fn enforce_passes_warn_or_none_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut image = function("image");
        image.package_type = Some("Image".into());
        let functions = [
            function("enforced"),
            function("warned"),
            function("unsigned"),
            function("unreadable"),
            function("vague"),
            function("unasked"),
            image,
        ];
        let region = lambda(&mut snap);
        region.functions = Fetched::Ok(functions.to_vec());
        let signing = [
            signed(Fetched::Ok("Enforce".into())),
            signed(Fetched::Ok("Warn".into())),
            Fetched::Ok(None),
            Fetched::Failed(denied("GetFunctionCodeSigningConfig")),
            signed(Fetched::Failed(denied("GetCodeSigningConfig"))),
        ];
        for (function, signing) in functions.iter().zip(signing) {
            region.code_signing.insert(function.arn.clone(), signing);
        }

        let findings = run(&LAMBDA_FUNCTION_CODE_SIGNING, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("enforced", Pass),
                ("warned", Fail),
                ("unsigned", Fail),
                ("unreadable", NotEvaluated),
                ("vague", NotEvaluated),
                ("unasked", NotEvaluated),
            ])
        );
        assert_eq!(
            findings[1].message,
            "code signing configuration csc-1 only warns about unsigned code (Warn)"
        );
    }

    #[test]
    fn an_unlisted_region_is_not_evaluated() {
        let mut snap = snapshot();
        lambda(&mut snap).functions = Fetched::Failed(denied("ListFunctions"));
        let findings = run(&LAMBDA_FUNCTION_CODE_SIGNING, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
