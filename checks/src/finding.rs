//! A finding: one check's verdict on one resource.

use std::fmt;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::catalog::Pillar;
use crate::model::ResourceRef;

/// How bad a failed finding is. Ordered: `Critical` is the greatest.
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
pub enum Severity {
    Informational,
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    /// Most severe first.
    pub const ALL: [Severity; 5] = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Informational,
    ];

    /// The weight of a finding of this severity in a score.
    pub fn weight(self) -> u32 {
        match self {
            Severity::Critical => 10,
            Severity::High => 5,
            Severity::Medium => 3,
            Severity::Low => 1,
            Severity::Informational => 0,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
            Severity::Informational => "informational",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Severity {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Severity::ALL
            .into_iter()
            .find(|severity| severity.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                format!(
                    "unknown severity `{s}` (known: critical, high, medium, low, informational)"
                )
            })
    }
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
pub enum Status {
    Fail,
    NotEvaluated,
    /// A practice-presence check found no trace of the practice in the account (teams may meet
    /// it outside AWS): neither a pass nor a fail, it lowers no score and trips no `--fail-on`.
    NoEvidence,
    Pass,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::NotEvaluated => "not_evaluated",
            Status::NoEvidence => "no_evidence",
        }
    }

    /// How reports write the status for people: "no evidence found", "not evaluated"...
    pub fn label(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::NotEvaluated => "not evaluated",
            Status::NoEvidence => "no evidence found",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One check's verdict on one resource. The JSON shape is part of wascan's stable output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Finding {
    /// Stable across scans: a hash of check, account, region and resource ARN.
    pub finding_id: String,
    pub check_id: String,
    pub title: String,
    pub pillar: Pillar,
    pub best_practices: Vec<String>,
    /// Those of `best_practices` for which this finding is only indirect evidence (a
    /// precondition or proxy); the others it evidences directly.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indirect_best_practices: Vec<String>,
    pub severity: Severity,
    pub status: Status,
    pub account_id: String,
    pub region: String,
    pub resource: ResourceRef,
    pub message: String,
    pub remediation: String,
    /// Why the check could not be evaluated (`not_evaluated` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Set when a suppression accepted this failure: it stays in the output but counts in
    /// neither the score nor the exit code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suppressed: Option<Suppressed>,
    /// Set when the team's config overrides the check's severity or best practices: the
    /// finding carries the new ones, and this says why (see [`crate::overrides`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overridden: Option<crate::overrides::Overridden>,
}

/// Why a failed finding is accepted, from the suppressions file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Suppressed {
    pub reason: String,
    /// The last day (`YYYY-MM-DD`, UTC) the suppression applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
    /// Where the suppression is defined: `file:line`.
    pub source: String,
}

impl Finding {
    /// Sets the account and derives the stable `finding_id`.
    pub fn assign_account(&mut self, account_id: &str) {
        self.account_id = account_id.to_string();
        self.finding_id = finding_id(&self.check_id, account_id, &self.region, &self.resource.arn);
    }

    /// How strongly this finding evidences the best practice `code` (`None` if it does not).
    pub fn strength(&self, code: &str) -> Option<crate::check::Strength> {
        use crate::check::Strength;
        if !self.best_practices.iter().any(|c| c == code) {
            None
        } else if self.indirect_best_practices.iter().any(|c| c == code) {
            Some(Strength::Indirect)
        } else {
            Some(Strength::Direct)
        }
    }

    /// A pass or a fail: what a score counts (`not_evaluated` and `no_evidence` are neither).
    pub fn is_evaluated(&self) -> bool {
        matches!(self.status, Status::Pass | Status::Fail)
    }
}

/// The stable id of a finding: the first 16 bytes of SHA-256 over its identifying fields, in hex.
pub fn finding_id(check_id: &str, account_id: &str, region: &str, arn: &str) -> String {
    let mut hasher = Sha256::new();
    for part in [check_id, account_id, region, arn] {
        hasher.update(part.as_bytes());
        hasher.update([0u8]);
    }
    hasher.finalize()[..16]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}
