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
    assert_eq!(
        errors.len() - denied_calls,
        DEMO_UNSERVED_CALLS,
        "{errors:#?}"
    );
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

// ---------------------------------------------------------------------------------------------
// Faults injected by the proxy (tests/e2e/proxy.rs) between wascan and the demo account.
//
// The time bound: every API call ends within `--call-timeout` (Ctx::run wraps the SDK future,
// retries and back-off included, in a tokio timeout). Without it the SDK alone bounds a call by
// 3 attempts (src/aws.rs MAX_ATTEMPTS) × 20 s operation attempt timeout + back-off of at most
// 1 s + 2 s. The faulted calls of one service depend on each other at most one deep (a listing,
// then calls per resource), so a scoped scan takes at most the fault-free time plus two call
// timeouts; the tests allow that plus 10 s for process start and the emulator.

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use crate::proxy::{Fault, Proxy, Rule};

const CALL_TIMEOUT_SECONDS: u64 = 5;

struct FaultCase {
    services: &'static str,
    regions: &'static str,
    rule: Rule,
    /// The `kind` every recorded collection error has.
    kind: &'static str,
    /// Attempts the SDK makes per failed call: 3 when it retries, 1 when it does not.
    attempts_per_call: u64,
    /// Whether each attempt counts as throttled.
    throttled: bool,
    /// `--call-timeout` in seconds.
    call_timeout: u64,
}

struct Run {
    result: Value,
    elapsed: Duration,
}

fn scan_via(proxy: &Proxy, case: &FaultCase, extra: &[&str]) -> (std::process::Output, Duration) {
    let dir = workdir();
    let timeout = case.call_timeout.to_string();
    let mut args = vec![
        "scan",
        "--services",
        case.services,
        "--regions",
        case.regions,
        "--call-timeout",
        &timeout,
        "--no-output",
    ];
    args.extend_from_slice(extra);
    let started = Instant::now();
    let output = wascan_via(proxy, demo_account(), dir.path(), &args);
    (output, started.elapsed())
}

