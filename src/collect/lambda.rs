//! Lambda, per region: the functions (paginated).

use std::collections::BTreeMap;

use aws_sdk_lambda::Client;
use futures::future::join_all;
use wascan_checks::model::lambda::*;
use wascan_checks::model::{ErrorKind, Fetched, Gap, LambdaRegion};
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
    LambdaRegion {
        functions: functions.into(),
        // Read by `lambda_mappings` alongside.
        ..LambdaRegion::default()
    }
}

/// The function's resource-based policy: `None` when it has none (`ResourceNotFoundException`,
/// Lambda API reference, GetPolicy).
async fn policy(ctx: &Ctx, lambda: &Client, region: &str, name: &str) -> Fetched<Option<String>> {
    ctx.call_or_absent(
        Call::new(LAMBDA, "GetPolicy").region(region).resource(name),
        &["ResourceNotFoundException"],
        lambda.get_policy().function_name(name).send(),
    )
    .await
    .map(|out| out.and_then(|out| out.policy().map(str::to_string)))
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
        .unwrap_or_default();
    variables.sort_unstable();
    Fetched::Ok(scan_named("environment variable", variables))
}
