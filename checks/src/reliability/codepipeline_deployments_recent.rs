use crate::catalog::Pillar;
use crate::check::{direct, indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};
use crate::presence::{from_found, Looked};

/// A pipeline run that succeeded within this many days counts as a recent deployment.
const RECENT_DAYS: i64 = 30;

declare_check! {
    /// ## What it does
    /// Looks for changes deployed by automation: CodePipeline pipelines that have a `Deploy`
    /// action and whose run succeeded within the 30 days before the scan (of the newest 20
    /// runs read per pipeline), in any scanned region. One finding for the account, naming each
    /// pipeline and how many of its recent runs succeeded.
    ///
    /// ## Why is this bad?
    /// Changes applied by hand differ from one environment to the next, skip the tests and
    /// cannot be repeated or rolled back the same way. A pipeline that deploys, and is used,
    /// makes every change take the same tested path; frequent successful runs also show
    /// changes going out in small batches. Teams deploy with other tools too (GitHub Actions,
    /// GitLab, Jenkins, Argo CD), so finding no pipeline here is "no evidence found", not a
    /// failure. Pipelines that exist but did not deploy recently are named in the message.
    ///
    /// ## Example
    /// `aws codepipeline list-pipeline-executions --pipeline-name checkout` shows no
    /// `Succeeded` run in the last 30 days. Fix: deliver changes through the pipeline (source
    /// change triggers or `aws codepipeline start-pipeline-execution --name checkout`) rather
    /// than by hand.
    ///
    /// ## Not evaluated when
    /// No recent deployment was found and the pipelines of some region, or a pipeline's
    /// structure or runs, could not be read.
    pub CODEPIPELINE_DEPLOYMENTS_RECENT = "codepipeline_deployments_recent",
    pillar: Pillar::Reliability,
    service: Service::Codepipeline,
    severity: Severity::Low,
    best_practices: &[
        direct("REL08-BP05"),
        indirect("OPS05-BP09"),
        indirect("OPS05-BP10"),
    ],
    since: "0.5.0",
    title: "Changes are deployed by pipelines that ran recently",
    remediation: "Deliver changes through a CodePipeline pipeline with a Deploy action (source triggers or aws codepipeline start-pipeline-execution --name NAME) rather than by hand",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &CODEPIPELINE_DEPLOYMENTS_RECENT;
    let snap = ctx.snapshot;
    let since = snap.collected_at - time::Duration::days(RECENT_DAYS);
    let mut found = Vec::new();
    let mut idle = Vec::new();
    let mut gap = None;
    for (region, codepipeline) in &snap.codepipeline {
        let pipelines = match &codepipeline.pipelines {
            Fetched::Ok(pipelines) => pipelines,
            Fetched::Failed(why) => {
                gap.get_or_insert(why);
                continue;
            }
        };
        for pipeline in pipelines {
            let (stages, executions) = match (&pipeline.stages, &pipeline.executions) {
                (Fetched::Ok(stages), Fetched::Ok(executions)) => (stages, executions),
                (Fetched::Failed(why), _) | (_, Fetched::Failed(why)) => {
                    gap.get_or_insert(why);
                    continue;
                }
            };
            let deploys = stages
                .iter()
                .flat_map(|stage| &stage.actions)
                .any(|action| action.category == "Deploy");
            if !deploys {
                continue;
            }
            let succeeded = executions
                .iter()
                .filter(|run| run.status == "Succeeded")
                .filter(|run| run.start_time.is_some_and(|start| start >= since))
                .count();
            if succeeded > 0 {
                found.push(format!(
                    "{} ({succeeded} successful run(s), {region})",
                    pipeline.name
                ));
            } else {
                idle.push(pipeline.name.as_str());
            }
        }
    }
    let none = if idle.is_empty() {
        "no CodePipeline pipeline with a Deploy action in the scanned regions".to_string()
    } else {
        format!(
            "no pipeline deployed successfully in the last {RECENT_DAYS} days ({})",
            idle.join(", ")
        )
    };
    vec![from_found(
        check,
        snap,
        found,
        gap,
        Looked {
            what: "pipeline(s) that deployed in the last 30 days",
            none: &none,
        },
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::codepipeline::Execution;
    use crate::testing::*;

    fn run_on(status: &str, days: i64) -> Execution {
        Execution {
            id: format!("{status}-{days}"),
            status: status.into(),
            start_time: days_ago(days),
        }
    }

    #[test]
    fn a_recent_successful_deployment_passes() {
        let mut snap = snapshot();
        let mut stale = pipeline("legacy");
        stale.executions = Fetched::Ok(vec![run_on("Succeeded", 45)]);
        let mut checkout = pipeline("checkout");
        checkout.executions = Fetched::Ok(vec![
            run_on("Succeeded", 1),
            run_on("Failed", 2),
            run_on("Succeeded", 3),
        ]);
        codepipeline(&mut snap).pipelines = Fetched::Ok(vec![checkout, stale]);
        let findings = run(&CODEPIPELINE_DEPLOYMENTS_RECENT, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "1 pipeline(s) that deployed in the last 30 days: checkout (2 successful run(s), us-east-1)"
        );
    }

    #[test]
    fn stale_or_failed_or_no_pipelines_are_no_evidence() {
        let mut snap = snapshot();
        codepipeline(&mut snap).pipelines = Fetched::Ok(vec![]);
        let findings = run(&CODEPIPELINE_DEPLOYMENTS_RECENT, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NoEvidence)]));
        let mut failing = pipeline("checkout");
        failing.executions = Fetched::Ok(vec![run_on("Failed", 1), run_on("Succeeded", 40)]);
        codepipeline(&mut snap).pipelines = Fetched::Ok(vec![failing]);
        let findings = run(&CODEPIPELINE_DEPLOYMENTS_RECENT, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NoEvidence)]));
        assert_eq!(
            findings[0].message,
            "no evidence found: no pipeline deployed successfully in the last 30 days (checkout)"
        );
    }

    #[test]
    fn unreadable_runs_are_not_evaluated() {
        let mut snap = snapshot();
        let mut unread = pipeline("checkout");
        unread.executions = Fetched::Failed(denied("ListPipelineExecutions"));
        codepipeline(&mut snap).pipelines = Fetched::Ok(vec![unread]);
        assert_eq!(
            statuses(&run(&CODEPIPELINE_DEPLOYMENTS_RECENT, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
