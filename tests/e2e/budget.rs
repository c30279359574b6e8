//! The call budget: `--max-rps` bounds a scan's call rate, bad values are usage errors, and the
//! calls per service are in the JSON result.

use std::process::Command;
use std::time::Instant;

use crate::harness::*;

#[test]
fn max_rps_bounds_the_call_rate_of_a_scan() {
    let emulator = demo_account();
    let dir = workdir();
    let started = Instant::now();
    let output = wascan(
        Some(emulator),
        dir.path(),
        &[
            "scan",
            "--regions",
            "us-east-1,eu-west-1",
            "--services",
            "ec2,s3",
            "--max-rps",
            "5",
            "--json",
            "--no-output",
        ],
    );
    let elapsed = started.elapsed().as_secs_f64();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let result = json(&output);
    let calls = result["api_calls"]["total"].as_u64().expect("a call count");
    assert!(calls > 20, "too few calls to measure a rate: {calls}");
    // The ceiling has a burst of one: n budgeted calls take at least (n - 1) / 5 s. The identity
    // call (sts:GetCallerIdentity) comes before the budget, so 2 calls are not rate-bound.
    let rate = (calls - 2) as f64 / elapsed;
    assert!(
        rate <= 5.0,
        "{calls} calls in {elapsed:.2} s = {rate:.2} calls/s, above --max-rps 5"
    );

    // Calls per service: the sums of the per-operation counts.
    let by_service = result["api_calls"]["by_service"]
        .as_object()
        .expect("by_service");
    assert!(
        by_service["ec2"].as_u64().unwrap_or(0) > 0,
        "{by_service:?}"
    );
    assert!(by_service["s3"].as_u64().unwrap_or(0) > 0, "{by_service:?}");
    let sum: u64 = by_service.values().filter_map(|v| v.as_u64()).sum();
    assert_eq!(sum, calls);
}

#[test]
fn a_bad_max_rps_is_a_usage_error() {
    let dir = workdir();
    for bad in ["0", "-2", "fast", "inf"] {
        let flag = format!("--max-rps={bad}");
        let output = wascan(None, dir.path(), &["scan", &flag]);
        assert_eq!(output.status.code(), Some(2), "{bad}: {}", stderr(&output));
        assert!(stderr(&output).contains("--max-rps"), "{}", stderr(&output));
    }
}

#[test]
fn verbose_logs_the_calls_per_service() {
    let emulator = demo_account();
    let dir = workdir();
    // Not through `harness::wascan`, which pins the log level with WASCAN_LOG.
    let mut command = Command::new(wascan_bin());
    for (key, _) in std::env::vars() {
        if key.starts_with("AWS_") || key == "WASCAN_LOG" {
            command.env_remove(key);
        }
    }
    let output = command
        .args([
            "-v",
            "scan",
            "--regions",
            "us-east-1",
            "--services",
            "iam",
            "--no-output",
        ])
        .current_dir(dir.path())
        .env("HOME", dir.path())
        .envs(emulator.env())
        .output()
        .expect("the wascan binary runs");
    let log = stderr(&output);
    assert!(
        log.lines()
            .any(|line| line.contains("API calls") && line.contains("service=iam")),
        "{log}"
    );
}
