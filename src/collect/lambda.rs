//! Lambda, per region: the functions (paginated).

use std::collections::BTreeMap;

use aws_sdk_lambda::Client;
use futures::future::join_all;
use wascan_checks::model::lambda::*;
use wascan_checks::model::{Gap, LambdaRegion};

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
                            name,
                        })
                    })
                    .collect::<Vec<Result<Function, Gap>>>()
            },
        )
        .await
        .and_then(|all| all.into_iter().collect::<Result<Vec<_>, Gap>>());
    LambdaRegion {
        functions: functions.into(),
        // Read by `lambda_mappings` alongside.
        ..LambdaRegion::default()
    }
}
