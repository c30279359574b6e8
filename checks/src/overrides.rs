//! Overrides: a team's own severity or best-practice mapping for a check (built-in or custom), or
//! the check turned off, each with the reason, in `wascan.toml`:
//!
//! ```toml
//! [[overrides]]
//! check = "ec2_instance_detailed_monitoring"
//! severity = "low"
//! reason = "basic monitoring is enough for our batch fleet"
//!
//! [[overrides]]
//! check = "custom.approved_regions"
//! best_practices = [{ code = "SEC01-BP06", strength = "direct" }]
//! reason = "our region list is the control the practice names"
//!
//! [[overrides]]
//! check = "ec2_instance_graviton"
//! disabled = true
//! reason = "our licensed software runs on x86 only"
//! ```
//!
//! A finding of an overridden check carries the override (`overridden`: reason and `file:line`)
//! and the result lists every override applied (`overrides`); a disabled check is not run (nor
//! collected for). Every problem of the tables is reported at once, each with its line.

use std::path::Path;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::catalog;
use crate::check::Strength;
use crate::files::FileError;
use crate::finding::{Finding, Severity};

/// One `[[overrides]]` table as written.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOverride {
    check: String,
    #[serde(default)]
    severity: Option<String>,
    #[serde(default)]
    best_practices: Option<Vec<RawEvidence>>,
    #[serde(default)]
    disabled: bool,
    #[serde(default)]
    reason: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvidence {
    code: String,
    #[serde(default = "direct")]
    strength: String,
}

fn direct() -> String {
    "direct".into()
}

/// A validated override, as the result records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Override {
    /// The check id (built-in, or `custom.<name>`).
    pub check: String,
    /// The severity its findings take.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    /// The best practices its findings evidence instead of the check's own, each with its
    /// strength.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub best_practices: Option<Vec<OverrideEvidence>>,
    /// The check is not run.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub disabled: bool,
    pub reason: String,
    /// Where it is defined: `file:line`.
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OverrideEvidence {
    pub code: String,
    pub strength: Strength,
}

/// What a finding of an overridden check carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Overridden {
    pub reason: String,
    /// `file:line` of the override.
    pub source: String,
}

/// Validates the `[[overrides]]` of `path`: known check ids (`is_known` says which; ids in the
/// `custom.` namespace are checked once the custom checks are loaded), severities and best
/// practices, a reason each, at most one override per check. Every problem at once.
pub fn validate(
    path: &Path,
    text: &str,
    raw: &[Spanned<RawOverride>],
    is_known: impl Fn(&str) -> bool,
) -> Result<Vec<Override>, FileError> {
    let mut problems: Vec<(usize, String)> = Vec::new();
    let mut overrides: Vec<Override> = Vec::new();
    for table in raw {
        let line = text
            .get(..table.span().start)
            .map_or(1, |before| before.matches('\n').count() + 1);
        let raw = table.get_ref();
        let before = problems.len();
        let mut problem = |message: String| problems.push((line, message));
        if !is_known(&raw.check) && !raw.check.starts_with(crate::custom::NAMESPACE) {
            problem(format!(
                "unknown check id `{}` (see `wascan checks list`)",
                raw.check
            ));
        }
        if overrides.iter().any(|o| o.check == raw.check) {
            problem(format!(
                "`{}` is overridden twice: give one table per check",
                raw.check
            ));
        }
        if raw.reason.trim().is_empty() {
            problem("override has no `reason` (required: why the team decides otherwise)".into());
        }
        let severity = match raw.severity.as_deref().map(str::parse::<Severity>) {
            Some(Ok(severity)) => Some(severity),
            Some(Err(err)) => {
                problem(err);
                None
            }
            None => None,
        };
        let best_practices = raw.best_practices.as_ref().map(|list| {
            if list.is_empty() {
                problem("`best_practices` is empty: name at least one, or leave it out".into());
            }
            list.iter()
                .filter_map(|bp| {
                    if catalog::best_practice(&bp.code).is_none() {
                        problem(format!("unknown best practice `{}`", bp.code));
                        return None;
                    }
                    let strength = match bp.strength.as_str() {
                        "direct" => Strength::Direct,
                        "indirect" => Strength::Indirect,
                        other => {
                            problem(format!(
                                "strength `{other}` of `{}` is neither `direct` nor `indirect`",
                                bp.code
                            ));
                            return None;
                        }
                    };
                    Some(OverrideEvidence {
                        code: bp.code.clone(),
                        strength,
                    })
                })
                .collect::<Vec<_>>()
        });
        if !raw.disabled && severity.is_none() && best_practices.is_none() {
            problem(
                "override changes nothing: give `severity`, `best_practices` or `disabled = true`"
                    .into(),
            );
        }
        if problems.len() == before {
            overrides.push(Override {
                check: raw.check.clone(),
                severity,
                best_practices,
                disabled: raw.disabled,
                reason: raw.reason.trim().to_string(),
                source: format!("{}:{line}", path.display()),
            });
        }
    }
    if problems.is_empty() {
        return Ok(overrides);
    }
    problems.sort();
    let count = problems.len();
    let list: Vec<String> = problems
        .iter()
        .map(|(line, message)| format!("  line {line}: {message}"))
        .collect();
    Err(FileError {
        path: path.to_path_buf(),
        message: format!(
            "{count} problem{} in [[overrides]]:\n{}",
            if count == 1 { "" } else { "s" },
            list.join("\n")
        ),
    })
}

