//! The fault harness (issue #14): the demo account scanned once cleanly through the proxy, then
//! through the proxy's random mode (tests/e2e/proxy.rs `start_chaos`) for several seeds, and
//! compared finding by finding (by `finding_id`). No finding that fails in the clean scan may
//! pass or vanish under faults: it may only become `not_evaluated` with a reason (or be replaced
//! by a `not_evaluated` finding of the same check for its whole region or account, when the
//! listing it came from failed). Every scan ends in bounded time with exit 0, 1 or 3.
//!
//! Settings (environment), for a longer run by hand (docs/fault-harness.md):
//! - `WASCAN_FAULT_SEEDS`: `1..4` (inclusive range, the default) or `3,17,42`;
//! - `WASCAN_FAULT_P`: the probability that an answer is altered, or several: `0.02,0.1`
//!   (default `0.05`);
//! - `WASCAN_FAULT_KINDS`: which alterations, with weights: `remove:3,throttle,5xx,denied,cut,
//!   reset,slow` (the default; a kind without weight weighs 1);
//! - `WASCAN_FAULT_OUT`: a directory that receives each run's result and altered answers.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::harness::*;
use crate::proxy::{Alter, Alteration, ChaosConfig, Proxy};

const REGIONS: &str = "us-east-1,eu-west-1";
const CALL_TIMEOUT_SECONDS: u64 = 10;
const DEFAULT_KINDS: &str = "remove:3,throttle,5xx,denied,cut,reset,slow";

fn seeds() -> Vec<u64> {
    let text = std::env::var("WASCAN_FAULT_SEEDS").unwrap_or_else(|_| "1..4".to_string());
    let mut seeds = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        if let Some((from, to)) = part.split_once("..") {
            let from: u64 = from.trim().parse().expect("WASCAN_FAULT_SEEDS: a number");
            let to: u64 = to.trim().parse().expect("WASCAN_FAULT_SEEDS: a number");
            seeds.extend(from..=to);
        } else {
            seeds.push(
                part.parse()
                    .expect("WASCAN_FAULT_SEEDS: a number or FROM..TO"),
            );
        }
    }
    seeds
}

fn probabilities() -> Vec<f64> {
    std::env::var("WASCAN_FAULT_P")
        .unwrap_or_else(|_| "0.05".to_string())
        .split(',')
        .map(|p| {
            let p: f64 = p.trim().parse().expect("WASCAN_FAULT_P: a number");
            assert!(
                (0.0..=1.0).contains(&p),
                "WASCAN_FAULT_P: {p} is not in 0..1"
            );
            p
        })
        .collect()
}

fn kinds() -> Vec<(Alter, u32)> {
    std::env::var("WASCAN_FAULT_KINDS")
        .unwrap_or_else(|_| DEFAULT_KINDS.to_string())
        .split(',')
        .map(|part| {
            let (name, weight) = part.trim().split_once(':').unwrap_or((part.trim(), "1"));
            let kind = Alter::from_name(name).unwrap_or_else(|| {
                panic!(
                    "WASCAN_FAULT_KINDS: unknown kind {name:?} (known: {:?})",
                    Alter::ALL.map(Alter::name)
                )
            });
            (kind, weight.parse().expect("WASCAN_FAULT_KINDS: a weight"))
        })
        .collect()
}

/// One finding as the comparison needs it.
#[derive(Debug, Clone)]
struct Seen {
    check: String,
    status: String,
    region: String,
    label: String,
    reason: String,
}

impl Seen {
    fn of(finding: &Value) -> Seen {
        let text = |v: &Value| v.as_str().unwrap_or("?").to_string();
        let resource = &finding["resource"];
        Seen {
            check: text(&finding["check_id"]),
            status: text(&finding["status"]),
            region: text(&finding["region"]),
            label: resource["name"]
                .as_str()
                .or(resource["id"].as_str())
                .unwrap_or("?")
                .to_string(),
            reason: finding["reason"].as_str().unwrap_or_default().to_string(),
        }
    }
}

impl std::fmt::Display for Seen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {} {}", self.check, self.region, self.label)
    }
}

fn by_id(result: &Value) -> BTreeMap<String, Seen> {
    result["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["finding_id"].as_str().unwrap_or("?").to_string(),
                Seen::of(f),
            )
        })
        .collect()
}

