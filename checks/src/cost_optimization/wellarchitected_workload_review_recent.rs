use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::wellarchitected::RECENT_DAYS;
use crate::model::Service;
use crate::presence::{from_found, Looked};

declare_check! {
    /// ## What it does
    /// Looks for a Well-Architected review worked on in the 12 months before the scan: a
    /// workload in the Well-Architected Tool whose review changed, or that recorded a milestone,
    /// in that time, in any scanned region. One finding for the account. A review wascan itself
    /// wrote (`wascan review apply`) counts: it is a review recorded.
    ///
    /// ## Why is this bad?
    /// AWS adds services and features every week; a workload whose architecture nobody has
    /// reviewed against the framework in a year has likely missed cheaper, faster or simpler
    /// ways to run. A review in the Tool is AWS's own guidance on architecture patterns and
    /// best practices applied to the workload, and its improvement plan feeds continuous
    /// improvement. Teams may review with a partner, a spreadsheet or another tool, so finding
    /// none here is "no evidence found", not a failure.
    ///
    /// ## Example
    /// `aws wellarchitected list-workloads` lists nothing updated in the last year. Fix: define
    /// the workload and answer its questions (`aws wellarchitected create-workload`, or
    /// `wascan review apply`), then save a milestone (`aws wellarchitected create-milestone`).
    ///
    /// ## Not evaluated when
    /// No recent review was found and the workloads of some region, or the milestones of a
    /// workload that could have shown one, could not be read.
    pub WELLARCHITECTED_WORKLOAD_REVIEW_RECENT = "wellarchitected_workload_review_recent",
    pillar: Pillar::CostOptimization,
    service: Service::Wellarchitected,
    severity: Severity::Medium,
    best_practices: &[
        indirect("COST10-BP02"),
        indirect("PERF01-BP02"),
        indirect("OPS11-BP01"),
    ],
    since: "0.6.0",
    title: "A Well-Architected review was worked on in the last 12 months",
    remediation: "Review the workload in the AWS Well-Architected Tool (aws wellarchitected create-workload, answer the questions, or wascan review apply) and save a milestone: aws wellarchitected create-milestone --workload-id ID --milestone-name NAME",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &WELLARCHITECTED_WORKLOAD_REVIEW_RECENT;
    let snap = ctx.snapshot;
    let since = snap.collected_at - time::Duration::days(RECENT_DAYS);
    let mut found = Vec::new();
    let mut gap = None;
    for (region, wa) in &snap.wellarchitected {
        let workloads = match &wa.workloads {
            crate::model::Fetched::Ok(workloads) => workloads,
            crate::model::Fetched::Failed(why) => {
                gap = gap.or(Some(why));
                continue;
            }
        };
        for workload in workloads {
            let updated = workload.updated_at.filter(|at| *at >= since);
            let milestone = match &workload.milestones {
                crate::model::Fetched::Ok(milestones) => milestones
                    .iter()
                    .filter_map(|m| m.recorded_at)
                    .filter(|at| *at >= since)
                    .max(),
                crate::model::Fetched::Failed(why) => {
                    if updated.is_none() {
                        gap = gap.or(Some(why));
                    }
                    None
                }
            };
            if let Some(latest) = updated.max(milestone) {
                found.push(format!(
                    "workload {} ({region}, last worked on {})",
                    workload.name,
                    latest.date()
                ));
            }
        }
    }
    vec![from_found(
        check,
        snap,
        found,
        gap,
        Looked {
            what: "workload review(s) worked on in the last 12 months",
            none: "no Well-Architected Tool workload was reviewed in the last 12 months in any scanned region",
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
    fn recent_update_or_milestone_passes_old_is_no_evidence_unreadable_not_evaluated() {
        let mut snap = snapshot();
        assert_eq!(
            statuses(&run(&WELLARCHITECTED_WORKLOAD_REVIEW_RECENT, &snap)),
            expect(&[(ACCOUNT, NoEvidence)])
        );

        let mut stale = wa_workload("stale", 500);
        stale.milestones = Fetched::Ok(vec![wa_milestone(1, 480)]);
        wellarchitected(&mut snap).workloads = Fetched::Ok(vec![stale.clone()]);
        let findings = run(&WELLARCHITECTED_WORKLOAD_REVIEW_RECENT, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NoEvidence)]));
        assert_eq!(
            findings[0].message,
            "no evidence found: no Well-Architected Tool workload was reviewed in the last 12 months in any scanned region"
        );

        // A milestone recorded recently counts even when the answers did not change.
        let mut milestoned = wa_workload("shop", 400);
        milestoned.milestones = Fetched::Ok(vec![wa_milestone(3, 30)]);
        wellarchitected(&mut snap).workloads = Fetched::Ok(vec![stale.clone(), milestoned]);
        let findings = run(&WELLARCHITECTED_WORKLOAD_REVIEW_RECENT, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "1 workload review(s) worked on in the last 12 months: workload shop (us-east-1, last worked on 2026-05-02)"
        );

        wellarchitected(&mut snap).workloads = Fetched::Ok(vec![wa_workload("api", 10)]);
        assert_eq!(
            statuses(&run(&WELLARCHITECTED_WORKLOAD_REVIEW_RECENT, &snap)),
            expect(&[(ACCOUNT, Pass)])
        );

        // An old workload whose milestones could not be read might have shown a recent one.
        stale.milestones = Fetched::Failed(denied("ListMilestones"));
        wellarchitected(&mut snap).workloads = Fetched::Ok(vec![stale]);
        assert_eq!(
            statuses(&run(&WELLARCHITECTED_WORKLOAD_REVIEW_RECENT, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );

        wellarchitected(&mut snap).workloads = Fetched::Failed(denied("ListWorkloads"));
        assert_eq!(
            statuses(&run(&WELLARCHITECTED_WORKLOAD_REVIEW_RECENT, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
