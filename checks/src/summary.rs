//! The summary of a streamed scan: `summary.json` in a scan directory (`schema_version` 1).
//!
//! A multi-account scan (`scan --org`, `--accounts`) writes each account's result to its own file
//! as soon as the account is evaluated, and keeps in memory only what this summary needs: a few
//! counts per account and the organisation's [`Scores`], which are the sums of the accounts'
//! (see [`Scores::absorb`]): never computed again from the findings. So memory follows the
//! accounts in flight, not the size of the organisation.
//!
//! ```text
//! <output-dir>/wascan-org-<time>/       (wascan-accounts-<time>/ for --accounts)
//!   scan.json                  the plan, written first: selection, accounts, shard (ScanPlan)
//!   accounts/<account>.json    one account's scan result (docs/scan-result.schema.json)
//!   accounts/<account>.<ext>   its other --format files (csv, sarif, ocsf.json, html)
//!   accounts/<account>.asff-<n>.json  ASFF in batches of at most 100 (BatchImportFindings)
//!   summary.json               this summary, written last (docs/scan-summary.schema.json)
//!   index.html                 with --format html: the accounts ranked by score and risk
//! ```
//!
//! Every file is written atomically (a temporary file, then a rename): an account's result file
//! exists only once it is complete, which is what `--resume` relies on.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::catalog::Pillar;
use crate::diff::{Diff, ScoreChange};
use crate::engine::{PillarScore, Score, Scores, Selection};
use crate::finding::{Severity, Status};
use crate::model::ErrorKind;
use crate::result::{ApiCalls, MergeError, ScanResult, Warning, WarningKind};

pub const SUMMARY_SCHEMA_VERSION: u32 = 1;

/// The summary's file name in a scan directory.
pub const SUMMARY_FILE: &str = "summary.json";
/// The plan's file name in a scan directory.
pub const PLAN_FILE: &str = "scan.json";
/// The folder of the accounts' files in a scan directory.
pub const ACCOUNTS_DIR: &str = "accounts";

/// The JSON Schema of [`ScanSummary`], as published in `docs/scan-summary.schema.json`.
pub fn scan_summary_schema() -> serde_json::Value {
    let mut schema = schemars::schema_for!(ScanSummary).to_value();
    schema.sort_all_objects();
    if let Some(object) = schema.as_object_mut() {
        object.insert(
            "description".into(),
            format!(
                "wascan scan summary, schema_version {SUMMARY_SCHEMA_VERSION}: the `summary.json` of a scan directory (`scan --org`, `--accounts`), beside one result file per account (docs/scan-result.schema.json)."
            )
            .into(),
        );
    }
    schema
}

/// Counts per severity (only severities with a count are present).
pub type SeverityCounts = BTreeMap<Severity, u64>;

/// `shard K of N`, as `--shard` gave it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ShardOf {
    pub index: u32,
    pub count: u32,
}

/// One account to scan, as the plan lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PlannedAccount {
    pub account_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// `scan.json`: what a streamed scan set out to do, written before the first account. `--resume`
/// scans the accounts it lists that have no result file yet, with its selection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ScanPlan {
    pub schema_version: u32,
    pub tool_version: String,
    #[serde(with = "time::serde::rfc3339")]
    #[schemars(with = "String")]
    pub started_at: OffsetDateTime,
    pub selection: Selection,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shard: Option<ShardOf>,
    pub accounts: Vec<PlannedAccount>,
    /// The calls made before the first account (the caller's identity, the organisation's
    /// account list): counted once in the summary's `api_calls`.
    pub api_calls: ApiCalls,
}

