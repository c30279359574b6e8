use std::collections::BTreeMap;

use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;
use crate::presence::{from_found, Looked};

/// A run started within this many days counts as recent.
const RECENT_DAYS: i64 = 90;

declare_check! {
    /// ## What it does
    /// Looks for runbooks the team actually uses: Systems Manager Automation executions started
    /// in the 90 days before the scan, of a runbook the account owns (an `Automation` or
    /// `Automation.ChangeTemplate` document) or one shared with it from another account (named
    /// by its ARN). Runs of AWS-provided runbooks (`AWS-RestartEC2Instance`...) do not count:
    /// they show a tool was used, not the team's own procedure. One finding for the account.
    ///
    /// ## Why is this bad?
    /// A runbook is evidence of the practice only when procedures are performed with it.
    /// Runbooks as code that run (from a person, an alarm, a deployment or an incident) do the
    /// same steps every time, whoever is on call. Teams may keep and run runbooks in other tools
    /// (a wiki checklist, a CI job), so finding none here is "no evidence found", not a failure.
    ///
    /// ## Example
    /// `aws ssm describe-automation-executions --filters Key=StartTimeAfter,Values=2026-09-01T00:00:00Z`
    /// lists no run of the account's runbooks. Fix: perform the routine procedure (restart,
    /// failover, deployment step) through its runbook: `aws ssm start-automation-execution
    /// --document-name restart-web`.
    ///
    /// ## Not evaluated when
    /// No run was found and the documents or the Automation executions of some region could not
    /// be listed.
    pub SSM_AUTOMATION_RUNBOOKS_RUN = "ssm_automation_runbooks_run",
    pillar: Pillar::OperationalExcellence,
    service: Service::Ssm,
    severity: Severity::Low,
    best_practices: &[direct("OPS07-BP03"), direct("REL08-BP01")],
    since: "0.4.0",
    title: "Procedures are performed with the account's Automation runbooks",
    remediation: "Perform routine procedures through Systems Manager Automation runbooks the team owns (aws ssm start-automation-execution --document-name RUNBOOK), from people, alarms or pipelines",
    evaluate: evaluate,
}

fn is_runbook_type(document_type: Option<&str>) -> bool {
    matches!(
        document_type,
        Some("Automation") | Some("Automation.ChangeTemplate")
    )
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &SSM_AUTOMATION_RUNBOOKS_RUN;
    let snap = ctx.snapshot;
    let since = snap.collected_at - time::Duration::days(RECENT_DAYS);
    let mut found = Vec::new();
    let mut gap = None;
    for (region, ssm) in &snap.ssm {
        let (Some(documents), Some(executions)) =
            (ssm.documents.ok(), ssm.automation_executions.ok())
        else {
            gap = gap
                .or(ssm.documents.gap())
                .or(ssm.automation_executions.gap());
            continue;
        };
        let owned: Vec<&str> = documents
            .iter()
            .filter(|d| is_runbook_type(d.document_type.as_deref()))
            .map(|d| d.name.as_str())
            .collect();
        // Runs per runbook, in name order.
        let mut runs: BTreeMap<&str, usize> = BTreeMap::new();
        for execution in executions {
            let recent = execution.started_at.is_some_and(|at| at >= since);
            let ours = owned.contains(&execution.document_name.as_str())
                || execution.document_name.starts_with("arn:");
            if recent && ours {
                *runs.entry(execution.document_name.as_str()).or_default() += 1;
            }
        }
        found.extend(
            runs.into_iter()
                .map(|(name, count)| format!("{name} ran {count} time(s) ({region})")),
        );
    }
    vec![from_found(
        check,
        snap,
        found,
        gap,
        Looked {
            what: "runbook(s) of the account run in the last 90 days",
            none: "no runbook of the account ran in the last 90 days",
        },
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::ssm::AutomationExecution;
    use crate::model::Fetched;
    use crate::testing::*;

    fn execution(document: &str, days: i64) -> AutomationExecution {
        AutomationExecution {
            id: format!("e-{document}-{days}"),
            document_name: document.into(),
            status: Some("Success".into()),
            started_at: days_ago(days),
        }
    }

    #[test]
    fn a_recent_run_of_an_owned_runbook_passes() {
        let mut snap = snapshot();
        let mut runbook = document("restart-web");
        runbook.document_type = Some("Automation".into());
        ssm(&mut snap).documents = Fetched::Ok(vec![runbook]);
        ssm(&mut snap).automation_executions = Fetched::Ok(vec![
            execution("restart-web", 3),
            execution("restart-web", 40),
            execution("arn:aws:ssm:us-east-1:210987654321:document/failover-db", 5),
        ]);
        let findings = run(&SSM_AUTOMATION_RUNBOOKS_RUN, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "2 runbook(s) of the account run in the last 90 days: \
             arn:aws:ssm:us-east-1:210987654321:document/failover-db ran 1 time(s) (us-east-1), \
             restart-web ran 2 time(s) (us-east-1)"
        );
    }

    #[test]
    fn old_runs_aws_runbooks_and_unrun_documents_are_no_evidence() {
        let mut snap = snapshot();
        let mut runbook = document("restart-web");
        runbook.document_type = Some("Automation".into());
        // A Command document with the same name as a run does not make it a runbook.
        ssm(&mut snap).documents = Fetched::Ok(vec![runbook, document("bootstrap")]);
        ssm(&mut snap).automation_executions = Fetched::Ok(vec![
            execution("restart-web", 120),
            execution("AWS-RestartEC2Instance", 2),
            execution("bootstrap", 2),
        ]);
        let findings = run(&SSM_AUTOMATION_RUNBOOKS_RUN, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NoEvidence)]));
        assert_eq!(
            findings[0].message,
            "no evidence found: no runbook of the account ran in the last 90 days"
        );
    }

    #[test]
    fn unlisted_executions_or_documents_are_not_evaluated() {
        let mut snap = snapshot();
        ssm(&mut snap).automation_executions =
            Fetched::Failed(denied("DescribeAutomationExecutions"));
        assert_eq!(
            statuses(&run(&SSM_AUTOMATION_RUNBOOKS_RUN, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
        ssm(&mut snap).automation_executions = Fetched::Ok(vec![execution("restart-web", 1)]);
        ssm(&mut snap).documents = Fetched::Failed(denied("ListDocuments"));
        assert_eq!(
            statuses(&run(&SSM_AUTOMATION_RUNBOOKS_RUN, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
