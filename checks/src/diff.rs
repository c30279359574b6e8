//! Compares two scan results: which failures are new, which are resolved, which persist, and how
//! the scores and coverage moved. Findings are matched by their stable `finding_id`. Pure.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::catalog::Pillar;
use crate::engine::{Score, Scores};
use crate::finding::{Finding, Severity, Status};
use crate::result::ScanResult;

/// What changed between a baseline result and a newer one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Diff {
    /// When the baseline scan started.
    #[serde(with = "time::serde::rfc3339")]
    #[schemars(with = "String")]
    pub baseline_started_at: OffsetDateTime,
    /// Failing now, not failing in the baseline (passing, not evaluated or absent).
    pub new: Vec<DiffEntry>,
    /// Failing in the baseline; passing now, or gone although its check and region were scanned
    /// (the resource was deleted).
    pub resolved: Vec<DiffEntry>,
    /// Failing in both.
    pub persisting: Vec<DiffEntry>,
    /// Failing in the baseline, and now not evaluated, "no evidence found" (a check that now
    /// looks for a practice rather than judging a configuration), or outside what the new scan
    /// covered (another check, region or account selection): neither resolved nor still failing.
    pub unverified: Vec<DiffEntry>,
    /// The overall score and coverage, then each pillar's, before and after.
    pub scores: Vec<ScoreChange>,
}

/// One finding in a diff, as it is now (or as it was, when it is gone).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DiffEntry {
    pub finding_id: String,
    pub check_id: String,
    pub pillar: Pillar,
    pub severity: Severity,
    pub account_id: String,
    pub region: String,
    pub resource_arn: String,
    pub message: String,
    /// The status in the baseline; `None` when the finding was not there.
    pub before: Option<Status>,
    /// The status now; `None` when the finding is gone.
    pub after: Option<Status>,
    /// Whether a suppression accepts the failure now.
    #[serde(default)]
    pub suppressed: bool,
}

/// A score and its coverage before and after; `scope` is `overall` or a pillar id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ScoreChange {
    pub scope: String,
    pub score_before: Option<f64>,
    pub score_after: Option<f64>,
    /// `score_after - score_before`, to one decimal, when both exist.
    pub score_change: Option<f64>,
    pub coverage_before: Option<f64>,
    pub coverage_after: Option<f64>,
    pub coverage_change: Option<f64>,
}

impl Diff {
    /// New failures at or above `severity` that no suppression accepts: what a regression gate
    /// (`--new-only --fail-on`) counts.
    pub fn new_failures_at_or_above(&self, severity: Severity) -> impl Iterator<Item = &DiffEntry> {
        self.new
            .iter()
            .filter(move |e| !e.suppressed && e.severity >= severity)
    }
}

/// Compares `baseline` with `current`.
pub fn diff(baseline: &ScanResult, current: &ScanResult) -> Diff {
    let before: BTreeMap<&str, &Finding> = baseline
        .findings
        .iter()
        .map(|f| (f.finding_id.as_str(), f))
        .collect();
    let after: BTreeMap<&str, &Finding> = current
        .findings
        .iter()
        .map(|f| (f.finding_id.as_str(), f))
        .collect();

    let mut result = Diff {
        baseline_started_at: baseline.started_at,
        new: Vec::new(),
        resolved: Vec::new(),
        persisting: Vec::new(),
        unverified: Vec::new(),
        scores: score_changes(baseline, current),
    };

    // In the current result's order, then the gone ones in the baseline's: both deterministic.
    for now in &current.findings {
        let was = before.get(now.finding_id.as_str()).map(|f| f.status);
        let failed_before = was == Some(Status::Fail);
        let entry = || entry(now, was, Some(now.status));
        match now.status {
            Status::Fail if failed_before => result.persisting.push(entry()),
            Status::Fail => result.new.push(entry()),
            Status::Pass if failed_before => result.resolved.push(entry()),
            Status::NotEvaluated | Status::NoEvidence if failed_before => {
                result.unverified.push(entry())
            }
            _ => {}
        }
    }

    let coverage = Coverage::of(current);
    for old in baseline
        .findings
        .iter()
        .filter(|f| f.status == Status::Fail && !after.contains_key(f.finding_id.as_str()))
    {
        let gone = entry(old, Some(Status::Fail), None);
        if coverage.covers(old) {
            result.resolved.push(gone);
        } else {
            result.unverified.push(gone);
        }
    }
    result
}