fn scan(proxy: &Proxy) -> (std::process::Output, Duration) {
    let dir = workdir();
    let timeout = CALL_TIMEOUT_SECONDS.to_string();
    let started = Instant::now();
    let output = wascan_via(
        proxy,
        demo_account(),
        dir.path(),
        &[
            "scan",
            "--regions",
            REGIONS,
            "--call-timeout",
            &timeout,
            "--strict",
            "--json",
            "--no-output",
        ],
    );
    (output, started.elapsed())
}

/// The SigV4 signing names a check's findings come from, by the check id's first word.
fn services_of(check: &str) -> Vec<String> {
    let word = check.split('_').next().unwrap_or_default();
    match word {
        "cloudwatch" => vec!["monitoring".into()],
        "elbv2" => vec!["elasticloadbalancing".into()],
        "efs" => vec!["elasticfilesystem".into()],
        "costexplorer" => vec!["ce".into()],
        "computeoptimizer" => vec!["compute-optimizer".into()],
        "accessanalyzer" => vec!["access-analyzer".into()],
        "s3" => vec!["s3".into(), "s3control".into()],
        other => vec![other.to_string()],
    }
}

#[derive(Default)]
struct Totals {
    runs: usize,
    altered: BTreeMap<&'static str, usize>,
    clean_failures: usize,
    became_not_evaluated: usize,
    replaced_by_region: usize,
    false_passes: usize,
    lost: usize,
    false_fails: usize,
    /// The checks whose passes became failures, and how often.
    failed_checks: BTreeMap<String, usize>,
    slowest: Duration,
}

