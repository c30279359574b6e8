//! Suppressions: failed findings a team has accepted, with the reason and an optional expiry.
//!
//! ```toml
//! [[suppressions]]
//! check = "s3_bucket_versioning"            # a check id, or "*" for every check (required)
//! account = "123456789012"                  # optional: only in this account
//! region = "eu-west-1"                      # optional: only in this region (`global` for IAM)
//! resource = "arn:aws:s3:::wascan-demo-*"   # optional: a glob over the resource ARN
//! tag = "env=sandbox"                       # optional: only resources tagged key=value
//! reason = "scratch buckets, recreated daily"   # required
//! expires = "2026-12-31"                    # optional: the last day it applies (UTC)
//! ```
//!
//! They live in `wascan.toml` beside `[checks]`, or in a file of their own (`--suppressions`).
//! A suppressed finding stays in the output, marked with its suppression, and counts in neither
//! the scores nor the exit code: an accepted risk is a decision, not a pass, so it neither lowers
//! the score nor raises it. An expired suppression stops applying and is a warning; so is one that
//! matches no failed finding. Every problem of the file is reported at once, each with its line.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use crate::finding::{Finding, Status, Suppressed};
use crate::registry::find_check;
use crate::result::{ScanResult, Warning, WarningKind};
use globset::{Glob, GlobMatcher};
use serde::Deserialize;
use time::Date;
use toml::Spanned;

use crate::files::FileError;

/// One `[[suppressions]]` table as written, every key with its place in the file.
pub type RawSuppression = Spanned<BTreeMap<Spanned<String>, Spanned<toml::Value>>>;

/// A file holding only suppressions (`--suppressions FILE`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SuppressionsFile {
    #[serde(default)]
    suppressions: Vec<RawSuppression>,
}

/// A validated suppression.
#[derive(Debug, Clone)]
pub struct Suppression {
    /// A check id, or `*`.
    pub check: String,
    pub account: Option<String>,
    pub region: Option<String>,
    /// The ARN glob as written, and compiled.
    pub resource: Option<(String, GlobMatcher)>,
    pub tag: Option<(String, String)>,
    pub reason: String,
    pub expires: Option<Date>,
    /// `file:line` of the `[[suppressions]]` header.
    pub source: String,
}

impl PartialEq for Suppression {
    fn eq(&self, other: &Self) -> bool {
        let pattern = |s: &Suppression| s.resource.as_ref().map(|(p, _)| p.clone());
        self.check == other.check
            && self.account == other.account
            && self.region == other.region
            && pattern(self) == pattern(other)
            && self.tag == other.tag
            && self.reason == other.reason
            && self.expires == other.expires
            && self.source == other.source
    }
}

impl Suppression {
    /// Whether this suppression covers `finding` (its expiry aside).
    pub fn matches(&self, finding: &Finding) -> bool {
        (self.check == "*" || self.check == finding.check_id)
            && self
                .account
                .as_ref()
                .is_none_or(|account| *account == finding.account_id)
            && self
                .region
                .as_ref()
                .is_none_or(|region| *region == finding.region)
            && self
                .resource
                .as_ref()
                .is_none_or(|(_, glob)| glob.is_match(&finding.resource.arn))
            && self
                .tag
                .as_ref()
                .is_none_or(|(key, value)| finding.resource.tags.get(key) == Some(value))
    }

    /// Whether the suppression no longer applies on `today`: `expires` is the last day it does.
    pub fn is_expired(&self, today: Date) -> bool {
        self.expires.is_some_and(|expires| expires < today)
    }

    fn describe(&self) -> String {
        let mut text = format!("suppression of `{}`", self.check);
        if let Some((pattern, _)) = &self.resource {
            text.push_str(&format!(" on {pattern}"));
        }
        if let Some((key, value)) = &self.tag {
            text.push_str(&format!(" tagged {key}={value}"));
        }
        if let Some(account) = &self.account {
            text.push_str(&format!(" in account {account}"));
        }
        if let Some(region) = &self.region {
            text.push_str(&format!(" in {region}"));
        }
        text
    }
}