fn entry(finding: &Finding, before: Option<Status>, after: Option<Status>) -> DiffEntry {
    DiffEntry {
        finding_id: finding.finding_id.clone(),
        check_id: finding.check_id.clone(),
        pillar: finding.pillar,
        severity: finding.severity,
        account_id: finding.account_id.clone(),
        region: finding.region.clone(),
        resource_arn: finding.resource.arn.clone(),
        message: finding.message.clone(),
        before,
        after,
        suppressed: after.is_some() && finding.suppressed.is_some(),
    }
}

/// What a scan looked at: the checks it ran, in which accounts and regions.
struct Coverage<'a> {
    checks: BTreeSet<&'a str>,
    regions: BTreeSet<(&'a str, &'a str)>,
    accounts: BTreeSet<&'a str>,
}

impl<'a> Coverage<'a> {
    fn of(result: &'a ScanResult) -> Self {
        Coverage {
            checks: result
                .findings
                .iter()
                .map(|f| f.check_id.as_str())
                .collect(),
            regions: result
                .accounts
                .iter()
                .flat_map(|a| {
                    a.regions
                        .iter()
                        .map(|r| (a.account_id.as_str(), r.as_str()))
                })
                .collect(),
            accounts: result
                .accounts
                .iter()
                .map(|a| a.account_id.as_str())
                .collect(),
        }
    }

    fn covers(&self, finding: &Finding) -> bool {
        let account = finding.account_id.as_str();
        self.checks.contains(finding.check_id.as_str())
            && self.accounts.contains(account)
            && (finding.region == "global"
                || self.regions.contains(&(account, finding.region.as_str())))
    }
}

fn score_changes(baseline: &ScanResult, current: &ScanResult) -> Vec<ScoreChange> {
    score_changes_of(&baseline.scores, &current.scores)
}

/// The overall score and coverage, then each pillar's, before and after.
pub fn score_changes_of(baseline: &Scores, current: &Scores) -> Vec<ScoreChange> {
    let mut changes = vec![change(
        "overall",
        Some(&baseline.overall),
        Some(&current.overall),
    )];
    for pillar in Pillar::ALL {
        let before = baseline.pillars.get(&pillar).map(|p| &p.score);
        let after = current.pillars.get(&pillar).map(|p| &p.score);
        if before.is_some() || after.is_some() {
            changes.push(change(pillar.as_str(), before, after));
        }
    }
    changes
}

fn change(scope: &str, before: Option<&Score>, after: Option<&Score>) -> ScoreChange {
    let score_before = before.and_then(|s| s.score);
    let score_after = after.and_then(|s| s.score);
    let coverage_before = before.and_then(|s| s.coverage);
    let coverage_after = after.and_then(|s| s.coverage);
    ScoreChange {
        scope: scope.to_string(),
        score_before,
        score_after,
        score_change: delta(score_before, score_after),
        coverage_before,
        coverage_after,
        coverage_change: delta(coverage_before, coverage_after),
    }
}

