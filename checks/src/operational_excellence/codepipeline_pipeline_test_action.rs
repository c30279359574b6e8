use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::pipeline_stages;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that each CodePipeline pipeline runs automated tests: an action of the `Test`
    /// category (CodeBuild, Device Farm, a third-party test provider, ...) in one of its stages.
    /// One finding per pipeline.
    ///
    /// ## Why is this bad?
    /// A pipeline that only builds and deploys sends every change to its target untested:
    /// defects are found by the people who use the workload. Tests as pipeline actions run on
    /// every change, block a failing one, and leave a record of what was tested. Tests run
    /// inside a `Build` action (a CodeBuild project that compiles and tests) are not visible
    /// in the pipeline's structure, so a pipeline without a `Test` action is "no evidence
    /// found", not a failure.
    ///
    /// ## Example
    /// `aws codepipeline get-pipeline --name checkout` lists no action with
    /// `actionTypeId.category` `Test`. Fix: add a test action after the build (`category: Test,
    /// provider: CodeBuild`, running the unit and integration tests) and a stage transition
    /// that stops on its failure.
    ///
    /// ## Not evaluated when
    /// The pipelines of a region, or a pipeline's structure, could not be read.
    pub CODEPIPELINE_PIPELINE_TEST_ACTION = "codepipeline_pipeline_test_action",
    pillar: Pillar::OperationalExcellence,
    service: Service::Codepipeline,
    severity: Severity::Medium,
    best_practices: &[direct("OPS05-BP02"), direct("REL08-BP02")],
    since: "0.5.0",
    title: "Pipelines run automated tests",
    remediation: "Add a Test action (for example a CodeBuild project that runs the test suite) to the pipeline after its build stage: aws codepipeline update-pipeline --cli-input-json file://pipeline.json",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &CODEPIPELINE_PIPELINE_TEST_ACTION;
    pipeline_stages::per_pipeline(check, ctx, |pipeline, stages| {
        let tests: Vec<String> = stages
            .iter()
            .flat_map(|stage| {
                stage
                    .actions
                    .iter()
                    .filter(|action| action.category == "Test")
                    .map(move |action| format!("{}/{} ({})", stage.name, action.name, action.provider))
            })
            .collect();
        Some(if tests.is_empty() {
            check.no_evidence(
                pipeline,
                "the pipeline has no Test action (tests run inside a Build action are not visible)",
            )
        } else {
            check.pass(pipeline, format!("test action(s): {}", tests.join(", ")))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Fetched;
    use crate::finding::Status::*;
    use crate::model::codepipeline::Stage;
    use crate::testing::*;

    #[test]
    fn a_test_action_passes_and_none_is_no_evidence() {
        let mut snap = snapshot();
        let mut untested = pipeline("legacy");
        untested.stages = Fetched::Ok(vec![
            Stage {
                name: "Source".into(),
                actions: vec![pipeline_action("Code", "Source", "S3")],
            },
            Stage {
                name: "Deploy".into(),
                actions: vec![pipeline_action("Prod", "Deploy", "CodeDeploy")],
            },
        ]);
        codepipeline(&mut snap).pipelines = Fetched::Ok(vec![pipeline("checkout"), untested]);
        let findings = run(&CODEPIPELINE_PIPELINE_TEST_ACTION, &snap);
        assert_eq!(
            statuses(&findings),
            expect(&[("checkout", Pass), ("legacy", NoEvidence)])
        );
        assert_eq!(
            findings[0].message,
            "test action(s): Build/UnitTests (CodeBuild), Prod/Smoke (CodeBuild)"
        );
    }

    #[test]
    fn unreadable_pipelines_are_not_evaluated() {
        let mut snap = snapshot();
        let mut unread = pipeline("checkout");
        unread.stages = Fetched::Failed(denied("GetPipeline"));
        codepipeline(&mut snap).pipelines = Fetched::Ok(vec![unread]);
        assert_eq!(
            statuses(&run(&CODEPIPELINE_PIPELINE_TEST_ACTION, &snap)),
            expect(&[("checkout", NotEvaluated)])
        );
        codepipeline(&mut snap).pipelines = Fetched::Failed(denied("ListPipelines"));
        assert_eq!(
            statuses(&run(&CODEPIPELINE_PIPELINE_TEST_ACTION, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
