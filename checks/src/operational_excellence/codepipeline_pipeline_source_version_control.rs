use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::pipeline_stages;
use crate::finding::{Finding, Severity};
use crate::model::Service;

/// Source providers that read from a version-control system.
const VCS_PROVIDERS: &[&str] = &[
    "CodeStarSourceConnection",
    "CodeCommit",
    "GitHub",
    "GitHubEnterpriseServer",
    "Bitbucket",
    "GitLab",
    "GitLabSelfManaged",
];

declare_check! {
    /// ## What it does
    /// Checks where each CodePipeline pipeline takes its changes from: a `Source` action whose
    /// provider is a version-control system (a CodeConnections connection to GitHub, GitLab or
    /// Bitbucket, CodeCommit, the GitHub version 1 action). One finding per pipeline with a
    /// source action.
    ///
    /// ## Why is this bad?
    /// Changes that come from version control are reviewed, attributed, and can be reverted
    /// to any earlier state; a pipeline fed from an S3 object or an image tag deploys whatever
    /// was uploaded last. A pipeline whose source is an S3 bucket or an ECR repository may
    /// still be fed by a build from version control elsewhere, so it is "no evidence found",
    /// not a failure. A proxy: the source shows where changes enter, not how they are managed.
    ///
    /// ## Example
    /// `aws codepipeline get-pipeline --name checkout` shows a source action with provider
    /// `S3`. Fix: take the source from the repository through a connection (`provider:
    /// CodeStarSourceConnection`, `ConnectionArn`, `FullRepositoryId`, `BranchName`).
    ///
    /// ## Not evaluated when
    /// The pipelines of a region, or a pipeline's structure, could not be read.
    pub CODEPIPELINE_PIPELINE_SOURCE_VERSION_CONTROL = "codepipeline_pipeline_source_version_control",
    pillar: Pillar::OperationalExcellence,
    service: Service::Codepipeline,
    severity: Severity::Low,
    best_practices: &[indirect("OPS05-BP01")],
    since: "0.5.0",
    title: "Pipelines take their changes from version control",
    remediation: "Source the pipeline from the repository through a CodeConnections connection (Source action provider CodeStarSourceConnection with ConnectionArn, FullRepositoryId and BranchName)",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &CODEPIPELINE_PIPELINE_SOURCE_VERSION_CONTROL;
    pipeline_stages::per_pipeline(check, ctx, |pipeline, stages| {
        let sources: Vec<&str> = stages
            .iter()
            .flat_map(|stage| &stage.actions)
            .filter(|action| action.category == "Source")
            .map(|action| action.provider.as_str())
            .collect();
        if sources.is_empty() {
            return None;
        }
        let (vcs, other): (Vec<&str>, Vec<&str>) = sources
            .iter()
            .partition(|provider| VCS_PROVIDERS.contains(provider));
        Some(if vcs.is_empty() {
            check.no_evidence(
                pipeline,
                format!(
                    "the pipeline's source is {} (not version control)",
                    other.join(", ")
                ),
            )
        } else {
            check.pass(pipeline, format!("sourced from {}", vcs.join(", ")))
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
    fn a_repository_source_passes_an_s3_source_is_no_evidence() {
        let mut snap = snapshot();
        let mut from_s3 = pipeline("legacy");
        from_s3.stages = Fetched::Ok(vec![Stage {
            name: "Source".into(),
            actions: vec![pipeline_action("Code", "Source", "S3")],
        }]);
        let mut no_source = pipeline("triggered");
        no_source.stages = Fetched::Ok(vec![Stage {
            name: "Build".into(),
            actions: vec![pipeline_action("Compile", "Build", "CodeBuild")],
        }]);
        codepipeline(&mut snap).pipelines =
            Fetched::Ok(vec![pipeline("checkout"), from_s3, no_source]);
        let findings = run(&CODEPIPELINE_PIPELINE_SOURCE_VERSION_CONTROL, &snap);
        assert_eq!(
            statuses(&findings),
            expect(&[("checkout", Pass), ("legacy", NoEvidence)])
        );
        assert_eq!(findings[0].message, "sourced from CodeStarSourceConnection");
        assert_eq!(
            findings[1].message,
            "no evidence found: the pipeline's source is S3 (not version control)"
        );
    }

    #[test]
    fn unreadable_pipelines_are_not_evaluated() {
        let mut snap = snapshot();
        let mut unread = pipeline("checkout");
        unread.stages = Fetched::Failed(denied("GetPipeline"));
        codepipeline(&mut snap).pipelines = Fetched::Ok(vec![unread]);
        assert_eq!(
            statuses(&run(&CODEPIPELINE_PIPELINE_SOURCE_VERSION_CONTROL, &snap)),
            expect(&[("checkout", NotEvaluated)])
        );
    }
}