fn delta(before: Option<f64>, after: Option<f64>) -> Option<f64> {
    Some(((after? - before?) * 10.0).round() / 10.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Selection;
    use crate::finding::Suppressed;
    use crate::testing::*;

    fn finding(check: &str, region: &str, arn: &str, status: Status) -> Finding {
        let mut f = Finding {
            finding_id: String::new(),
            check_id: check.into(),
            title: "t".into(),
            pillar: Pillar::Security,
            best_practices: vec!["SEC08-BP02".into()],
            indirect_best_practices: vec![],
            severity: Severity::High,
            status,
            account_id: String::new(),
            region: region.into(),
            resource: crate::model::ResourceRef {
                arn: arn.into(),
                kind: "AWS::S3::Bucket".into(),
                id: arn.into(),
                name: None,
                region: region.into(),
                tags: Default::default(),
            },
            message: format!("{arn} {status}"),
            remediation: "fix".into(),
            reason: None,
            suppressed: None,
            overridden: None,
        };
        f.assign_account(ACCOUNT);
        f
    }

    fn result(findings: Vec<Finding>) -> ScanResult {
        let mut snap = snapshot();
        snap.regions = vec!["us-east-1".into(), "eu-west-1".into()];
        ScanResult::new(&snap, Selection::default(), findings, NOW, NOW)
    }

    fn ids(entries: &[DiffEntry]) -> Vec<&str> {
        entries.iter().map(|e| e.resource_arn.as_str()).collect()
    }

    #[test]
    fn classifies_by_finding_id() {
        use Status::*;
        let check = "s3_bucket_versioning";
        let baseline = result(vec![
            finding(check, "us-east-1", "fixed", Fail),
            finding(check, "us-east-1", "still", Fail),
            finding(check, "us-east-1", "broke", Pass),
            finding(check, "us-east-1", "deleted", Fail),
            finding(check, "us-east-1", "denied", Fail),
            finding(check, "ap-south-1", "elsewhere", Fail),
            finding("s3_bucket_public_access", "us-east-1", "other", Fail),
        ]);
        let current = result(vec![
            finding(check, "us-east-1", "fixed", Pass),
            finding(check, "us-east-1", "still", Fail),
            finding(check, "us-east-1", "broke", Fail),
            finding(check, "eu-west-1", "created", Fail),
            finding(check, "us-east-1", "denied", NotEvaluated),
        ]);
        let diff = diff(&baseline, &current);
        assert_eq!(ids(&diff.new), ["broke", "created"]);
        assert_eq!(ids(&diff.persisting), ["still"]);
        assert_eq!(ids(&diff.resolved), ["fixed", "deleted"]);
        // Not evaluated now; a region the new scan did not cover; a check it did not run.
        assert_eq!(ids(&diff.unverified), ["denied", "elsewhere", "other"]);
        assert_eq!(diff.resolved[1].after, None);
        assert_eq!(diff.new[0].before, Some(Pass));
        assert_eq!(diff.new[1].before, None);
    }

    /// A failure that became "no evidence found" is neither resolved nor a new failure; no
    /// evidence found never counts as new.
    #[test]
    fn no_evidence_is_unverified_never_new() {
        use Status::*;
        let check = "s3_bucket_versioning";
        let baseline = result(vec![finding(check, "us-east-1", "was-failing", Fail)]);
        let current = result(vec![
            finding(check, "us-east-1", "was-failing", NoEvidence),
            finding(check, "us-east-1", "never-seen", NoEvidence),
        ]);
        let d = diff(&baseline, &current);
        assert!(d.new.is_empty() && d.resolved.is_empty() && d.persisting.is_empty());
        assert_eq!(ids(&d.unverified), ["was-failing"]);
        assert_eq!(d.unverified[0].after, Some(NoEvidence));
        assert_eq!(d.new_failures_at_or_above(Severity::Low).count(), 0);
    }

    #[test]
    fn scores_and_coverage_changes_per_pillar() {
        let check = "s3_bucket_versioning";
        let baseline = result(vec![
            finding(check, "us-east-1", "a", Status::Fail),
            finding(check, "us-east-1", "b", Status::Pass),
        ]);
        let current = result(vec![
            finding(check, "us-east-1", "a", Status::Pass),
            finding(check, "us-east-1", "b", Status::Pass),
            finding(check, "us-east-1", "c", Status::NotEvaluated),
        ]);
        let diff = diff(&baseline, &current);
        let scopes: Vec<&str> = diff.scores.iter().map(|s| s.scope.as_str()).collect();
        assert_eq!(scopes, ["overall", "security"]);
        let overall = &diff.scores[0];
        assert_eq!(overall.score_before, Some(50.0));
        assert_eq!(overall.score_after, Some(100.0));
        assert_eq!(overall.score_change, Some(50.0));
        assert_eq!(overall.coverage_change, Some(-33.3));
    }

    #[test]
    fn suppressed_new_failures_do_not_count_for_the_gate() {
        let check = "s3_bucket_versioning";
        let baseline = result(vec![]);
        let mut accepted = finding(check, "us-east-1", "accepted", Status::Fail);
        accepted.suppressed = Some(Suppressed {
            reason: "legacy".into(),
            expires: None,
            source: "wascan.toml:3".into(),
        });
        let mut low = finding(check, "us-east-1", "low", Status::Fail);
        low.severity = Severity::Low;
        let current = result(vec![
            accepted,
            low,
            finding(check, "us-east-1", "high", Status::Fail),
        ]);
        let diff = diff(&baseline, &current);
        assert_eq!(diff.new.len(), 3);
        let gated: Vec<&str> = diff
            .new_failures_at_or_above(Severity::Medium)
            .map(|e| e.resource_arn.as_str())
            .collect();
        assert_eq!(gated, ["high"]);
    }
}
