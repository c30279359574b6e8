//! The tool's own safety: outputs readable by their owner only, credentials never written
//! anywhere, and only read-only AWS operations.

use std::path::{Path, PathBuf};

use wascan::permissions;
use wascan_checks::model::Service;

use crate::harness::*;
use crate::proxy::Proxy;

/// Every file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(next) = pending.pop() {
        for entry in std::fs::read_dir(&next).expect("readable directory") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}

const CANARY_KEY_ID: &str = "AKIAWASCANCANARY7Q3X";
const CANARY_SECRET: &str = "wascanCanarySecret/x9Vq+T2bLk8pZr4mN7wY3hJ6eC";
const CANARY_TOKEN: &str = "IQoJwascanCanarySessionToken//////////wEaCXVzLWVhc3QtMSJHMEUCIQD";

fn with_canary_credentials(command: &mut std::process::Command) -> &mut std::process::Command {
    command
        .env("AWS_ACCESS_KEY_ID", CANARY_KEY_ID)
        .env("AWS_SECRET_ACCESS_KEY", CANARY_SECRET)
        .env("AWS_SESSION_TOKEN", CANARY_TOKEN)
}

/// Fails when `text` holds one of `secrets` (or its distinctive second half: a log line may cut
/// or escape it), showing the lines.
fn assert_no_secret(name: &str, text: &str, secrets: &[&str]) {
    for secret in secrets {
        let half = &secret[secret.len() / 2..];
        let leaks: Vec<&str> = text
            .lines()
            .filter(|line| line.contains(half))
            .take(3)
            .collect();
        assert!(
            leaks.is_empty(),
            "{name} holds a credential ({}...):\n{leaks:#?}",
            &secret[..8]
        );
    }
}

/// One scan with distinctive credentials and a session token, `-vv`, every output format and a
/// snapshot: the key id, secret and token appear in no file, stdout or stderr, and every file
/// and directory the scan created is owner-only. Then the same with the SDK's own trace logging
/// (`WASCAN_LOG=trace`): the secret and the token still never appear. (The SDK's trace of the
/// resolved identity shows the access key id, which AWS treats as an identifier, not a secret;
/// only someone who turns on the SDK's trace sees it, on their own terminal.)
#[test]
fn credentials_never_reach_outputs_and_outputs_are_owner_only() {
    let dir = workdir();
    let output = with_canary_credentials(
        wascan_command(
            Some(demo_account()),
            dir.path(),
            &[
                "-vv",
                "scan",
                "--services",
                "s3,iam,ec2,sqs",
                "--regions",
                "us-east-1",
                "--format",
                "json,csv,sarif,ocsf,asff,html",
                "--output-dir",
                "out/nested",
                "--snapshot-out",
                "snapshots/deep/snapshot.json",
            ],
        )
        .env_remove("WASCAN_LOG"),
    )
    .output()
    .expect("wascan runs");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let stderr_text = stderr(&output);
    assert!(stderr_text.contains("INFO"), "-vv logs: {stderr_text}");

    let files = files_under(dir.path());
    let written: Vec<&PathBuf> = files
        .iter()
        .filter(|p| {
            p.starts_with(dir.path().join("out")) || p.starts_with(dir.path().join("snapshots"))
        })
        .collect();
    assert_eq!(written.len(), 7, "six formats and a snapshot: {written:#?}");

    let all = [CANARY_KEY_ID, CANARY_SECRET, CANARY_TOKEN];
    assert_no_secret("stdout", &stdout(&output), &all);
    assert_no_secret("stderr", &stderr_text, &all);
    for path in &files {
        let bytes = std::fs::read(path).expect("readable output");
        assert_no_secret(
            &path.display().to_string(),
            &String::from_utf8_lossy(&bytes),
            &all,
        );
    }

    #[cfg(unix)]
    {
        for path in &written {
            assert_eq!(mode(path), 0o600, "{}", path.display());
        }
        for created in ["out", "out/nested", "snapshots", "snapshots/deep"] {
            assert_eq!(mode(&dir.path().join(created)), 0o700, "{created}");
        }
    }

    let traced = with_canary_credentials(
        wascan_command(
            Some(demo_account()),
            dir.path(),
            &[
                "scan",
                "--services",
                "s3,iam",
                "--regions",
                "us-east-1",
                "--no-output",
            ],
        )
        .env("WASCAN_LOG", "trace"),
    )
    .output()
    .expect("wascan runs");
    assert_eq!(traced.status.code(), Some(0), "{}", stderr(&traced));
    let trace = stderr(&traced);
    assert!(trace.contains("TRACE"), "the SDK traced");
    assert_no_secret("stderr (trace)", &trace, &[CANARY_SECRET, CANARY_TOKEN]);
    assert_no_secret("stdout (trace)", &stdout(&traced), &all);
}

