//! Multi-account scans against an emulated AWS Organization (`emulator.py --seed org`, see
//! `scripts/seed_org.py`): the management account scanned with its own credentials, members
//! through their OrganizationAccountAccessRole, one member (`legacy`) whose role cannot be assumed
//! and one closed member that is not scanned at all. Then shards and `wascan merge`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_json::Value;
use wascan::emulator::{Emulator, EmulatorOptions, ACCOUNT_ID};

use crate::harness::*;

const CHECKS: &str = "s3_bucket_versioning,ec2_security_group_admin_ports_open";

fn organization() -> &'static Emulator {
    static ORG: OnceLock<Emulator> = OnceLock::new();
    ORG.get_or_init(|| {
        Emulator::start(&EmulatorOptions {
            seed: "org".into(),
            ..Default::default()
        })
        .expect("the organisation emulator starts")
    })
}

/// `scan ARGS --regions us-east-1 --checks CHECKS --json --no-output` against the organisation.
fn scan(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec![
        "scan",
        "--regions",
        "us-east-1",
        "--checks",
        CHECKS,
        "--json",
        "--no-output",
    ];
    all.extend_from_slice(args);
    wascan(Some(organization()), dir, &all)
}

fn account_named<'a>(result: &'a Value, name: &str) -> &'a Value {
    result["accounts"]
        .as_array()
        .expect("accounts")
        .iter()
        .find(|a| a["name"] == name)
        .unwrap_or_else(|| panic!("no account named {name}: {:#}", result["accounts"]))
}

