//! The services beyond EC2, S3 and IAM under faults: a denied per-resource call leaves only that
//! resource `not_evaluated`, a region the account has not enabled leaves that region's findings
//! `not_evaluated` as `region not enabled` (JSON services answer it with
//! UnrecognizedClientException), and everything else is evaluated as in the demo.

use serde_json::Value;
use wascan::emulator::{Emulator, EmulatorOptions};

use crate::harness::*;

fn finding<'a>(result: &'a Value, check: &str, region: &str, label: &str) -> &'a Value {
    result["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| {
            f["check_id"] == check
                && f["region"] == region
                && (f["resource"]["name"] == label || f["resource"]["id"] == label)
        })
        .unwrap_or_else(|| panic!("no {check} finding for {label} in {region}"))
}

#[test]
fn denied_calls_and_a_disabled_region_are_not_evaluated_per_resource_and_region() {
    let emulator = Emulator::start(&EmulatorOptions {
        seed: "demo".into(),
        deny: vec![
            "cloudtrail:GetTrailStatus".into(),
            "kms:GetKeyRotationStatus".into(),
            "dynamodb:DescribeContinuousBackups".into(),
            "elasticloadbalancing:DescribeListeners".into(),
        ],
        disable_regions: vec!["eu-west-1".into()],
    })
    .expect("emulator starts");
    let dir = workdir();
    let output = wascan(
        Some(&emulator),
        dir.path(),
        &[
            "scan",
            "--regions",
            "us-east-1,eu-west-1",
            "--services",
            "cloudtrail,config,rds,dynamodb,kms,logs,lambda,elbv2,guardduty,securityhub",
            "--json",
            "--no-output",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let result = json(&output);

    let reason = |f: &Value| f["reason"].as_str().unwrap_or_default().to_string();
    // Denied per-resource calls: that resource only, with the operation in the reason.
    for (check, label, operation) in [
        (
            "kms_key_rotation_enabled",
            "alias/orders-data",
            "kms:GetKeyRotationStatus",
        ),
        (
            "dynamodb_table_point_in_time_recovery",
            "orders",
            "dynamodb:DescribeContinuousBackups",
        ),
        (
            "elbv2_listeners_https",
            "shop-alb",
            "elasticloadbalancing:DescribeListeners",
        ),
    ] {
        let f = finding(&result, check, "us-east-1", label);
        assert_eq!(f["status"], "not_evaluated", "{f:#}");
        assert!(
            reason(f).contains(operation) && reason(f).contains("access denied"),
            "{f:#}"
        );
    }
    // What the denied calls did not feed is still evaluated.
    for (check, label) in [
        ("kms_key_pending_deletion", "alias/orders-data"),
        ("dynamodb_table_deletion_protection", "orders"),
        ("elbv2_access_logs", "shop-alb"),
        ("cloudtrail_log_file_validation", "management-events"),
        ("rds_storage_encrypted", "orders-db"),
    ] {
        assert_eq!(
            finding(&result, check, "us-east-1", label)["status"],
            "pass"
        );
    }
    // The multi-region check cannot conclude: eu-west-1 is unreadable and the trail's status
    // is denied.
    let account = finding(
        &result,
        "cloudtrail_multi_region_trail",
        "global",
        "123456789012",
    );
    assert_eq!(account["status"], "not_evaluated");

    // Every finding in eu-west-1 is not_evaluated because the region is not enabled. The
    // emulator answers REST-JSON services (GuardDuty, Lambda, Security Hub) there with an XML
    // body the SDK cannot read, so those say only that the call failed.
    let rest_json = |f: &Value| {
        ["guardduty_", "lambda_", "securityhub_"]
            .iter()
            .any(|prefix| {
                f["check_id"]
                    .as_str()
                    .unwrap_or_default()
                    .starts_with(prefix)
            })
    };
    let in_eu: Vec<&Value> = result["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["region"] == "eu-west-1")
        .collect();
    assert!(in_eu.len() >= 10, "{}", in_eu.len());
    for f in in_eu {
        assert_eq!(f["status"], "not_evaluated", "{f:#}");
        assert!(
            rest_json(f) || reason(f).contains("region not enabled"),
            "{f:#}"
        );
    }
    let errors = result["errors"].as_array().expect("errors");
    // Besides, in us-east-1, the calls moto 5.2.5 does not serve (see demo_account.rs).
    let unserved = |e: &Value| {
        [
            "cloudtrail:ListEventDataStores",
            "config:DescribeConformancePacks",
            "securityhub:GetEnabledStandards",
        ]
        .contains(
            &format!(
                "{}:{}",
                e["service"].as_str().unwrap_or_default(),
                e["operation"].as_str().unwrap_or_default()
            )
            .as_str(),
        )
    };
    assert!(
        errors.iter().all(|e| e["kind"] == "access_denied"
            || e["kind"] == "region_disabled"
            || unserved(e)
            || ["guardduty", "lambda", "securityhub"]
                .contains(&e["service"].as_str().unwrap_or_default())),
        "{errors:#?}"
    );
}
