//! Scheduled audits: comparing with a baseline (`diff`, `scan --baseline`, `--new-only`) and
//! suppressions from `wascan.toml`, against the demo account.

use serde_json::Value;

use crate::harness::*;

const REGIONS: &str = "us-east-1,eu-west-1";

fn finding_mut<'a>(result: &'a mut Value, check: &str, status: &str) -> &'a mut Value {
    result["findings"]
        .as_array_mut()
        .expect("findings")
        .iter_mut()
        .find(|f| f["check_id"] == check && f["status"] == status)
        .unwrap_or_else(|| panic!("a {status} {check} finding"))
}

fn ids(entries: &Value) -> Vec<String> {
    entries
        .as_array()
        .expect("a list")
        .iter()
        .map(|e| e["finding_id"].as_str().unwrap_or("?").to_string())
        .collect()
}

#[test]
fn a_baseline_diff_reports_new_resolved_and_persisting_failures() {
    let dir = workdir();
    let first = wascan(
        Some(demo_account()),
        dir.path(),
        &["scan", "--regions", REGIONS, "--json", "--no-output"],
    );
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let current = json(&first);
    std::fs::write(dir.path().join("current.json"), current.to_string()).expect("write");
    let failed = current["scores"]["overall"]["failed"]
        .as_u64()
        .expect("count");

    // The baseline: the root MFA failure was passing then (so it is new now), and a bucket's
    // passing versioning was failing then (so it is resolved now).
    let mut baseline = current.clone();
    let root_mfa = finding_mut(&mut baseline, "iam_root_mfa", "fail");
    root_mfa["status"] = "pass".into();
    let new_id = root_mfa["finding_id"].clone();
    let versioning = finding_mut(&mut baseline, "s3_bucket_versioning", "pass");
    versioning["status"] = "fail".into();
    let resolved_id = versioning["finding_id"].clone();
    std::fs::write(dir.path().join("baseline.json"), baseline.to_string()).expect("write");

    let diff = wascan(
        None,
        dir.path(),
        &["diff", "baseline.json", "current.json", "--json"],
    );
    assert_eq!(diff.status.code(), Some(0), "{}", stderr(&diff));
    let diff = json(&diff);
    assert_eq!(ids(&diff["new"]), [new_id.as_str().expect("id")]);
    assert_eq!(ids(&diff["resolved"]), [resolved_id.as_str().expect("id")]);
    assert_eq!(
        diff["persisting"].as_array().map(Vec::len),
        Some(failed as usize - 1)
    );
    assert_eq!(diff["unverified"], serde_json::json!([]));
    assert_eq!(diff["scores"][0]["scope"], "overall");

    // The table, and a gate on new critical failures.
    let table = wascan(
        None,
        dir.path(),
        &[
            "diff",
            "baseline.json",
            "current.json",
            "--fail-on",
            "critical",
        ],
    );
    assert_eq!(table.status.code(), Some(1), "{}", stderr(&table));
    let text = stdout(&table);
    for expected in [
        "1 new, 1 resolved",
        "New failures (1)",
        "iam_root_mfa",
        "Resolved (1)",
        "s3_bucket_versioning",
        "overall",
        "security",
    ] {
        assert!(text.contains(expected), "lacks `{expected}`:\n{text}");
    }

    // The same through `scan --baseline`: the diff is in the result, and --new-only gates on
    // the new failure only.
    let scan = wascan(
        Some(demo_account()),
        dir.path(),
        &[
            "scan",
            "--regions",
            REGIONS,
            "--json",
            "--no-output",
            "--baseline",
            "baseline.json",
            "--new-only",
            "--fail-on",
            "critical",
        ],
    );
    assert_eq!(scan.status.code(), Some(1), "{}", stderr(&scan));
    let result = json(&scan);
    assert_eq!(ids(&result["diff"]["new"]), [new_id.as_str().expect("id")]);
    assert_eq!(
        ids(&result["diff"]["resolved"]),
        [resolved_id.as_str().expect("id")]
    );

    // Against an unchanged baseline nothing is new: the critical failures persist, and only a
    // gate without --new-only trips on them.
    let args = [
        "scan",
        "--regions",
        REGIONS,
        "--no-output",
        "--baseline",
        "current.json",
        "--fail-on",
        "critical",
    ];
    let unchanged = wascan(
        Some(demo_account()),
        dir.path(),
        &[&args[..], &["--new-only"]].concat(),
    );
    assert_eq!(unchanged.status.code(), Some(0), "{}", stderr(&unchanged));
    assert!(stdout(&unchanged).contains("0 new, 0 resolved"));
    let gate_all = wascan(Some(demo_account()), dir.path(), &args);
    assert_eq!(gate_all.status.code(), Some(1), "{}", stderr(&gate_all));
}