/// One mistake in a suppressions file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Parses `--suppressions FILE` (read by the caller; `path` names it in errors): a TOML file with
/// only `[[suppressions]]` tables.
pub fn parse_file(path: &Path, text: &str) -> Result<Vec<Suppression>, FileError> {
    let file_error = |message: String| FileError {
        path: path.to_path_buf(),
        message,
    };
    let file: SuppressionsFile =
        toml::from_str(text).map_err(|err| file_error(err.to_string().trim_end().to_string()))?;
    validate(path, text, &file.suppressions)
}

/// Validates the raw tables of `path` (whose text is `text`), reporting every problem at once.
pub fn validate(
    path: &Path,
    text: &str,
    raw: &[RawSuppression],
) -> Result<Vec<Suppression>, FileError> {
    let mut problems = Vec::new();
    let mut suppressions = Vec::new();
    for table in raw {
        if let Some(suppression) = validate_one(path, text, table, &mut problems) {
            suppressions.push(suppression);
        }
    }
    if problems.is_empty() {
        return Ok(suppressions);
    }
    problems.sort_by_key(|p| p.line);
    let count = problems.len();
    let list: Vec<String> = problems.iter().map(|p| format!("  {p}")).collect();
    Err(FileError {
        path: path.to_path_buf(),
        message: format!(
            "{count} problem{} in [[suppressions]]:\n{}",
            if count == 1 { "" } else { "s" },
            list.join("\n")
        ),
    })
}

const KEYS: [&str; 7] = [
    "check", "account", "region", "resource", "tag", "reason", "expires",
];

fn validate_one(
    path: &Path,
    text: &str,
    table: &RawSuppression,
    problems: &mut Vec<Problem>,
) -> Option<Suppression> {
    let header_line = line_of(text, table.span().start);
    let before = problems.len();
    let mut problem = |line: usize, message: String| problems.push(Problem { line, message });

    let mut strings: BTreeMap<String, (usize, String)> = BTreeMap::new();
    for (key, value) in table.get_ref() {
        let line = line_of(text, key.span().start);
        let name = key.get_ref().as_str();
        if !KEYS.contains(&name) {
            problem(
                line,
                format!("unknown key `{name}` (known: {})", KEYS.join(", ")),
            );
            continue;
        }
        match value.get_ref() {
            toml::Value::String(s) => {
                strings.insert(name.to_string(), (line, s.clone()));
            }
            other => problem(
                line,
                format!("`{name}` must be a string, not {}", other.type_str()),
            ),
        }
    }

    let check = match strings.get("check") {
        None => {
            problem(
                header_line,
                "suppression has no `check` (a check id, or \"*\" for every check)".into(),
            );
            None
        }
        // A custom check's id is checked once the custom checks are loaded.
        Some((line, id))
            if id != "*"
                && find_check(id).is_none()
                && !id.starts_with(crate::custom::NAMESPACE) =>
        {
            problem(
                *line,
                format!("unknown check id `{id}` (see `wascan checks list`)"),
            );
            None
        }
        Some((_, id)) => Some(id.clone()),
    };
    let reason = match strings.get("reason") {
        Some((_, reason)) if !reason.trim().is_empty() => Some(reason.trim().to_string()),
        Some((line, _)) => {
            problem(
                *line,
                "`reason` is empty: say why the finding is accepted".into(),
            );
            None
        }
        None => {
            problem(
                header_line,
                "suppression has no `reason` (required: why the finding is accepted)".into(),
            );
            None
        }
    };
    let account = match strings.get("account") {
        Some((line, account))
            if account.len() != 12 || !account.chars().all(|c| c.is_ascii_digit()) =>
        {
            problem(
                *line,
                format!("account `{account}` is not a 12-digit AWS account id"),
            );
            None
        }
        other => other.map(|(_, account)| account.clone()),
    };
    let region = strings.get("region").map(|(_, region)| region.clone());
    let resource = match strings.get("resource") {
        Some((line, pattern)) => match Glob::new(pattern) {
            Ok(glob) => Some((pattern.clone(), glob.compile_matcher())),
            Err(err) => {
                problem(
                    *line,
                    format!("resource pattern `{pattern}` is not a valid glob: {err}"),
                );
                None
            }
        },
        None => None,
    };
    let tag = match strings.get("tag") {
        Some((line, tag)) => match tag.split_once('=') {
            Some((key, value)) if !key.is_empty() => Some((key.to_string(), value.to_string())),
            _ => {
                problem(*line, format!("tag `{tag}` must be written key=value"));
                None
            }
        },
        None => None,
    };
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let expires = match strings.get("expires") {
        Some((line, date)) => match Date::parse(date, &format) {
            Ok(date) => Some(date),
            Err(_) => {
                problem(
                    *line,
                    format!("expires `{date}` is not a date written YYYY-MM-DD"),
                );
                None
            }
        },
        None => None,
    };

    if problems.len() > before {
        return None;
    }
    Some(Suppression {
        check: check?,
        account,
        region,
        resource,
        tag,
        reason: reason?,
        expires,
        source: format!("{}:{header_line}", path.display()),
    })
}

