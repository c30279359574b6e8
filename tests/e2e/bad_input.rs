//! Bad input gets a clear error naming what is wrong and exit code 2, never a panic.

use std::time::{Duration, Instant};

use crate::harness::*;

fn assert_usage_error(output: &std::process::Output, expected: &str) {
    let err = stderr(output);
    assert_eq!(output.status.code(), Some(2), "stderr:\n{err}");
    assert!(err.contains(expected), "stderr lacks `{expected}`:\n{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn malformed_region_names_are_rejected_before_any_call() {
    let dir = workdir();
    let output = wascan(None, dir.path(), &["scan", "--regions", "us-east-1,moon-1"]);
    assert_usage_error(&output, "unknown region `moon-1`");
}

#[test]
fn a_region_the_partition_does_not_have_is_rejected() {
    let dir = workdir();
    let output = wascan(
        Some(demo_account()),
        dir.path(),
        &["scan", "--regions", "us-east-1,xx-north-9"],
    );
    assert_usage_error(&output, "unknown region `xx-north-9`");
}

#[test]
fn unknown_check_ids_and_pillars_are_rejected() {
    let dir = workdir();
    assert_usage_error(
        &wascan(
            None,
            dir.path(),
            &["scan", "--checks", "s3_bucket_versioning,s3_nope"],
        ),
        "unknown check id `s3_nope`",
    );
    assert_usage_error(
        &wascan(None, dir.path(), &["scan", "--pillars", "speed"]),
        "unknown pillar `speed`",
    );
    assert_usage_error(
        &wascan(None, dir.path(), &["checks", "explain", "nope"]),
        "unknown check id `nope`",
    );
}

#[test]
fn unreadable_or_malformed_snapshots_are_rejected_with_their_path() {
    let dir = workdir();
    assert_usage_error(
        &wascan(None, dir.path(), &["evaluate", "missing.json"]),
        "missing.json",
    );

    std::fs::write(
        dir.path().join("broken.json"),
        "{\"schema_version\": 1, \"account_id\": ",
    )
    .expect("write");
    assert_usage_error(
        &wascan(None, dir.path(), &["evaluate", "broken.json"]),
        "broken.json: not valid JSON",
    );

    std::fs::write(dir.path().join("other.json"), "{\"hello\": 1}").expect("write");
    assert_usage_error(
        &wascan(None, dir.path(), &["evaluate", "other.json"]),
        "not a wascan snapshot",
    );

    std::fs::write(dir.path().join("future.json"), "{\"schema_version\": 99}").expect("write");
    assert_usage_error(
        &wascan(None, dir.path(), &["evaluate", "future.json"]),
        "schema_version 99",
    );
}

#[test]
fn a_bad_config_file_is_rejected_with_its_line() {
    let dir = workdir();
    std::fs::write(
        dir.path().join("wascan.toml"),
        "[checks]\naccess_key_max_age = 30\n",
    )
    .expect("write");
    let output = wascan(None, dir.path(), &["evaluate", "whatever.json"]);
    assert_usage_error(&output, "wascan.toml");
    assert_usage_error(&output, "line 2");
}

#[test]
fn no_credentials_fail_fast_with_a_hint() {
    let dir = workdir();
    let started = Instant::now();
    let output = wascan(None, dir.path(), &["scan", "--regions", "us-east-1"]);
    assert_usage_error(&output, "cannot identify the AWS account");
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn multi_account_flags_without_an_account_list_or_out_of_range_are_rejected() {
    let dir = workdir();
    assert_usage_error(
        &wascan(None, dir.path(), &["scan", "--accounts-at-once", "4"]),
        "--accounts-at-once need --org or --accounts",
    );
    assert_usage_error(
        &wascan(
            None,
            dir.path(),
            &["scan", "--org", "--accounts-at-once", "0"],
        ),
        "--accounts-at-once",
    );
}
