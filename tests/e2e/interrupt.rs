//! SIGINT and SIGTERM in the middle of a scan: exit 130, no result and no half-written file;
//! with `--snapshot-out`, the services collected so far are kept and `wascan evaluate` reads them.

use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::harness::*;
use crate::proxy::{Fault, Proxy, Rule};

/// Starts `wascan ARGS` through `proxy`, whose SQS ListQueues never answers: the scan finishes
/// everything else and then waits on SQS, to be interrupted.
fn start_stuck_scan(proxy: &Proxy, dir: &Path, args: &[&str]) -> Child {
    let mut command = wascan_command(Some(demo_account()), dir, args);
    command
        .env("AWS_ENDPOINT_URL", proxy.endpoint())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command.spawn().expect("wascan starts")
}

/// Waits until the proxy holds the hanging SQS call and every other request has been answered:
/// no new request for 1.5 s.
fn wait_until_stuck(proxy: &Proxy) {
    let started = Instant::now();
    while !proxy.operations().contains("sqs:ListQueues") {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the scan never reached SQS"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut seen = proxy.seen().len();
    let mut quiet_since = Instant::now();
    while quiet_since.elapsed() < Duration::from_millis(1500) {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the scan never settled"
        );
        std::thread::sleep(Duration::from_millis(100));
        let now = proxy.seen().len();
        if now != seen {
            seen = now;
            quiet_since = Instant::now();
        }
    }
}

fn signal(child: &Child, name: &str) {
    let status = std::process::Command::new("kill")
        .args([format!("-{name}"), child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
}

/// Waits for the process, at most `limit`.
fn finish_within(mut child: Child, limit: Duration) -> std::process::Output {
    let started = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("wascan did not stop within {limit:?} of the signal");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn hanging_sqs() -> Proxy {
    Proxy::start(
        demo_account().endpoint(),
        vec![Rule::new("sqs", "ListQueues", Fault::Hang)],
    )
    .expect("proxy starts")
}

const SCOPE: [&str; 6] = [
    "--services",
    "s3,sqs",
    "--regions",
    "us-east-1",
    "--call-timeout",
    "120",
];

#[test]
fn sigterm_mid_scan_leaves_no_output_and_exits_130() {
    let proxy = hanging_sqs();
    let dir = workdir();
    let mut args = vec!["scan", "--format", "json,csv,html", "--output-dir", "out"];
    args.extend(SCOPE);
    let child = start_stuck_scan(&proxy, dir.path(), &args);
    wait_until_stuck(&proxy);
    signal(&child, "TERM");
    let output = finish_within(child, Duration::from_secs(5));
    assert_eq!(output.status.code(), Some(130), "{}", stderr(&output));
    assert!(stderr(&output).contains("interrupted: nothing written"));
    let out = dir.path().join("out");
    assert!(
        !out.exists() || std::fs::read_dir(&out).expect("dir").next().is_none(),
        "an interrupted scan writes no result"
    );
}

#[test]
fn sigint_with_snapshot_out_keeps_what_was_collected_and_evaluate_reads_it() {
    let proxy = hanging_sqs();
    let dir = workdir();
    let mut args = vec!["scan", "--json", "--snapshot-out", "partial.json"];
    args.extend(SCOPE);
    let started = Instant::now();
    let child = start_stuck_scan(&proxy, dir.path(), &args);
    wait_until_stuck(&proxy);
    signal(&child, "INT");
    let output = finish_within(child, Duration::from_secs(5));
    eprintln!("interrupted after {:?}", started.elapsed());
    assert_eq!(output.status.code(), Some(130), "{}", stderr(&output));
    assert!(stdout(&output).is_empty(), "no result printed");
    let files: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with('.') || name.ends_with(".tmp"))
        .collect();
    assert_eq!(
        files,
        ["partial.json"],
        "only the snapshot, no temporary file"
    );

    let snapshot: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("partial.json")).expect("snapshot"))
            .expect("the partial snapshot is complete JSON");
    assert_eq!(snapshot["services"], serde_json::json!(["s3"]));
    let interrupted: Vec<_> = snapshot["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter(|gap| gap["kind"] == "interrupted")
        .collect();
    assert_eq!(interrupted.len(), 1, "{:#}", snapshot["errors"]);
    assert_eq!(interrupted[0]["service"], "sqs");
    assert!(!snapshot["s3"]["buckets"]
        .as_array()
        .is_some_and(Vec::is_empty));

    let evaluated = wascan(
        None,
        dir.path(),
        &["evaluate", "partial.json", "--json", "--no-output"],
    );
    assert_eq!(evaluated.status.code(), Some(0), "{}", stderr(&evaluated));
    let result = json(&evaluated);
    let findings = result["findings"].as_array().expect("findings");
    let sqs: Vec<_> = findings
        .iter()
        .filter(|f| {
            f["check_id"]
                .as_str()
                .is_some_and(|id| id.starts_with("sqs_"))
        })
        .collect();
    assert!(!sqs.is_empty());
    for finding in sqs {
        assert_eq!(finding["status"], "not_evaluated");
        assert!(finding["reason"]
            .as_str()
            .is_some_and(|r| r.contains("interrupted")));
    }
    assert!(findings.iter().any(|f| {
        f["check_id"]
            .as_str()
            .is_some_and(|id| id.starts_with("s3_"))
            && (f["status"] == "pass" || f["status"] == "fail")
    }));
}