#[test]
fn faults_never_turn_a_failure_into_a_pass_or_lose_it() {
    let emulator = demo_account();
    let keep = std::env::var_os("WASCAN_FAULT_OUT").map(std::path::PathBuf::from);
    if let Some(dir) = &keep {
        std::fs::create_dir_all(dir).expect("WASCAN_FAULT_OUT is a directory");
    }

    let clean_proxy = Proxy::start(emulator.endpoint(), vec![]).expect("proxy starts");
    let (clean_output, clean_elapsed) = scan(&clean_proxy);
    assert!(
        matches!(clean_output.status.code(), Some(0 | 3)),
        "{}",
        stderr(&clean_output)
    );
    let clean = json(&clean_output);
    let clean_findings = by_id(&clean);
    let clean_failures: Vec<(&String, &Seen)> = clean_findings
        .iter()
        .filter(|(_, f)| f.status == "fail")
        .collect();
    assert!(clean_failures.len() > 100, "the demo account fails a lot");
    let bound = clean_elapsed * 3 + Duration::from_secs(2 * CALL_TIMEOUT_SECONDS + 20);
    eprintln!(
        "fault harness: clean scan {} findings, {} failures, {} calls, {clean_elapsed:.1?}; bound per run {bound:.1?}",
        clean_findings.len(),
        clean_failures.len(),
        clean["api_calls"]["total"]
    );

    let mut problems: Vec<String> = Vec::new();
    let mut totals = Totals::default();
    for probability in probabilities() {
        for seed in seeds() {
            let config = ChaosConfig {
                seed,
                probability,
                kinds: kinds(),
                // The scan cannot start without knowing its account: a failed
                // GetCallerIdentity is a credential error (exit 2), tested on its own.
                spare: vec!["sts".to_string()],
            };
            let proxy = Proxy::start_chaos(emulator.endpoint(), config).expect("proxy starts");
            let (output, elapsed) = scan(&proxy);
            let alterations = proxy.alterations();
            let reproduce = format!(
                "WASCAN_FAULT_SEEDS={seed} WASCAN_FAULT_P={probability} WASCAN_FAULT_KINDS={} cargo test --test e2e fault_harness -- --nocapture",
                std::env::var("WASCAN_FAULT_KINDS").unwrap_or_else(|_| DEFAULT_KINDS.into())
            );
            let run = format!("seed {seed} p={probability}");
            totals.runs += 1;
            totals.slowest = totals.slowest.max(elapsed);
            let mut altered: BTreeMap<&'static str, usize> = BTreeMap::new();
            for alteration in &alterations {
                *altered.entry(alteration.kind.name()).or_default() += 1;
                *totals.altered.entry(alteration.kind.name()).or_default() += 1;
            }
            let mut run_problems: Vec<String> = Vec::new();
            if !matches!(output.status.code(), Some(0 | 1 | 3)) {
                run_problems.push(format!(
                    "exit {:?} (expected 0, 1 or 3); stderr:\n{}",
                    output.status.code(),
                    stderr(&output)
                ));
            }
            if stderr(&output).contains("panicked") {
                run_problems.push(format!("wascan panicked:\n{}", stderr(&output)));
            }
            if elapsed > bound {
                run_problems.push(format!("took {elapsed:.1?}, over the bound {bound:.1?}"));
            }
            let result: Option<Value> = serde_json::from_slice(&output.stdout).ok();
            if let Some(dir) = &keep {
                let name = format!("p{probability}-seed{seed}");
                let _ = std::fs::write(dir.join(format!("{name}.json")), &output.stdout);
                let log: String = alterations.iter().map(|a| format!("{a}\n")).collect();
                let _ = std::fs::write(dir.join(format!("{name}.altered.txt")), log);
            }
            let (mut became_ne, mut replaced, mut false_passes, mut lost, mut false_fails) =
                (0, 0, 0, 0, 0);
            if let Some(result) = &result {
                let faulted = by_id(result);
                for (id, was) in &clean_failures {
                    match faulted.get(*id) {
                        Some(now) if now.status == "fail" => {}
                        Some(now) if now.status == "not_evaluated" => {
                            became_ne += 1;
                            if now.reason.trim().is_empty() {
                                run_problems
                                    .push(format!("{was} ({id}): not_evaluated without a reason"));
                            }
                        }
                        Some(now) => {
                            false_passes += 1;
                            run_problems.push(format!(
                                "FALSE PASS {was} (finding {id}): fails in the clean scan, {} under faults{}",
                                now.status,
                                relevant(&was.check, &alterations)
                            ));
                        }
                        None => {
                            // Replaced by a not_evaluated finding of the same check for the whole
                            // region (or account) it was in, which the clean scan does not have?
                            let covered = faulted.iter().any(|(other, f)| {
                                f.check == was.check
                                    && f.status == "not_evaluated"
                                    && (f.region == was.region || f.region == "global")
                                    && !clean_findings.contains_key(other)
                            });
                            if covered {
                                replaced += 1;
                            } else {
                                lost += 1;
                                run_problems.push(format!(
                                    "LOST {was} (finding {id}): fails in the clean scan, absent under faults with nothing not_evaluated in its place{}",
                                    relevant(&was.check, &alterations)
                                ));
                            }
                        }
                    }
                }
                // Not a failure of the test (a fault may only make a scan stricter), but named:
                // a pass that fails under faults is a default speaking for a value AWS did not send.
                for (id, now) in faulted.iter().filter(|(id, f)| {
                    f.status == "fail"
                        && clean_findings.get(*id).is_some_and(|c| c.status == "pass")
                }) {
                    false_fails += 1;
                    *totals.failed_checks.entry(now.check.clone()).or_default() += 1;
                    eprintln!("{run}: pass became failure: {now} ({id})");
                }
            } else if matches!(output.status.code(), Some(0 | 1 | 3)) {
                run_problems.push(format!(
                    "stdout is not a JSON result; stderr:\n{}",
                    stderr(&output)
                ));
            }
            eprintln!(
                "{run}: {} answers altered {altered:?} (left alone: {:?}); {} clean failures: {became_ne} not_evaluated, {replaced} replaced by a region-wide not_evaluated, {false_passes} false passes, {lost} lost; {false_fails} passes became failures; exit {:?} in {elapsed:.1?}",
                alterations.len(),
                proxy.untouched(),
                clean_failures.len(),
                output.status.code(),
            );
            totals.clean_failures += clean_failures.len();
            totals.became_not_evaluated += became_ne;
            totals.replaced_by_region += replaced;
            totals.false_passes += false_passes;
            totals.lost += lost;
            totals.false_fails += false_fails;
            if !run_problems.is_empty() {
                let mut block = format!("{run}: {} problems\n", run_problems.len());
                for problem in &run_problems {
                    let _ = writeln!(block, "  - {problem}");
                }
                let _ = writeln!(block, "  all altered answers of this run:");
                for alteration in &alterations {
                    let _ = writeln!(block, "    {alteration}");
                }
                let _ = writeln!(block, "  reproduce: {reproduce}");
                eprintln!("{block}");
                problems.push(block);
            }
        }
    }
    eprintln!(
        "fault harness total: {} runs, answers altered {:?} ({} in all), {} clean failures compared: {} became not_evaluated, {} replaced by a region-wide not_evaluated, {} false passes, {} lost; {} passes became failures; slowest run {:.1?}",
        totals.runs,
        totals.altered,
        totals.altered.values().sum::<usize>(),
        totals.clean_failures,
        totals.became_not_evaluated,
        totals.replaced_by_region,
        totals.false_passes,
        totals.lost,
        totals.false_fails,
        totals.slowest
    );
    if !totals.failed_checks.is_empty() {
        eprintln!(
            "passes that became failures, by check: {:?}",
            totals.failed_checks
        );
    }
    assert!(
        problems.is_empty(),
        "{} of {} runs went wrong:\n{}",
        problems.len(),
        totals.runs,
        problems.join("\n")
    );
}

