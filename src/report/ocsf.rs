//! OCSF 1.1 Detection Findings (class_uid 2004): one event per finding, every status included
//! (a pass is a resolved finding, a not-evaluated one is "Other" with the reason).

use serde_json::{json, Value};
use wascan_checks::finding::{Finding, Severity, Status};
use wascan_checks::result::ScanResult;

pub const OCSF_VERSION: &str = "1.1.0";
const CLASS_UID: u32 = 2004;
const CATEGORY_UID: u32 = 2;
/// Activity 1: Create.
const ACTIVITY_ID: u32 = 1;

pub fn render(result: &ScanResult) -> Result<Vec<u8>, String> {
    let mut json = serde_json::to_vec_pretty(&events(result)).map_err(|err| err.to_string())?;
    json.push(b'\n');
    Ok(json)
}

/// The findings as OCSF events.
pub fn events(result: &ScanResult) -> Vec<Value> {
    let time = i64::try_from(result.finished_at.unix_timestamp_nanos() / 1_000_000).unwrap_or(0);
    result
        .findings
        .iter()
        .map(|f| event(result, f, time))
        .collect()
}

fn event(result: &ScanResult, f: &Finding, time: i64) -> Value {
    let (status_id, status) = match (f.status, &f.suppressed) {
        (Status::Fail, Some(_)) => (3, "Suppressed"),
        (Status::Fail, None) => (1, "New"),
        (Status::Pass, _) => (4, "Resolved"),
        (Status::NotEvaluated, _) => (99, "Not evaluated"),
        (Status::NoEvidence, _) => (99, "No evidence found"),
    };
    let (severity_id, severity) = severity(f.severity);
    let mut event = json!({
        "class_uid": CLASS_UID,
        "class_name": "Detection Finding",
        "category_uid": CATEGORY_UID,
        "category_name": "Findings",
        "activity_id": ACTIVITY_ID,
        "activity_name": "Create",
        "type_uid": CLASS_UID * 100 + ACTIVITY_ID,
        "type_name": "Detection Finding: Create",
        "severity_id": severity_id,
        "severity": severity,
        "status_id": status_id,
        "status": status,
        "status_code": f.status.to_string(),
        "status_detail": f.reason.as_deref().unwrap_or(&f.message),
        "time": time,
        "message": f.message,
        "finding_info": {
            "uid": f.finding_id,
            "title": f.title,
            "desc": f.message,
            "types": [f.check_id],
            "analytic": {
                "uid": f.check_id,
                "name": f.check_id,
                "type_id": 1,
                "type": "Rule",
                "category": f.pillar.as_str(),
            },
        },
        "resources": [{
            "uid": f.resource.arn,
            "name": f.resource.label(),
            "type": f.resource.kind,
            "region": f.region,
            "cloud_partition": partition(&f.resource.arn),
        }],
        "cloud": {
            "provider": "AWS",
            "region": f.region,
            "account": {"uid": f.account_id, "type": "AWS Account", "type_id": 10},
        },
        "metadata": {
            "version": OCSF_VERSION,
            "product": {
                "name": "wascan",
                "vendor_name": "wascan",
                "version": result.tool_version,
            },
            "uid": f.finding_id,
        },
        "remediation": {"desc": f.remediation},
        "unmapped": {
            "pillar": f.pillar,
            "best_practices": f.best_practices,
        },
    });
    if !f.indirect_best_practices.is_empty() {
        event["unmapped"]["indirect_best_practices"] = json!(f.indirect_best_practices);
    }
    if let Some(suppressed) = &f.suppressed {
        event["unmapped"]["suppressed"] = json!(suppressed);
    }
    event
}

/// OCSF severity ids: 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical.
fn severity(severity: Severity) -> (u32, &'static str) {
    match severity {
        Severity::Informational => (1, "Informational"),
        Severity::Low => (2, "Low"),
        Severity::Medium => (3, "Medium"),
        Severity::High => (4, "High"),
        Severity::Critical => (5, "Critical"),
    }
}

/// `aws` from `arn:aws:...`.
pub(crate) fn partition(arn: &str) -> &str {
    arn.split(':')
        .nth(1)
        .filter(|p| !p.is_empty())
        .unwrap_or("aws")
}
