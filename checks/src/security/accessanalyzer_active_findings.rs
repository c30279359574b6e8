use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that no active IAM Access Analyzer analyzer has active findings (external or public
    /// access, or unused roles, keys and permissions, by analyzer type).
    ///
    /// ## Why is this bad?
    /// Each active finding is access nobody has yet confirmed as intended: a bucket or role reachable
    /// from outside the account, or a permission that is granted and never used. Left open, they are
    /// the paths an attacker takes.
    ///
    /// ## Example
    /// `aws accessanalyzer list-findings-v2 --analyzer-arn A --filter '{"status":{"eq":["ACTIVE"]}}'`
    /// returns findings. Fix: remove the unintended access; archive (with an archive rule) what is
    /// intended.
    ///
    /// ## Not evaluated when
    /// The region's analyzers, or this analyzer's findings, could not be listed.
    pub ACCESSANALYZER_ACTIVE_FINDINGS = "accessanalyzer_active_findings",
    pillar: Pillar::Security,
    service: Service::AccessAnalyzer,
    severity: Severity::Medium,
    best_practices: &[direct("SEC03-BP04")],
    since: "0.3.0",
    title: "IAM Access Analyzer has no active findings",
    remediation: "Review each active finding (aws accessanalyzer list-findings-v2 --analyzer-arn ARN): remove the access that is not intended, archive the finding if it is",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &ACCESSANALYZER_ACTIVE_FINDINGS;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.accessanalyzer,
        |r| &r.analyzers,
        |a| {
            if a.status != "ACTIVE" {
                return None;
            }
            Some(match &a.active_findings {
                Fetched::Ok(0) => {
                    check.pass(a, format!("analyzer {} has no active findings", a.name))
                }
                Fetched::Ok(n) => {
                    check.fail(a, format!("analyzer {} has {n} active finding(s)", a.name))
                }
                Fetched::Failed(why) => check.not_evaluated(a, why),
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    #[test]
    fn clean_passes_findings_fail_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut noisy = analyzer("org");
        noisy.active_findings = Fetched::Ok(2);
        let mut unreadable = analyzer("unused");
        unreadable.active_findings = Fetched::Failed(denied("ListFindingsV2"));
        access_analyzer(&mut snap).analyzers =
            Fetched::Ok(vec![analyzer("account"), noisy, unreadable]);
        let findings = run(&ACCESSANALYZER_ACTIVE_FINDINGS, &snap);
        assert_eq!(
            statuses(&findings),
            expect(&[("account", Pass), ("org", Fail), ("unused", NotEvaluated)])
        );
        assert_eq!(findings[1].message, "analyzer org has 2 active finding(s)");
    }
}
