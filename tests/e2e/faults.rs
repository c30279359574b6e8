//! Denied APIs and a disabled region: the affected checks are `not_evaluated` with the reason,
//! everything else is evaluated exactly as without the fault, and `--strict` exits 3.

use serde_json::Value;
use wascan::emulator::{Emulator, EmulatorOptions};

use crate::harness::*;

const REGIONS: &str = "us-east-1,eu-west-1";

fn findings_of<'a>(result: &'a Value, check: &str) -> Vec<&'a Value> {
    result["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["check_id"] == check)
        .collect()
}

#[test]
fn denied_calls_become_not_evaluated_findings_with_the_reason() {
    let denied = Emulator::start(&EmulatorOptions {
        seed: "demo".into(),
        deny: vec![
            "s3:GetBucketEncryption".into(),
            "ec2:DescribeFlowLogs".into(),
            "iam:GetAccountPasswordPolicy".into(),
        ],
        disable_regions: vec![],
    })
    .expect("emulator starts");
    let dir = workdir();
    let output = wascan(
        Some(&denied),
        dir.path(),
        &["scan", "--regions", REGIONS, "--json", "--no-output"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let result = json(&output);

    let encryption = findings_of(&result, "s3_bucket_default_encryption");
    assert_eq!(encryption.len(), 3, "one per bucket");
    for finding in encryption {
        assert_eq!(finding["status"], "not_evaluated");
        let reason = finding["reason"].as_str().unwrap_or_default();
        assert!(
            reason.contains("s3:GetBucketEncryption") && reason.contains("access denied"),
            "{reason}"
        );
    }
    let flow_logs = findings_of(&result, "ec2_vpc_flow_logs");
    assert!(!flow_logs.is_empty());
    assert!(flow_logs.iter().all(|f| f["status"] == "not_evaluated"));
    let policy = findings_of(&result, "iam_password_policy_strong");
    assert_eq!(policy.len(), 1);
    assert_eq!(policy[0]["status"], "not_evaluated");

    // Every failed call is recorded, classified.
    let errors = result["errors"].as_array().expect("errors");
    let denied_calls = errors
        .iter()
        .filter(|e| e["kind"] == "access_denied")
        .count();
    assert_eq!(denied_calls, 3 + 2 + 1, "{errors:#?}");
    // The rest are the calls moto 5.2.5 does not serve (listed in demo_account.rs).
    assert_eq!(errors.len() - denied_calls, 10, "{errors:#?}");
    assert!(errors
        .iter()
        .all(|e| e["kind"] == "access_denied" || e["kind"] == "other"));

    // Everything else is exactly what the undisturbed scan finds.
    let affected = [
        "s3_bucket_default_encryption",
        "ec2_vpc_flow_logs",
        "iam_password_policy_strong",
    ];
    let unaffected = |lines: Vec<String>| -> Vec<String> {
        lines
            .into_iter()
            .filter(|l| !affected.iter().any(|c| l.starts_with(&format!("{c} "))))
            .collect()
    };
    let expected = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/e2e/demo_findings.txt"
    ))
    .expect("expected findings");
    assert_eq!(
        unaffected(finding_lines(&result)),
        unaffected(expected.lines().map(str::to_string).collect())
    );

    // --strict turns collection errors into exit code 3; --fail-on still wins.
    let strict = wascan(
        Some(&denied),
        dir.path(),
        &["scan", "--regions", REGIONS, "--no-output", "--strict"],
    );
    assert_eq!(strict.status.code(), Some(3), "{}", stderr(&strict));
    let both = wascan(
        Some(&denied),
        dir.path(),
        &[
            "scan",
            "--regions",
            REGIONS,
            "--no-output",
            "--strict",
            "--fail-on",
            "critical",
        ],
    );
    assert_eq!(both.status.code(), Some(1));
}

#[test]
fn a_region_that_is_not_enabled_is_reported_not_evaluated() {
    let disabled = Emulator::start(&EmulatorOptions {
        seed: "demo".into(),
        deny: vec![],
        disable_regions: vec!["eu-west-1".into()],
    })
    .expect("emulator starts");
    let dir = workdir();
    let output = wascan(
        Some(&disabled),
        dir.path(),
        &[
            "scan",
            "--regions",
            REGIONS,
            "--services",
            "ec2",
            "--json",
            "--no-output",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let result = json(&output);
    let findings = result["findings"].as_array().expect("findings");
    let in_eu: Vec<_> = findings
        .iter()
        .filter(|f| f["region"] == "eu-west-1")
        .collect();
    assert!(!in_eu.is_empty());
    for finding in in_eu {
        assert_eq!(finding["status"], "not_evaluated", "{finding:#}");
        assert!(finding["reason"]
            .as_str()
            .unwrap_or_default()
            .contains("region not enabled"));
    }
    assert!(findings
        .iter()
        .any(|f| f["region"] == "us-east-1" && f["status"] == "fail"));
}
