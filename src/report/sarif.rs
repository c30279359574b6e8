//! SARIF 2.1.0: one rule per check that ran, one result per failed finding, located at the
//! resource's ARN (a logical location: there is no source file). A suppressed failure carries
//! SARIF's own `suppressions` entry with the reason. A "no evidence found" finding is a result of
//! kind `review` and level `none`: not a failure, a question for a person.

use std::collections::BTreeMap;

use serde_json::{json, Value};
use time::format_description::well_known::Rfc3339;
use wascan_checks::finding::{Severity, Status};
use wascan_checks::registry::find_check;
use wascan_checks::result::ScanResult;

pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub fn render(result: &ScanResult) -> Result<Vec<u8>, String> {
    let mut json = serde_json::to_vec_pretty(&sarif(result)).map_err(|err| err.to_string())?;
    json.push(b'\n');
    Ok(json)
}

/// The SARIF log as a JSON value.
pub fn sarif(result: &ScanResult) -> Value {
    // Rules in the order of their first finding (the findings' order is canonical).
    let mut rule_index: BTreeMap<&str, usize> = BTreeMap::new();
    let mut rules = Vec::new();
    for finding in &result.findings {
        if rule_index.contains_key(finding.check_id.as_str()) {
            continue;
        }
        rule_index.insert(&finding.check_id, rules.len());
        let check = find_check(&finding.check_id);
        let summary = check.map_or(finding.title.as_str(), |c| c.summary());
        rules.push(json!({
            "id": finding.check_id,
            "name": finding.check_id,
            "shortDescription": {"text": finding.title},
            "fullDescription": {"text": summary},
            "help": {
                "text": finding.remediation,
                "markdown": format!("**{}**\n\n{}", finding.title, finding.remediation),
            },
            "defaultConfiguration": {"level": level(finding.severity)},
            "properties": {
                "pillar": finding.pillar,
                "best_practices": finding.best_practices,
                "severity": finding.severity,
                "security-severity": security_severity(finding.severity),
                "tags": [finding.pillar.as_str(), "well-architected"],
            },
        }));
    }

    let results: Vec<Value> = result
        .findings
        .iter()
        .filter(|f| matches!(f.status, Status::Fail | Status::NoEvidence))
        .map(|f| {
            let mut value = json!({
                "ruleId": f.check_id,
                "ruleIndex": rule_index.get(f.check_id.as_str()).copied().unwrap_or(0),
                "level": level(f.severity),
                "message": {"text": f.message},
                "locations": [{
                    "logicalLocations": [{
                        "fullyQualifiedName": f.resource.arn,
                        "name": f.resource.id,
                        "kind": f.resource.kind,
                    }],
                }],
                "partialFingerprints": {"wascanFindingId/v1": f.finding_id},
                "properties": {
                    "account_id": f.account_id,
                    "region": f.region,
                    "severity": f.severity,
                },
            });
            if f.status == Status::NoEvidence {
                // Not a failure: SARIF's kind for "a person has to decide" (§3.27.9), whose
                // level is `none`.
                value["kind"] = json!("review");
                value["level"] = json!("none");
            }
            if let Some(suppressed) = &f.suppressed {
                value["suppressions"] = json!([{
                    "kind": "external",
                    "status": "accepted",
                    "justification": suppressed.reason,
                    "location": {"logicalLocation": {"fullyQualifiedName": suppressed.source}},
                }]);
            }
            value
        })
        .collect();

    json!({
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "wascan",
                "version": result.tool_version,
                "semanticVersion": result.tool_version,
                "rules": rules,
            }},
            "invocations": [{
                "executionSuccessful": true,
                "startTimeUtc": result.started_at.format(&Rfc3339).unwrap_or_default(),
                "endTimeUtc": result.finished_at.format(&Rfc3339).unwrap_or_default(),
            }],
            "results": results,
        }],
    })
}

/// critical and high: error; medium: warning; low and informational: note.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Informational => "note",
    }
}

/// The score GitHub code scanning reads to rank security results (0.1–10).
fn security_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
        Severity::Informational => "0.1",
    }
}
