//! The scan result: wascan's stable JSON output (`schema_version` 1).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::diff::Diff;
use crate::engine::{self, Scores, Selection};
use crate::finding::{Finding, Severity, Status};
use crate::model::{Gap, Snapshot};

pub const RESULT_SCHEMA_VERSION: u32 = 1;

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
}

/// A problem worth a look that did not stop the scan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AccountScanned {
    pub account_id: String,
    pub regions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ApiCalls {
    pub total: u64,
    /// Requests per `service:Operation`, retries included.
    pub by_operation: BTreeMap<String, u64>,
    /// Requests per service (the sums of `by_operation`), retries included.
    #[serde(default)]
    pub by_service: BTreeMap<String, u64>,
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
            }],
            selection,
            scores: engine::score(&findings),
            findings,
            errors: snapshot.errors.clone(),
            api_calls: ApiCalls {
                total: snapshot.total_api_calls(),
                by_operation: snapshot.api_calls.clone(),
                by_service: snapshot.api_calls_by_service(),
            },
            warnings: Vec::new(),
            diff: None,
        }
    }

    /// Recomputes the scores from the findings no suppression accepted: call after marking
    /// findings suppressed.
    pub fn rescore(&mut self) {
        let counted: Vec<Finding> = self
            .findings
            .iter()
            .filter(|f| f.suppressed.is_none())
            .cloned()
            .collect();
        self.scores = engine::score(&counted);
    }

    /// Findings that failed at or above `severity`, suppressed ones excepted.
    pub fn failures_at_or_above(&self, severity: Severity) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| {
            f.status == Status::Fail && f.suppressed.is_none() && f.severity >= severity
        })
    }
}