/// The 1-based line of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .map_or(1, |before| before.matches('\n').count() + 1)
}

/// Marks the failed findings the suppressions cover, rescores without them, and adds a warning
/// for each expired suppression and each that matched nothing. `today` decides expiry.
pub fn apply(result: &mut ScanResult, suppressions: &[Suppression], today: Date) {
    let hits = mark(&mut result.findings, suppressions, today);
    result.warnings.extend(warnings(suppressions, &hits, today));
    result.rescore();
}

/// How often each suppression (by its index) matched: a failure it accepted, or a failure it
/// would have accepted but for its expiry. Adds up over the accounts of a streamed scan.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hits {
    pub used: Vec<u64>,
    pub expired: Vec<u64>,
}

impl Hits {
    /// Adds another account's hits to these.
    pub fn absorb(&mut self, other: &Hits) {
        for (into, from) in [
            (&mut self.used, &other.used),
            (&mut self.expired, &other.expired),
        ] {
            if into.len() < from.len() {
                into.resize(from.len(), 0);
            }
            for (a, b) in into.iter_mut().zip(from) {
                *a += b;
            }
        }
    }
}

/// Marks the failed `findings` a suppression accepts (the first that matches gives the reason)
/// and counts each suppression's hits; no warning and no rescoring (see [`apply`]). Marking
/// again is harmless: a finding already marked keeps its first reason, and the counts are
/// the same.
pub fn mark(findings: &mut [Finding], suppressions: &[Suppression], today: Date) -> Hits {
    let mut hits = Hits {
        used: vec![0; suppressions.len()],
        expired: vec![0; suppressions.len()],
    };
    for finding in findings.iter_mut().filter(|f| f.status == Status::Fail) {
        for (index, suppression) in suppressions.iter().enumerate() {
            if !suppression.matches(finding) {
                continue;
            }
            if suppression.is_expired(today) {
                hits.expired[index] += 1;
                continue;
            }
            hits.used[index] += 1;
            if finding.suppressed.is_none() {
                finding.suppressed = Some(Suppressed {
                    reason: suppression.reason.clone(),
                    expires: suppression.expires.map(|date| date.to_string()),
                    source: suppression.source.clone(),
                });
            }
        }
    }
    hits
}