/// `summary.json`: the selection, each account's scores, counts and file, and the organisation's
/// scores, errors and calls.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ScanSummary {
    pub schema_version: u32,
    pub tool_version: String,
    #[serde(with = "time::serde::rfc3339")]
    #[schemars(with = "String")]
    pub started_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    #[schemars(with = "String")]
    pub finished_at: OffsetDateTime,
    pub duration_ms: u64,
    pub selection: Selection,
    /// The shard this scan covered (`--shard`); none for a whole scan or a merge of shards.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shard: Option<ShardOf>,
    /// Every account, sorted by id.
    pub accounts: Vec<AccountSummary>,
    /// The organisation's scores: the sums of the accounts' (unsuppressed findings).
    pub scores: Scores,
    /// Findings in all: the sum of the accounts'.
    pub findings: u64,
    /// Unsuppressed failures per severity: what `--fail-on` gates on.
    pub failed: SeverityCounts,
    /// Failures a suppression accepted.
    pub suppressed: u64,
    /// Calls that failed during collection, per kind (each account's file lists them).
    pub errors: ErrorCounts,
    pub api_calls: ApiCalls,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
    /// The comparison with the baseline (`--baseline`), added up over the accounts; each
    /// account's file holds its own comparison in full.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diff: Option<DiffCounts>,
}

/// Failed calls: how many, and how many of each kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ErrorCounts {
    pub total: u64,
    pub by_kind: BTreeMap<ErrorKind, u64>,
}

impl ErrorCounts {
    fn absorb(&mut self, other: &ErrorCounts) {
        self.total += other.total;
        for (kind, count) in &other.by_kind {
            *self.by_kind.entry(*kind).or_default() += count;
        }
    }
}

/// One account of a streamed scan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AccountSummary {
    pub account_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub regions: Vec<String>,
    /// Why the account could not be read at all (its role could not be assumed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_error: Option<String>,
    /// Its result file, relative to the scan directory (`accounts/<id>.json`).
    pub file: String,
    /// Its overall score and coverage.
    pub score: Score,
    /// Its scores per pillar, with the high and medium risk questions.
    pub pillars: BTreeMap<Pillar, PillarScore>,
    pub findings: u64,
    /// Unsuppressed failures per severity.
    pub failed: SeverityCounts,
    pub suppressed: u64,
    pub errors: ErrorCounts,
    pub api_calls: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diff: Option<DiffCounts>,
}

impl AccountSummary {
    /// High-risk questions over every pillar.
    pub fn high_risk_questions(&self) -> u32 {
        self.pillars.values().map(|p| p.high_risk_questions).sum()
    }

    /// Medium-risk questions over every pillar.
    pub fn medium_risk_questions(&self) -> u32 {
        self.pillars.values().map(|p| p.medium_risk_questions).sum()
    }
}

/// A comparison with a baseline, as counts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DiffCounts {
    pub new: u64,
    pub resolved: u64,
    pub persisting: u64,
    pub unverified: u64,
    /// New failures no suppression accepts, per severity: what `--new-only --fail-on` gates on.
    pub new_failed: SeverityCounts,
    /// The overall score and coverage, then each pillar's, before and after (the organisation's
    /// in the summary, the account's for an account).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scores: Vec<ScoreChange>,
}

impl DiffCounts {
    /// The counts of one diff.
    pub fn of(diff: &Diff) -> DiffCounts {
        let mut new_failed = SeverityCounts::new();
        for entry in diff.new.iter().filter(|e| !e.suppressed) {
            *new_failed.entry(entry.severity).or_default() += 1;
        }
        DiffCounts {
            new: diff.new.len() as u64,
            resolved: diff.resolved.len() as u64,
            persisting: diff.persisting.len() as u64,
            unverified: diff.unverified.len() as u64,
            new_failed,
            scores: diff.scores.clone(),
        }
    }

    /// Adds another comparison's counts (not its score changes).
    pub fn absorb(&mut self, other: &DiffCounts) {
        self.new += other.new;
        self.resolved += other.resolved;
        self.persisting += other.persisting;
        self.unverified += other.unverified;
        add_counts(&mut self.new_failed, &other.new_failed);
    }

    /// New unsuppressed failures at or above `severity`.
    pub fn new_failures_at_or_above(&self, severity: Severity) -> u64 {
        at_or_above(&self.new_failed, severity)
    }
}

