//! The scan result: wascan's stable JSON output (`schema_version` 1).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::engine::{self, Scores, Selection};
use crate::finding::{Finding, Severity, Status};
use crate::model::{Gap, Snapshot};

pub const RESULT_SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScanResult {
    pub schema_version: u32,
    pub tool_version: String,
    #[serde(with = "time::serde::rfc3339")]
    pub started_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
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
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountScanned {
    pub account_id: String,
    pub regions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ApiCalls {
    pub total: u64,
    /// Requests per `service:Operation`, retries included.
    pub by_operation: BTreeMap<String, u64>,
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
            },
        }
    }

    /// Findings that failed at or above `severity`.
    pub fn failures_at_or_above(&self, severity: Severity) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(move |f| f.status == Status::Fail && f.severity >= severity)
    }
}
