use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::wellarchitected::Workload;
use crate::model::{Fetched, Service};

/// The framework lens's pillar id for security.
const SECURITY: &str = "security";

declare_check! {
    /// ## What it does
    /// Checks that every workload reviewed with the Well-Architected Framework lens in the
    /// Well-Architected Tool has answered its security questions and has no high-risk issue
    /// left in the security pillar (`GetLensReview`'s risk counts). One finding per workload
    /// read in depth (the most recently updated ones of each region). Workloads reviewed only
    /// with other lenses give no finding.
    ///
    /// ## Why is this bad?
    /// A high-risk issue in the Tool is a security best practice the team itself said it does
    /// not follow, with the risk the framework rates high: an identified risk left without a
    /// mitigation. A security pillar with no answered question means the threats to the
    /// workload were never walked through in the review. This is a proxy for threat modelling
    /// (Prowler makes the same choice), not proof of one.
    ///
    /// ## Example
    /// `aws wellarchitected get-lens-review --workload-id ID --lens-alias wellarchitected`
    /// shows `"PillarId": "security", "RiskCounts": {"HIGH": 3, ...}`. Fix: work through the
    /// improvement plan of the security pillar (`aws wellarchitected list-lens-review-improvements
    /// --pillar-id security`) and update the answers as the mitigations land.
    ///
    /// ## Not evaluated when
    /// The region's workloads, or this workload's lens review, could not be read, or the lens
    /// review lacked the security pillar (workloads beyond the most recently updated of their
    /// region are not read in depth).
    pub WELLARCHITECTED_WORKLOAD_SECURITY_HIGH_RISKS = "wellarchitected_workload_security_high_risks",
    pillar: Pillar::Security,
    service: Service::Wellarchitected,
    severity: Severity::Medium,
    best_practices: &[indirect("SEC01-BP07")],
    since: "0.6.0",
    title: "Well-Architected reviews leave no high-risk security issue open",
    remediation: "Work through the security pillar's improvement plan in the Well-Architected Tool (aws wellarchitected list-lens-review-improvements --workload-id ID --lens-alias wellarchitected --pillar-id security) and update the answers as mitigations land.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &WELLARCHITECTED_WORKLOAD_SECURITY_HIGH_RISKS;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.wellarchitected,
        |region| &region.workloads,
        |workload: &Workload| {
            if !workload.has_framework_lens() {
                return None;
            }
            let pillars = match &workload.pillar_risks {
                Fetched::Ok(pillars) => pillars,
                Fetched::Failed(why) => return Some(check.not_evaluated(workload, why)),
            };
            // The framework lens always reviews the security pillar: an answer without it is
            // cut short, not a review without security questions.
            let Some(counts) = pillars.get(SECURITY) else {
                let gap = crate::model::Gap::missing_on(
                    Service::Wellarchitected,
                    &workload.region,
                    "GetLensReview",
                    &workload.name,
                    "PillarReviewSummaries[security]",
                );
                return Some(check.not_evaluated(workload, &gap));
            };
            // A risk level absent from RiskCounts has no question at that level.
            let count = |risk: &str| counts.get(risk).copied().unwrap_or_default();
            let answered =
                count("HIGH") + count("MEDIUM") + count("NONE") + count("NOT_APPLICABLE");
            Some(if count("HIGH") > 0 {
                check.fail(
                    workload,
                    format!(
                        "workload {} has {} high-risk issue(s) open in the security pillar",
                        workload.name,
                        count("HIGH")
                    ),
                )
            } else if answered == 0 {
                check.fail(
                    workload,
                    format!(
                        "workload {} has no answered question in the security pillar",
                        workload.name
                    ),
                )
            } else {
                check.pass(
                    workload,
                    format!(
                        "workload {} has no high-risk issue in the security pillar ({} medium)",
                        workload.name,
                        count("MEDIUM")
                    ),
                )
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    fn risks(pairs: &[(&str, i32)]) -> Fetched<BTreeMap<String, BTreeMap<String, i32>>> {
        Fetched::Ok(BTreeMap::from([(
            SECURITY.to_string(),
            pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
        )]))
    }

    #[test]
    fn no_high_passes_high_or_unanswered_fails_unread_not_evaluated_other_lens_skipped() {
        let mut snap = snapshot();
        let mut clean = wa_workload("clean", 10);
        clean.pillar_risks = risks(&[("NONE", 8), ("MEDIUM", 2)]);
        let mut risky = wa_workload("risky", 10);
        risky.pillar_risks = risks(&[("HIGH", 3), ("NONE", 7)]);
        let mut blank = wa_workload("blank", 10);
        blank.pillar_risks = risks(&[("UNANSWERED", 11)]);
        let mut unread = wa_workload("unread", 10);
        unread.pillar_risks = Fetched::Failed(denied("GetLensReview"));
        let mut serverless = wa_workload("serverless", 10);
        serverless.lenses = vec!["serverless".into()];
        let mut cut = wa_workload("cut", 10);
        cut.pillar_risks = Fetched::Ok(BTreeMap::new());
        wellarchitected(&mut snap).workloads =
            Fetched::Ok(vec![clean, risky, blank, unread, serverless, cut]);

        let findings = run(&WELLARCHITECTED_WORKLOAD_SECURITY_HIGH_RISKS, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("clean", Pass),
                ("risky", Fail),
                ("blank", Fail),
                ("unread", NotEvaluated),
                ("cut", NotEvaluated)
            ])
        );
        assert_eq!(
            findings[1].message,
            "workload risky has 3 high-risk issue(s) open in the security pillar"
        );

        wellarchitected(&mut snap).workloads = Fetched::Failed(denied("ListWorkloads"));
        assert_eq!(
            statuses(&run(&WELLARCHITECTED_WORKLOAD_SECURITY_HIGH_RISKS, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
