//! Custom checks (Rego policies, `--custom-checks DIR`) end to end: the examples shipped in
//! `examples/custom-checks/` run in `scan`, `evaluate` (offline) and org scans against the
//! emulator, and their findings flow through scores, suppressions, overrides, diff and every
//! output format like built-in ones. `checks list/explain/test` show and test them; a bad policy
//! stops the command with its file and line.

use std::path::PathBuf;

use serde_json::Value;
use wascan::emulator::{Emulator, EmulatorOptions};

use crate::harness::*;

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/custom-checks")
}

fn examples_arg() -> String {
    examples().to_string_lossy().into_owned()
}

/// `check status resource` of the findings of custom checks, sorted.
fn custom_lines(result: &Value) -> Vec<String> {
    let mut lines: Vec<String> = result["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| {
            f["check_id"]
                .as_str()
                .is_some_and(|id| id.starts_with("custom."))
        })
        .map(|f| {
            let resource = &f["resource"];
            format!(
                "{} {} {} {}",
                f["check_id"].as_str().unwrap_or("?"),
                f["status"].as_str().unwrap_or("?"),
                f["region"].as_str().unwrap_or("?"),
                resource["name"]
                    .as_str()
                    .or(resource["tags"]["Name"].as_str())
                    .or(resource["id"].as_str())
                    .unwrap_or("?")
            )
        })
        .collect();
    lines.sort();
    lines
}

fn finding<'a>(result: &'a Value, check: &str, name: &str) -> &'a Value {
    result["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["check_id"] == check && f["resource"]["tags"]["Name"] == name)
        .unwrap_or_else(|| panic!("no {check} finding on {name}"))
}

const CONFIG: &str = r#"[[suppressions]]
check = "custom.instance_families"
tag = "Name=batch-1"
reason = "batch-1 is replaced next quarter"

[[overrides]]
check = "custom.approved_regions"
severity = "critical"
reason = "data residency is a legal requirement for us"

[[overrides]]
check = "ec2_instance_detailed_monitoring"
disabled = true
reason = "basic monitoring is enough for the demo's fleet"
"#;

