//! CodePipeline, per region: `ListPipelines` (paginated), then for each pipeline `GetPipeline`
//! (its stages and actions) and one page of `ListPipelineExecutions` (the most recent
//! [`EXECUTIONS_READ`] runs).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{Fetched, Resource, ResourceRef, Service, Tags};

/// How many of a pipeline's most recent executions a scan reads (one page).
pub const EXECUTIONS_READ: i32 = 20;

/// Everything read from CodePipeline in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CodePipelineRegion {
    pub pipelines: Fetched<Vec<Pipeline>>,
}

impl Default for CodePipelineRegion {
    fn default() -> Self {
        CodePipelineRegion {
            pipelines: Fetched::not_collected(Service::Codepipeline, "ListPipelines"),
        }
    }
}

/// A pipeline: its stages in order, and its most recent executions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Pipeline {
    pub name: String,
    pub region: String,
    /// `metadata.pipelineArn` (absent: built from the account, region and name).
    pub arn: String,
    /// The stages, in the order they run (`GetPipeline`).
    pub stages: Fetched<Vec<Stage>>,
    /// The most recent executions, newest first (`ListPipelineExecutions`, one page).
    pub executions: Fetched<Vec<Execution>>,
}

/// A stage: its actions, each with its run order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Stage {
    pub name: String,
    pub actions: Vec<Action>,
}

/// An action of a stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Action {
    pub name: String,
    /// `actionTypeId.category`: `Source`, `Build`, `Test`, `Deploy`, `Approval`, `Invoke`,
    /// `Compute`.
    pub category: String,
    /// `actionTypeId.provider`, e.g. `CodeBuild`, `CodeDeploy`, `Manual`.
    pub provider: String,
    /// `runOrder`: actions of a stage with a lower run order run first (absent: 1, per the
    /// API reference of `ActionDeclaration`).
    pub run_order: i32,
}

/// One run of a pipeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Execution {
    pub id: String,
    /// `Succeeded`, `Failed`, `InProgress`, `Stopped`, `Superseded`, `Cancelled`, ...
    pub status: String,
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[schemars(with = "Option<String>")]
    pub start_time: Option<OffsetDateTime>,
}

impl Pipeline {
    /// Every action of the pipeline in the order it runs: (stage index, run order, action).
    pub fn actions_in_order(stages: &[Stage]) -> Vec<(usize, i32, &Action)> {
        let mut actions: Vec<(usize, i32, &Action)> = stages
            .iter()
            .enumerate()
            .flat_map(|(index, stage)| {
                stage
                    .actions
                    .iter()
                    .map(move |action| (index, action.run_order, action))
            })
            .collect();
        actions.sort_by_key(|(stage, order, _)| (*stage, *order));
        actions
    }
}

impl Resource for Pipeline {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::CodePipeline::Pipeline".into(),
            id: self.name.clone(),
            name: None,
            region: self.region.clone(),
            tags: Tags::new(),
        }
    }
}