/// Gives the findings of overridden checks their new severity and best practices, and the
/// override's reason. (Disabled checks have no findings: they were not run.)
pub fn apply(findings: &mut [Finding], overrides: &[Override]) {
    if overrides.is_empty() {
        return;
    }
    for finding in findings.iter_mut() {
        let Some(o) = overrides.iter().find(|o| o.check == finding.check_id) else {
            continue;
        };
        if let Some(severity) = o.severity {
            finding.severity = severity;
        }
        if let Some(best_practices) = &o.best_practices {
            finding.best_practices = best_practices.iter().map(|e| e.code.clone()).collect();
            finding.indirect_best_practices = best_practices
                .iter()
                .filter(|e| e.strength == Strength::Indirect)
                .map(|e| e.code.clone())
                .collect();
        }
        finding.overridden = Some(Overridden {
            reason: o.reason.clone(),
            source: o.source.clone(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn parse(text: &str) -> Result<Vec<Override>, FileError> {
        Config::parse_file(Path::new("wascan.toml"), text).map(|c| c.overrides)
    }

    #[test]
    fn overrides_are_validated_with_their_lines() {
        let ok = parse(
            "[[overrides]]\ncheck = \"s3_bucket_versioning\"\nseverity = \"low\"\nreason = \"scratch data\"\n\n[[overrides]]\ncheck = \"custom.regions\"\nbest_practices = [{ code = \"SEC01-BP06\", strength = \"indirect\" }]\nreason = \"ours\"\n\n[[overrides]]\ncheck = \"ec2_instance_graviton\"\ndisabled = true\nreason = \"x86 licences\"\n",
        )
        .expect("valid");
        assert_eq!(ok.len(), 3);
        assert_eq!(ok[0].severity, Some(Severity::Low));
        assert_eq!(ok[0].source, "wascan.toml:1");
        assert_eq!(ok[1].source, "wascan.toml:6");
        assert!(ok[2].disabled);

        let err = parse(
            "[[overrides]]\ncheck = \"s3_nope\"\nseverity = \"huge\"\n\n[[overrides]]\ncheck = \"s3_bucket_versioning\"\nbest_practices = [{ code = \"REL99-BP01\" }]\nreason = \"r\"\n",
        )
        .expect_err("invalid");
        let text = err.to_string();
        assert!(
            text.contains("line 1: unknown check id `s3_nope`"),
            "{text}"
        );
        assert!(text.contains("line 1: override has no `reason`"), "{text}");
        assert!(text.contains("line 1: unknown severity `huge`"), "{text}");
        assert!(
            text.contains("line 5: unknown best practice `REL99-BP01`"),
            "{text}"
        );

        let err =
            parse("[[overrides]]\ncheck = \"s3_bucket_versioning\"\nreason = \"r\"\ncolour = 1\n")
                .expect_err("unknown key");
        assert!(err.to_string().contains("colour"), "{err}");
    }

    #[test]
    fn findings_take_the_override_and_its_reason() {
        use crate::check::Strength;
        use crate::reliability::S3_BUCKET_VERSIONING;
        let snap = crate::testing::snapshot();
        let account = snap.account_resource("us-east-1");
        let mut findings = vec![S3_BUCKET_VERSIONING.fail(&account, "off")];
        let overrides = parse(
            "[[overrides]]\ncheck = \"s3_bucket_versioning\"\nseverity = \"critical\"\nbest_practices = [{ code = \"REL09-BP01\", strength = \"indirect\" }, { code = \"REL09-BP02\" }]\nreason = \"our data\"\n",
        )
        .expect("valid");
        apply(&mut findings, &overrides);
        assert_eq!(findings[0].severity, Severity::Critical);
        assert_eq!(findings[0].best_practices, ["REL09-BP01", "REL09-BP02"]);
        assert_eq!(findings[0].strength("REL09-BP01"), Some(Strength::Indirect));
        assert_eq!(findings[0].strength("REL09-BP02"), Some(Strength::Direct));
        let why = findings[0].overridden.as_ref().expect("marked");
        assert_eq!(why.reason, "our data");
        assert_eq!(why.source, "wascan.toml:1");
    }
}
