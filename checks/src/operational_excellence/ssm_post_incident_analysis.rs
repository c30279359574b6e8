use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::ssm::Document;
use crate::model::Service;
use crate::presence::{across_regions, Looked};

declare_check! {
    /// ## What it does
    /// Looks for post-incident analyses in the account: Systems Manager documents of type
    /// `ProblemAnalysis` (the analyses Incident Manager keeps) or `ProblemAnalysisTemplate`
    /// (the templates they are written from) that the account owns. One finding for the
    /// account.
    ///
    /// ## Why is this bad?
    /// Without a written analysis of each incident (contributing factors, what was learned,
    /// actions), the same failure comes back. Teams may write analyses in other tools (a wiki,
    /// a ticketing system), so finding none here is "no evidence found", not a failure. A proxy:
    /// it shows that the practice has a home in the account, not that every incident gets one.
    ///
    /// ## Example
    /// `aws ssm list-documents --filters Key=Owner,Values=Self
    /// Key=DocumentType,Values=ProblemAnalysisTemplate` lists nothing. Fix: create an analysis
    /// template in Incident Manager (Settings, post-incident analysis) and use it after each
    /// incident.
    ///
    /// ## Not evaluated when
    /// Nothing was found and the documents of some region could not be listed.
    pub SSM_POST_INCIDENT_ANALYSIS = "ssm_post_incident_analysis",
    pillar: Pillar::OperationalExcellence,
    service: Service::Ssm,
    severity: Severity::Low,
    best_practices: &[
        indirect("OPS11-BP02"),
        indirect("REL12-BP02"),
        indirect("SEC10-BP08"),
    ],
    since: "0.4.0",
    title: "Incidents are analysed with post-incident analyses",
    remediation: "Create a post-incident analysis template in Incident Manager and write an analysis after each incident (Incident Manager console: Post-incident analysis)",
    evaluate: evaluate,
}

fn is_analysis(document: &Document) -> bool {
    matches!(
        document.document_type.as_deref(),
        Some("ProblemAnalysis") | Some("ProblemAnalysisTemplate")
    )
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &SSM_POST_INCIDENT_ANALYSIS;
    vec![across_regions(
        check,
        ctx.snapshot,
        &ctx.snapshot.ssm,
        |region| &region.documents,
        is_analysis,
        |document| document.name.clone(),
        Looked {
            what: "post-incident analysis document(s)",
            none: "no post-incident analysis or analysis template in the account",
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
    fn analysis_passes_none_is_no_evidence_unlisted_not_evaluated() {
        let mut snap = snapshot();
        ssm(&mut snap).documents = Fetched::Ok(vec![document("install-agent")]);
        assert_eq!(
            statuses(&run(&SSM_POST_INCIDENT_ANALYSIS, &snap)),
            expect(&[(ACCOUNT, NoEvidence)])
        );

        let mut template = document("pia-template");
        template.document_type = Some("ProblemAnalysisTemplate".into());
        ssm(&mut snap).documents = Fetched::Ok(vec![document("install-agent"), template]);
        let findings = run(&SSM_POST_INCIDENT_ANALYSIS, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "1 post-incident analysis document(s): pia-template (us-east-1)"
        );

        ssm(&mut snap).documents = Fetched::Failed(denied("ListDocuments"));
        assert_eq!(
            statuses(&run(&SSM_POST_INCIDENT_ANALYSIS, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
