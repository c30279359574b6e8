use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::pipeline_stages;
use crate::finding::{Finding, Severity};
use crate::model::codepipeline::Pipeline;
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that each CodePipeline pipeline that deploys also tests the deployment: a `Test`
    /// action that runs after a `Deploy` action (in a later stage, or later in the same stage),
    /// such as smoke or integration tests against the environment just deployed. One finding
    /// per pipeline that has a `Deploy` action.
    ///
    /// ## Why is this bad?
    /// A deployment that completes is not a deployment that works: a missing configuration
    /// value, a wrong certificate or an unreachable dependency shows only once the new version
    /// runs where it was deployed. Testing after each deployment finds it before customers do,
    /// and before the pipeline promotes the change further. Post-deployment checks run by other
    /// means (CodeDeploy lifecycle hooks, a canary watching the release) are not visible in the
    /// pipeline's structure, so a pipeline without one is "no evidence found", not a failure.
    ///
    /// ## Example
    /// `aws codepipeline get-pipeline --name checkout` shows a `Deploy` action and no `Test`
    /// action after it. Fix: add a `Test` action with a higher `runOrder` in the deploy stage,
    /// or a test stage after it, that runs smoke tests against the deployed environment.
    ///
    /// ## Not evaluated when
    /// The pipelines of a region, or a pipeline's structure, could not be read.
    pub CODEPIPELINE_PIPELINE_DEPLOYMENT_TESTED = "codepipeline_pipeline_deployment_tested",
    pillar: Pillar::OperationalExcellence,
    service: Service::Codepipeline,
    severity: Severity::Medium,
    best_practices: &[direct("OPS06-BP02")],
    since: "0.5.0",
    title: "Pipelines test each deployment after it runs",
    remediation: "Add a Test action after the pipeline's Deploy action (a higher runOrder in the same stage, or a later stage) that runs smoke or integration tests against the deployed environment",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &CODEPIPELINE_PIPELINE_DEPLOYMENT_TESTED;
    pipeline_stages::per_pipeline(check, ctx, |pipeline, stages| {
        let ordered = Pipeline::actions_in_order(stages);
        let first_deploy = ordered
            .iter()
            .find(|(_, _, action)| action.category == "Deploy")
            .map(|(stage, order, _)| (*stage, *order))?;
        let after: Vec<&str> = ordered
            .iter()
            .filter(|(stage, order, action)| {
                action.category == "Test" && (*stage, *order) > first_deploy
            })
            .map(|(_, _, action)| action.name.as_str())
            .collect();
        Some(if after.is_empty() {
            check.no_evidence(pipeline, "no Test action runs after the pipeline deploys")
        } else {
            check.pass(
                pipeline,
                format!("tested after deploying: {}", after.join(", ")),
            )
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

    fn stages(actions: &[(&str, &str, i32)]) -> Fetched<Vec<Stage>> {
        Fetched::Ok(
            actions
                .iter()
                .map(|(name, category, order)| Stage {
                    name: format!("{name}-stage"),
                    actions: vec![crate::model::codepipeline::Action {
                        run_order: *order,
                        ..pipeline_action(name, category, "CodeBuild")
                    }],
                })
                .collect(),
        )
    }

    #[test]
    fn a_test_after_the_deploy_passes_a_test_only_before_is_no_evidence() {
        let mut snap = snapshot();
        let mut before = pipeline("tested-before");
        before.stages = stages(&[("Unit", "Test", 1), ("Prod", "Deploy", 1)]);
        let mut later_stage = pipeline("later-stage");
        later_stage.stages = stages(&[("Prod", "Deploy", 1), ("Smoke", "Test", 1)]);
        let mut build_only = pipeline("build-only");
        build_only.stages = stages(&[("Code", "Source", 1), ("Compile", "Build", 1)]);
        codepipeline(&mut snap).pipelines =
            Fetched::Ok(vec![pipeline("checkout"), before, later_stage, build_only]);
        let findings = run(&CODEPIPELINE_PIPELINE_DEPLOYMENT_TESTED, &snap);
        assert_eq!(
            statuses(&findings),
            expect(&[
                ("checkout", Pass),
                ("tested-before", NoEvidence),
                ("later-stage", Pass),
            ])
        );
        assert_eq!(findings[0].message, "tested after deploying: Smoke");
    }

    #[test]
    fn unreadable_pipelines_are_not_evaluated() {
        let mut snap = snapshot();
        let mut unread = pipeline("checkout");
        unread.stages = Fetched::Failed(denied("GetPipeline"));
        codepipeline(&mut snap).pipelines = Fetched::Ok(vec![unread]);
        assert_eq!(
            statuses(&run(&CODEPIPELINE_PIPELINE_DEPLOYMENT_TESTED, &snap)),
            expect(&[("checkout", NotEvaluated)])
        );
    }
}
