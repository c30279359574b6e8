//! CodePipeline, per region: `ListPipelines` (paginated), then for each pipeline `GetPipeline`
//! and one page of `ListPipelineExecutions` (the newest [`EXECUTIONS_READ`]): two calls per
//! pipeline, whatever its history.

use std::collections::BTreeMap;

use aws_sdk_codepipeline::Client;
use futures::future::join_all;
use wascan_checks::model::codepipeline::*;
use wascan_checks::model::{CodePipelineRegion, Gap};

use super::calls::{every, Call, Ctx};
use crate::convert::to_offset;

const CODEPIPELINE: &str = "codepipeline";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_codepipeline::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, CodePipelineRegion> {
    let per_region = join_all(
        regions
            .iter()
            .map(|region| async move { collect_region(ctx, &client(ctx, region), region).await }),
    )
    .await;
    regions.iter().cloned().zip(per_region).collect()
}

async fn collect_region(ctx: &Ctx, codepipeline: &Client, region: &str) -> CodePipelineRegion {
    CodePipelineRegion {
        pipelines: pipelines(ctx, codepipeline, region).await.into(),
    }
}

async fn pipelines(ctx: &Ctx, codepipeline: &Client, region: &str) -> Result<Vec<Pipeline>, Gap> {
    let at = Call::new(CODEPIPELINE, "ListPipelines").region(region);
    let names = every(
        ctx.pages(
            at,
            codepipeline.list_pipelines().into_paginator().send(),
            |page| {
                page.pipelines()
                    .iter()
                    .map(|pipeline| ctx.required_str(at, "name", pipeline.name()))
                    .collect()
            },
        )
        .await,
    )?;
    Ok(ctx
        .per_resource_calls(
            2,
            names
                .into_iter()
                .map(|name| pipeline(ctx, codepipeline, region, name)),
        )
        .await)
}

async fn pipeline(ctx: &Ctx, codepipeline: &Client, region: &str, name: String) -> Pipeline {
    let (declared, executions) = futures::join!(
        stages(ctx, codepipeline, region, &name),
        executions(ctx, codepipeline, region, &name)
    );
    let (arn, stages) = match declared {
        Ok((arn, stages)) => (arn, Ok(stages)),
        Err(gap) => (None, Err(gap)),
    };
    Pipeline {
        arn: arn.unwrap_or_else(|| ctx.arn(CODEPIPELINE, region, &name)),
        name,
        region: region.to_string(),
        stages: stages.into(),
        executions: executions.into(),
    }
}

/// The pipeline's ARN (from its metadata) and its stages.
async fn stages(
    ctx: &Ctx,
    codepipeline: &Client,
    region: &str,
    name: &str,
) -> Result<(Option<String>, Vec<Stage>), Gap> {
    let at = Call::new(CODEPIPELINE, "GetPipeline")
        .region(region)
        .resource(name);
    let answer = ctx
        .call(at, codepipeline.get_pipeline().name(name).send())
        .await?;
    let declaration = ctx.required(at, "pipeline", answer.pipeline())?;
    let stages = declaration
        .stages()
        .iter()
        .map(|stage| {
            Ok(Stage {
                name: ctx.required_str(at, "stages.name", Some(stage.name()))?,
                actions: stage
                    .actions()
                    .iter()
                    .map(|action| {
                        let kind = ctx.required(at, "actionTypeId", action.action_type_id())?;
                        Ok(Action {
                            name: ctx.required_str(at, "actions.name", Some(action.name()))?,
                            category: ctx.required_enum(
                                at,
                                "actionTypeId.category",
                                kind.category().as_str(),
                            )?,
                            provider: kind.provider().to_string(),
                            // Absent: 1 (ActionDeclaration.runOrder, "the default value is 1").
                            run_order: action.run_order().unwrap_or(1),
                        })
                    })
                    .collect::<Result<Vec<_>, Gap>>()?,
            })
        })
        .collect::<Result<Vec<_>, Gap>>()?;
    let arn = answer
        .metadata()
        .and_then(|metadata| metadata.pipeline_arn())
        .map(str::to_string);
    Ok((arn, stages))
}

