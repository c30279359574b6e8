use crate::catalog::Pillar;
use crate::check::{direct, indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::wellarchitected::RECENT_DAYS;
use crate::model::{Fetched, Service};
use crate::presence::{from_found, Looked};

declare_check! {
    /// ## What it does
    /// Looks for workloads reviewed again and again: a workload in the Well-Architected Tool
    /// with at least two milestones (saved states of its review), the latest recorded in the 12
    /// months before the scan, in any scanned region. One finding for the account. Milestones
    /// wascan itself saved (`wascan review apply`) count: each is a review recorded.
    ///
    /// ## Why is this bad?
    /// One review shows where a workload stood once; reviews repeated on a schedule are what
    /// find the new services, features and prices that make it cheaper or simpler since. A
    /// milestone per review keeps the record and lets the Tool compare one review with the
    /// last. Teams may keep their review cadence elsewhere (a partner, a spreadsheet), so
    /// finding none here is "no evidence found", not a failure.
    ///
    /// ## Example
    /// Every workload has at most one milestone, or none recorded in the last year. Fix: agree a
    /// review cadence (quarterly for the workloads that cost most, yearly for the rest) and save
    /// a milestone after each review: `aws wellarchitected create-milestone --workload-id ID
    /// --milestone-name 2026-Q2`.
    ///
    /// ## Not evaluated when
    /// No repeated review was found and the workloads of some region, or the milestones of some
    /// workload, could not be read.
    pub WELLARCHITECTED_WORKLOAD_REVIEW_REPEATED = "wellarchitected_workload_review_repeated",
    pillar: Pillar::CostOptimization,
    service: Service::Wellarchitected,
    severity: Severity::Medium,
    best_practices: &[
        direct("COST10-BP02"),
        indirect("COST10-BP01"),
        indirect("OPS11-BP01"),
    ],
    since: "0.6.0",
    title: "Workload reviews are repeated and recorded as milestones",
    remediation: "Review each workload on a cadence and save a milestone after each review: aws wellarchitected create-milestone --workload-id ID --milestone-name NAME",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &WELLARCHITECTED_WORKLOAD_REVIEW_REPEATED;
    let snap = ctx.snapshot;
    let since = snap.collected_at - time::Duration::days(RECENT_DAYS);
    let mut found = Vec::new();
    let mut gap = None;
    for (region, wa) in &snap.wellarchitected {
        let workloads = match &wa.workloads {
            Fetched::Ok(workloads) => workloads,
            Fetched::Failed(why) => {
                gap = gap.or(Some(why));
                continue;
            }
        };
        for workload in workloads {
            let milestones = match &workload.milestones {
                Fetched::Ok(milestones) => milestones,
                Fetched::Failed(why) => {
                    gap = gap.or(Some(why));
                    continue;
                }
            };
            let latest = milestones.iter().filter_map(|m| m.recorded_at).max();
            if milestones.len() >= 2 {
                if let Some(latest) = latest.filter(|at| *at >= since) {
                    found.push(format!(
                        "workload {} ({region}, {} milestones, latest {})",
                        workload.name,
                        milestones.len(),
                        latest.date()
                    ));
                }
            }
        }
    }
    vec![from_found(
        check,
        snap,
        found,
        gap,
        Looked {
            what: "workload(s) reviewed repeatedly",
            none: "no Well-Architected Tool workload has two or more milestones with one in the last 12 months",
        },
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    #[test]
    fn two_milestones_one_recent_pass_one_or_old_is_no_evidence_unreadable_not_evaluated() {
        let mut snap = snapshot();
        let mut once = wa_workload("once", 10);
        once.milestones = Fetched::Ok(vec![wa_milestone(1, 10)]);
        let mut lapsed = wa_workload("lapsed", 10);
        lapsed.milestones = Fetched::Ok(vec![wa_milestone(1, 800), wa_milestone(2, 400)]);
        wellarchitected(&mut snap).workloads = Fetched::Ok(vec![once, lapsed.clone()]);
        let findings = run(&WELLARCHITECTED_WORKLOAD_REVIEW_REPEATED, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NoEvidence)]));

        let mut regular = wa_workload("shop", 10);
        regular.milestones = Fetched::Ok(vec![wa_milestone(1, 200), wa_milestone(2, 20)]);
        wellarchitected(&mut snap).workloads = Fetched::Ok(vec![lapsed.clone(), regular]);
        let findings = run(&WELLARCHITECTED_WORKLOAD_REVIEW_REPEATED, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "1 workload(s) reviewed repeatedly: workload shop (us-east-1, 2 milestones, latest 2026-05-12)"
        );

        let mut unread = wa_workload("unread", 10);
        unread.milestones = Fetched::Failed(denied("ListMilestones"));
        wellarchitected(&mut snap).workloads = Fetched::Ok(vec![lapsed, unread]);
        assert_eq!(
            statuses(&run(&WELLARCHITECTED_WORKLOAD_REVIEW_REPEATED, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
