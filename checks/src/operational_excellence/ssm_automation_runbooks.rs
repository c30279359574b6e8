use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::ssm::Document;
use crate::model::Service;
use crate::presence::{across_regions, Looked};

declare_check! {
    /// ## What it does
    /// Looks for runbooks kept as code: Systems Manager Automation documents the account owns
    /// (`Automation` and `Automation.ChangeTemplate`). One finding for the account.
    ///
    /// ## Why is this bad?
    /// Procedures that live in people's heads or in a wiki are done differently each time, and
    /// not at all when their author is away. Runbooks as code (deployments, restarts, failovers,
    /// remediations) run the same way every time, can be reviewed and tested, and can be started
    /// by an alarm or an incident. Teams may keep runbooks in other tools, so finding none here
    /// is "no evidence found", not a failure. A proxy: a document shows a runbook exists, not
    /// that it is used, nor that the effort it saves was weighed (COST11-BP01).
    ///
    /// ## Example
    /// `aws ssm list-documents --filters Key=Owner,Values=Self Key=DocumentType,Values=Automation`
    /// lists nothing. Fix: write the procedure as an Automation runbook (`aws ssm
    /// create-document --document-type Automation --content file://restart-web.yaml`).
    ///
    /// ## Not evaluated when
    /// No runbook was found and the documents of some region could not be listed.
    pub SSM_AUTOMATION_RUNBOOKS = "ssm_automation_runbooks",
    pillar: Pillar::OperationalExcellence,
    service: Service::Ssm,
    severity: Severity::Low,
    best_practices: &[
        indirect("OPS07-BP03"),
        indirect("OPS07-BP04"),
        indirect("REL08-BP01"),
        indirect("REL12-BP01"),
        indirect("COST11-BP01"),
    ],
    since: "0.4.0",
    title: "Operational procedures exist as Automation runbooks",
    remediation: "Write routine procedures (deployment, restart, failover, remediation) as Systems Manager Automation runbooks: aws ssm create-document --document-type Automation --content file://RUNBOOK.yaml",
    evaluate: evaluate,
}

fn is_runbook(document: &Document) -> bool {
    matches!(
        document.document_type.as_deref(),
        Some("Automation") | Some("Automation.ChangeTemplate")
    )
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &SSM_AUTOMATION_RUNBOOKS;
    vec![across_regions(
        check,
        ctx.snapshot,
        &ctx.snapshot.ssm,
        |region| &region.documents,
        is_runbook,
        |document| document.name.clone(),
        Looked {
            what: "Automation runbook(s) owned by the account",
            none: "no Automation runbook owned by the account",
        },
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    #[test]
    fn runbook_passes_command_documents_only_is_no_evidence_unlisted_not_evaluated() {
        let mut snap = snapshot();
        let mut command = document("install-agent");
        command.document_type = Some("Command".into());
        ssm(&mut snap).documents = Fetched::Ok(vec![command.clone()]);
        assert_eq!(
            statuses(&run(&SSM_AUTOMATION_RUNBOOKS, &snap)),
            expect(&[(ACCOUNT, NoEvidence)])
        );

        let mut runbook = document("restart-web");
        runbook.document_type = Some("Automation".into());
        ssm(&mut snap).documents = Fetched::Ok(vec![command, runbook]);
        let findings = run(&SSM_AUTOMATION_RUNBOOKS, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "1 Automation runbook(s) owned by the account: restart-web (us-east-1)"
        );

        ssm(&mut snap).documents = Fetched::Failed(denied("ListDocuments"));
        assert_eq!(
            statuses(&run(&SSM_AUTOMATION_RUNBOOKS, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