/// `check status resource` of one account's findings, sorted.
fn findings_of(result: &Value, account_id: &str) -> Vec<String> {
    let mut lines: Vec<String> = result["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["account_id"] == account_id)
        .map(|f| {
            let resource = &f["resource"];
            format!(
                "{} {} {}",
                f["check_id"].as_str().unwrap_or("?"),
                f["status"].as_str().unwrap_or("?"),
                resource["name"]
                    .as_str()
                    .or(resource["id"].as_str())
                    .unwrap_or("?")
            )
        })
        .collect();
    lines.sort();
    lines
}

fn id_of(account: &Value) -> &str {
    account["account_id"].as_str().expect("account_id")
}

#[test]
fn an_org_scan_reports_every_active_account_and_the_unassumable_one_as_not_evaluated() {
    let dir = workdir();
    let output = scan(dir.path(), &["--org"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let result = json(&output);

    // The closed account is not ACTIVE: not listed, not scanned.
    let names: BTreeSet<&str> = result["accounts"]
        .as_array()
        .expect("accounts")
        .iter()
        .filter_map(|a| a["name"].as_str())
        .collect();
    assert_eq!(names, BTreeSet::from(["dev", "legacy", "master", "prod"]));

    // The caller's own account, scanned with its own credentials.
    let master = account_named(&result, "master");
    assert_eq!(id_of(master), ACCOUNT_ID);
    assert!(findings_of(&result, ACCOUNT_ID)
        .contains(&"s3_bucket_versioning pass org-mgmt-trail-logs".to_string()));

    // Members, through the assumed role: each sees its own resources only.
    let prod = findings_of(&result, id_of(account_named(&result, "prod")));
    assert!(
        prod.contains(&"s3_bucket_versioning pass org-prod-data".to_string()),
        "{prod:#?}"
    );
    assert!(
        prod.contains(&"ec2_security_group_admin_ports_open pass prod-web".to_string()),
        "{prod:#?}"
    );
    assert!(!prod
        .iter()
        .any(|l| l.contains("org-dev-scratch") || l.contains("org-mgmt")));
    let dev = findings_of(&result, id_of(account_named(&result, "dev")));
    assert!(
        dev.contains(&"s3_bucket_versioning fail org-dev-scratch".to_string()),
        "{dev:#?}"
    );
    assert!(
        dev.contains(&"ec2_security_group_admin_ports_open fail dev-ssh".to_string()),
        "{dev:#?}"
    );

    // The account whose role cannot be assumed: every check not_evaluated, with the reason.
    let legacy = account_named(&result, "legacy");
    let legacy_id = id_of(legacy);
    let access_error = legacy["access_error"].as_str().unwrap_or_default();
    assert!(
        access_error.contains("sts:AssumeRole")
            && access_error.contains(&format!(
                "arn:aws:iam::{legacy_id}:role/OrganizationAccountAccessRole"
            ))
            && access_error.contains("access denied"),
        "{access_error}"
    );
    let legacy_findings: Vec<&Value> = result["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["account_id"] == legacy_id)
        .collect();
    assert_eq!(legacy_findings.len(), 2, "one per check");
    for finding in legacy_findings {
        assert_eq!(finding["status"], "not_evaluated");
        assert!(finding["reason"]
            .as_str()
            .unwrap_or_default()
            .contains("AssumeRole"));
    }

    // Scores per account, and for the organisation: the unassumable account scores nothing and
    // only lowers the coverage.
    let legacy_scores = &legacy["scores"]["overall"];
    assert_eq!(legacy_scores["score"], Value::Null);
    assert_eq!(legacy_scores["coverage"], 0.0);
    assert_eq!(
        account_named(&result, "prod")["scores"]["overall"]["score"],
        100.0
    );
    let dev_score = account_named(&result, "dev")["scores"]["overall"]["score"]
        .as_f64()
        .expect("dev has a score");
    assert!(dev_score < 100.0);
    let org = &result["scores"]["overall"];
    let per_account_failed: u64 = result["accounts"]
        .as_array()
        .expect("accounts")
        .iter()
        .map(|a| a["scores"]["overall"]["failed"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(org["failed"].as_u64(), Some(per_account_failed));
    assert!(org["not_evaluated"].as_u64() >= Some(2));
    assert!(org["coverage"].as_f64() < Some(100.0));

    // The organisation-level calls are counted, and each has its IAM action.
    let calls = &result["api_calls"]["by_operation"];
    assert!(calls["organizations:ListAccounts"].as_u64() >= Some(1));
    assert_eq!(
        calls["sts:AssumeRole"].as_u64(),
        Some(3),
        "prod, dev, legacy"
    );
    for (operation, _) in calls.as_object().expect("calls") {
        assert!(
            wascan::permissions::action_for(operation).is_some(),
            "{operation} has no IAM action in src/permissions.rs"
        );
    }
}

#[test]
fn one_account_at_a_time_finds_what_all_at_once_finds() {
    let dir = workdir();
    let all = scan(dir.path(), &["--org"]);
    assert_eq!(all.status.code(), Some(0), "{}", stderr(&all));
    assert!(
        stderr(&all).contains("scanning 4 accounts (4 at once)"),
        "{}",
        stderr(&all)
    );
    let one = scan(dir.path(), &["--org", "--accounts-at-once", "1"]);
    assert_eq!(one.status.code(), Some(0), "{}", stderr(&one));
    assert!(
        stderr(&one).contains("scanning 4 accounts (1 at once)"),
        "{}",
        stderr(&one)
    );
    let (all, one) = (json(&all), json(&one));
    for account in all["accounts"].as_array().expect("accounts") {
        let id = id_of(account);
        assert!(!findings_of(&all, id).is_empty(), "{id}");
        assert_eq!(findings_of(&all, id), findings_of(&one, id), "{id}");
    }
}

#[test]
fn org_scan_exit_codes_gate_on_findings_and_on_unassumable_accounts_under_strict() {
    let dir = workdir();
    let gated = scan(dir.path(), &["--org", "--fail-on", "high"]);
    assert_eq!(gated.status.code(), Some(1), "{}", stderr(&gated));
    let strict = scan(dir.path(), &["--org", "--strict"]);
    assert_eq!(strict.status.code(), Some(3), "{}", stderr(&strict));
    // Only the reachable accounts: nothing missing, so --strict passes.
    let ids: Vec<String> = {
        let result = json(&scan(dir.path(), &["--org"]));
        ["master", "prod", "dev"]
            .iter()
            .map(|name| id_of(account_named(&result, name)).to_string())
            .collect()
    };
    let reachable = scan(dir.path(), &["--accounts", &ids.join(","), "--strict"]);
    assert_eq!(reachable.status.code(), Some(0), "{}", stderr(&reachable));
}

#[test]
fn the_terminal_report_shows_per_account_scores_and_why_an_account_was_not_scanned() {
    let dir = workdir();
    let output = wascan(
        Some(organization()),
        dir.path(),
        &[
            "scan",
            "--org",
            "--regions",
            "us-east-1",
            "--checks",
            CHECKS,
            "--format",
            "json,html",
            "--output-dir",
            "out",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report = stdout(&output);
    assert!(report.contains("4 accounts (1 not scanned)"), "{report}");
    assert!(report.contains("Accounts"), "{report}");
    for name in ["master", "prod", "dev", "legacy"] {
        assert!(report.contains(name), "{name} missing:\n{report}");
    }
    assert!(report.contains("not scanned: sts:AssumeRole"), "{report}");
    let html = std::fs::read_dir(dir.path().join("out"))
        .expect("output dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "html"))
        .expect("an HTML report");
    let page = std::fs::read_to_string(html).expect("readable");
    assert!(page.contains("id=\"account-scores\""));
    assert!(page.contains("legacy"));
}

#[test]
fn explicit_account_lists_come_from_a_file_and_bad_ids_exit_2_naming_the_line() {
    let dir = workdir();
    let org = json(&scan(dir.path(), &["--org"]));
    let prod = id_of(account_named(&org, "prod")).to_string();
    let dev = id_of(account_named(&org, "dev")).to_string();
    let file = dir.path().join("accounts.txt");
    std::fs::write(&file, format!("# members\n{prod}  # prod\n\n{dev}\n")).expect("written");
    let output = scan(dir.path(), &["--accounts", "@accounts.txt"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let result = json(&output);
    let ids: BTreeSet<&str> = result["accounts"]
        .as_array()
        .expect("accounts")
        .iter()
        .map(id_of)
        .collect();
    assert_eq!(ids, BTreeSet::from([prod.as_str(), dev.as_str()]));
    assert_eq!(
        findings_of(&result, &dev),
        findings_of(&org, &dev),
        "the same findings as through --org"
    );

    std::fs::write(&file, format!("{prod}\n12345678901x\n")).expect("written");
    let bad = scan(dir.path(), &["--accounts", "@accounts.txt"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("accounts.txt:2: `12345678901x` is not an AWS account id"),
        "{}",
        stderr(&bad)
    );
}

fn result_file(dir: &Path) -> PathBuf {
    std::fs::read_dir(dir)
        .expect("output dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .expect("a result file")
}

#[test]
fn shards_cover_every_account_once_and_merge_into_the_whole_scan() {
    let dir = workdir();
    let whole = json(&scan(dir.path(), &["--org"]));
    let count = 3;
    let mut shard_files = Vec::new();
    for index in 0..count {
        let out = format!("shard-{index}");
        let output = wascan(
            Some(organization()),
            dir.path(),
            &[
                "scan",
                "--org",
                "--shard",
                &format!("{index}/{count}"),
                "--regions",
                "us-east-1",
                "--checks",
                CHECKS,
                "--output-dir",
                &out,
                "--quiet",
            ],
        );
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        shard_files.push(result_file(&dir.path().join(out)));
    }
    let paths: Vec<&str> = shard_files
        .iter()
        .map(|p| p.to_str().expect("utf-8 path"))
        .collect();
    let mut merge_args = vec!["merge"];
    merge_args.extend(&paths);
    merge_args.extend(["-o", "merged.json"]);
    let merged = wascan(None, dir.path(), &merge_args);
    assert_eq!(merged.status.code(), Some(0), "{}", stderr(&merged));
    let merged: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("merged.json")).expect("merged file"),
    )
    .expect("JSON");

    let accounts = |result: &Value| -> Vec<String> {
        result["accounts"]
            .as_array()
            .expect("accounts")
            .iter()
            .map(|a| id_of(a).to_string())
            .collect()
    };
    assert_eq!(accounts(&merged), accounts(&whole));
    let finding_ids = |result: &Value| -> Vec<String> {
        result["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| f["finding_id"].as_str().unwrap_or("?").to_string())
            .collect()
    };
    assert_eq!(finding_ids(&merged), finding_ids(&whole));
    assert_eq!(merged["scores"]["overall"], whole["scores"]["overall"]);
    for (merged_account, whole_account) in merged["accounts"]
        .as_array()
        .expect("accounts")
        .iter()
        .zip(whole["accounts"].as_array().expect("accounts"))
    {
        assert_eq!(merged_account["scores"], whole_account["scores"]);
    }

    // The same shard twice overlaps (a shard with an account in it: member ids are random, so a
    // shard can be empty); a result of other checks does not belong.
    let busy = shard_files
        .iter()
        .position(|path| {
            let shard: Value =
                serde_json::from_str(&std::fs::read_to_string(path).expect("shard file"))
                    .expect("JSON");
            !shard["accounts"].as_array().expect("accounts").is_empty()
        })
        .expect("a shard with an account");
    let twice = wascan(
        None,
        dir.path(),
        &["merge", paths[busy], paths[busy], "-o", "x.json"],
    );
    assert_eq!(twice.status.code(), Some(2));
    assert!(
        stderr(&twice).contains("in more than one result"),
        "{}",
        stderr(&twice)
    );
    let other = dir.path().join("other");
    let output = wascan(
        Some(organization()),
        dir.path(),
        &[
            "scan",
            "--accounts",
            ACCOUNT_ID,
            "--regions",
            "us-east-1",
            "--checks",
            "s3_bucket_versioning",
            "--output-dir",
            other.to_str().expect("utf-8"),
            "--quiet",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let other_file = result_file(&other);
    let mixed = wascan(
        None,
        dir.path(),
        &[
            "merge",
            paths[1],
            other_file.to_str().expect("utf-8"),
            "-o",
            "x.json",
        ],
    );
    assert_eq!(mixed.status.code(), Some(2));
    assert!(
        stderr(&mixed).contains("different check selection"),
        "{}",
        stderr(&mixed)
    );
    assert!(!dir.path().join("x.json").exists());
}

#[test]
fn a_role_that_requires_an_external_id_is_assumed_only_with_it() {
    let dir = workdir();
    let org = json(&scan(dir.path(), &["--org"]));
    let prod = id_of(account_named(&org, "prod")).to_string();
    let with = |external_id: Option<&str>| {
        let mut args = vec!["--accounts", prod.as_str(), "--role-name", "WascanAudit"];
        if let Some(id) = external_id {
            args.extend(["--external-id", id]);
        }
        json(&scan(dir.path(), &args))
    };
    let right = with(Some("wascan-e2e"));
    assert_eq!(right["accounts"][0]["access_error"], Value::Null);
    assert_eq!(findings_of(&right, &prod), findings_of(&org, &prod));
    for wrong in [Some("guess"), None] {
        let result = with(wrong);
        let error = result["accounts"][0]["access_error"]
            .as_str()
            .unwrap_or_default();
        assert!(
            error.contains("role/WascanAudit") && error.contains("access denied"),
            "{wrong:?}: {error}"
        );
    }
}

/// `--max-rps` bounds the whole organisation scan, not each account: the accounts draw from one
/// ceiling (AWS's own limits are per account; the user's ceiling is for the scan).
#[test]
fn max_rps_bounds_an_org_scan_across_its_accounts() {
    let dir = workdir();
    let started = std::time::Instant::now();
    let output = scan(dir.path(), &["--org", "--max-rps", "10"]);
    let elapsed = started.elapsed().as_secs_f64();
    let result = json(&output);
    // The organisation listing, the role assumptions and the identity calls come before the
    // collectors' budget; every other call is under the ceiling (burst 1: n calls take at least
    // (n - 1) / 10 s).
    let budgeted: u64 = result["api_calls"]["by_operation"]
        .as_object()
        .expect("calls by operation")
        .iter()
        .filter(|(operation, _)| {
            !operation.starts_with("sts:") && !operation.starts_with("organizations:")
        })
        .filter_map(|(_, count)| count.as_u64())
        .sum();
    assert!(budgeted > 20, "too few calls to measure a rate: {budgeted}");
    let rate = (budgeted - 1) as f64 / elapsed;
    assert!(
        rate <= 10.0,
        "{budgeted} calls in {elapsed:.2} s = {rate:.2} calls/s, above --max-rps 10 for the org"
    );
}
