//! AWS Fault Injection Service, per region: the experiment templates and the experiments
//! (each paginated, concurrent).

use std::collections::BTreeMap;

use aws_sdk_fis::Client;
use futures::future::join_all;
use wascan_checks::model::fis::*;
use wascan_checks::model::FisRegion;

use super::calls::{every, Call, Ctx};
use crate::convert::to_offset;

const FIS: &str = "fis";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_fis::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, FisRegion> {
    let per_region = join_all(
        regions
            .iter()
            .map(|region| async move { collect_region(ctx, &client(ctx, region), region).await }),
    )
    .await;
    regions.iter().cloned().zip(per_region).collect()
}

async fn collect_region(ctx: &Ctx, fis: &Client, region: &str) -> FisRegion {
    let (templates, experiments) = futures::join!(
        ctx.pages(
            Call::new(FIS, "ListExperimentTemplates").region(region),
            fis.list_experiment_templates().into_paginator().send(),
            |page| page
                .experiment_templates()
                .iter()
                .map(|t| {
                    ctx.required_str(
                        Call::new(FIS, "ListExperimentTemplates").region(region),
                        "id",
                        t.id(),
                    )
                })
                .collect::<Vec<_>>(),
        ),
        ctx.pages(
            Call::new(FIS, "ListExperiments").region(region),
            fis.list_experiments().into_paginator().send(),
            |page| page
                .experiments()
                .iter()
                // The id is always sent; an experiment without one cannot be named: a gap for
                // the region's list (dropped, a failed experiment's finding was lost).
                .map(|e| {
                    Ok(Experiment {
                        id: ctx.required_str(
                            Call::new(FIS, "ListExperiments").region(region),
                            "id",
                            e.id(),
                        )?,
                        template_id: e.experiment_template_id().map(str::to_string),
                        status: e
                            .state()
                            .and_then(|s| s.status())
                            .map(|s| s.as_str().to_string()),
                        created_at: e.creation_time().and_then(to_offset),
                    })
                })
                .collect::<Vec<_>>(),
        ),
    );
    FisRegion {
        experiment_templates: every(templates).into(),
        experiments: every(experiments).into(),
    }
}

#[cfg(test)]
mod tests {
    use aws_sdk_fis::operation::list_experiment_templates::ListExperimentTemplatesOutput;
    use aws_sdk_fis::operation::list_experiments::{ListExperimentsError, ListExperimentsOutput};
    use aws_sdk_fis::types::{
        ExperimentState, ExperimentStatus, ExperimentSummary, ExperimentTemplateSummary,
    };
    use aws_smithy_mocks::{mock, mock_client, RuleMode};
    use wascan_checks::model::{ErrorKind, Fetched};

    use super::*;
    use crate::collect::tests::test_ctx;

    #[tokio::test]
    async fn templates_and_experiments_are_read_and_a_refusal_is_a_gap() {
        let templates = mock!(Client::list_experiment_templates).then_output(|| {
            ListExperimentTemplatesOutput::builder()
                .experiment_templates(ExperimentTemplateSummary::builder().id("EXT1").build())
                .build()
        });
        let experiments = mock!(Client::list_experiments).then_output(|| {
            ListExperimentsOutput::builder()
                .experiments(
                    ExperimentSummary::builder()
                        .id("EXP1")
                        .experiment_template_id("EXT1")
                        .state(
                            ExperimentState::builder()
                                .status(ExperimentStatus::Completed)
                                .build(),
                        )
                        .creation_time(aws_smithy_types::DateTime::from_secs(1_780_000_000))
                        .build(),
                )
                .build()
        });
        let client = mock_client!(aws_sdk_fis, RuleMode::MatchAny, &[&templates, &experiments]);
        let region = collect_region(&test_ctx(), &client, "us-east-1").await;
        assert_eq!(
            region.experiment_templates,
            Fetched::Ok(vec!["EXT1".to_string()])
        );
        let Fetched::Ok(experiments) = &region.experiments else {
            panic!("experiments")
        };
        assert_eq!(experiments[0].status.as_deref(), Some("completed"));
        assert!(experiments[0].created_at.is_some());

        let refused = mock!(Client::list_experiments).then_error(|| {
            ListExperimentsError::generic(
                aws_smithy_types::error::ErrorMetadata::builder()
                    .code("AccessDeniedException")
                    .message("no")
                    .build(),
            )
        });
        let client = mock_client!(aws_sdk_fis, RuleMode::MatchAny, &[&templates, &refused]);
        let region = collect_region(&test_ctx(), &client, "us-east-1").await;
        let Fetched::Failed(gap) = &region.experiments else {
            panic!("a gap")
        };
        assert_eq!(gap.kind, ErrorKind::AccessDenied);
    }

    /// Issue #14: a template or experiment without its id was dropped (a failed experiment's
    /// finding lost).
    #[tokio::test]
    async fn templates_and_experiments_without_their_ids_are_gaps() {
        let templates = mock!(Client::list_experiment_templates).then_output(|| {
            ListExperimentTemplatesOutput::builder()
                .experiment_templates(
                    ExperimentTemplateSummary::builder()
                        .description("az")
                        .build(),
                )
                .build()
        });
        let experiments = mock!(Client::list_experiments).then_output(|| {
            ListExperimentsOutput::builder()
                .experiments(
                    ExperimentSummary::builder()
                        .experiment_template_id("EXT1")
                        .state(
                            ExperimentState::builder()
                                .status(ExperimentStatus::Failed)
                                .build(),
                        )
                        .build(),
                )
                .build()
        });
        let client = mock_client!(aws_sdk_fis, RuleMode::MatchAny, &[&templates, &experiments]);
        let ctx = test_ctx();
        let region = collect_region(&ctx, &client, "us-east-1").await;
        assert_eq!(
            region
                .experiment_templates
                .gap()
                .map(|g| g.message.as_str()),
            Some("the answer has no id")
        );
        assert_eq!(
            region.experiments.gap().map(|g| g.operation.as_str()),
            Some("ListExperiments")
        );
        assert_eq!(ctx.take_errors().len(), 2);
    }
}
