use crate::catalog::Pillar;
use crate::check::{direct, indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;
use crate::presence::{from_found, Looked};

/// An experiment started within this many days counts as recent.
const RECENT_DAYS: i64 = 90;

declare_check! {
    /// ## What it does
    /// Looks for fault-injection experiments that ran: AWS FIS experiments started in the 90
    /// days before the scan that completed or were stopped, in any scanned region. One finding
    /// for the account.
    ///
    /// ## Why is this bad?
    /// Failover, retries, timeouts and scaling are only known to work once a failure has been
    /// injected and the workload observed to cope. Experiments run regularly (and from
    /// pipelines) keep that knowledge current as the workload changes. Teams may run chaos
    /// experiments with other tools (Gremlin, Chaos Mesh, game days by hand), so finding none
    /// here is "no evidence found", not a failure.
    ///
    /// ## Example
    /// `aws fis list-experiments` returns nothing recent. Fix: create an experiment template
    /// (stop instances in one zone, inject API errors, add latency) with a CloudWatch alarm as
    /// its stop condition, and run it: `aws fis start-experiment --experiment-template-id ID`.
    ///
    /// ## Not evaluated when
    /// No experiment was found and the experiments of some region could not be listed.
    pub FIS_EXPERIMENTS_RUN = "fis_experiments_run",
    pillar: Pillar::Reliability,
    service: Service::Fis,
    severity: Severity::Medium,
    best_practices: &[direct("REL12-BP04"), indirect("REL12-BP05"), indirect("REL08-BP03")],
    since: "0.4.0",
    title: "Fault-injection experiments test the workload's resilience",
    remediation: "Create AWS FIS experiment templates for the failures the workload must survive (with alarm stop conditions) and run them regularly: aws fis start-experiment --experiment-template-id ID",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &FIS_EXPERIMENTS_RUN;
    let snap = ctx.snapshot;
    let since = snap.collected_at - time::Duration::days(RECENT_DAYS);
    let mut found = Vec::new();
    let mut gap = None;
    let mut templates = 0;
    for (region, fis) in &snap.fis {
        templates += fis.experiment_templates.ok().map_or(0, Vec::len);
        match fis.experiments.ok() {
            Some(experiments) => found.extend(
                experiments
                    .iter()
                    .filter(|e| matches!(e.status.as_deref(), Some("completed") | Some("stopped")))
                    .filter(|e| e.created_at.is_some_and(|at| at >= since))
                    .map(|e| {
                        format!(
                            "experiment {} of template {} ({region})",
                            e.id,
                            e.template_id.as_deref().unwrap_or("?")
                        )
                    }),
            ),
            None => gap = gap.or(fis.experiments.gap()),
        }
    }
    let none = if templates > 0 {
        format!("{templates} experiment template(s), but no experiment ran in the last {RECENT_DAYS} days")
    } else {
        format!("no fault-injection experiment ran in the last {RECENT_DAYS} days")
    };
    vec![from_found(
        check,
        snap,
        found,
        gap,
        Looked {
            what: "fault-injection experiment(s) in the last 90 days",
            none: &none,
        },
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::fis::Experiment;
    use crate::model::Fetched;
    use crate::testing::*;

    fn experiment(id: &str, status: &str, days: i64) -> Experiment {
        Experiment {
            id: id.into(),
            template_id: Some("EXT1".into()),
            status: Some(status.into()),
            created_at: days_ago(days),
        }
    }

    #[test]
    fn recent_run_passes_old_or_failed_is_no_evidence_unlisted_not_evaluated() {
        let mut snap = snapshot();
        fis(&mut snap).experiment_templates = Fetched::Ok(vec!["EXT1".into()]);
        fis(&mut snap).experiments = Fetched::Ok(vec![
            experiment("old", "completed", 200),
            experiment("broken", "failed", 5),
        ]);
        let findings = run(&FIS_EXPERIMENTS_RUN, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NoEvidence)]));
        assert_eq!(
            findings[0].message,
            "no evidence found: 1 experiment template(s), but no experiment ran in the last 90 days"
        );

        fis(&mut snap).experiments = Fetched::Ok(vec![experiment("EXP1", "completed", 10)]);
        let findings = run(&FIS_EXPERIMENTS_RUN, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "1 fault-injection experiment(s) in the last 90 days: experiment EXP1 of template EXT1 (us-east-1)"
        );

        fis(&mut snap).experiments = Fetched::Failed(denied("ListExperiments"));
        assert_eq!(
            statuses(&run(&FIS_EXPERIMENTS_RUN, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
