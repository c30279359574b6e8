//! AWS Security Finding Format (2018-10-08), for Security Hub's `BatchImportFindings`: a JSON
//! array of findings under the account's own default product
//! (`arn:aws:securityhub:REGION:ACCOUNT:product/ACCOUNT/default`). A finding about a global
//! resource (IAM) is filed in the first scanned region, where Security Hub must be enabled.
//!
//! `aws securityhub batch-import-findings --findings file://wascan-....asff.json` takes at most
//! 100 findings per call: split larger files (e.g. with `jq`).

use serde_json::{json, Value};
use time::format_description::well_known::Rfc3339;
use wascan_checks::finding::{Finding, Severity, Status};
use wascan_checks::result::ScanResult;

use crate::report::ocsf::partition;

pub const ASFF_SCHEMA_VERSION: &str = "2018-10-08";

pub fn render(result: &ScanResult) -> Result<Vec<u8>, String> {
    let mut json = serde_json::to_vec_pretty(&findings(result)).map_err(|err| err.to_string())?;
    json.push(b'\n');
    Ok(json)
}

pub fn findings(result: &ScanResult) -> Vec<Value> {
    let home_region = result
        .accounts
        .first()
        .and_then(|a| a.regions.first())
        .map_or("us-east-1", String::as_str);
    let time = result.finished_at.format(&Rfc3339).unwrap_or_default();
    result
        .findings
        .iter()
        .map(|f| finding(f, home_region, &time))
        .collect()
}

fn finding(f: &Finding, home_region: &str, time: &str) -> Value {
    let region = if f.region == "global" {
        home_region
    } else {
        f.region.as_str()
    };
    let partition = partition(&f.resource.arn);
    let account = &f.account_id;
    let compliance = match f.status {
        Status::Pass => "PASSED",
        Status::Fail => "FAILED",
        Status::NotEvaluated => "NOT_AVAILABLE",
        // Neither passed nor failed: a person has to say whether the practice is met elsewhere.
        Status::NoEvidence => "WARNING",
    };
    // Security Hub's convention: a passed control is informational.
    let label = if f.status == Status::Fail {
        label(f.severity)
    } else {
        "INFORMATIONAL"
    };
    let mut resource = json!({
        "Type": resource_type(&f.resource.kind),
        "Id": f.resource.arn,
        "Partition": partition,
        "Region": region,
    });
    if !f.resource.tags.is_empty() {
        resource["Tags"] = json!(f.resource.tags);
    }
    let mut description = f.message.clone();
    if let Some(reason) = &f.reason {
        description = format!("{description} ({reason})");
    }
    let mut value = json!({
        "SchemaVersion": ASFF_SCHEMA_VERSION,
        "Id": format!("wascan/{}", f.finding_id),
        "ProductArn": format!("arn:{partition}:securityhub:{region}:{account}:product/{account}/default"),
        "ProductName": "wascan",
        "CompanyName": "wascan",
        "GeneratorId": format!("wascan/{}", f.check_id),
        "AwsAccountId": account,
        "Region": region,
        "Types": [format!("Software and Configuration Checks/AWS Well-Architected/{}", f.pillar.title())],
        "CreatedAt": time,
        "UpdatedAt": time,
        "Severity": {"Label": label},
        "Title": truncate(&f.title, 256),
        "Description": truncate(&description, 1024),
        "Remediation": {"Recommendation": {"Text": truncate(&f.remediation, 512)}},
        "Resources": [resource],
        "Compliance": {
            "Status": compliance,
            "RelatedRequirements": f.best_practices.iter()
                .map(|bp| format!("AWS Well-Architected {bp}"))
                .collect::<Vec<_>>(),
        },
        "RecordState": "ACTIVE",
        "Workflow": {"Status": if f.suppressed.is_some() { "SUPPRESSED" } else { "NEW" }},
        "ProductFields": {
            "wascan/CheckId": f.check_id,
            "wascan/Pillar": f.pillar.as_str(),
            "wascan/Severity": f.severity.as_str(),
        },
    });
    if let Some(suppressed) = &f.suppressed {
        value["Note"] = json!({
            "Text": truncate(&format!("suppressed: {} ({})", suppressed.reason, suppressed.source), 512),
            "UpdatedBy": "wascan",
            "UpdatedAt": time,
        });
    }
    value
}

fn label(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "CRITICAL",
        Severity::High => "HIGH",
        Severity::Medium => "MEDIUM",
        Severity::Low => "LOW",
        Severity::Informational => "INFORMATIONAL",
    }
}

/// The ASFF resource type for a CloudFormation type name; `Other` when ASFF has none.
fn resource_type(kind: &str) -> &'static str {
    match kind {
        "AWS::S3::Bucket" => "AwsS3Bucket",
        "AWS::EC2::Instance" => "AwsEc2Instance",
        "AWS::EC2::Volume" => "AwsEc2Volume",
        "AWS::EC2::SecurityGroup" => "AwsEc2SecurityGroup",
        "AWS::EC2::VPC" => "AwsEc2Vpc",
        "AWS::EC2::EIP" => "AwsEc2Eip",
        "AWS::IAM::User" => "AwsIamUser",
        "AWS::::Account" => "AwsAccount",
        _ => "Other",
    }
}

/// At most `max` characters (ASFF's limits), cut on a character boundary.
fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max - 1).collect();
    cut.push('…');
    cut
}