/// The warnings `hits` call for: each expired suppression, and each that accepted nothing.
pub fn warnings(suppressions: &[Suppression], hits: &Hits, today: Date) -> Vec<Warning> {
    let count = |counts: &[u64], index: usize| counts.get(index).copied().unwrap_or(0);
    suppressions
        .iter()
        .enumerate()
        .filter_map(|(index, suppression)| {
            let expired_hits = count(&hits.expired, index);
            if suppression.is_expired(today) {
                let expires = suppression
                    .expires
                    .map(|d| d.to_string())
                    .unwrap_or_default();
                Some(Warning {
                    kind: WarningKind::SuppressionExpired,
                    message: format!(
                        "{} expired on {expires} and no longer applies ({} failed finding{} count again)",
                        suppression.describe(),
                        expired_hits,
                        if expired_hits == 1 { "" } else { "s" },
                    ),
                    source: Some(suppression.source.clone()),
                })
            } else if count(&hits.used, index) == 0 {
                Some(Warning {
                    kind: WarningKind::SuppressionUnused,
                    message: format!(
                        "{} matches no failed finding: remove it if the problem is fixed",
                        suppression.describe()
                    ),
                    source: Some(suppression.source.clone()),
                })
            } else {
                None
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use crate::catalog::Pillar;
    use crate::engine::Selection;
    use crate::finding::Severity;
    use crate::model::{ResourceRef, Snapshot};
    use time::macros::date;

    use super::*;

    const ACCOUNT: &str = "123456789012";
    const TODAY: Date = date!(2026 - 06 - 01);

    fn parse(text: &str) -> Result<Vec<Suppression>, String> {
        let file: SuppressionsFile = toml::from_str(text).map_err(|e| e.to_string())?;
        validate(&PathBuf::from("s.toml"), text, &file.suppressions).map_err(|e| e.to_string())
    }

    fn finding(check: &str, region: &str, arn: &str, tags: &[(&str, &str)]) -> Finding {
        let mut finding = Finding {
            finding_id: String::new(),
            check_id: check.into(),
            title: "t".into(),
            pillar: Pillar::Security,
            best_practices: vec![],
            indirect_best_practices: vec![],
            severity: Severity::High,
            status: Status::Fail,
            account_id: String::new(),
            region: region.into(),
            resource: ResourceRef {
                arn: arn.into(),
                kind: "AWS::S3::Bucket".into(),
                id: arn.into(),
                name: None,
                region: region.into(),
                tags: tags
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
            },
            message: "m".into(),
            remediation: "r".into(),
            reason: None,
            suppressed: None,
            overridden: None,
        };
        finding.assign_account(ACCOUNT);
        finding
    }

    fn result(findings: Vec<Finding>) -> ScanResult {
        let snapshot = Snapshot::new(ACCOUNT, time::OffsetDateTime::UNIX_EPOCH);
        ScanResult::new(
            &snapshot,
            Selection::default(),
            findings,
            time::OffsetDateTime::UNIX_EPOCH,
            time::OffsetDateTime::UNIX_EPOCH,
        )
    }

    /// The resource ARNs of the suppressed findings after applying `toml`.
    fn suppressed_after(toml: &str, findings: Vec<Finding>) -> (Vec<String>, ScanResult) {
        let suppressions = parse(toml).expect("valid suppressions");
        let mut result = result(findings);
        apply(&mut result, &suppressions, TODAY);
        let suppressed = result
            .findings
            .iter()
            .filter(|f| f.suppressed.is_some())
            .map(|f| f.resource.arn.clone())
            .collect();
        (suppressed, result)
    }

    fn buckets() -> Vec<Finding> {
        vec![
            finding(
                "s3_bucket_versioning",
                "us-east-1",
                "arn:aws:s3:::tmp-1",
                &[("env", "sandbox")],
            ),
            finding(
                "s3_bucket_versioning",
                "eu-west-1",
                "arn:aws:s3:::tmp-2",
                &[("env", "prod")],
            ),
            finding(
                "s3_bucket_versioning",
                "eu-west-1",
                "arn:aws:s3:::data",
                &[],
            ),
            finding(
                "iam_root_mfa",
                "global",
                "arn:aws:iam::123456789012:root",
                &[],
            ),
        ]
    }

    #[test]
    fn a_resource_pattern_matches_arns_by_glob() {
        let (suppressed, result) = suppressed_after(
            "[[suppressions]]\ncheck = \"s3_bucket_versioning\"\nresource = \"arn:aws:s3:::tmp-*\"\nreason = \"scratch\"\n",
            buckets(),
        );
        assert_eq!(suppressed, ["arn:aws:s3:::tmp-1", "arn:aws:s3:::tmp-2"]);
        assert!(result.warnings.is_empty());
        let marked = result.findings[0].suppressed.as_ref().expect("suppressed");
        assert_eq!(marked.reason, "scratch");
        assert_eq!(marked.source, "s.toml:1");
        // Left out of the score and the exit code.
        assert_eq!(result.scores.overall.failed, 2);
        assert_eq!(result.failures_at_or_above(Severity::High).count(), 2);
    }

    #[test]
    fn a_tag_matches_key_and_value() {
        let (suppressed, _) = suppressed_after(
            "[[suppressions]]\ncheck = \"*\"\ntag = \"env=sandbox\"\nreason = \"sandbox\"\n",
            buckets(),
        );
        assert_eq!(suppressed, ["arn:aws:s3:::tmp-1"]);
    }

    #[test]
    fn account_and_region_narrow_the_match() {
        let (suppressed, _) = suppressed_after(
            "[[suppressions]]\ncheck = \"s3_bucket_versioning\"\nregion = \"eu-west-1\"\nreason = \"r\"\n",
            buckets(),
        );
        assert_eq!(suppressed, ["arn:aws:s3:::tmp-2", "arn:aws:s3:::data"]);

        let (suppressed, _) = suppressed_after(
            "[[suppressions]]\ncheck = \"*\"\naccount = \"123456789012\"\nreason = \"r\"\n",
            buckets(),
        );
        assert_eq!(suppressed.len(), 4);
        let (suppressed, result) = suppressed_after(
            "[[suppressions]]\ncheck = \"*\"\naccount = \"210987654321\"\nreason = \"r\"\n",
            buckets(),
        );
        assert!(suppressed.is_empty());
        assert_eq!(result.warnings[0].kind, WarningKind::SuppressionUnused);
    }

    #[test]
    fn passing_findings_are_never_suppressed() {
        let mut findings = buckets();
        for f in &mut findings {
            f.status = Status::Pass;
        }
        let (suppressed, result) = suppressed_after(
            "[[suppressions]]\ncheck = \"*\"\nreason = \"r\"\n",
            findings,
        );
        assert!(suppressed.is_empty());
        assert_eq!(result.warnings.len(), 1);
    }

    #[test]
    fn an_expired_suppression_stops_applying_and_warns() {
        let text = "[[suppressions]]\ncheck = \"iam_root_mfa\"\nreason = \"r\"\nexpires = \"2026-05-31\"\n\n[[suppressions]]\ncheck = \"s3_bucket_versioning\"\nresource = \"*:::data\"\nreason = \"r\"\nexpires = \"2026-06-01\"\n";
        let (suppressed, result) = suppressed_after(text, buckets());
        // The last day still applies; the day after does not.
        assert_eq!(suppressed, ["arn:aws:s3:::data"]);
        assert_eq!(result.warnings.len(), 1);
        let warning = &result.warnings[0];
        assert_eq!(warning.kind, WarningKind::SuppressionExpired);
        assert_eq!(warning.source.as_deref(), Some("s.toml:1"));
        assert!(
            warning.message.contains("expired on 2026-05-31")
                && warning.message.contains("1 failed finding count again"),
            "{}",
            warning.message
        );
    }

    #[test]
    fn an_unmatched_suppression_is_a_warning() {
        let (_, result) = suppressed_after(
            "[[suppressions]]\ncheck = \"ec2_vpc_flow_logs\"\nreason = \"r\"\n",
            buckets(),
        );
        assert_eq!(result.warnings.len(), 1);
        assert_eq!(result.warnings[0].kind, WarningKind::SuppressionUnused);
        assert!(result.warnings[0].message.contains("ec2_vpc_flow_logs"));
    }

    #[test]
    fn every_problem_is_reported_at_once_with_its_line() {
        let text = r#"[[suppressions]]
check = "s3_nope"
reason = "r"

[[suppressions]]
check = "iam_root_mfa"

[[suppressions]]
check = "*"
reason = "r"
account = "12345"
resource = "arn:[a"
tag = "novalue"
expires = "31/12/2026"
colour = "red"
region = 3
"#;
        let err = parse(text).unwrap_err();
        for expected in [
            "s.toml: 8 problems in [[suppressions]]",
            "line 2: unknown check id `s3_nope`",
            "line 5: suppression has no `reason`",
            "line 11: account `12345` is not a 12-digit",
            "line 12: resource pattern `arn:[a` is not a valid glob",
            "line 13: tag `novalue` must be written key=value",
            "line 14: expires `31/12/2026` is not a date",
            "line 15: unknown key `colour`",
            "line 16: `region` must be a string",
        ] {
            assert!(err.contains(expected), "lacks `{expected}`:\n{err}");
        }
    }

    #[test]
    fn missing_check_and_empty_reason_are_errors() {
        let err = parse("[[suppressions]]\nreason = \" \"\n").unwrap_err();
        assert!(err.contains("line 1: suppression has no `check`"), "{err}");
        assert!(err.contains("line 2: `reason` is empty"), "{err}");
    }
}