/// The demo account scanned with the example custom checks: their findings sit beside the
/// built-in ones, scored, suppressed, overridden and written in every format.
#[test]
fn custom_checks_run_in_a_scan_and_flow_through_scores_suppressions_overrides_and_formats() {
    let dir = workdir();
    std::fs::write(dir.path().join("wascan.toml"), CONFIG).expect("config");
    let examples = examples_arg();
    let output = wascan(
        Some(demo_account()),
        dir.path(),
        &[
            "scan",
            "--regions",
            "us-east-1,eu-west-1",
            "--services",
            "ec2,s3",
            "--custom-checks",
            &examples,
            "--format",
            "json,csv,sarif,ocsf,asff,html",
            "--output-dir",
            "out",
            "--fail-on",
            "critical",
            "--json",
        ],
    );
    let result = json(&output);
    let lines = custom_lines(&result);
    for expected in [
        "custom.instance_families fail eu-west-1 batch-2",
        "custom.instance_families fail us-east-1 web-2",
        "custom.instance_families pass us-east-1 web-1",
        "custom.instance_families pass us-east-1 worker-1",
        "custom.approved_regions fail eu-west-1 batch-1",
        "custom.approved_regions pass us-east-1 web-1",
        "custom.tagging_standard pass us-east-1 web-1",
        "custom.tagging_standard fail us-east-1 web-2",
        "custom.volume_backup_tag fail us-east-1 orphan-data",
    ] {
        assert!(
            lines.iter().any(|l| l == expected),
            "{expected} not in {lines:#?}"
        );
    }
    // A critical failure (approved_regions, overridden to critical) trips --fail-on critical.
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));

    // Overridden: the severity and the reason are on the finding and in the result.
    let batch = finding(&result, "custom.approved_regions", "batch-1");
    assert_eq!(batch["severity"], "critical");
    assert_eq!(
        batch["overridden"]["reason"],
        "data residency is a legal requirement for us"
    );
    assert_eq!(batch["overridden"]["source"], "wascan.toml:6");
    let overrides = result["overrides"].as_array().expect("overrides");
    assert_eq!(overrides.len(), 2, "{overrides:#?}");
    // Disabled: not run at all.
    assert!(result["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .all(|f| f["check_id"] != "ec2_instance_detailed_monitoring"));

    // Suppressed like a built-in finding: kept, marked, out of the scores.
    let suppressed = finding(&result, "custom.instance_families", "batch-1");
    assert_eq!(suppressed["status"], "fail");
    assert_eq!(
        suppressed["suppressed"]["reason"],
        "batch-1 is replaced next quarter"
    );

    // Scored: the tagging standard is direct evidence for COST03-BP02.
    let cost03 = &result["scores"]["best_practices"]["COST03-BP02"];
    assert_eq!(cost03["strength"], "direct", "{cost03:#}");
    assert!(cost03["direct"]["passed"].as_u64() >= Some(1), "{cost03:#}");
    assert!(cost03["direct"]["failed"].as_u64() >= Some(1), "{cost03:#}");
    assert!(result["scores"]["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .any(|q| q["question_code"] == "COST03"));

    // Every format carries them.
    let files: Vec<PathBuf> = std::fs::read_dir(dir.path().join("out"))
        .expect("out")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    assert_eq!(files.len(), 6, "{files:?}");
    for file in &files {
        let text = std::fs::read_to_string(file).expect("read");
        assert!(
            text.contains("custom.instance_families"),
            "{} has no custom finding",
            file.display()
        );
    }
    let html = files
        .iter()
        .find(|f| f.extension().is_some_and(|e| e == "html"))
        .expect("html");
    let html = std::fs::read_to_string(html).expect("html");
    assert!(html.contains("Instances use an approved instance family"));

    // The terminal report too.
    let output = wascan(
        Some(demo_account()),
        dir.path(),
        &[
            "scan",
            "--regions",
            "us-east-1",
            "--checks",
            "custom.instance_families",
            "--custom-checks",
            &examples,
            "--no-output",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("custom.instance_families"),
        "{}",
        stdout(&output)
    );
}

/// A saved snapshot re-evaluated offline (no emulator, no credentials) gives the custom
/// findings of the scan; `diff` between two evaluations shows a policy change as new failures.
#[test]
fn custom_checks_evaluate_a_saved_snapshot_offline_and_diff() {
    let dir = workdir();
    let examples = examples_arg();
    let output = wascan(
        Some(demo_account()),
        dir.path(),
        &[
            "scan",
            "--regions",
            "us-east-1,eu-west-1",
            "--services",
            "ec2,s3",
            "--custom-checks",
            &examples,
            "--snapshot-out",
            "snap.json",
            "--no-output",
            "--json",
        ],
    );
    let scanned = json(&output);

    // The looser policy: m4 and c4 approved too. Evaluated offline.
    let loose = dir.path().join("loose");
    std::fs::create_dir(&loose).expect("dir");
    let policy = std::fs::read_to_string(self::examples().join("instance_families.rego"))
        .expect("policy")
        .replace("\"r7g\"}", "\"r7g\", \"m4\", \"c4\"}");
    std::fs::write(loose.join("instance_families.rego"), policy).expect("write");
    let evaluate = |custom: &str, out: &str| {
        let output = wascan(
            None,
            dir.path(),
            &[
                "evaluate",
                "snap.json",
                "--custom-checks",
                custom,
                "--checks",
                "custom.instance_families",
                "--output-dir",
                out,
                "--json",
            ],
        );
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        json(&output)
    };
    let strict = evaluate(&examples, "strict");
    let offline: Vec<String> = custom_lines(&strict);
    let online: Vec<String> = custom_lines(&scanned)
        .into_iter()
        .filter(|l| l.starts_with("custom.instance_families "))
        .collect();
    assert_eq!(
        offline, online,
        "the offline evaluation differs from the scan"
    );
    let before = evaluate(&loose.to_string_lossy(), "loose-out");
    assert!(custom_lines(&before).iter().all(|l| l.contains(" pass ")));

    let file = |out: &str| -> String {
        std::fs::read_dir(dir.path().join(out))
            .expect("out")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|e| e == "json"))
            .expect("a result")
            .to_string_lossy()
            .into_owned()
    };
    let output = wascan(
        None,
        dir.path(),
        &[
            "diff",
            &file("loose-out"),
            &file("strict"),
            "--json",
            "--fail-on",
            "medium",
        ],
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let diff = json(&output);
    let new: Vec<&Value> = diff["new"].as_array().expect("new").iter().collect();
    assert!(new.len() >= 3, "{diff:#}");
    assert!(new
        .iter()
        .all(|f| f["check_id"] == "custom.instance_families" && f["after"] == "fail"));
    assert!(new.iter().any(|f| f["message"]
        .as_str()
        .is_some_and(|m| m.contains("m4.large"))));
}

/// An org scan runs the custom checks in every account it reads.
#[test]
fn custom_checks_run_in_every_account_of_an_org_scan() {
    let org = Emulator::start(&EmulatorOptions {
        seed: "org".into(),
        ..Default::default()
    })
    .expect("the organisation emulator starts");
    let dir = workdir();
    let examples = examples_arg();
    let output = wascan(
        Some(&org),
        dir.path(),
        &[
            "scan",
            "--org",
            "--regions",
            "us-east-1",
            "--checks",
            "custom.approved_regions,s3_bucket_versioning",
            "--custom-checks",
            &examples,
            "--json",
            "--no-output",
        ],
    );
    let result = json(&output);
    let accounts: std::collections::BTreeSet<&str> = result["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["check_id"] == "custom.approved_regions" && f["status"] == "pass")
        .filter_map(|f| f["account_id"].as_str())
        .collect();
    assert!(accounts.len() >= 2, "{accounts:?}\n{}", stderr(&output));
    // Each account's scores count them.
    let scored = result["accounts"]
        .as_array()
        .expect("accounts")
        .iter()
        .filter(|a| accounts.contains(a["account_id"].as_str().unwrap_or_default()))
        .all(|a| a["scores"]["pillars"]["security"]["passed"].as_u64() >= Some(1));
    assert!(scored, "{:#}", result["accounts"]);
}

/// `checks list` and `explain` show custom checks beside built-in ones; `checks test` passes
/// on the examples and fails (exit 1) on a wrong expectation.
#[test]
fn checks_list_explain_and_test_know_custom_checks() {
    let dir = workdir();
    let examples = examples_arg();
    let output = wascan(
        None,
        dir.path(),
        &["checks", "list", "--custom-checks", &examples],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let list = stdout(&output);
    assert!(list.contains("custom.approved_regions"), "{list}");
    assert!(list.contains("(4 custom)"), "{list}");

    let output = wascan(
        None,
        dir.path(),
        &[
            "checks",
            "explain",
            "custom.tagging_standard",
            "--custom-checks",
            &examples,
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("Custom check, defined in"), "{text}");
    assert!(text.contains("tagging_standard.rego:2"), "{text}");
    assert!(text.contains("COST03-BP02"), "{text}");

    let output = wascan(None, dir.path(), &["checks", "test", &examples]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}{}",
        stdout(&output),
        stderr(&output)
    );
    let report = stdout(&output);
    assert!(
        report.contains("PASS  an instance in an approved region passes"),
        "{report}"
    );
    assert!(report.contains("4 custom checks"), "{report}");
    assert!(report.contains("0 failed"), "{report}");

    // A wrong expectation fails the run, naming what differs.
    let wrong = dir.path().join("wrong");
    std::fs::create_dir(&wrong).expect("dir");
    for name in ["instance_families.rego", "instance_families.test.json"] {
        let text = std::fs::read_to_string(self::examples().join(name)).expect("read");
        let text = text.replace(
            "\"resource\": \"i-0bbb\",\n          \"status\": \"fail\"",
            "\"resource\": \"i-0bbb\",\n          \"status\": \"pass\"",
        );
        std::fs::write(wrong.join(name), text).expect("write");
    }
    let output = wascan(
        None,
        dir.path(),
        &["checks", "test", &wrong.to_string_lossy()],
    );
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}{}",
        stdout(&output),
        stderr(&output)
    );
    let report = stdout(&output);
    assert!(
        report.contains("expected, not found: pass on i-0bbb"),
        "{report}"
    );
    assert!(
        report.contains("found, not expected: fail on i-0bbb"),
        "{report}"
    );
}

/// A policy that does not load stops the command before any call, with its file and line
/// (exit 2); so does a suppression or override naming a custom check nobody defines.
#[test]
fn a_bad_policy_stops_the_command_with_its_file_and_line() {
    let dir = workdir();
    let bad = dir.path().join("bad");
    std::fs::create_dir(&bad).expect("dir");
    let good = std::fs::read_to_string(self::examples().join("instance_families.rego")).expect("read");
    std::fs::write(
        bad.join("a.rego"),
        good.replace("PERF02-BP01", "PERF99-BP01"),
    )
    .expect("write");
    std::fs::write(
        bad.join("b.rego"),
        "package custom.b\n\nfindings contains f if {\n  f := \n}\n",
    )
    .expect("write");
    let output = wascan(
        Some(demo_account()),
        dir.path(),
        &[
            "scan",
            "--custom-checks",
            &bad.to_string_lossy(),
            "--no-output",
        ],
    );
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(err.contains("2 custom checks cannot be loaded"), "{err}");
    assert!(
        err.contains("a.rego:10: unknown best practice `PERF99-BP01`"),
        "{err}"
    );
    assert!(err.contains("b.rego:4: does not parse"), "{err}");

    std::fs::write(
        dir.path().join("wascan.toml"),
        "[[suppressions]]\ncheck = \"custom.nobody\"\nreason = \"r\"\n",
    )
    .expect("config");
    let output = wascan(None, dir.path(), &["evaluate", "nothing.json"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("wascan.toml:1: unknown check id `custom.nobody`"),
        "{}",
        stderr(&output)
    );
}