#[test]
fn a_bad_baseline_is_a_usage_error_naming_the_file() {
    let dir = workdir();
    std::fs::write(dir.path().join("snapshot.json"), "{\"schema_version\": 3}").expect("write");
    for (args, expected) in [
        (&["diff", "nope.json", "nope.json"][..], "nope.json: "),
        (
            &["evaluate", "x.json", "--baseline", "snapshot.json"][..],
            "snapshot.json: scan result schema_version 3 is not supported",
        ),
        (
            &["scan", "--regions", REGIONS, "--baseline", "gone.json"][..],
            "gone.json: ",
        ),
    ] {
        let output = wascan(Some(demo_account()), dir.path(), args);
        assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
        assert!(stderr(&output).contains(expected), "{}", stderr(&output));
    }
}

const SUPPRESSIONS: &str = r#"[checks]
owner_tag = "owner"

[[suppressions]]
check = "iam_root_mfa"
account = "123456789012"
reason = "break-glass root, MFA in the safe"

[[suppressions]]
check = "s3_bucket_public_access"
region = "eu-west-1"
resource = "arn:aws:s3:::wascan-demo-public-*"
reason = "static website assets"
expires = "2999-12-31"

[[suppressions]]
check = "ec2_ebs_volume_encrypted"
tag = "Name=scratch"
reason = "scratch data only"

[[suppressions]]
check = "ec2_vpc_flow_logs"
reason = "was accepted until 2020"
expires = "2020-01-01"

[[suppressions]]
check = "s3_bucket_versioning"
resource = "arn:aws:s3:::no-such-bucket-*"
reason = "stale"

[[suppressions]]
check = "ec2_security_group_database_ports_open"
reason = "cache behind a firewall appliance"

[[suppressions]]
check = "iam_role_trust_public"
reason = "partner role, external id agreed"

[[suppressions]]
check = "opensearch_domain_policy_public"
reason = "log domain being retired"
"#;

#[test]
fn suppressions_mark_findings_and_leave_them_out_of_the_gate() {
    let dir = workdir();
    std::fs::write(dir.path().join("wascan.toml"), SUPPRESSIONS).expect("write");
    let output = wascan(
        Some(demo_account()),
        dir.path(),
        &[
            "scan",
            "--regions",
            REGIONS,
            "--json",
            "--no-output",
            "--fail-on",
            "critical",
        ],
    );
    // Every critical failure of the demo account is suppressed.
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let result = json(&output);
    let mut suppressed: Vec<(String, String)> = result["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| !f["suppressed"].is_null())
        .map(|f| {
            (
                f["check_id"].as_str().unwrap_or("?").to_string(),
                f["suppressed"]["reason"]
                    .as_str()
                    .unwrap_or("?")
                    .to_string(),
            )
        })
        .collect();
    suppressed.sort();
    assert_eq!(
        suppressed,
        [
            (
                "ec2_ebs_volume_encrypted".to_string(),
                "scratch data only".to_string()
            ),
            (
                "ec2_security_group_database_ports_open".to_string(),
                "cache behind a firewall appliance".to_string()
            ),
            (
                "iam_role_trust_public".to_string(),
                "partner role, external id agreed".to_string()
            ),
            (
                "iam_root_mfa".to_string(),
                "break-glass root, MFA in the safe".to_string()
            ),
            (
                "opensearch_domain_policy_public".to_string(),
                "log domain being retired".to_string()
            ),
            (
                "s3_bucket_public_access".to_string(),
                "static website assets".to_string()
            ),
        ]
    );
    // The expired suppression no longer applies; the flow-log failures count again.
    assert!(result["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .any(|f| f["check_id"] == "ec2_vpc_flow_logs"
            && f["status"] == "fail"
            && f["suppressed"].is_null()));
    let warnings: Vec<(String, String)> = result["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .map(|w| {
            (
                w["kind"].as_str().unwrap_or("?").to_string(),
                w["source"].as_str().unwrap_or("?").to_string(),
            )
        })
        .collect();
    assert_eq!(
        warnings,
        [
            (
                "suppression_expired".to_string(),
                "wascan.toml:21".to_string()
            ),
            (
                "suppression_unused".to_string(),
                "wascan.toml:26".to_string()
            ),
        ]
    );
    let err = stderr(&output);
    assert!(err.contains("warning: wascan.toml:21"), "{err}");

    // The terminal report lists them apart, with their reason.
    let report = wascan(
        Some(demo_account()),
        dir.path(),
        &["scan", "--regions", REGIONS, "--no-output"],
    );
    let text = stdout(&report);
    assert!(text.contains("Suppressed findings (6)"), "{text}");
    assert!(
        text.contains("suppressed: static website assets (wascan.toml:9, until 2999-12-31)"),
        "{text}"
    );
}

