//! What the CodePipeline checks share: one finding per pipeline, judged from its stages; a
//! pipeline whose stages could not be read (`GetPipeline`) is not evaluated, and a region whose
//! pipelines could not be listed gives one not-evaluated finding.

use crate::check::{Check, Context};
use crate::finding::Finding;
use crate::model::codepipeline::{Pipeline, Stage};
use crate::model::Fetched;

/// `judge` sees each pipeline with its stages; `None` skips the pipeline.
pub(crate) fn per_pipeline(
    check: &Check,
    ctx: &Context,
    judge: impl Fn(&Pipeline, &[Stage]) -> Option<Finding>,
) -> Vec<Finding> {
    ctx.each_in_regions(
        check,
        &ctx.snapshot.codepipeline,
        |region| &region.pipelines,
        |pipeline| match &pipeline.stages {
            Fetched::Ok(stages) => judge(pipeline, stages),
            Fetched::Failed(why) => Some(check.not_evaluated(pipeline, why)),
        },
    )
}