fn scan_json(proxy: &Proxy, case: &FaultCase) -> Run {
    let (output, elapsed) = scan_via(proxy, case, &["--json"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "without --strict a scan with collection errors exits 0; stderr:\n{}",
        stderr(&output)
    );
    assert!(!stderr(&output).contains("panicked"), "{}", stderr(&output));
    Run {
        result: json(&output),
        elapsed,
    }
}

/// Finding lines grouped by check id.
fn lines_by_check(result: &Value) -> BTreeMap<String, Vec<String>> {
    let mut by_check: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in finding_lines(result) {
        let check = line.split(' ').next().unwrap_or_default().to_string();
        by_check.entry(check).or_default().push(line);
    }
    by_check
}

/// Runs the scan of `case` once without and once with the fault and checks everything the
/// issue asks; returns the faulted result and how long it took.
fn assert_fault_handled(case: FaultCase) -> (Value, Duration) {
    let emulator = demo_account();
    let clean_proxy = Proxy::start(emulator.endpoint(), vec![]).expect("proxy starts");
    let clean = scan_json(&clean_proxy, &case);
    assert!(
        clean.result["errors"].as_array().is_some_and(Vec::is_empty),
        "the fault-free scan has no errors: {:#}",
        clean.result["errors"]
    );

    let proxy = Proxy::start(emulator.endpoint(), vec![case.rule.clone()]).expect("proxy starts");
    let faulted = scan_json(&proxy, &case);
    let bound = clean.elapsed + Duration::from_secs(2 * case.call_timeout + 10);
    assert!(
        faulted.elapsed < bound,
        "took {:?} (bound {bound:?})",
        faulted.elapsed
    );

    // Every failed call is recorded with the expected class.
    let errors = faulted.result["errors"].as_array().expect("errors");
    assert!(
        !errors.is_empty(),
        "the fault produced no collection error; findings with it:\n{:#?}\nwithout:\n{:#?}",
        finding_lines(&faulted.result),
        finding_lines(&clean.result)
    );
    for error in errors {
        assert_eq!(error["kind"], case.kind, "{error:#}");
        if let Some(operation) = &case.rule.operation {
            if !operation.contains(' ') {
                assert_eq!(error["operation"], operation.as_str(), "{error:#}");
            }
        }
    }

    // Affected checks are not_evaluated, naming the failure; all others are as without the fault.
    let before = lines_by_check(&clean.result);
    let after = lines_by_check(&faulted.result);
    let checks: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    let mut affected = Vec::new();
    for check in checks {
        let (was, is) = (before.get(check), after.get(check));
        if was == is {
            continue;
        }
        affected.push(check.clone());
        for finding in faulted.result["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter(|f| f["check_id"] == check.as_str())
        {
            if was.is_some_and(|lines| {
                lines.contains(&finding_lines(&serde_json::json!({ "findings": [finding] }))[0])
            }) {
                continue; // this finding did not change
            }
            assert_eq!(finding["status"], "not_evaluated", "{finding:#}");
            let reason = finding["reason"].as_str().unwrap_or_default();
            let kind_text = match case.kind {
                "access_denied" => "access denied",
                "region_disabled" => "region not enabled",
                "timeout" => "timed out",
                "throttled" => "throttled",
                _ => "error",
            };
            assert!(
                reason.contains(kind_text),
                "{check}: reason {reason:?} does not say {kind_text:?}"
            );
        }
    }
    assert!(
        !affected.is_empty(),
        "the fault changed no finding: the case tests nothing"
    );

    // Retries are bounded and counted.
    let calls = &faulted.result["api_calls"];
    let failed_calls = errors.len() as u64;
    let retries = calls["retries"].as_u64().unwrap_or(u64::MAX);
    let throttled = calls["throttled"].as_u64().unwrap_or(u64::MAX);
    let clean_retries = clean.result["api_calls"]["retries"].as_u64();
    assert_eq!(
        clean_retries,
        Some(0),
        "the fault-free scan retries nothing"
    );
    assert_eq!(
        retries,
        failed_calls * (case.attempts_per_call - 1),
        "retries: {calls:#}"
    );
    let expected_throttled = if case.throttled {
        failed_calls * case.attempts_per_call
    } else {
        0
    };
    assert_eq!(throttled, expected_throttled, "throttled: {calls:#}");
    let total = calls["total"].as_u64().unwrap_or(0);
    let clean_total = clean.result["api_calls"]["total"].as_u64().unwrap_or(0);
    assert!(
        total <= clean_total + retries,
        "{total} calls with the fault, {clean_total} without, {retries} retries"
    );

    // --strict: exit 3 because calls failed.
    let (strict, _) = scan_via(&proxy, &case, &["--strict"]);
    assert_eq!(strict.status.code(), Some(3), "{}", stderr(&strict));
    eprintln!(
        "fault {:?} on {}:{} → {} failed calls, {retries} retries, {throttled} throttled, affected {affected:?}, {:?} (fault-free {:?})",
        case.rule.fault,
        case.rule.service,
        case.rule.operation.as_deref().unwrap_or("*"),
        failed_calls,
        faulted.elapsed,
        clean.elapsed
    );
    (faulted.result, faulted.elapsed)
}

#[test]
fn ec2_request_limit_exceeded_is_retried_then_not_evaluated() {
    assert_fault_handled(FaultCase {
        services: "ec2",
        regions: "us-east-1",
        rule: Rule::new("ec2", "DescribeFlowLogs", Fault::Throttle),
        kind: "throttled",
        attempts_per_call: 3,
        throttled: true,
        call_timeout: 30,
    });
}

#[test]
fn json_throttling_exception_is_retried_then_not_evaluated() {
    assert_fault_handled(FaultCase {
        services: "dynamodb",
        regions: "us-east-1",
        rule: Rule::new("dynamodb", "ListTables", Fault::Throttle),
        kind: "throttled",
        attempts_per_call: 3,
        throttled: true,
        call_timeout: 30,
    });
}

#[test]
fn query_throttling_is_retried_then_not_evaluated() {
    assert_fault_handled(FaultCase {
        services: "iam",
        regions: "us-east-1",
        rule: Rule::new("iam", "GetAccountPasswordPolicy", Fault::Throttle),
        kind: "throttled",
        attempts_per_call: 3,
        throttled: true,
        call_timeout: 30,
    });
}

#[test]
fn s3_slow_down_is_retried_then_not_evaluated() {
    assert_fault_handled(FaultCase {
        services: "s3",
        regions: "us-east-1",
        rule: Rule::new("s3", "GetBucketVersioning", Fault::Throttle),
        kind: "throttled",
        attempts_per_call: 3,
        throttled: true,
        call_timeout: 30,
    });
}

#[test]
fn access_denied_is_not_retried() {
    assert_fault_handled(FaultCase {
        services: "kms",
        regions: "us-east-1",
        rule: Rule::new("kms", "ListKeys", Fault::AccessDenied),
        kind: "access_denied",
        attempts_per_call: 1,
        throttled: false,
        call_timeout: CALL_TIMEOUT_SECONDS,
    });
}

#[test]
fn server_error_is_retried_then_not_evaluated() {
    assert_fault_handled(FaultCase {
        services: "rds",
        regions: "us-east-1",
        rule: Rule::new("rds", "DescribeDBInstances", Fault::ServerError),
        kind: "other",
        attempts_per_call: 3,
        throttled: false,
        call_timeout: CALL_TIMEOUT_SECONDS,
    });
}

#[test]
fn connection_reset_is_retried_then_not_evaluated() {
    assert_fault_handled(FaultCase {
        services: "ec2",
        regions: "us-east-1",
        rule: Rule::new("ec2", "DescribeSecurityGroups", Fault::Reset),
        kind: "other",
        attempts_per_call: 3,
        throttled: false,
        call_timeout: CALL_TIMEOUT_SECONDS,
    });
}

#[test]
fn a_response_that_never_comes_times_out_within_the_call_timeout() {
    let (_, elapsed) = assert_fault_handled(FaultCase {
        services: "sqs",
        regions: "us-east-1",
        rule: Rule::new("sqs", "ListQueues", Fault::Hang),
        kind: "timeout",
        attempts_per_call: 1,
        throttled: false,
        call_timeout: CALL_TIMEOUT_SECONDS,
    });
    assert!(elapsed >= Duration::from_secs(CALL_TIMEOUT_SECONDS));
}

#[test]
fn truncated_xml_is_not_evaluated() {
    assert_fault_handled(FaultCase {
        services: "s3",
        regions: "us-east-1",
        rule: Rule::new("s3", "GetBucketEncryption", Fault::Truncate),
        kind: "other",
        attempts_per_call: 1,
        throttled: false,
        call_timeout: CALL_TIMEOUT_SECONDS,
    });
}

#[test]
fn truncated_json_is_not_evaluated() {
    assert_fault_handled(FaultCase {
        services: "dynamodb",
        regions: "us-east-1",
        rule: Rule::new("dynamodb", "ListTables", Fault::Truncate),
        kind: "other",
        attempts_per_call: 1,
        throttled: false,
        call_timeout: CALL_TIMEOUT_SECONDS,
    });
}

#[test]
fn a_value_that_is_not_utf8_is_not_evaluated() {
    assert_fault_handled(FaultCase {
        services: "s3",
        regions: "us-east-1",
        rule: Rule::new("s3", "ListBuckets", Fault::InvalidUtf8),
        kind: "other",
        attempts_per_call: 1,
        throttled: false,
        call_timeout: CALL_TIMEOUT_SECONDS,
    });
}

#[test]
fn malformed_json_is_not_evaluated() {
    assert_fault_handled(FaultCase {
        services: "lambda",
        regions: "us-east-1",
        rule: Rule::new("lambda", "GET /2015-03-31/functions", Fault::Malformed),
        kind: "other",
        attempts_per_call: 1,
        throttled: false,
        call_timeout: CALL_TIMEOUT_SECONDS,
    });
}

#[test]
fn ec2_auth_failure_in_an_opt_in_region_is_region_not_enabled() {
    assert_fault_handled(FaultCase {
        services: "ec2",
        regions: "us-east-1,eu-west-1",
        rule: Rule::region("ec2", "eu-west-1", Fault::RegionNotEnabled),
        kind: "region_disabled",
        attempts_per_call: 1,
        throttled: false,
        call_timeout: CALL_TIMEOUT_SECONDS,
    });
}

#[test]
fn json_unrecognized_client_in_an_opt_in_region_is_region_not_enabled() {
    assert_fault_handled(FaultCase {
        services: "dynamodb",
        regions: "us-east-1,eu-west-1",
        rule: Rule::region("dynamodb", "eu-west-1", Fault::RegionNotEnabled),
        kind: "region_disabled",
        attempts_per_call: 1,
        throttled: false,
        call_timeout: CALL_TIMEOUT_SECONDS,
    });
}

/// Throttled twice, then answered: the SDK's retries absorb it, the findings are exactly those of
/// the undisturbed scan, no error is recorded, and the two retries are counted.
#[test]
fn throttling_that_clears_within_the_retries_changes_nothing_but_the_counts() {
    let emulator = demo_account();
    let case = FaultCase {
        services: "ec2",
        regions: "us-east-1",
        rule: Rule::new("ec2", "DescribeVpcs", Fault::Throttle).times(2),
        kind: "throttled",
        attempts_per_call: 3,
        throttled: true,
        call_timeout: 30,
    };
    let clean_proxy = Proxy::start(emulator.endpoint(), vec![]).expect("proxy starts");
    let clean = scan_json(&clean_proxy, &case);
    let proxy = Proxy::start(emulator.endpoint(), vec![case.rule.clone()]).expect("proxy starts");
    let throttled = scan_json(&proxy, &case);
    assert_eq!(
        finding_lines(&throttled.result),
        finding_lines(&clean.result)
    );
    assert_eq!(throttled.result["errors"], serde_json::json!([]));
    let calls = &throttled.result["api_calls"];
    assert_eq!(calls["retries"], 2, "{calls:#}");
    assert_eq!(calls["throttled"], 2, "{calls:#}");
    assert_eq!(
        calls["retries_by_operation"]["ec2:DescribeVpcs"], 2,
        "{calls:#}"
    );
    assert_eq!(
        calls["throttled_by_operation"]["ec2:DescribeVpcs"], 2,
        "{calls:#}"
    );
    assert_eq!(
        calls["by_operation"]["ec2:DescribeVpcs"].as_u64(),
        clean.result["api_calls"]["by_operation"]["ec2:DescribeVpcs"]
            .as_u64()
            .map(|n| n + 2)
    );
    // The terminal footer shows them.
    let dir = workdir();
    let report = wascan_via(
        &Proxy::start(
            emulator.endpoint(),
            vec![Rule::new("ec2", "DescribeVpcs", Fault::Throttle).times(1)],
        )
        .expect("proxy starts"),
        emulator,
        dir.path(),
        &[
            "scan",
            "--services",
            "ec2",
            "--regions",
            "us-east-1",
            "--no-output",
        ],
    );
    assert!(
        stdout(&report).contains("(1 retries, 1 throttled)"),
        "{}",
        stdout(&report)
    );
}