/// The altered answers of the finding's service, for the failure message.
fn relevant(check: &str, alterations: &[Alteration]) -> String {
    let services: BTreeSet<String> = services_of(check).into_iter().collect();
    let mine: Vec<String> = alterations
        .iter()
        .filter(|a| services.contains(&a.request.service))
        .map(|a| format!("\n      {a}"))
        .collect();
    if mine.is_empty() {
        "; no answer of its service was altered (see all altered answers below)".to_string()
    } else {
        format!("; altered answers of its service:{}", mine.concat())
    }
}

/// The random mode reaches every protocol: with every answer altered, each service's answers
/// lose fields in their own format (query and REST-XML, awsJson and REST-JSON, RPC v2 CBOR), and
/// the throttling answers are recognised as throttling in every protocol.
#[test]
fn every_protocol_is_altered_and_its_throttling_recognised() {
    let emulator = demo_account();
    let services = "ec2,iam,s3,route53,dynamodb,lambda,cloudwatch";
    let args = |dir: &std::path::Path, proxy: &Proxy| {
        wascan_via(
            proxy,
            emulator,
            dir,
            &[
                "scan",
                "--services",
                services,
                "--regions",
                "us-east-1",
                "--call-timeout",
                "20",
                "--json",
                "--no-output",
            ],
        )
    };
    let config = |kind: Alter| ChaosConfig {
        seed: 7,
        probability: 1.0,
        kinds: vec![(kind, 1)],
        spare: vec!["sts".to_string()],
    };

    let dir = workdir();
    let proxy =
        Proxy::start_chaos(emulator.endpoint(), config(Alter::RemoveField)).expect("proxy starts");
    let output = args(dir.path(), &proxy);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let formats: BTreeMap<String, BTreeSet<String>> =
        proxy
            .alterations()
            .iter()
            .fold(BTreeMap::new(), |mut by_service, alteration| {
                let format = alteration
                    .detail
                    .rsplit('(')
                    .next()
                    .unwrap_or_default()
                    .trim_end_matches(')')
                    .to_string();
                by_service
                    .entry(alteration.request.service.clone())
                    .or_default()
                    .insert(format);
                by_service
            });
    for (service, format) in [
        ("ec2", "Xml"),         // EC2 query
        ("iam", "Xml"),         // query
        ("s3", "Xml"),          // REST-XML
        ("route53", "Xml"),     // REST-XML
        ("dynamodb", "Json"),   // awsJson 1.0
        ("lambda", "Json"),     // REST-JSON
        ("monitoring", "Cbor"), // Smithy RPC v2 CBOR
    ] {
        assert!(
            formats.get(service).is_some_and(|f| f.contains(format)),
            "no {format} answer of {service} lost a field: {formats:?}"
        );
    }

    let proxy =
        Proxy::start_chaos(emulator.endpoint(), config(Alter::Throttle)).expect("proxy starts");
    let output = args(dir.path(), &proxy);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let result = json(&output);
    let errors = result["errors"].as_array().expect("errors");
    let mut throttled: BTreeSet<&str> = BTreeSet::new();
    for error in errors {
        assert_eq!(error["kind"], "throttled", "{error:#}");
        throttled.insert(error["service"].as_str().unwrap_or("?"));
    }
    for service in [
        "cloudwatch",
        "dynamodb",
        "ec2",
        "iam",
        "lambda",
        "route53",
        "s3",
        "s3control",
    ] {
        assert!(throttled.contains(service), "{service}: {errors:#?}");
    }
}