fn add_counts(into: &mut SeverityCounts, from: &SeverityCounts) {
    for (severity, count) in from {
        *into.entry(*severity).or_default() += count;
    }
}

/// The counts at or above `severity`.
pub fn at_or_above(counts: &SeverityCounts, severity: Severity) -> u64 {
    counts.range(severity..).map(|(_, count)| count).sum()
}

/// The file of `account_id` in a scan directory, relative to it.
pub fn account_file(account_id: &str) -> String {
    format!("{ACCOUNTS_DIR}/{account_id}.json")
}

/// Builds a [`ScanSummary`] one account at a time: each account's result is reduced to its
/// counts and scores, then dropped by the caller.
#[derive(Debug, Clone)]
pub struct Summarizer {
    summary: ScanSummary,
}

impl Summarizer {
    /// A summary of no account yet, for a scan that started at `plan.started_at`.
    pub fn new(plan: &ScanPlan) -> Self {
        Summarizer {
            summary: ScanSummary {
                schema_version: SUMMARY_SCHEMA_VERSION,
                tool_version: plan.tool_version.clone(),
                started_at: plan.started_at,
                finished_at: plan.started_at,
                duration_ms: 0,
                selection: plan.selection.clone(),
                shard: plan.shard,
                accounts: Vec::new(),
                scores: Scores::empty(),
                findings: 0,
                failed: SeverityCounts::new(),
                suppressed: 0,
                errors: ErrorCounts::default(),
                api_calls: plan.api_calls.clone(),
                warnings: Vec::new(),
                diff: None,
            },
        }
    }

    /// Adds one account's result (a single-account result, suppressions marked, its `diff` set
    /// when there is a baseline).
    pub fn add(&mut self, result: &ScanResult) {
        let summary = &mut self.summary;
        for account in &result.accounts {
            let findings = result
                .findings
                .iter()
                .filter(|f| f.account_id == account.account_id);
            let mut failed = SeverityCounts::new();
            let mut suppressed = 0;
            let mut count = 0;
            for finding in findings {
                count += 1;
                if finding.status == Status::Fail {
                    if finding.suppressed.is_some() {
                        suppressed += 1;
                    } else {
                        *failed.entry(finding.severity).or_default() += 1;
                    }
                }
            }
            let scores = account.scores.as_ref().unwrap_or(&result.scores);
            let mut errors = ErrorCounts::default();
            let gaps = if result.accounts.len() == 1 {
                &result.errors
            } else {
                &account.errors
            };
            for gap in gaps {
                errors.total += 1;
                *errors.by_kind.entry(gap.kind).or_default() += 1;
            }
            let diff = result.diff.as_ref().map(DiffCounts::of);
            summary.findings += count;
            add_counts(&mut summary.failed, &failed);
            summary.suppressed += suppressed;
            summary.errors.absorb(&errors);
            summary.scores.absorb(scores);
            if let Some(diff) = &diff {
                summary
                    .diff
                    .get_or_insert_with(DiffCounts::default)
                    .absorb(diff);
            }
            summary.accounts.push(AccountSummary {
                account_id: account.account_id.clone(),
                name: account.name.clone(),
                regions: account.regions.clone(),
                access_error: account.access_error.clone(),
                file: account_file(&account.account_id),
                score: scores.overall,
                pillars: scores.pillars.clone(),
                findings: count,
                failed,
                suppressed,
                errors,
                api_calls: account.api_calls.unwrap_or(result.api_calls.total),
                diff,
            });
        }
        summary.api_calls.absorb(result.api_calls.clone());
    }

    /// The summary so far, finished at `finished_at`, with `warnings`, and the organisation's
    /// score changes against `baseline` when there is one.
    pub fn finish(
        self,
        finished_at: OffsetDateTime,
        warnings: Vec<Warning>,
        baseline: Option<&Scores>,
    ) -> ScanSummary {
        let mut summary = self.summary;
        summary.finished_at = finished_at;
        summary.duration_ms =
            u64::try_from((finished_at - summary.started_at).whole_milliseconds()).unwrap_or(0);
        summary
            .accounts
            .sort_by(|a, b| a.account_id.cmp(&b.account_id));
        summary.warnings = warnings;
        if let (Some(diff), Some(before)) = (&mut summary.diff, baseline) {
            diff.scores = crate::diff::score_changes_of(before, &summary.scores);
        }
        summary
    }
}

