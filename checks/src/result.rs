//! The scan result: wascan's stable JSON output (`schema_version` 2).
//!
//! Version 2 added the evidence model: a finding's `indirect_best_practices`, the status
//! `no_evidence`, and each best-practice score's `strength`, `direct` and `indirect` parts, and
//! the scores' `no_evidence` counts. Version 1 results still read ([`ScanResult::upgrade`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::diff::Diff;
use crate::engine::{self, Scores, Selection};
use crate::finding::{Finding, Severity, Status};
use crate::model::{Gap, Snapshot};

pub const RESULT_SCHEMA_VERSION: u32 = 2;

/// The oldest `schema_version` of a scan result this wascan reads (1: before the evidence model).
pub const OLDEST_RESULT_SCHEMA_VERSION: u32 = 1;

/// Whether a scan result of `schema_version` `version` can be read (then [`ScanResult::upgrade`]).
pub fn result_version_readable(version: u64) -> bool {
    (u64::from(OLDEST_RESULT_SCHEMA_VERSION)..=u64::from(RESULT_SCHEMA_VERSION)).contains(&version)
}

/// The JSON Schema of [`ScanResult`], as published in `docs/scan-result.schema.json`.
pub fn scan_result_schema() -> serde_json::Value {
    let mut schema = schemars::schema_for!(ScanResult).to_value();
    // Sorted keys whatever serde_json features the build unifies: the file must not churn.
    schema.sort_all_objects();
    if let Some(object) = schema.as_object_mut() {
        object.insert(
            "description".into(),
            format!(
                "wascan scan result, schema_version {RESULT_SCHEMA_VERSION}: the JSON `wascan scan` writes (and prints with --json)."
            )
            .into(),
        );
    }
    schema
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ScanResult {
    pub schema_version: u32,
    pub tool_version: String,
    #[serde(with = "time::serde::rfc3339")]
    #[schemars(with = "String")]
    pub started_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    #[schemars(with = "String")]
    pub finished_at: OffsetDateTime,
    /// Wall time of collection and evaluation, in milliseconds.
    pub duration_ms: u64,
    pub accounts: Vec<AccountScanned>,
    pub selection: Selection,
    pub scores: Scores,
    pub findings: Vec<Finding>,
    /// Calls that failed during collection.
    pub errors: Vec<Gap>,
    pub api_calls: ApiCalls,
    /// Problems that did not stop the scan but need a look: expired or unused suppressions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
    /// The comparison with a baseline result (`--baseline`), when one was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diff: Option<Diff>,
    /// The team's overrides of check severities, best practices, or checks turned off, each
    /// with its reason (`[[overrides]]` in the config file).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overrides: Vec<crate::overrides::Override>,
}

/// A problem worth a look that did not stop the scan.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct Warning {
    pub kind: WarningKind,
    pub message: String,
    /// Where the cause is defined (`file:line`), when it is in a file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// A suppression past its `expires` date: it no longer applies.
    SuppressionExpired,
    /// A suppression that matched no failed finding.
    SuppressionUnused,
}

/// One account a scan covered.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AccountScanned {
    pub account_id: String,
    pub regions: Vec<String>,
    /// The account's name in AWS Organizations (`--org` scans).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Why the account could not be read at all (its role could not be assumed): every check is
    /// `not_evaluated` for it with this reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_error: Option<String>,
    /// This account's scores, from its unsuppressed findings (multi-account results only; the
    /// result's `scores` are the organisation's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scores: Option<Scores>,
    /// The calls that failed in this account (multi-account results only; the result's `errors`
    /// hold those of every account).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<Gap>,
    /// API requests sent for this account (multi-account results only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_calls: Option<u64>,
}

/// One account's part of a multi-account scan: what [`ScanResult::for_accounts`] assembles.
#[derive(Debug, Clone)]
pub struct AccountPart {
    pub account: AccountScanned,
    pub findings: Vec<Finding>,
    pub api_calls: ApiCalls,
}

impl AccountPart {
    /// The part of an account that was collected: its snapshot and the findings evaluated from it.
    pub fn collected(snapshot: &Snapshot, name: Option<String>, findings: Vec<Finding>) -> Self {
        AccountPart {
            account: AccountScanned {
                account_id: snapshot.account_id.clone(),
                regions: snapshot.regions.clone(),
                name,
                access_error: None,
                scores: None,
                errors: snapshot.errors.clone(),
                api_calls: Some(snapshot.total_api_calls()),
            },
            findings,
            api_calls: ApiCalls::from_snapshot(snapshot),
        }
    }

