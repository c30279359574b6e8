use std::collections::BTreeSet;

use crate::catalog::Pillar;
use crate::check::{direct, indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that the incidents Incident Manager resolved have a post-incident analysis
    /// linked to them (a related item of type `ANALYSIS`). The most recent resolved incidents
    /// of each scanned region are read (one page, up to 10), each counted once. One finding per
    /// resolved incident; one finding for the account when Incident Manager holds none.
    ///
    /// ## Why is this bad?
    /// An incident that is closed without an analysis teaches nothing: its contributing
    /// factors stay in place and the same failure comes back. Incident Manager links the
    /// analysis (written from an analysis template) to the incident it examines. An analysis
    /// written in another tool (a wiki, a ticket) is not visible to the scan, so an incident
    /// without a linked analysis is "no evidence found", not a failure; so is an account whose
    /// incidents are handled outside Incident Manager.
    ///
    /// ## Example
    /// `aws ssm-incidents list-related-items --incident-record-arn ARN` shows no item of type
    /// `ANALYSIS`. Fix: in the Incident Manager console, open the resolved incident and create
    /// its post-incident analysis from an analysis template.
    ///
    /// ## Not evaluated when
    /// The resolved incidents of a region, or an incident's related items, could not be read.
    pub SSMINCIDENTS_POST_INCIDENT_ANALYSIS = "ssmincidents_post_incident_analysis",
    pillar: Pillar::OperationalExcellence,
    service: Service::Ssmincidents,
    severity: Severity::Low,
    best_practices: &[
        direct("OPS11-BP02"),
        direct("REL12-BP02"),
        indirect("SEC10-BP08"),
    ],
    since: "0.5.0",
    title: "Resolved incidents have a post-incident analysis",
    remediation: "Create a post-incident analysis for each resolved incident in Incident Manager (incident, Create analysis, from an analysis template) and track its action items",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &SSMINCIDENTS_POST_INCIDENT_ANALYSIS;
    let snap = ctx.snapshot;
    let mut findings = Vec::new();
    let mut seen = BTreeSet::new();
    let mut any_read = false;
    for (region, incidents) in &snap.ssmincidents {
        let resolved = match &incidents.resolved_incidents {
            Fetched::Ok(resolved) => resolved,
            Fetched::Failed(why) => {
                findings.push(check.not_evaluated(&snap.account_resource(region), why));
                continue;
            }
        };
        any_read = true;
        for incident in resolved {
            if !seen.insert(incident.arn.as_str()) {
                continue;
            }
            let when = incident
                .resolved_time
                .map(|t| format!(" (resolved {})", t.date()))
                .unwrap_or_default();
            findings.push(match &incident.related_item_types {
                Fetched::Ok(types) if types.iter().any(|t| t == "ANALYSIS") => check.pass(
                    incident,
                    format!("a post-incident analysis is linked{when}"),
                ),
                Fetched::Ok(_) => check.no_evidence(
                    incident,
                    format!("no post-incident analysis is linked to the incident{when}"),
                ),
                Fetched::Failed(why) => check.not_evaluated(incident, why),
            });
        }
    }
    if findings.is_empty() && any_read {
        findings.push(check.no_evidence(
            &snap.account_resource("global"),
            "no resolved Incident Manager incident in the scanned regions",
        ));
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    #[test]
    fn a_linked_analysis_passes_and_a_missing_one_is_no_evidence() {
        let mut snap = snapshot();
        let mut bare = incident("7c2d");
        bare.related_item_types = Fetched::Ok(vec!["METRIC".into()]);
        ssmincidents(&mut snap).resolved_incidents = Fetched::Ok(vec![incident("6ab1"), bare]);
        // The replication set answers the same incidents in a second region.
        snap.ssmincidents
            .insert("eu-west-1".into(), snap.ssmincidents[REGION].clone());
        let findings = run(&SSMINCIDENTS_POST_INCIDENT_ANALYSIS, &snap);
        assert_eq!(
            statuses(&findings),
            expect(&[("6ab1", Pass), ("7c2d", NoEvidence)])
        );
        assert_eq!(
            findings[1].message,
            "no evidence found: no post-incident analysis is linked to the incident (resolved 2026-05-22)"
        );
    }

    #[test]
    fn no_resolved_incident_is_no_evidence() {
        let mut snap = snapshot();
        ssmincidents(&mut snap).resolved_incidents = Fetched::Ok(vec![]);
        assert_eq!(
            statuses(&run(&SSMINCIDENTS_POST_INCIDENT_ANALYSIS, &snap)),
            expect(&[(ACCOUNT, NoEvidence)])
        );
    }

    #[test]
    fn unreadable_incidents_or_related_items_are_not_evaluated() {
        let mut snap = snapshot();
        ssmincidents(&mut snap).resolved_incidents = Fetched::Failed(denied("ListIncidentRecords"));
        assert_eq!(
            statuses(&run(&SSMINCIDENTS_POST_INCIDENT_ANALYSIS, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
        let mut unread = incident("6ab1");
        unread.related_item_types = Fetched::Failed(denied("ListRelatedItems"));
        ssmincidents(&mut snap).resolved_incidents = Fetched::Ok(vec![unread]);
        assert_eq!(
            statuses(&run(&SSMINCIDENTS_POST_INCIDENT_ANALYSIS, &snap)),
            expect(&[("6ab1", NotEvaluated)])
        );
    }
}