impl ScanSummary {
    /// Unsuppressed failures at or above `severity`.
    pub fn failures_at_or_above(&self, severity: Severity) -> u64 {
        at_or_above(&self.failed, severity)
    }

    /// Whether anything could not be evaluated: a failed call or a `not_evaluated` finding
    /// (what `--strict` exits 3 on).
    pub fn incomplete(&self) -> bool {
        self.errors.total > 0 || self.scores.overall.not_evaluated > 0
    }

    /// Combines the summaries of the shards of one scan, as one scan of every account would have
    /// summarised them: counts and scores added up. Refuses summaries of different check
    /// selections or tool versions, and summaries that share an account. A suppression is
    /// unused only when no shard used it.
    pub fn merge(summaries: Vec<ScanSummary>) -> Result<ScanSummary, MergeError> {
        let Some(first) = summaries.first() else {
            return Err(MergeError::Empty);
        };
        let selection = first.selection.clone();
        let tool_version = first.tool_version.clone();
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for (index, summary) in summaries.iter().enumerate() {
            let number = index + 1;
            if summary.selection != selection {
                return Err(MergeError::DifferentSelection {
                    index: number,
                    ours: describe(&selection),
                    theirs: describe(&summary.selection),
                });
            }
            if summary.tool_version != tool_version {
                return Err(MergeError::DifferentToolVersion {
                    index: number,
                    ours: tool_version.clone(),
                    theirs: summary.tool_version.clone(),
                });
            }
            for account in &summary.accounts {
                if let Some(first) = seen.insert(account.account_id.clone(), number) {
                    return Err(MergeError::OverlappingAccount {
                        account_id: account.account_id.clone(),
                        first,
                        second: number,
                    });
                }
            }
        }
        let started_at = summaries
            .iter()
            .map(|s| s.started_at)
            .min()
            .unwrap_or(first.started_at);
        let finished_at = summaries
            .iter()
            .map(|s| s.finished_at)
            .max()
            .unwrap_or(first.finished_at);
        let shards = summaries.len();
        let mut unused: BTreeMap<Warning, usize> = BTreeMap::new();
        let mut merged = ScanSummary {
            schema_version: SUMMARY_SCHEMA_VERSION,
            tool_version,
            started_at,
            finished_at,
            duration_ms: u64::try_from((finished_at - started_at).whole_milliseconds())
                .unwrap_or(0),
            selection,
            shard: None,
            accounts: Vec::new(),
            scores: Scores::empty(),
            findings: 0,
            failed: SeverityCounts::new(),
            suppressed: 0,
            errors: ErrorCounts::default(),
            api_calls: ApiCalls::default(),
            warnings: Vec::new(),
            diff: None,
        };
        for summary in summaries {
            merged.accounts.extend(summary.accounts);
            merged.scores.absorb(&summary.scores);
            merged.findings += summary.findings;
            add_counts(&mut merged.failed, &summary.failed);
            merged.suppressed += summary.suppressed;
            merged.errors.absorb(&summary.errors);
            merged.api_calls.absorb(summary.api_calls);
            if let Some(diff) = &summary.diff {
                merged
                    .diff
                    .get_or_insert_with(DiffCounts::default)
                    .absorb(diff);
            }
            for warning in summary.warnings {
                if warning.kind == WarningKind::SuppressionUnused {
                    *unused.entry(warning).or_default() += 1;
                } else if !merged.warnings.contains(&warning) {
                    merged.warnings.push(warning);
                }
            }
        }
        merged.warnings.extend(
            unused
                .into_iter()
                .filter(|(_, count)| *count == shards)
                .map(|(warning, _)| warning),
        );
        merged
            .accounts
            .sort_by(|a, b| a.account_id.cmp(&b.account_id));
        Ok(merged)
    }
}