    /// The part of an account that could not be read: one `not_evaluated` finding per check,
    /// with `why` as the reason (see [`engine::not_evaluated_account`]).
    pub fn unreachable(
        account_id: &str,
        partition: &str,
        name: Option<String>,
        checks: &[&crate::check::Check],
        why: &Gap,
    ) -> Self {
        AccountPart {
            account: AccountScanned {
                account_id: account_id.to_string(),
                regions: Vec::new(),
                name,
                access_error: Some(why.to_string()),
                scores: None,
                errors: vec![why.clone()],
                api_calls: Some(0),
            },
            findings: engine::not_evaluated_account(account_id, partition, checks, why),
            api_calls: ApiCalls::default(),
        }
    }
}

/// Why shard results cannot be merged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    #[error("nothing to merge")]
    Empty,
    #[error("result {index} was made with a different check selection ({theirs}) than the first ({ours}): merge only shards of one scan")]
    DifferentSelection {
        index: usize,
        ours: String,
        theirs: String,
    },
    #[error("result {index} was made by wascan {theirs}, the first by wascan {ours}: their checks may differ")]
    DifferentToolVersion {
        index: usize,
        ours: String,
        theirs: String,
    },
    #[error("account {account_id} is in more than one result (results {first} and {second}): shards must not overlap")]
    OverlappingAccount {
        account_id: String,
        first: usize,
        second: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ApiCalls {
    pub total: u64,
    /// Requests per `service:Operation`, retries included.
    pub by_operation: BTreeMap<String, u64>,
    /// Requests that retried an earlier attempt (the SDK retries at most twice per call).
    #[serde(default)]
    pub retries: u64,
    /// Retries per `service:Operation` (operations without a retry are left out).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub retries_by_operation: BTreeMap<String, u64>,
    /// Attempts the service answered with a throttling error.
    #[serde(default)]
    pub throttled: u64,
    /// Throttled attempts per `service:Operation` (operations never throttled are left out).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub throttled_by_operation: BTreeMap<String, u64>,
    /// Requests per service (the sums of `by_operation`), retries included.
    #[serde(default)]
    pub by_service: BTreeMap<String, u64>,
}

impl ApiCalls {
    /// The requests, retries and throttled attempts a collection counted.
    pub fn from_snapshot(snapshot: &Snapshot) -> Self {
        ApiCalls {
            total: snapshot.total_api_calls(),
            by_operation: snapshot.api_calls.clone(),
            retries: snapshot.api_retries.values().sum(),
            retries_by_operation: snapshot.api_retries.clone(),
            throttled: snapshot.api_throttled.values().sum(),
            throttled_by_operation: snapshot.api_throttled.clone(),
            by_service: snapshot.api_calls_by_service(),
        }
    }

    /// Adds another collection's counts to these (the accounts of one scan, the shards of a merge).
    pub fn absorb(&mut self, other: ApiCalls) {
        fn add(into: &mut BTreeMap<String, u64>, from: BTreeMap<String, u64>) {
            for (operation, count) in from {
                *into.entry(operation).or_default() += count;
            }
        }
        self.total += other.total;
        self.retries += other.retries;
        self.throttled += other.throttled;
        add(&mut self.by_operation, other.by_operation);
        add(&mut self.retries_by_operation, other.retries_by_operation);
        add(
            &mut self.throttled_by_operation,
            other.throttled_by_operation,
        );
        add(&mut self.by_service, other.by_service);
    }
}

impl ScanResult {
    /// Assembles a result from the snapshot a scan collected and the findings evaluated from it.
    pub fn new(
        snapshot: &Snapshot,
        selection: Selection,
        findings: Vec<Finding>,
        started_at: OffsetDateTime,
        finished_at: OffsetDateTime,
    ) -> Self {
        ScanResult {
            schema_version: RESULT_SCHEMA_VERSION,
            tool_version: env!("CARGO_PKG_VERSION").to_string(),
            started_at,
            finished_at,
            duration_ms: u64::try_from((finished_at - started_at).whole_milliseconds())
                .unwrap_or(0),
            accounts: vec![AccountScanned {
                account_id: snapshot.account_id.clone(),
                regions: snapshot.regions.clone(),
                ..AccountScanned::default()
            }],
            selection,
            scores: engine::score(&findings),
            findings,
            errors: snapshot.errors.clone(),
            api_calls: ApiCalls::from_snapshot(snapshot),
            warnings: Vec::new(),
            diff: None,
            overrides: Vec::new(),
        }
    }

    /// Assembles the result of a multi-account scan: the organisation's scores over every
    /// account's findings, and each account's own scores.
    pub fn for_accounts(
        parts: Vec<AccountPart>,
        selection: Selection,
        started_at: OffsetDateTime,
        finished_at: OffsetDateTime,
    ) -> Self {
        let mut accounts = Vec::with_capacity(parts.len());
        let mut findings = Vec::new();
        let mut api_calls = ApiCalls::default();
        for part in parts {
            accounts.push(part.account);
            findings.extend(part.findings);
            api_calls.absorb(part.api_calls);
        }
        accounts.sort_by(|a, b| a.account_id.cmp(&b.account_id));
        engine::sort_findings(&mut findings);
        let mut result = ScanResult {
            schema_version: RESULT_SCHEMA_VERSION,
            tool_version: env!("CARGO_PKG_VERSION").to_string(),
            started_at,
            finished_at,
            duration_ms: u64::try_from((finished_at - started_at).whole_milliseconds())
                .unwrap_or(0),
            errors: accounts.iter().flat_map(|a| a.errors.clone()).collect(),
            accounts,
            selection,
            scores: engine::score(std::iter::empty()),
            findings,
            api_calls,
            warnings: Vec::new(),
            diff: None,
            overrides: Vec::new(),
        };
        result.score_accounts();
        result.rescore();
        result
    }

    /// Combines the results of shards of one scan (`--shard K/N`) into one result, as if one scan
    /// had covered every account. Refuses results of different check selections or tool versions,
    /// and results that share an account.
    pub fn merge(results: Vec<ScanResult>) -> Result<ScanResult, MergeError> {
        let Some(first) = results.first() else {
            return Err(MergeError::Empty);
        };
        let selection = first.selection.clone();
        let tool_version = first.tool_version.clone();
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for (index, result) in results.iter().enumerate() {
            let number = index + 1;
            if result.selection != selection {
                return Err(MergeError::DifferentSelection {
                    index: number,
                    ours: describe_selection(&selection),
                    theirs: describe_selection(&result.selection),
                });
            }
            if result.tool_version != tool_version {
                return Err(MergeError::DifferentToolVersion {
                    index: number,
                    ours: tool_version.clone(),
                    theirs: result.tool_version.clone(),
                });
            }
            for account in &result.accounts {
                if let Some(first) = seen.insert(account.account_id.clone(), number) {
                    return Err(MergeError::OverlappingAccount {
                        account_id: account.account_id.clone(),
                        first,
                        second: number,
                    });
                }
            }
        }
        let started_at = results
            .iter()
            .map(|r| r.started_at)
            .min()
            .unwrap_or(first.started_at);
        let finished_at = results
            .iter()
            .map(|r| r.finished_at)
            .max()
            .unwrap_or(first.finished_at);
        let mut accounts = Vec::new();
        let mut findings = Vec::new();
        let mut errors = Vec::new();
        let mut warnings: Vec<Warning> = Vec::new();
        let mut overrides: Vec<crate::overrides::Override> = Vec::new();
        let mut api_calls = ApiCalls::default();
        for result in results {
            for o in result.overrides {
                if !overrides.contains(&o) {
                    overrides.push(o);
                }
            }
            let single = result.accounts.len() == 1;
            for mut account in result.accounts {
                // A single-account result keeps its errors and calls at the top level only.
                if single && account.api_calls.is_none() {
                    account.errors = result.errors.clone();
                    account.api_calls = Some(result.api_calls.total);
                }
                accounts.push(account);
            }
            findings.extend(result.findings);
            errors.extend(result.errors);
            for warning in result.warnings {
                if !warnings.contains(&warning) {
                    warnings.push(warning);
                }
            }
            api_calls.absorb(result.api_calls);
        }
        accounts.sort_by(|a, b| a.account_id.cmp(&b.account_id));
        engine::sort_findings(&mut findings);
        let mut merged = ScanResult {
            schema_version: RESULT_SCHEMA_VERSION,
            tool_version,
            started_at,
            finished_at,
            duration_ms: u64::try_from((finished_at - started_at).whole_milliseconds())
                .unwrap_or(0),
            accounts,
            selection,
            scores: engine::score(std::iter::empty()),
            findings,
            errors,
            api_calls,
            warnings,
            diff: None,
            overrides,
        };
        merged.score_accounts();
        merged.rescore();
        Ok(merged)
    }

    /// Gives every account its own scores (from then on, [`ScanResult::rescore`] keeps them up
    /// to date).
    fn score_accounts(&mut self) {
        for account in &mut self.accounts {
            account.scores = Some(engine::score(std::iter::empty()));
        }
    }

    /// Recomputes the scores from the findings no suppression accepted: call after marking
    /// findings suppressed. Accounts that carry their own scores get them recomputed too.
    /// Scores are computed over references: no finding is copied (at 10,000 findings a copy
    /// was the largest allocation of a scan).
    pub fn rescore(&mut self) {
        let findings = &self.findings;
        let counted = || findings.iter().filter(|f| f.suppressed.is_none());
        for account in &mut self.accounts {
            if account.scores.is_some() {
                let id = &account.account_id;
                account.scores = Some(engine::score(counted().filter(|f| &f.account_id == id)));
            }
        }
        self.scores = engine::score(counted());
    }

    /// Brings a result read from a file to the current schema. A `schema_version` 1 result
    /// predates the evidence model: the findings of a check this wascan still has take the pillar,
    /// best practices and strengths the check declares now (its mappings were corrected since), those
    /// of a check it no longer has keep their best practices, read as direct evidence; then
    /// the scores are recomputed. A current result is left as it is.
    pub fn upgrade(&mut self) {
        if self.schema_version >= RESULT_SCHEMA_VERSION {
            return;
        }
        for finding in &mut self.findings {
            if let Some(check) = crate::registry::find_check(&finding.check_id) {
                finding.pillar = check.pillar;
                finding.best_practices = check.codes().map(str::to_string).collect();
                finding.indirect_best_practices = check
                    .best_practices
                    .iter()
                    .filter(|e| e.strength == crate::check::Strength::Indirect)
                    .map(|e| e.code.to_string())
                    .collect();
            }
        }
        self.rescore();
        self.schema_version = RESULT_SCHEMA_VERSION;
    }

    /// The part of this result about one account, rescored: its findings, its entry, its
    /// failed calls (all of them for a single-account result).
    pub fn account_part(&self, account_id: &str) -> ScanResult {
        let single = self.accounts.len() == 1;
        let accounts: Vec<AccountScanned> = self
            .accounts
            .iter()
            .filter(|a| a.account_id == account_id)
            .cloned()
            .collect();
        let errors = if single {
            self.errors.clone()
        } else {
            accounts.iter().flat_map(|a| a.errors.clone()).collect()
        };
        let mut part = ScanResult {
            schema_version: self.schema_version,
            tool_version: self.tool_version.clone(),
            started_at: self.started_at,
            finished_at: self.finished_at,
            duration_ms: self.duration_ms,
            accounts,
            selection: self.selection.clone(),
            scores: engine::score(std::iter::empty()),
            findings: self
                .findings
                .iter()
                .filter(|f| f.account_id == account_id)
                .cloned()
                .collect(),
            errors,
            api_calls: ApiCalls::default(),
            warnings: Vec::new(),
            diff: None,
            overrides: self.overrides.clone(),
        };
        part.rescore();
        part
    }

    /// Findings that failed at or above `severity`, suppressed ones excepted.
    pub fn failures_at_or_above(&self, severity: Severity) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| {
            f.status == Status::Fail && f.suppressed.is_none() && f.severity >= severity
        })
    }
}

