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

/// `scan ARGS --regions us-east-1 --checks CHECKS --json --no-output` against the organisation:
/// only the summary, on stdout.
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

/// The one scan directory under `out`.
fn scan_dir(out: &Path) -> PathBuf {
    let dirs: Vec<PathBuf> = std::fs::read_dir(out)
        .expect("output dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    assert_eq!(dirs.len(), 1, "one scan directory in {}", out.display());
    dirs[0].clone()
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(
        &std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    )
    .expect("JSON")
}

/// A scan directory read back into one value shaped like a whole result: the summary's accounts
/// (each with `scores.overall`), every account's findings, the organisation's scores and calls,
/// and the summary itself.
fn assembled(scan_dir: &Path) -> Value {
    let summary = read_json(&scan_dir.join("summary.json"));
    let mut findings = Vec::new();
    let mut accounts = Vec::new();
    for account in summary["accounts"].as_array().expect("accounts") {
        let file = scan_dir.join(account["file"].as_str().expect("file"));
        let result = read_json(&file);
        findings.extend(
            result["findings"]
                .as_array()
                .expect("findings")
                .iter()
                .cloned(),
        );
        let mut account = account.clone();
        account["scores"] = serde_json::json!({"overall": account["score"]});
        accounts.push(account);
    }
    serde_json::json!({
        "accounts": accounts,
        "findings": findings,
        "scores": summary["scores"],
        "api_calls": summary["api_calls"],
        "summary": summary,
        "dir": scan_dir.to_str().expect("utf-8"),
    })
}

/// `scan ARGS --regions us-east-1 --checks CHECKS --json` into a new output directory under
/// `dir`: the output and the scan directory read back ([`assembled`]).
fn scan_org(dir: &Path, args: &[&str]) -> (std::process::Output, Value) {
    static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let run = RUNS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let out = dir.join(format!("out-{run}"));
    let out_arg = out.to_str().expect("utf-8").to_string();
    let mut all = vec![
        "scan",
        "--regions",
        "us-east-1",
        "--checks",
        CHECKS,
        "--json",
        "--output-dir",
        &out_arg,
    ];
    all.extend_from_slice(args);
    let output = wascan(Some(organization()), dir, &all);
    assert!(
        matches!(output.status.code(), Some(0 | 1 | 3)),
        "{}",
        stderr(&output)
    );
    let result = assembled(&scan_dir(&out));
    assert_eq!(
        json(&output),
        result["summary"],
        "--json prints the summary"
    );
    (output, result)
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
    let (output, result) = scan_org(dir.path(), &["--org"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));

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
    let (output, all) = scan_org(dir.path(), &["--org"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("scanning 4 accounts (4 at once)"),
        "{}",
        stderr(&output)
    );
    let (output, one) = scan_org(dir.path(), &["--org", "--accounts-at-once", "1"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("scanning 4 accounts (1 at once)"),
        "{}",
        stderr(&output)
    );
    assert_eq!(all["scores"], one["scores"]);
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
        let result = scan_org(dir.path(), &["--org"]).1;
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
    // The organisation page ranks the accounts and links each account's own report.
    let scan_dir = scan_dir(&dir.path().join("out"));
    let page = std::fs::read_to_string(scan_dir.join("index.html")).expect("an organisation page");
    assert!(page.contains("id=\"account-scores\""));
    assert!(page.contains("legacy"));
    let summary = read_json(&scan_dir.join("summary.json"));
    for account in summary["accounts"].as_array().expect("accounts") {
        let id = id_of(account);
        assert!(
            page.contains(&format!("href=\"accounts/{id}.html\"")),
            "{id}"
        );
        let own = std::fs::read_to_string(scan_dir.join(format!("accounts/{id}.html")))
            .expect("an account page");
        assert!(own.contains(id));
    }
}

#[test]
fn explicit_account_lists_come_from_a_file_and_bad_ids_exit_2_naming_the_line() {
    let dir = workdir();
    let org = scan_org(dir.path(), &["--org"]).1;
    let prod = id_of(account_named(&org, "prod")).to_string();
    let dev = id_of(account_named(&org, "dev")).to_string();
    let file = dir.path().join("accounts.txt");
    std::fs::write(&file, format!("# members\n{prod}  # prod\n\n{dev}\n")).expect("written");
    let (output, result) = scan_org(dir.path(), &["--accounts", "@accounts.txt"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
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

/// `scan --org --shard K/N` for each K into `shard-K/`, each written as a scan directory.
fn scan_shards(dir: &Path, count: u32, checks: &str) -> Vec<PathBuf> {
    (0..count)
        .map(|index| {
            let out = format!("shard-{index}");
            let output = wascan(
                Some(organization()),
                dir,
                &[
                    "scan",
                    "--org",
                    "--shard",
                    &format!("{index}/{count}"),
                    "--regions",
                    "us-east-1",
                    "--checks",
                    checks,
                    "--format",
                    "json,csv",
                    "--output-dir",
                    &out,
                    "--quiet",
                ],
            );
            assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
            scan_dir(&dir.join(out))
        })
        .collect()
}

/// Shards streamed into scan directories merge, with no finding loaded, into the summary one
/// unsharded scan writes: the same accounts, the same organisation and account scores, and every
/// account's files.
#[test]
fn shards_cover_every_account_once_and_merge_into_the_whole_scan() {
    let dir = workdir();
    let whole = scan_org(dir.path(), &["--org"]).1;
    let shard_dirs = scan_shards(dir.path(), 3, CHECKS);
    let paths: Vec<&str> = shard_dirs
        .iter()
        .map(|p| p.to_str().expect("utf-8 path"))
        .collect();
    let mut merge_args = vec!["merge"];
    merge_args.extend(&paths);
    merge_args.extend(["-o", "merged"]);
    let merged = wascan(None, dir.path(), &merge_args);
    assert_eq!(merged.status.code(), Some(0), "{}", stderr(&merged));
    let merged = assembled(&dir.path().join("merged"));

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
        let mut ids: Vec<String> = result["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| f["finding_id"].as_str().unwrap_or("?").to_string())
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(finding_ids(&merged), finding_ids(&whole));
    assert_eq!(
        merged["scores"], whole["scores"],
        "the organisation's scores"
    );
    for key in ["findings", "failed", "suppressed", "errors"] {
        assert_eq!(merged["summary"][key], whole["summary"][key], "{key}");
    }
    for (merged_account, whole_account) in merged["accounts"]
        .as_array()
        .expect("accounts")
        .iter()
        .zip(whole["accounts"].as_array().expect("accounts"))
    {
        for key in [
            "score",
            "pillars",
            "failed",
            "findings",
            "access_error",
            "name",
        ] {
            assert_eq!(merged_account[key], whole_account[key], "{key}");
        }
        // The other formats came along.
        let id = id_of(merged_account);
        assert!(dir
            .path()
            .join(format!("merged/accounts/{id}.csv"))
            .is_file());
    }

    // The same shard twice overlaps (a shard with an account in it: member ids are random, so a
    // shard can be empty); a scan of other checks does not belong.
    let busy = shard_dirs
        .iter()
        .position(|path| {
            !read_json(&path.join("summary.json"))["accounts"]
                .as_array()
                .expect("accounts")
                .is_empty()
        })
        .expect("a shard with an account");
    let twice = wascan(
        None,
        dir.path(),
        &["merge", paths[busy], paths[busy], "-o", "x"],
    );
    assert_eq!(twice.status.code(), Some(2));
    assert!(
        stderr(&twice).contains("in more than one result"),
        "{}",
        stderr(&twice)
    );
    let other = dir.path().join("other");
    std::fs::create_dir(&other).expect("dir");
    let other_dirs = scan_shards(&other, 1, "s3_bucket_versioning");
    let mixed = wascan(
        None,
        dir.path(),
        &[
            "merge",
            paths[1],
            other_dirs[0].to_str().expect("utf-8"),
            "-o",
            "x",
        ],
    );
    assert_eq!(mixed.status.code(), Some(2));
    assert!(
        stderr(&mixed).contains("different check selection"),
        "{}",
        stderr(&mixed)
    );
    assert!(!dir.path().join("x").join("summary.json").exists());

    // A diff of two scan directories goes account by account: nothing changed.
    let diff = wascan(
        None,
        dir.path(),
        &[
            "diff",
            whole["dir"].as_str().expect("dir"),
            "merged",
            "--json",
            "--fail-on",
            "low",
        ],
    );
    assert_eq!(diff.status.code(), Some(0), "{}", stderr(&diff));
    let diff = json(&diff);
    assert_eq!(diff["totals"]["new"], 0);
    assert_eq!(diff["accounts"].as_array().expect("accounts").len(), 4);
}

#[test]
fn a_role_that_requires_an_external_id_is_assumed_only_with_it() {
    let dir = workdir();
    let org = scan_org(dir.path(), &["--org"]).1;
    let prod = id_of(account_named(&org, "prod")).to_string();
    let with = |external_id: Option<&str>| {
        let mut args = vec!["--accounts", prod.as_str(), "--role-name", "WascanAudit"];
        if let Some(id) = external_id {
            args.extend(["--external-id", id]);
        }
        scan_org(dir.path(), &args).1
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

/// An organisation scan stopped midway (SIGINT, or killed outright) keeps the accounts it
/// finished, each whole, and no summary; `--resume` scans only the others and writes the summary
/// an uninterrupted scan writes.
#[test]
fn an_interrupted_org_scan_resumes_to_the_summary_of_an_uninterrupted_one() {
    use crate::proxy::{Fault, Proxy, Rule};
    use std::process::Stdio;
    use std::time::{Duration, Instant};

    let dir = workdir();
    let whole = scan_org(dir.path(), &["--org"]).1;
    for signal in ["INT", "KILL"] {
        // S3's ListBuckets answers the first account that asks, then hangs: one account at a
        // time, the scan stops in the middle of the organisation.
        let proxy = Proxy::start(
            organization().endpoint(),
            vec![Rule::new("s3", "ListBuckets", Fault::Hang).after(1)],
        )
        .expect("the proxy starts");
        let out = dir.path().join(format!("stopped-{signal}"));
        let mut command = wascan_command(
            Some(organization()),
            dir.path(),
            &[
                "scan",
                "--org",
                "--regions",
                "us-east-1",
                "--checks",
                CHECKS,
                "--accounts-at-once",
                "1",
                "--output-dir",
                out.to_str().expect("utf-8"),
            ],
        );
        command
            .env("AWS_ENDPOINT_URL", proxy.endpoint())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let child = command.spawn().expect("wascan starts");
        let started = Instant::now();
        while proxy
            .seen()
            .iter()
            .filter(|r| r.operation == "ListBuckets")
            .count()
            < 2
        {
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "the scan never reached a second account"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        std::thread::sleep(Duration::from_millis(300));
        let status = std::process::Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success());
        let output = child.wait_with_output().expect("wascan ends");
        if signal == "INT" {
            assert_eq!(output.status.code(), Some(130), "{}", stderr(&output));
            assert!(stderr(&output).contains("--resume"), "{}", stderr(&output));
        }
        drop(proxy);
        let stopped = scan_dir(&out);
        assert!(!stopped.join("summary.json").exists(), "no summary yet");
        let written = std::fs::read_dir(stopped.join("accounts"))
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
                    .count()
            })
            .unwrap_or(0);
        assert!(written < 4, "{signal}: stopped after every account");
        // A half-finished scan is not a baseline or a shard yet, and says how to finish it.
        let early = wascan(
            None,
            dir.path(),
            &["merge", stopped.to_str().expect("utf-8"), "-o", "early"],
        );
        assert_eq!(early.status.code(), Some(2));
        assert!(stderr(&early).contains("--resume"), "{}", stderr(&early));

        let resumed = wascan(
            Some(organization()),
            dir.path(),
            &[
                "scan",
                "--resume",
                stopped.to_str().expect("utf-8"),
                "--json",
            ],
        );
        assert_eq!(resumed.status.code(), Some(0), "{}", stderr(&resumed));
        if written > 0 {
            assert!(
                stderr(&resumed).contains(&format!("resuming: {written} of 4 accounts")),
                "{}",
                stderr(&resumed)
            );
        }
        let resumed = assembled(&stopped);
        assert_eq!(resumed["scores"], whole["scores"], "{signal}");
        for key in ["findings", "failed", "suppressed", "errors", "selection"] {
            assert_eq!(
                resumed["summary"][key], whole["summary"][key],
                "{signal}: {key}"
            );
        }
        let accounts = |result: &Value| -> Vec<Value> {
            result["accounts"]
                .as_array()
                .expect("accounts")
                .iter()
                .map(|a| {
                    serde_json::json!([
                        a["account_id"],
                        a["name"],
                        a["score"],
                        a["pillars"],
                        a["failed"],
                        a["findings"],
                        a["access_error"],
                        a["regions"]
                    ])
                })
                .collect()
        };
        assert_eq!(accounts(&resumed), accounts(&whole), "{signal}");
    }
}

/// `--shard auto` takes the index from the scheduler's environment and the count from
/// `--shard-count` or the environment; without them it says what it looked for.
#[test]
fn shard_auto_reads_the_schedulers_environment() {
    let dir = workdir();
    let run = |env: &[(&str, &str)], extra: &[&str]| {
        let mut args = vec![
            "scan",
            "--org",
            "--shard",
            "auto",
            "--regions",
            "us-east-1",
            "--checks",
            CHECKS,
            "--json",
            "--no-output",
        ];
        args.extend_from_slice(extra);
        let mut command = wascan_command(Some(organization()), dir.path(), &args);
        for (key, value) in env {
            command.env(key, value);
        }
        command.output().expect("wascan runs")
    };
    let mut covered = 0;
    for index in 0..2 {
        let index = index.to_string();
        let k8s = run(&[("JOB_COMPLETION_INDEX", &index)], &["--shard-count", "2"]);
        assert_eq!(k8s.status.code(), Some(0), "{}", stderr(&k8s));
        assert!(
            stderr(&k8s).contains(&format!("shard {index}/2")),
            "{}",
            stderr(&k8s)
        );
        let batch = run(
            &[
                ("AWS_BATCH_JOB_ARRAY_INDEX", &index),
                ("AWS_BATCH_JOB_ARRAY_SIZE", "2"),
            ],
            &[],
        );
        assert_eq!(batch.status.code(), Some(0), "{}", stderr(&batch));
        let (k8s, batch) = (json(&k8s), json(&batch));
        assert_eq!(k8s["accounts"], batch["accounts"]);
        assert_eq!(k8s["shard"]["index"].as_u64(), index.parse().ok());
        covered += k8s["accounts"].as_array().expect("accounts").len();
    }
    assert_eq!(covered, 4, "the two shards cover the organisation");
    let no_index = run(&[], &["--shard-count", "2"]);
    assert_eq!(no_index.status.code(), Some(2));
    assert!(
        stderr(&no_index).contains("JOB_COMPLETION_INDEX"),
        "{}",
        stderr(&no_index)
    );
    let no_count = run(&[("JOB_COMPLETION_INDEX", "1")], &[]);
    assert_eq!(no_count.status.code(), Some(2));
    assert!(
        stderr(&no_count).contains("--shard-count"),
        "{}",
        stderr(&no_count)
    );
}

/// `wascan review` of an organisation scan directory: one account's findings, or a group's,
/// without reading the other accounts' results. Applied with --create-workload, the workload
/// spans the group's accounts.
#[test]
fn an_org_scan_directory_is_reviewed_one_account_or_a_group_at_a_time() {
    use wascan::review::fake::{WaFake, WaFakeOptions};

    let dir = workdir();
    let (_, result) = scan_org(dir.path(), &["--org"]);
    let scan_dir = result["dir"].as_str().expect("dir").to_string();
    let prod = id_of(account_named(&result, "prod")).to_string();
    let dev = id_of(account_named(&result, "dev")).to_string();
    let fake = WaFake::start(&WaFakeOptions::default()).expect("the fake starts");
    let review = |args: &[&str]| {
        let mut command = wascan_command(Some(organization()), dir.path(), &["review"]);
        command.args(args).args(["--scan", &scan_dir]).envs(fake.env());
        command.output().expect("wascan runs")
    };

    // Several accounts and none named: which one is the workload's?
    let none = review(&["plan", "--workload", "shop-prod"]);
    assert_eq!(none.status.code(), Some(2), "{}", stderr(&none));
    assert!(stderr(&none).contains("--account"), "{}", stderr(&none));
    let unknown = review(&["plan", "--workload", "shop-prod", "--account", "999999999999"]);
    assert_eq!(unknown.status.code(), Some(2), "{}", stderr(&unknown));
    assert!(stderr(&unknown).contains("999999999999"), "{}", stderr(&unknown));

    // One account: its findings only.
    let one = review(&[
        "plan",
        "--workload",
        "shop-prod",
        "--account",
        &prod,
        "--create-workload",
        "--review-owner",
        "platform-team",
    ]);
    assert_eq!(one.status.code(), Some(0), "{}", stderr(&one));
    assert!(
        stdout(&one).contains(&format!("account {prod}")),
        "{}",
        stdout(&one)
    );
    assert!(!stdout(&one).contains(&dev), "{}", stdout(&one));

    // A group of accounts: one workload over both, created with both account ids.
    let group = review(&[
        "apply",
        "--workload",
        "shop",
        "--account",
        &prod,
        "--account",
        &dev,
        "--create-workload",
        "--review-owner",
        "platform-team",
    ]);
    assert_eq!(group.status.code(), Some(0), "{}", stderr(&group));
    let state = fake.state().expect("the fake's state");
    let workload = state["workloads"]
        .as_object()
        .expect("workloads")
        .values()
        .find(|w| w["WorkloadName"] == "shop")
        .expect("the workload was created");
    let mut ids: Vec<&str> = workload["AccountIds"]
        .as_array()
        .expect("AccountIds")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    ids.sort_unstable();
    let mut expected = vec![prod.as_str(), dev.as_str()];
    expected.sort_unstable();
    assert_eq!(ids, expected);
}
