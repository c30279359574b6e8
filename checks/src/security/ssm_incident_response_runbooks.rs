use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::ssm::Document;
use crate::model::Service;
use crate::presence::{across_regions, Looked};

use super::incident_response::marked;

declare_check! {
    /// ## What it does
    /// Looks for security incident-response playbooks kept as code: Systems Manager documents the
    /// account owns whose name or tags mark them for incident response (`incident`, `forensic`,
    /// `quarantine`, `isolate`, `containment`, `security-response`, ...), such as a runbook
    /// that isolates an instance or snapshots its volumes for forensics. One finding for the
    /// account.
    ///
    /// ## Why is this bad?
    /// Under the pressure of an incident, steps that were never written down get skipped or done
    /// in the wrong order (evidence destroyed before it is captured, a compromised instance left
    /// reachable). Playbooks as runbooks are reviewed, tested in simulations and run the same
    /// way every time. Teams may keep playbooks elsewhere (Incident Manager response plans, a
    /// wiki, a SOAR tool), so finding none here is "no evidence found", not a failure. A proxy: a
    /// document shows a playbook exists, not that it is tested.
    ///
    /// ## Example
    /// `aws ssm list-documents --filters Key=Owner,Values=Self` lists no document named or
    /// tagged for incident response. Fix: write the containment and evidence-capture steps as an
    /// Automation runbook (`aws ssm create-document --name IR-Isolate-EC2Instance
    /// --document-type Automation --content file://isolate.yaml --tags
    /// Key=Purpose,Value=incident-response`).
    ///
    /// ## Not evaluated when
    /// No playbook was found and the documents of some region could not be listed.
    pub SSM_INCIDENT_RESPONSE_RUNBOOKS = "ssm_incident_response_runbooks",
    pillar: Pillar::Security,
    service: Service::Ssm,
    severity: Severity::Low,
    best_practices: &[indirect("SEC10-BP04"), indirect("SEC10-BP02")],
    since: "0.5.0",
    title: "Security incident-response playbooks exist as runbooks",
    remediation: "Write the containment and evidence-capture steps as Systems Manager Automation runbooks tagged Purpose=incident-response: aws ssm create-document --name IR-Isolate-EC2Instance --document-type Automation --content file://isolate.yaml --tags Key=Purpose,Value=incident-response",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &SSM_INCIDENT_RESPONSE_RUNBOOKS;
    vec![across_regions(
        check,
        ctx.snapshot,
        &ctx.snapshot.ssm,
        |region| &region.documents,
        |document: &Document| marked(&document.name, &document.tags).is_some(),
        |document| document.name.clone(),
        Looked {
            what: "incident-response runbook(s) owned by the account",
            none: "no Systems Manager document owned by the account is named or tagged for incident response",
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
    fn a_named_or_tagged_document_passes() {
        let mut snap = snapshot();
        let mut tagged = document("contain");
        tagged.tags = tags(&[("Purpose", "incident-response")]);
        ssm(&mut snap).documents = Fetched::Ok(vec![
            document("install-agent"),
            document("IR-Isolate-EC2Instance"),
            tagged,
        ]);

        let findings = run(&SSM_INCIDENT_RESPONSE_RUNBOOKS, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "2 incident-response runbook(s) owned by the account: IR-Isolate-EC2Instance (us-east-1), contain (us-east-1)"
        );
    }

    #[test]
    fn none_is_no_evidence_and_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        ssm(&mut snap).documents = Fetched::Ok(vec![document("install-agent")]);
        let findings = run(&SSM_INCIDENT_RESPONSE_RUNBOOKS, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NoEvidence)]));

        ssm(&mut snap).documents = Fetched::Failed(denied("ListDocuments"));
        let findings = run(&SSM_INCIDENT_RESPONSE_RUNBOOKS, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