/// Describe*, Get*, List* and the read-only exceptions the policy names.
fn is_read_only(operation: &str) -> bool {
    const READ_ONLY_EXCEPTIONS: &[&str] = &[
        // Asks IAM to build the credential report; changes nothing in the account.
        "GenerateCredentialReport",
        // AWS Budgets' read action (DescribeBudgets and DescribeNotificationsForBudget need it).
        "ViewBudget",
        // S3's HEAD of a bucket: its x-amz-bucket-region header names the region when
        // GetBucketLocation fails.
        "HeadBucket",
        // API Gateway authorises every read (an HTTP GET on a resource path) with `GET`.
        "GET",
        // Amazon Inspector reads the accounts' status in a batch.
        "BatchGetAccountStatus",
    ];
    ["Describe", "Get", "List"]
        .iter()
        .any(|prefix| operation.starts_with(prefix))
        || READ_ONLY_EXCEPTIONS.contains(&operation)
}

/// Every operation the collectors can call and every IAM action the policy grants is read-only.
#[test]
fn the_collectors_call_only_read_only_operations() {
    let all_services: std::collections::BTreeSet<Service> = Service::ALL.into_iter().collect();
    let operations = permissions::ALWAYS
        .iter()
        .chain(Service::ALL.into_iter().flat_map(permissions::for_service));
    let mut count = 0;
    for permission in operations {
        count += 1;
        let (_, operation) = permission
            .operation
            .split_once(':')
            .expect("service:Operation");
        assert!(is_read_only(operation), "{} writes", permission.operation);
        let (_, action) = permission.action.split_once(':').expect("service:Action");
        assert!(is_read_only(action), "{} writes", permission.action);
    }
    assert!(count > 50, "only {count} operations listed");
    for action in permissions::actions(&all_services) {
        let (_, name) = action.split_once(':').expect("service:Action");
        assert!(is_read_only(name), "the policy grants {action}");
    }
}

