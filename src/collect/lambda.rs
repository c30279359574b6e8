//! Lambda, per region: the functions (paginated), then the code signing of each `Zip` function.

use std::collections::BTreeMap;

use aws_sdk_lambda::Client;
use futures::future::join_all;
use wascan_checks::model::lambda::*;
use wascan_checks::model::{ErrorKind, Fetched, Gap, LambdaRegion, Service};
use wascan_checks::secrets::{scan_named, SecretHit};

use super::calls::{Call, Ctx};
use crate::convert::non_empty;

const LAMBDA: &str = "lambda";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_lambda::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, LambdaRegion> {
    let per_region = join_all(regions.iter().map(|region| async move {
        let lambda = client(ctx, region);
        let (mut data, mappings) = futures::join!(
            collect_region(ctx, region),
            super::lambda_mappings::list(ctx, &lambda, region)
        );
        data.event_source_mappings = mappings;
        data
    }))
    .await;
    regions.iter().cloned().zip(per_region).collect()
}

async fn collect_region(ctx: &Ctx, region: &str) -> LambdaRegion {
    let lambda = client(ctx, region);
    let functions = ctx
        .pages(
            Call::new(LAMBDA, "ListFunctions").region(region),
            lambda.list_functions().into_paginator().send(),
            |page| {
                page.functions()
                    .iter()
                    .map(|f| {
                        // Without its name the function cannot be named or asked about: the
                        // region's list fails with the recorded gap.
                        let at = Call::new(LAMBDA, "ListFunctions").region(region);
                        let name = ctx.required_str(at, "FunctionName", f.function_name())?;
                        Ok(Function {
                            arn: non_empty(f.function_arn()).unwrap_or_else(|| {
                                ctx.arn(LAMBDA, region, &format!("function:{name}"))
                            }),
                            region: region.to_string(),
                            runtime: f.runtime().map(|r| r.as_str().to_string()),
                            package_type: f.package_type().map(|p| p.as_str().to_string()),
                            architectures: f
                                .architectures()
                                .iter()
                                .map(|a| a.as_str().to_string())
                                .collect(),
                            memory_mb: f.memory_size(),
                            dead_letter_target: non_empty(
                                f.dead_letter_config().and_then(|d| d.target_arn()),
                            ),
                            vpc_id: non_empty(f.vpc_config().and_then(|v| v.vpc_id())),
                            tracing_mode: f
                                .tracing_config()
                                .and_then(|t| t.mode())
                                .map(|m| m.as_str().to_string()),
                            log_format: f
                                .logging_config()
                                .and_then(|l| l.log_format())
                                .map(|l| l.as_str().to_string()),
                            environment_secrets: environment_secrets(
                                region,
                                &name,
                                f.environment(),
                            ),
                            // Read below, one GetPolicy per function.
                            policy: Fetched::Ok(None),
                            name,
                        })
                    })
                    .collect::<Vec<Result<Function, Gap>>>()
            },
        )
        .await
        .and_then(|all| all.into_iter().collect::<Result<Vec<_>, Gap>>());
    let functions = match functions {
        Ok(functions) => Ok(ctx
            .per_resource(functions.into_iter().map(|mut function| {
                let lambda = &lambda;
                async move {
                    function.policy = policy(ctx, lambda, region, &function.name).await;
                    function
                }
            }))
            .await),
        Err(gap) => Err(gap),
    };
    let code_signing = match &functions {
        Ok(functions) => code_signing(ctx, &lambda, region, functions).await,
        Err(_) => BTreeMap::new(),
    };
    LambdaRegion {
        functions: functions.into(),
        code_signing,
        // Read by `lambda_mappings` alongside.
        ..LambdaRegion::default()
    }
}

/// The function's resource-based policy: `None` when it has none (`ResourceNotFoundException`,
/// Lambda API reference, GetPolicy). An answer without its `Policy` is a gap, not "no policy".
async fn policy(ctx: &Ctx, lambda: &Client, region: &str, name: &str) -> Fetched<Option<String>> {
    let at = Call::new(LAMBDA, "GetPolicy").region(region).resource(name);
    ctx.call_or_absent(
        at,
        &["ResourceNotFoundException"],
        lambda.get_policy().function_name(name).send(),
    )
    .await
    .and_then(|out| {
        out.map(|out| ctx.required_str(at, "Policy", out.policy()))
            .transpose()
    })
    .into()
}

