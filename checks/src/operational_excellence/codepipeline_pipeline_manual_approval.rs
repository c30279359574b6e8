use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::pipeline_stages;
use crate::finding::{Finding, Severity};
use crate::model::codepipeline::Pipeline;
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks whether each CodePipeline pipeline that deploys has a go/no-go gate before its
    /// first deployment: an `Approval` action (a manual approval) that runs before a `Deploy`
    /// action. One finding per pipeline that has a `Deploy` action.
    ///
    /// ## Why is this bad?
    /// A deployment decision weighs the change's benefit against its risk and the team's
    /// readiness to support it. A manual approval records that someone made that decision for
    /// this change, with the reviewer's comment. Teams that deploy continuously decide through
    /// other mechanisms (automated quality gates, a change calendar, a change request), so a
    /// pipeline without an approval is "no evidence found", not a failure. A proxy: an
    /// approval shows a decision point exists, not what the decision weighs.
    ///
    /// ## Example
    /// `aws codepipeline get-pipeline --name checkout` shows a `Deploy` action and no
    /// `Approval` action before it. Fix: add a stage with an action of category `Approval`,
    /// provider `Manual`, before the production deploy stage (with an SNS topic to notify the
    /// approvers and a URL to the change's review).
    ///
    /// ## Not evaluated when
    /// The pipelines of a region, or a pipeline's structure, could not be read.
    pub CODEPIPELINE_PIPELINE_MANUAL_APPROVAL = "codepipeline_pipeline_manual_approval",
    pillar: Pillar::OperationalExcellence,
    service: Service::Codepipeline,
    severity: Severity::Low,
    best_practices: &[indirect("OPS07-BP05")],
    since: "0.5.0",
    title: "Pipelines have a go/no-go decision before deploying",
    remediation: "Add a manual Approval action (category Approval, provider Manual) before the production Deploy action, notifying the approvers through SNS",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &CODEPIPELINE_PIPELINE_MANUAL_APPROVAL;
    pipeline_stages::per_pipeline(check, ctx, |pipeline, stages| {
        let ordered = Pipeline::actions_in_order(stages);
        let last_deploy = ordered
            .iter()
            .rev()
            .find(|(_, _, action)| action.category == "Deploy")
            .map(|(stage, order, _)| (*stage, *order))?;
        let gates: Vec<&str> = ordered
            .iter()
            .filter(|(stage, order, action)| {
                action.category == "Approval" && (*stage, *order) < last_deploy
            })
            .map(|(_, _, action)| action.name.as_str())
            .collect();
        Some(if gates.is_empty() {
            check.no_evidence(
                pipeline,
                "no Approval action runs before the pipeline deploys",
            )
        } else {
            check.pass(
                pipeline,
                format!("approved before deploying: {}", gates.join(", ")),
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

    #[test]
    fn an_approval_before_the_deploy_passes_none_is_no_evidence() {
        let mut snap = snapshot();
        let mut ungated = pipeline("fast");
        ungated.stages = Fetched::Ok(vec![
            Stage {
                name: "Source".into(),
                actions: vec![pipeline_action("Code", "Source", "S3")],
            },
            Stage {
                name: "Deploy".into(),
                actions: vec![pipeline_action("Prod", "Deploy", "CodeDeploy")],
            },
            Stage {
                name: "After".into(),
                actions: vec![pipeline_action("Late", "Approval", "Manual")],
            },
        ]);
        let mut build_only = pipeline("build-only");
        build_only.stages = Fetched::Ok(vec![Stage {
            name: "Build".into(),
            actions: vec![pipeline_action("Compile", "Build", "CodeBuild")],
        }]);
        codepipeline(&mut snap).pipelines =
            Fetched::Ok(vec![pipeline("checkout"), ungated, build_only]);
        let findings = run(&CODEPIPELINE_PIPELINE_MANUAL_APPROVAL, &snap);
        assert_eq!(
            statuses(&findings),
            expect(&[("checkout", Pass), ("fast", NoEvidence)])
        );
        assert_eq!(findings[0].message, "approved before deploying: Release");
    }

    #[test]
    fn unreadable_pipelines_are_not_evaluated() {
        let mut snap = snapshot();
        let mut unread = pipeline("checkout");
        unread.stages = Fetched::Failed(denied("GetPipeline"));
        codepipeline(&mut snap).pipelines = Fetched::Ok(vec![unread]);
        assert_eq!(
            statuses(&run(&CODEPIPELINE_PIPELINE_MANUAL_APPROVAL, &snap)),
            expect(&[("checkout", NotEvaluated)])
        );
    }
}