async fn executions(
    ctx: &Ctx,
    codepipeline: &Client,
    region: &str,
    name: &str,
) -> Result<Vec<Execution>, Gap> {
    let at = Call::new(CODEPIPELINE, "ListPipelineExecutions")
        .region(region)
        .resource(name);
    // One page, newest first: enough to tell whether the pipeline ran recently.
    let page = ctx
        .call(
            at,
            codepipeline
                .list_pipeline_executions()
                .pipeline_name(name)
                .max_results(EXECUTIONS_READ)
                .send(),
        )
        .await?;
    page.pipeline_execution_summaries()
        .iter()
        .map(|execution| {
            Ok(Execution {
                id: ctx.required_str(
                    at,
                    "pipelineExecutionId",
                    execution.pipeline_execution_id(),
                )?,
                status: ctx.required(
                    at,
                    "status",
                    execution.status().map(|s| s.as_str().to_string()),
                )?,
                start_time: execution.start_time().and_then(to_offset),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use aws_sdk_codepipeline::operation::get_pipeline::GetPipelineOutput;
    use aws_sdk_codepipeline::operation::list_pipeline_executions::ListPipelineExecutionsOutput;
    use aws_sdk_codepipeline::operation::list_pipelines::{
        ListPipelinesError, ListPipelinesOutput,
    };
    use aws_sdk_codepipeline::types::{
        ActionCategory, ActionDeclaration, ActionOwner, ActionTypeId, PipelineDeclaration,
        PipelineExecutionStatus, PipelineExecutionSummary, PipelineMetadata, PipelineSummary,
        StageDeclaration,
    };
    use aws_smithy_mocks::{mock, mock_client, RuleMode};
    use aws_smithy_types::DateTime;
    use wascan_checks::model::{ErrorKind, Fetched};

    use super::*;
    use crate::collect::tests::test_ctx;

    fn action(name: &str, category: ActionCategory, provider: &str) -> ActionDeclaration {
        ActionDeclaration::builder()
            .name(name)
            .action_type_id(
                ActionTypeId::builder()
                    .category(category)
                    .owner(ActionOwner::Aws)
                    .provider(provider)
                    .version("1")
                    .build()
                    .expect("a type"),
            )
            .build()
            .expect("an action")
    }

    #[tokio::test]
    async fn pipelines_are_read_with_their_stages_and_newest_executions() {
        let list = mock!(Client::list_pipelines).then_output(|| {
            ListPipelinesOutput::builder()
                .pipelines(PipelineSummary::builder().name("checkout").build())
                .build()
        });
        let get = mock!(Client::get_pipeline)
            .match_requests(|req| req.name() == Some("checkout"))
            .then_output(|| {
                GetPipelineOutput::builder()
                    .pipeline(
                        PipelineDeclaration::builder()
                            .name("checkout")
                            .role_arn("arn:aws:iam::123456789012:role/pipeline")
                            .stages(
                                StageDeclaration::builder()
                                    .name("Source")
                                    .actions(action("Code", ActionCategory::Source, "S3"))
                                    .build()
                                    .expect("a stage"),
                            )
                            .stages(
                                StageDeclaration::builder()
                                    .name("Deploy")
                                    .actions(action("Prod", ActionCategory::Deploy, "CodeDeploy"))
                                    .actions(
                                        ActionDeclaration::builder()
                                            .name("Smoke")
                                            .run_order(2)
                                            .action_type_id(
                                                ActionTypeId::builder()
                                                    .category(ActionCategory::Test)
                                                    .owner(ActionOwner::Aws)
                                                    .provider("CodeBuild")
                                                    .version("1")
                                                    .build()
                                                    .expect("a type"),
                                            )
                                            .build()
                                            .expect("an action"),
                                    )
                                    .build()
                                    .expect("a stage"),
                            )
                            .build()
                            .expect("a declaration"),
                    )
                    .metadata(
                        PipelineMetadata::builder()
                            .pipeline_arn("arn:aws:codepipeline:us-east-1:123456789012:checkout")
                            .build(),
                    )
                    .build()
            });
        let runs = mock!(Client::list_pipeline_executions)
            .match_requests(|req| {
                req.pipeline_name() == Some("checkout")
                    && req.max_results() == Some(EXECUTIONS_READ)
            })
            .then_output(|| {
                ListPipelineExecutionsOutput::builder()
                    .pipeline_execution_summaries(
                        PipelineExecutionSummary::builder()
                            .pipeline_execution_id("e-1")
                            .status(PipelineExecutionStatus::Succeeded)
                            .start_time(DateTime::from_secs(1_780_000_000))
                            .build(),
                    )
                    .build()
            });
        let client = mock_client!(
            aws_sdk_codepipeline,
            RuleMode::MatchAny,
            &[&list, &get, &runs]
        );
        let region = collect_region(&test_ctx(), &client, "us-east-1").await;
        let Fetched::Ok(pipelines) = &region.pipelines else {
            panic!("pipelines: {:?}", region.pipelines)
        };
        assert_eq!(pipelines.len(), 1);
        let pipeline = &pipelines[0];
        assert_eq!(
            pipeline.arn,
            "arn:aws:codepipeline:us-east-1:123456789012:checkout"
        );
        let Fetched::Ok(stages) = &pipeline.stages else {
            panic!("stages")
        };
        assert_eq!(stages.len(), 2);
        assert_eq!(
            stages[1].actions[1],
            Action {
                name: "Smoke".into(),
                category: "Test".into(),
                provider: "CodeBuild".into(),
                run_order: 2,
            }
        );
        assert_eq!(stages[1].actions[0].run_order, 1, "the documented default");
        let Fetched::Ok(executions) = &pipeline.executions else {
            panic!("executions")
        };
        assert_eq!(executions[0].status, "Succeeded");
        assert!(executions[0].start_time.is_some());
    }

    #[tokio::test]
    async fn a_refused_listing_is_a_gap() {
        let refused = mock!(Client::list_pipelines).then_error(|| {
            ListPipelinesError::generic(
                aws_smithy_types::error::ErrorMetadata::builder()
                    .code("AccessDeniedException")
                    .message("no")
                    .build(),
            )
        });
        let client = mock_client!(aws_sdk_codepipeline, RuleMode::MatchAny, &[&refused]);
        let region = collect_region(&test_ctx(), &client, "us-east-1").await;
        let Fetched::Failed(gap) = &region.pipelines else {
            panic!("a gap")
        };
        assert_eq!(gap.kind, ErrorKind::AccessDenied);
    }
}
