use crate::catalog::Pillar;
use crate::check::{direct, indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::detective::Graph;
use crate::model::Service;
use crate::presence::{across_regions, Looked};

declare_check! {
    /// ## What it does
    /// Looks for investigation tooling deployed before it is needed: Amazon Detective behavior
    /// graphs in the scanned regions. One finding for the account.
    ///
    /// ## Why is this bad?
    /// Detective links CloudTrail, VPC flow logs, EKS audit logs and GuardDuty findings into a
    /// graph of who did what, from where, over the past year, so a responder can scope a
    /// finding in minutes. It only holds data from the day it was enabled: turned on during an
    /// incident, it cannot show what happened before. Teams may investigate with other tools
    /// (CloudTrail Lake, Security Lake, a SIEM), so finding none here is "no evidence found",
    /// not a failure.
    ///
    /// ## Example
    /// `aws detective list-graphs --region R` lists nothing in any region. Fix: `aws detective
    /// create-graph --region R` in the regions where GuardDuty runs (or from the delegated
    /// administrator, for the organization).
    ///
    /// ## Not evaluated when
    /// No graph was found and the graphs of some region could not be listed.
    pub DETECTIVE_GRAPH = "detective_graph",
    pillar: Pillar::Security,
    service: Service::Detective,
    severity: Severity::Low,
    best_practices: &[direct("SEC10-BP06"), indirect("SEC10-BP03"), indirect("SEC04-BP03")],
    since: "0.5.0",
    title: "Amazon Detective keeps a behavior graph for investigations",
    remediation: "aws detective create-graph --region REGION (or enable Detective for the organization from its delegated administrator)",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &DETECTIVE_GRAPH;
    vec![across_regions(
        check,
        ctx.snapshot,
        &ctx.snapshot.detective,
        |region| &region.graphs,
        |_: &Graph| true,
        // `arn:aws:detective:REGION:ACCOUNT:graph:ID`
        |graph| {
            format!(
                "graph {}",
                graph.arn.rsplit(':').next().unwrap_or(&graph.arn)
            )
        },
        Looked {
            what: "Detective behavior graph(s)",
            none: "no Amazon Detective behavior graph in any scanned region",
        },
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::{DetectiveRegion, Fetched};
    use crate::testing::*;

    #[test]
    fn a_graph_passes_none_is_no_evidence_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        snap.detective.insert(
            REGION.into(),
            DetectiveRegion {
                graphs: Fetched::Ok(vec![Graph {
                    arn: format!("arn:aws:detective:{REGION}:{ACCOUNT}:graph:abc123"),
                    created: None,
                }]),
            },
        );
        let findings = run(&DETECTIVE_GRAPH, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "1 Detective behavior graph(s): graph abc123 (us-east-1)"
        );

        let mut snap = snapshot();
        snap.detective.insert(
            REGION.into(),
            DetectiveRegion {
                graphs: Fetched::Ok(vec![]),
            },
        );
        let findings = run(&DETECTIVE_GRAPH, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NoEvidence)]));

        snap.detective.insert(
            "eu-west-1".into(),
            DetectiveRegion {
                graphs: Fetched::Failed(denied("ListGraphs")),
            },
        );
        let findings = run(&DETECTIVE_GRAPH, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