/// The whole demo scan, recorded by the proxy: every request on the wire is a read.
#[test]
fn the_demo_scan_sends_only_reads_on_the_wire() {
    let proxy = Proxy::start(demo_account().endpoint(), vec![]).expect("proxy starts");
    let dir = workdir();
    let output = wascan_via(
        &proxy,
        demo_account(),
        dir.path(),
        &[
            "scan",
            "--regions",
            "us-east-1,eu-west-1",
            "--json",
            "--no-output",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let result = json(&output);
    let seen = proxy.seen();
    assert!(seen.len() > 50, "only {} requests recorded", seen.len());
    // The proxy saw every request the call counter counted (nothing bypassed it).
    assert_eq!(
        seen.len() as u64,
        result["api_calls"]["total"].as_u64().unwrap_or(0)
    );
    for operation in proxy.operations() {
        let (service, name) = operation.split_once(':').expect("service:Operation");
        // REST services are named `METHOD /path`: only GET and HEAD read, but for the reads AWS
        // defines as a POST (the filter or ids go in the body): Route 53's
        // ListTagsForResources, Inspector's BatchGetAccountStatus and ListFindings, Security
        // Hub's GetEnabledStandards, Macie's
        // ListClassificationJobs, Detective's ListGraphs, RAM's GetResourceShares and
        // GetResourceShareAssociations, Resilience Hub's DescribeApp, Synthetics'
        // DescribeCanaries, OpenSearch's DescribeDomains, Incident Manager's ListResponsePlans
        // and ListIncidentRecords, the Well-Architected Tool's ListWorkloads and ListMilestones
        // (the proxy names an operation by the path's first two segments).
        const POST_READS: &[(&str, &str)] = &[
            ("route53", "POST /2013-04-01/tags"),
            ("inspector2", "POST /status/batch"),
            ("inspector2", "POST /findings/list"),
            ("macie2", "POST /jobs/list"),
            ("detective", "POST /graphs/list"),
            ("securityhub", "POST /standards/get"),
            ("ram", "POST /getresourceshares"),
            ("ram", "POST /getresourceshareassociations"),
            ("resiliencehub", "POST /describe-app"),
            ("synthetics", "POST /canaries"),
            ("es", "POST /2021-01-01/opensearch"),
            ("ssm-incidents", "POST /listResponsePlans"),
            ("ssm-incidents", "POST /listIncidentRecords"),
            ("ssm-incidents", "POST /listRelatedItems"),
            ("wellarchitected", "POST /workloadsSummaries"),
            ("account", "POST /getAlternateContact"),
        ];
        let read = if let Some((method, _)) = name.split_once(' ') {
            method == "GET" || method == "HEAD" || POST_READS.contains(&(service, name))
        } else {
            is_read_only(name)
        };
        assert!(read, "{service}:{name} is not a read");
    }
    for operation in result["api_calls"]["by_operation"]
        .as_object()
        .expect("by_operation")
        .keys()
    {
        let (_, name) = operation.split_once(':').expect("service:Operation");
        assert!(is_read_only(name), "{operation} counted");
    }
}

/// An account whose names, tags and descriptions hold HTML, ANSI escapes, spreadsheet formulas,
/// bidi overrides and long strings (scripts/seed_hostile.py): the terminal report carries no
/// control character, every CSV cell that a spreadsheet would run is neutralised, and the HTML
/// report holds the values only escaped. (tests/e2e/html.rs proves in Chromium that escaped
/// hostile values run nothing.)
#[test]
fn hostile_account_values_are_neutralised_in_every_report() {
    let hostile = wascan::emulator::Emulator::start(&wascan::emulator::EmulatorOptions {
        seed: "hostile".into(),
        ..Default::default()
    })
    .expect("the hostile emulator starts");
    let dir = workdir();
    let output = wascan(
        Some(&hostile),
        dir.path(),
        &[
            "scan",
            "--services",
            "ec2,secretsmanager",
            "--regions",
            "us-east-1",
            "--format",
            "csv,html",
            "--output-dir",
            "out",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));

    let report = stdout(&output);
    assert!(
        report.contains("wascan-xss"),
        "the hostile names reach the report:\n{report}"
    );
    for (number, line) in report.lines().enumerate() {
        let bad: Vec<char> = line
            .chars()
            .filter(|c| {
                c.is_control()
                    || ('\u{202a}'..='\u{202e}').contains(c)
                    || ('\u{2066}'..='\u{2069}').contains(c)
            })
            .collect();
        assert!(bad.is_empty(), "line {number} holds {bad:?}: {line:?}");
    }

    let out = dir.path().join("out");
    let files = files_under(&out);
    let csv_path = files
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "csv"))
        .expect("a CSV report");
    let mut reader = csv::Reader::from_path(csv_path).expect("readable CSV");
    let mut hostile_cells = 0;
    for record in reader.records() {
        for cell in record.expect("a CSV record").iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "formula cell {cell:?}"
            );
            if cell.starts_with("'=")
                || cell.starts_with("'@")
                || cell.starts_with("'+")
                || cell.starts_with("'-")
            {
                hostile_cells += 1;
            }
        }
    }
    assert!(hostile_cells > 0, "no hostile value reached the CSV");

    let html_path = files
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "html"))
        .expect("an HTML report");
    let html = std::fs::read_to_string(html_path).expect("readable HTML");
    assert!(
        html.contains("wascan-xss"),
        "the hostile names reach the HTML"
    );
    for raw in ["<script>alert(", "<img src=x", "\u{1b}"] {
        assert!(!html.contains(raw), "the HTML holds {raw:?} unescaped");
    }
}