/// The secrets in the function's environment variables, masked; the values are dropped here.
/// No `Environment` means no variables (Lambda API reference, FunctionConfiguration); an
/// `Environment.Error` (a KMS key Lambda could not use) means they could not be read.
fn environment_secrets(
    region: &str,
    name: &str,
    environment: Option<&aws_sdk_lambda::types::EnvironmentResponse>,
) -> Fetched<Vec<SecretHit>> {
    let Some(environment) = environment else {
        return Fetched::Ok(Vec::new());
    };
    if let Some(error) = environment.error() {
        return Fetched::Failed(Gap {
            service: LAMBDA.into(),
            region: Some(region.to_string()),
            operation: "ListFunctions".into(),
            resource: Some(name.to_string()),
            kind: ErrorKind::Other,
            message: format!(
                "the environment variables could not be read: {}",
                error.error_code().unwrap_or("an error")
            ),
        });
    }
    let mut variables: Vec<(&str, &str)> = environment
        .variables()
        .map(|vars| vars.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect())
        // An absent Variables map: the function has no environment variables.
        .unwrap_or_default();
    variables.sort_unstable();
    Fetched::Ok(scan_named("environment variable", variables))
}

/// The code signing of every `Zip` function: its configuration (`GetFunctionCodeSigningConfig`,
/// one call per function, no bulk form), then each distinct configuration's policy
/// (`GetCodeSigningConfig`, once per configuration).
pub(crate) async fn code_signing(
    ctx: &Ctx,
    lambda: &Client,
    region: &str,
    functions: &[Function],
) -> BTreeMap<String, Fetched<Option<CodeSigning>>> {
    // Container images cannot be code-signed (Lambda developer guide, "Code signing").
    let zipped: Vec<&Function> = functions
        .iter()
        .filter(|f| f.package_type.as_deref() != Some("Image"))
        .collect();
    let configs = ctx
        .per_resource(zipped.iter().map(|function| async move {
            let at = Call::new(LAMBDA, "GetFunctionCodeSigningConfig")
                .region(region)
                .resource(&function.name);
            ctx.call(
                at,
                lambda
                    .get_function_code_signing_config()
                    .function_name(&function.name)
                    .send(),
            )
            .await
            // An empty CodeSigningConfigArn: the function has none.
            .map(|out| non_empty(Some(out.code_signing_config_arn())))
        }))
        .await;
    let distinct: std::collections::BTreeSet<&String> = configs
        .iter()
        .filter_map(|c| c.as_ref().ok()?.as_ref())
        .collect();
    let policies: BTreeMap<String, Fetched<String>> = ctx
        .per_resource(distinct.into_iter().map(|arn| async move {
            let at = Call::new(LAMBDA, "GetCodeSigningConfig")
                .region(region)
                .resource(arn);
            let policy = ctx
                .call(
                    at,
                    lambda
                        .get_code_signing_config()
                        .code_signing_config_arn(arn)
                        .send(),
                )
                .await
                .map(|out| {
                    out.code_signing_config()
                        .and_then(|c| c.code_signing_policies())
                        .and_then(|p| p.untrusted_artifact_on_deployment())
                        .map(|p| p.as_str().to_string())
                        // "Default: Warn" (Lambda API reference, CodeSigningPolicies).
                        .unwrap_or_else(|| "Warn".to_string())
                });
            (arn.clone(), Fetched::from(policy))
        }))
        .await
        .into_iter()
        .collect();
    zipped
        .into_iter()
        .zip(configs)
        .map(|(function, config)| {
            let signing = match config {
                Ok(Some(config_arn)) => Fetched::Ok(Some(CodeSigning {
                    untrusted_artifact_on_deployment: policies
                        .get(&config_arn)
                        .cloned()
                        .unwrap_or_else(|| {
                            Fetched::not_collected(Service::Lambda, "GetCodeSigningConfig")
                        }),
                    config_arn,
                })),
                Ok(None) => Fetched::Ok(None),
                Err(gap) => Fetched::Failed(gap),
            };
            (function.arn.clone(), signing)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use aws_sdk_lambda::operation::get_code_signing_config::GetCodeSigningConfigOutput;
    use aws_sdk_lambda::operation::get_function_code_signing_config::GetFunctionCodeSigningConfigOutput;
    use aws_sdk_lambda::operation::get_policy::GetPolicyOutput;
    use aws_sdk_lambda::types::{
        AllowedPublishers, CodeSigningConfig, CodeSigningPolicies, CodeSigningPolicy,
    };
    use aws_smithy_mocks::{mock, mock_client, RuleMode};

    use super::*;
    use crate::collect::tests::test_ctx;

    fn function(name: &str, package_type: &str) -> Function {
        Function {
            arn: format!("arn:aws:lambda:us-east-1:123456789012:function:{name}"),
            region: "us-east-1".into(),
            name: name.into(),
            runtime: None,
            package_type: Some(package_type.into()),
            architectures: vec![],
            memory_mb: None,
            dead_letter_target: None,
            vpc_id: None,
            tracing_mode: None,
            log_format: None,
            policy: Fetched::Ok(None),
            environment_secrets: Fetched::Ok(vec![]),
        }
    }

    #[tokio::test]
    async fn signed_unsigned_and_image_functions() {
        const CSC: &str = "arn:aws:lambda:us-east-1:123456789012:code-signing-config:csc-1";
        let signed = mock!(Client::get_function_code_signing_config)
            .match_requests(|r| r.function_name() == Some("signed"))
            .then_output(|| {
                GetFunctionCodeSigningConfigOutput::builder()
                    .code_signing_config_arn(CSC)
                    .function_name("signed")
                    .build()
                    .expect("an answer")
            });
        let unsigned = mock!(Client::get_function_code_signing_config)
            .match_requests(|r| r.function_name() == Some("unsigned"))
            .then_output(|| {
                GetFunctionCodeSigningConfigOutput::builder()
                    .code_signing_config_arn("")
                    .function_name("unsigned")
                    .build()
                    .expect("an answer")
            });
        let policy = mock!(Client::get_code_signing_config).then_output(|| {
            GetCodeSigningConfigOutput::builder()
                .code_signing_config(
                    CodeSigningConfig::builder()
                        .code_signing_config_id("csc-1")
                        .code_signing_config_arn(CSC)
                        .allowed_publishers(
                            AllowedPublishers::builder()
                                .signing_profile_version_arns("arn:aws:signer:profile")
                                .build()
                                .expect("publishers"),
                        )
                        .code_signing_policies(
                            CodeSigningPolicies::builder()
                                .untrusted_artifact_on_deployment(CodeSigningPolicy::Enforce)
                                .build(),
                        )
                        .last_modified("2026-01-01")
                        .build()
                        .expect("a config"),
                )
                .build()
        });
        let client = mock_client!(
            aws_sdk_lambda,
            RuleMode::MatchAny,
            &[&signed, &unsigned, &policy]
        );
        let functions = [
            function("signed", "Zip"),
            function("unsigned", "Zip"),
            function("image", "Image"),
        ];
        let found = code_signing(&test_ctx(), &client, "us-east-1", &functions).await;
        assert_eq!(found.len(), 2, "the image function is not asked about");
        assert_eq!(
            found[&functions[0].arn],
            Fetched::Ok(Some(CodeSigning {
                config_arn: CSC.into(),
                untrusted_artifact_on_deployment: Fetched::Ok("Enforce".into()),
            }))
        );
        assert_eq!(found[&functions[1].arn], Fetched::Ok(None));
        assert_eq!(policy.num_calls(), 1);
    }

    /// Issue #14 (found by the long fault run): a GetPolicy answer without its Policy read as a
    /// function without a policy, so a public function passed `lambda_function_policy_public`.
    #[tokio::test]
    async fn a_policy_answer_without_the_policy_is_a_gap() {
        let empty = mock!(Client::get_policy)
            .match_requests(|r| r.function_name() == Some("empty"))
            .then_output(|| GetPolicyOutput::builder().build());
        let open = mock!(Client::get_policy)
            .match_requests(|r| r.function_name() == Some("open"))
            .then_output(|| GetPolicyOutput::builder().policy("{}").build());
        let client = mock_client!(aws_sdk_lambda, RuleMode::MatchAny, &[&empty, &open]);
        let ctx = test_ctx();
        let Fetched::Failed(gap) = policy(&ctx, &client, "us-east-1", "empty").await else {
            panic!("an answer without Policy is a gap");
        };
        assert_eq!(gap.message, "the answer has no Policy");
        assert_eq!(
            policy(&ctx, &client, "us-east-1", "open").await,
            Fetched::Ok(Some("{}".into()))
        );
    }
}