fn describe(selection: &Selection) -> String {
    serde_json::to_string(selection).unwrap_or_else(|_| format!("{selection:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine;
    use crate::registry::find_check;
    use crate::result::AccountPart;
    use crate::settings::Settings;
    use crate::testing::*;

    const OTHER: &str = "210987654321";

    fn plan() -> ScanPlan {
        ScanPlan {
            schema_version: SUMMARY_SCHEMA_VERSION,
            tool_version: "0".into(),
            started_at: NOW,
            selection: Selection::default(),
            shard: None,
            accounts: Vec::new(),
            api_calls: ApiCalls::default(),
        }
    }

    fn account(account_id: &str, versioned: bool) -> ScanResult {
        let mut snap = snapshot();
        snap.account_id = account_id.to_string();
        let checks: Vec<_> = ["s3_bucket_versioning", "ec2_ebs_default_encryption"]
            .iter()
            .filter_map(|id| find_check(id))
            .collect();
        let mut findings = engine::evaluate(&snap, &Settings::default(), &checks);
        if versioned {
            for f in &mut findings {
                if f.status == Status::Fail {
                    f.status = Status::Pass;
                }
            }
        }
        let part = AccountPart::collected(&snap, None, findings);
        ScanResult::for_accounts(vec![part], Selection::default(), NOW, NOW)
    }

    #[test]
    fn the_summary_scores_are_the_sums_of_the_accounts() {
        let (one, two) = (account(ACCOUNT, false), account(OTHER, true));
        let whole = ScanResult::for_accounts(
            vec![
                AccountPart {
                    account: one.accounts[0].clone(),
                    findings: one.findings.clone(),
                    api_calls: one.api_calls.clone(),
                },
                AccountPart {
                    account: two.accounts[0].clone(),
                    findings: two.findings.clone(),
                    api_calls: two.api_calls.clone(),
                },
            ],
            Selection::default(),
            NOW,
            NOW,
        );
        let mut summarizer = Summarizer::new(&plan());
        summarizer.add(&two);
        summarizer.add(&one);
        let summary = summarizer.finish(NOW, Vec::new(), None);
        assert_eq!(summary.scores, whole.scores);
        assert_eq!(summary.accounts.len(), 2);
        assert_eq!(summary.accounts[0].account_id, ACCOUNT);
        assert_eq!(summary.findings, whole.findings.len() as u64);
        let failed = whole.failures_at_or_above(Severity::Informational).count() as u64;
        assert_eq!(
            summary.failures_at_or_above(Severity::Informational),
            failed
        );

        // Two shards merge into the summary of both.
        let shard = |result: &ScanResult| {
            let mut s = Summarizer::new(&plan());
            s.add(result);
            s.finish(NOW, Vec::new(), None)
        };
        let merged = ScanSummary::merge(vec![shard(&two), shard(&one)]).expect("disjoint");
        assert_eq!(merged, summary);
        assert!(matches!(
            ScanSummary::merge(vec![shard(&one), shard(&one)]),
            Err(MergeError::OverlappingAccount { .. })
        ));
    }

    #[test]
    fn scores_absorbed_equal_scores_computed_from_all_findings() {
        let (one, two) = (account(ACCOUNT, false), account(OTHER, true));
        let mut all = one.findings.clone();
        all.extend(two.findings.clone());
        let mut summed = Scores::empty();
        summed.absorb(&engine::score(&one.findings));
        summed.absorb(&engine::score(&two.findings));
        assert_eq!(summed, engine::score(&all));
        // Through JSON too: the weights are written.
        let read: Scores =
            serde_json::from_str(&serde_json::to_string(&summed).expect("json")).expect("reads");
        let mut again = Scores::empty();
        again.absorb(&read);
        assert_eq!(again, summed);
    }
}