/// The check and resource (name, else id) of each suppressed finding, sorted.
fn suppressed_findings(result: &Value) -> Vec<String> {
    let mut suppressed: Vec<String> = result["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| !f["suppressed"].is_null())
        .map(|f| {
            let resource = &f["resource"];
            let label = resource["name"].as_str().or(resource["id"].as_str());
            format!(
                "{} {}",
                f["check_id"].as_str().unwrap_or("?"),
                label.unwrap_or("?")
            )
        })
        .collect();
    suppressed.sort();
    suppressed
}

/// SQS, SNS and CloudFront answers carry no tags: the resources' tags come from the Resource
/// Groups Tagging API (one GetResources per region; CloudFront's in us-east-1, scanned or not);
/// Route 53's from its ListTagsForResources. A suppression by tag matches their findings.
#[test]
fn tag_suppressions_match_resources_whose_tags_come_from_the_tagging_api() {
    let dir = workdir();
    std::fs::write(
        dir.path().join("wascan.toml"),
        "[[suppressions]]\ncheck = \"*\"\ntag = \"lifecycle=retiring\"\nreason = \"retired in Q1\"\n",
    )
    .expect("write");
    let scan = |regions: &str, services: &str| {
        let output = wascan(
            Some(demo_account()),
            dir.path(),
            &[
                "scan",
                "--regions",
                regions,
                "--services",
                services,
                "--json",
                "--no-output",
            ],
        );
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        json(&output)
    };
    let tagging_calls = |result: &Value| {
        result["api_calls"]["by_operation"]["resourcegroupstaggingapi:GetResources"].as_u64()
    };

    let result = scan(REGIONS, "sqs,sns,cloudfront,route53");
    let retiring = [
        "cloudfront_access_logging downloads.legacy.example.com",
        "cloudfront_compression downloads.legacy.example.com",
        "cloudfront_http2 downloads.legacy.example.com",
        "cloudfront_origin_https downloads.legacy.example.com",
        "cloudfront_viewer_https downloads.legacy.example.com",
        "cloudfront_viewer_tls_policy downloads.legacy.example.com",
        "cloudfront_waf downloads.legacy.example.com",
        "route53_failover_health_checked legacy.example.com.",
        "route53_query_logging legacy.example.com.",
        "sns_topic_encrypted legacy-notifications",
        "sns_topic_policy_public legacy-notifications",
        "sns_topic_subscribed legacy-notifications",
        "sqs_queue_dead_letter_queue legacy-events",
        "sqs_queue_encrypted legacy-events",
        "sqs_queue_long_polling legacy-events",
        "sqs_queue_policy_public legacy-events",
    ];
    assert_eq!(suppressed_findings(&result), retiring);
    // The tags are in the result too, on those resources only.
    for finding in result["findings"].as_array().expect("findings") {
        let tagged = finding["resource"]["tags"]["lifecycle"] == "retiring";
        assert_eq!(tagged, !finding["suppressed"].is_null(), "{finding}");
    }
    assert_eq!(tagging_calls(&result), Some(2), "one page per region");

    // Scanning eu-west-1 only, CloudFront's tags are still read, in us-east-1.
    let result = scan("eu-west-1", "cloudfront");
    assert_eq!(suppressed_findings(&result), retiring[..7]);
    assert_eq!(tagging_calls(&result), Some(1));

    // A scan of services that read their own tags makes no tagging call.
    let result = scan(REGIONS, "ec2");
    assert_eq!(tagging_calls(&result), None, "{}", result["api_calls"]);
}

#[test]
fn a_bad_suppressions_file_lists_every_problem_with_its_line() {
    let dir = workdir();
    std::fs::write(
        dir.path().join("team.toml"),
        "[[suppressions]]\ncheck = \"s3_bucket_versionning\"\nreason = \"typo\"\n\n[[suppressions]]\ncheck = \"iam_root_mfa\"\n",
    )
    .expect("write");
    let output = wascan(
        None,
        dir.path(),
        &["evaluate", "snapshot.json", "--suppressions", "team.toml"],
    );
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{err}");
    for expected in [
        "team.toml: 2 problems",
        "line 2: unknown check id `s3_bucket_versionning`",
        "line 5: suppression has no `reason`",
    ] {
        assert!(err.contains(expected), "lacks `{expected}`:\n{err}");
    }
}

#[test]
fn every_format_is_written_into_the_output_dir() {
    let dir = workdir();
    let output = wascan(
        Some(demo_account()),
        dir.path(),
        &[
            "scan",
            "--regions",
            REGIONS,
            "--format",
            "json,csv,sarif,ocsf,asff",
            "--output-dir",
            "reports",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("reports"))
        .expect("the output directory")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 5, "{names:?}");
    let base = names[0]
        .strip_suffix(".asff.json")
        .expect("sorted: .asff.json first");
    for ext in [".asff.json", ".csv", ".json", ".ocsf.json", ".sarif"] {
        assert!(names.contains(&format!("{base}{ext}")), "{names:?}");
    }
    let sarif: Value = serde_json::from_slice(
        &std::fs::read(dir.path().join("reports").join(format!("{base}.sarif"))).expect("read"),
    )
    .expect("JSON");
    let result: Value = serde_json::from_slice(
        &std::fs::read(dir.path().join("reports").join(format!("{base}.json"))).expect("read"),
    )
    .expect("JSON");
    // SARIF lists the failures and, as notes, the practices with no evidence found.
    let overall = &result["scores"]["overall"];
    assert_eq!(
        sarif["runs"][0]["results"].as_array().map(Vec::len),
        overall["failed"]
            .as_u64()
            .zip(Some(overall["no_evidence"].as_u64().unwrap_or(0)))
            .map(|(failed, none)| (failed + none) as usize)
    );
    let csv = std::fs::read_to_string(dir.path().join("reports").join(format!("{base}.csv")))
        .expect("read");
    assert_eq!(
        csv.lines().count(),
        1 + result["findings"].as_array().map_or(0, Vec::len)
    );
}

#[test]
fn a_real_scan_result_validates_against_the_published_schema() {
    let schema: Value = serde_json::from_str(include_str!("../../docs/scan-result.schema.json"))
        .expect("the schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");

    // With suppressions, warnings and a baseline diff, so the optional parts are there too.
    let dir = workdir();
    std::fs::write(dir.path().join("wascan.toml"), SUPPRESSIONS).expect("write");
    let first = wascan(
        Some(demo_account()),
        dir.path(),
        &["scan", "--regions", REGIONS, "--json", "--no-output"],
    );
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    std::fs::write(dir.path().join("baseline.json"), &first.stdout).expect("write");
    let output = wascan(
        Some(demo_account()),
        dir.path(),
        &[
            "scan",
            "--regions",
            REGIONS,
            "--json",
            "--no-output",
            "--baseline",
            "baseline.json",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let result = json(&output);
    assert!(!result["diff"].is_null() && !result["warnings"].is_null());
    assert!(result["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .any(|f| !f["suppressed"].is_null() && !f["resource"]["tags"].is_null()));

    let errors: Vec<String> = validator
        .iter_errors(&result)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    // And the schema is not vacuous: a wrong type is caught.
    let mut broken = result.clone();
    broken["findings"][0]["status"] = "maybe".into();
    assert!(!validator.is_valid(&broken));
}

#[test]
fn the_policy_covers_every_operation_a_scan_calls() {
    let dir = workdir();
    let scan = wascan(
        Some(demo_account()),
        dir.path(),
        &["scan", "--regions", REGIONS, "--json", "--no-output"],
    );
    assert_eq!(scan.status.code(), Some(0), "{}", stderr(&scan));
    let result = json(&scan);
    let policy = wascan(None, dir.path(), &["policy"]);
    assert_eq!(policy.status.code(), Some(0), "{}", stderr(&policy));
    let policy = json(&policy);
    assert_eq!(policy["Version"], "2012-10-17");
    let allowed: Vec<&str> = policy["Statement"][0]["Action"]
        .as_array()
        .expect("actions")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let operations = result["api_calls"]["by_operation"]
        .as_object()
        .expect("calls");
    assert!(operations.len() > 20);
    for operation in operations.keys() {
        let action = wascan::permissions::action_for(operation)
            .unwrap_or_else(|| panic!("{operation} has no IAM action in src/permissions.rs"));
        assert!(allowed.contains(&action), "{action} not in the policy");
    }

    // A narrower selection gives a narrower policy.
    let s3 = wascan(None, dir.path(), &["policy", "--services", "s3"]);
    let s3 = json(&s3);
    let actions = s3["Statement"][0]["Action"].as_array().expect("actions");
    assert!(actions
        .iter()
        .all(|a| a.as_str().is_some_and(|a| a.starts_with("s3:")
            || a == "sts:GetCallerIdentity"
            || a == "ec2:DescribeRegions")));
}

#[test]
fn quiet_and_json_logs_keep_stderr_for_machines() {
    let dir = workdir();
    std::fs::write(dir.path().join("wascan.toml"), SUPPRESSIONS).expect("write");
    let args = ["scan", "--regions", REGIONS, "--output-dir", "out"];

    // JSON lines on stderr: the two suppression warnings and the file written.
    let logged = wascan(
        Some(demo_account()),
        dir.path(),
        &[&args[..], &["--log-format", "json"]].concat(),
    );
    assert_eq!(logged.status.code(), Some(0), "{}", stderr(&logged));
    let lines: Vec<Value> = stderr(&logged)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect();
    // Each call moto 5.2.5 does not serve is a warning too (listed in demo_account.rs).
    let is_gap = |l: &Value| {
        l["fields"]["message"]
            .as_str()
            .or(l["message"].as_str())
            .is_some_and(|m| m.contains(" failed ("))
    };
    assert_eq!(
        lines.iter().filter(|l| is_gap(l)).count(),
        DEMO_UNSERVED_CALLS,
        "{lines:#?}"
    );
    let levels: Vec<&str> = lines
        .iter()
        .filter(|l| !is_gap(l))
        .filter_map(|l| l["level"].as_str())
        .collect();
    assert_eq!(levels, ["WARN", "WARN", "INFO"], "{lines:#?}");
    assert!(stdout(&logged).contains("Overall score"));

    // --quiet: nothing on stderr but the failed calls (those moto 5.2.5 does not serve), no
    // report on stdout; the result file is still written.
    let quiet = wascan(
        Some(demo_account()),
        dir.path(),
        &[&args[..], &["--quiet"]].concat(),
    );
    assert_eq!(quiet.status.code(), Some(0), "{}", stderr(&quiet));
    let quiet_stderr = stderr(&quiet);
    assert!(
        quiet_stderr
            .lines()
            .all(|l| l.contains("WARN wascan::collect::calls") && l.contains(" failed (")),
        "{quiet_stderr}"
    );
    assert_eq!(
        quiet_stderr.lines().count(),
        DEMO_UNSERVED_CALLS,
        "{quiet_stderr}"
    );
    assert_eq!(stdout(&quiet), "");
    assert_eq!(
        std::fs::read_dir(dir.path().join("out"))
            .map(Iterator::count)
            .ok(),
        Some(2)
    );
    // ... but the JSON result with --json, and errors always.
    let json_quiet = wascan(
        Some(demo_account()),
        dir.path(),
        &[&args[..], &["--quiet", "--json", "--no-output"]].concat(),
    );
    assert!(json(&json_quiet)["findings"].is_array());
    let error = wascan(
        None,
        dir.path(),
        &[
            "--quiet",
            "--log-format",
            "json",
            "evaluate",
            "missing.json",
        ],
    );
    assert_eq!(error.status.code(), Some(2));
    let line: Value = serde_json::from_str(stderr(&error).trim()).expect("one JSON line");
    assert_eq!(line["level"], "ERROR");
    assert!(line["fields"]["message"]
        .as_str()
        .is_some_and(|m| m.contains("missing.json")));
}