/// A selection as its JSON (`{}` for every check), for error messages.
fn describe_selection(selection: &Selection) -> String {
    serde_json::to_string(selection).unwrap_or_else(|_| format!("{selection:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::find_check;
    use crate::settings::Settings;
    use crate::testing::*;

    const OTHER: &str = "210987654321";

    /// The findings of the test snapshot evaluated for `account_id`, as an account part.
    fn collected(account_id: &str) -> AccountPart {
        let mut snap = snapshot();
        snap.account_id = account_id.to_string();
        let checks: Vec<_> = ["s3_bucket_versioning", "ec2_ebs_default_encryption"]
            .iter()
            .filter_map(|id| find_check(id))
            .collect();
        let findings = engine::evaluate(&snap, &Settings::default(), &checks);
        AccountPart::collected(&snap, Some(format!("name-{account_id}")), findings)
    }

    fn unreachable(account_id: &str) -> AccountPart {
        let checks: Vec<_> = ["s3_bucket_versioning", "ec2_ebs_default_encryption"]
            .iter()
            .filter_map(|id| find_check(id))
            .collect();
        let mut why = denied("sts:AssumeRole");
        why.service = "sts".into();
        why.operation = "AssumeRole".into();
        AccountPart::unreachable(account_id, "aws", None, &checks, &why)
    }

    #[test]
    fn an_unreachable_account_is_not_evaluated_for_every_check_and_scores_nothing() {
        let result = ScanResult::for_accounts(
            vec![collected(ACCOUNT), unreachable(OTHER)],
            Selection::default(),
            NOW,
            NOW,
        );
        assert_eq!(result.accounts.len(), 2);
        assert_eq!(result.accounts[0].account_id, ACCOUNT, "sorted by id");
        let other = &result.accounts[1];
        assert_eq!(other.account_id, OTHER);
        assert!(other
            .access_error
            .as_deref()
            .unwrap_or_default()
            .contains("AssumeRole"));
        let other_findings: Vec<&Finding> = result
            .findings
            .iter()
            .filter(|f| f.account_id == OTHER)
            .collect();
        assert_eq!(other_findings.len(), 2, "one per check");
        assert!(other_findings
            .iter()
            .all(|f| f.status == Status::NotEvaluated && f.reason.is_some()));
        let other_scores = other.scores.as_ref().expect("per-account scores");
        assert_eq!(
            other_scores.overall.score, None,
            "nothing evaluated, no score"
        );
        assert_eq!(other_scores.overall.coverage, Some(0.0));
        assert_eq!(other_scores.overall.not_evaluated, 2);

        let own = result.accounts[0]
            .scores
            .as_ref()
            .expect("per-account scores");
        // The organisation's score is the reachable account's: the unreachable one only lowers
        // the coverage.
        assert_eq!(result.scores.overall.score, own.overall.score);
        assert_eq!(
            result.scores.overall.not_evaluated,
            own.overall.not_evaluated + 2
        );
        assert!(result.scores.overall.coverage < own.overall.coverage);
        assert_eq!(result.errors.len(), 1);
    }

    #[test]
    fn merging_shards_gives_the_result_of_one_scan() {
        let whole = ScanResult::for_accounts(
            vec![collected(ACCOUNT), collected(OTHER)],
            Selection::default(),
            NOW,
            NOW,
        );
        let first =
            ScanResult::for_accounts(vec![collected(ACCOUNT)], Selection::default(), NOW, NOW);
        let second =
            ScanResult::for_accounts(vec![collected(OTHER)], Selection::default(), NOW, NOW);
        let merged = ScanResult::merge(vec![second, first]).expect("disjoint shards merge");
        assert_eq!(merged, whole);
    }

    #[test]
    fn merging_a_single_account_result_scores_it_as_an_account() {
        let mut snap = snapshot();
        snap.account_id = OTHER.into();
        let plain = ScanResult::new(&snap, Selection::default(), Vec::new(), NOW, NOW);
        let shard =
            ScanResult::for_accounts(vec![collected(ACCOUNT)], Selection::default(), NOW, NOW);
        let merged = ScanResult::merge(vec![plain, shard]).expect("merges");
        assert!(merged.accounts.iter().all(|a| a.scores.is_some()));
    }

    #[test]
    fn merging_refuses_overlaps_and_different_selections() {
        let shard =
            || ScanResult::for_accounts(vec![collected(ACCOUNT)], Selection::default(), NOW, NOW);
        assert_eq!(
            ScanResult::merge(vec![shard(), shard()]),
            Err(MergeError::OverlappingAccount {
                account_id: ACCOUNT.into(),
                first: 1,
                second: 2
            })
        );
        let mut security_only =
            ScanResult::for_accounts(vec![collected(OTHER)], Selection::default(), NOW, NOW);
        security_only
            .selection
            .pillars
            .insert(crate::catalog::Pillar::Security);
        let err = ScanResult::merge(vec![shard(), security_only]).unwrap_err();
        assert!(
            matches!(err, MergeError::DifferentSelection { index: 2, .. }),
            "{err}"
        );
        assert_eq!(ScanResult::merge(Vec::new()), Err(MergeError::Empty));
    }
}
