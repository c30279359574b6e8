//! `wascan review` end to end: the real binary and the real SDK client over HTTP against the
//! stateful fake of the Well-Architected Tool API (`scripts/wa_fake.py`), with evidence from a
//! scan of the demo account. A "person" edits answers through the SDK before wascan runs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use aws_credential_types::Credentials;
use aws_sdk_wellarchitected::types::{
    ChoiceReason, ChoiceStatus, ChoiceUpdate, WorkloadEnvironment,
};
use serde_json::Value;
use wascan::emulator::{ACCESS_KEY_ID, SECRET_ACCESS_KEY};
use wascan::review::fake::{WaFake, WaFakeOptions};

use crate::harness::{demo_account, stderr, stdout, workdir};

const LENS: &str = "wellarchitected";
const PERSON_NOTES: &str = "Reviewed with Ana, 3 May.\r\nRetention: see the wiki ✓  ";
/// COST04-BP05: the demo account's snapshots are all recent, so this choice passes.
const PASSING: &str = "cost_decomissioning_resources_data_retention";
/// SEC08-BP02: unencrypted volumes in the demo account, so this choice fails.
const FAILING: &str = "sec_protect_data_rest_encrypt";

/// One scan of the demo account, saved as a result file shared by the tests. Only EC2, S3 and
/// IAM: the expectations below are about that evidence (COST04-BP05 passing in full), and stay
/// true as services are added to the demo account. Kept under cargo's per-target temporary
/// directory (a static is never dropped, so a `TempDir` here would be left behind in /tmp).
fn scan_file() -> &'static Path {
    static SCAN: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &SCAN
        .get_or_init(|| {
            let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("a directory");
            let output = run(
                None,
                dir.path(),
                &[
                    "scan",
                    "--regions",
                    "us-east-1,eu-west-1",
                    "--services",
                    "ec2,s3,iam",
                    "--output-dir",
                    "out",
                ],
            );
            assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
            let file = std::fs::read_dir(dir.path().join("out"))
                .expect("the output directory")
                .filter_map(Result::ok)
                .map(|e| e.path())
                .find(|p| p.extension().is_some_and(|e| e == "json"))
                .expect("a result file");
            (dir, file)
        })
        .1
}

/// `wascan ARGS` against the demo emulator, with the Well-Architected calls sent to `fake`.
fn run(fake: Option<&WaFake>, dir: &Path, args: &[&str]) -> Output {
    let mut command = Command::new(crate::harness::wascan_bin());
    command.args(args).current_dir(dir);
    for (key, _) in std::env::vars() {
        if key.starts_with("AWS_") {
            command.env_remove(key);
        }
    }
    command
        .env("HOME", dir)
        .env("WASCAN_LOG", "wascan=warn")
        .envs(demo_account().env());
    if let Some(fake) = fake {
        command.envs(fake.env());
    }
    command.output().expect("the wascan binary runs")
}

fn review(fake: &WaFake, args: &[&str]) -> Output {
    let scan = scan_file().to_string_lossy().into_owned();
    let dir = workdir();
    let mut all: Vec<&str> = vec!["review"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--scan", &scan]);
    run(Some(fake), dir.path(), &all)
}

fn ok(output: &Output) -> String {
    assert_eq!(
        output.status.code(),
        Some(0),
        "stdout:\n{}\nstderr:\n{}",
        stdout(output),
        stderr(output)
    );
    stdout(output)
}

/// A person at the console: the SDK client pointed at the fake.
struct Person {
    client: aws_sdk_wellarchitected::Client,
    runtime: tokio::runtime::Runtime,
}

impl Person {
    fn new(fake: &WaFake) -> Person {
        let config = aws_sdk_wellarchitected::Config::builder()
            .behavior_version(aws_sdk_wellarchitected::config::BehaviorVersion::latest())
            .region(aws_sdk_wellarchitected::config::Region::new("us-east-1"))
            .endpoint_url(fake.endpoint())
            .credentials_provider(Credentials::new(
                ACCESS_KEY_ID,
                SECRET_ACCESS_KEY,
                None,
                None,
                "test",
            ))
            .build();
        Person {
            client: aws_sdk_wellarchitected::Client::from_conf(config),
            runtime: tokio::runtime::Runtime::new().expect("a runtime"),
        }
    }

    fn create_workload(&self, name: &str) -> String {
        self.create_workload_with(name, &[LENS])
    }

    fn create_workload_with(&self, name: &str, lenses: &[&str]) -> String {
        self.runtime
            .block_on(
                self.client
                    .create_workload()
                    .workload_name(name)
                    .description("the shop")
                    .environment(WorkloadEnvironment::Production)
                    .review_owner("ana@example.com")
                    .aws_regions("us-east-1")
                    .set_lenses(Some(lenses.iter().map(|l| l.to_string()).collect()))
                    .send(),
            )
            .expect("CreateWorkload")
            .workload_id()
            .expect("an id")
            .to_string()
    }

    /// The risk the Tool gives `question`'s answer (`GetAnswer`).
    fn risk(&self, workload: &str, question: &str) -> Option<String> {
        self.runtime
            .block_on(
                self.client
                    .get_answer()
                    .workload_id(workload)
                    .lens_alias(LENS)
                    .question_id(question)
                    .send(),
            )
            .expect("GetAnswer")
            .answer()
            .and_then(|a| a.risk())
            .map(|r| r.as_str().to_string())
    }

    /// Selects `selected`, marks `not_applicable` so, and writes `notes`.
    fn answer(
        &self,
        workload: &str,
        question: &str,
        selected: &[&str],
        not_applicable: &[&str],
        notes: &str,
    ) {
        self.answer_in(LENS, workload, question, selected, not_applicable, notes);
    }

    fn answer_in(
        &self,
        lens: &str,
        workload: &str,
        question: &str,
        selected: &[&str],
        not_applicable: &[&str],
        notes: &str,
    ) {
        let mut request = self
            .client
            .update_answer()
            .workload_id(workload)
            .lens_alias(lens)
            .question_id(question)
            .set_selected_choices(Some(selected.iter().map(|s| s.to_string()).collect()))
            .notes(notes);
        for choice in not_applicable {
            request = request.choice_updates(
                *choice,
                ChoiceUpdate::builder()
                    .status(ChoiceStatus::NotApplicable)
                    .reason(ChoiceReason::OutOfScope)
                    .notes("we keep no data")
                    .build(),
            );
        }
        self.runtime
            .block_on(request.send())
            .expect("UpdateAnswer by a person");
    }
}

fn answer<'a>(state: &'a Value, workload: &str, question: &str) -> &'a Value {
    &state["workloads"][workload]["lenses"][LENS][question]
}

fn selected(state: &Value, workload: &str, question: &str) -> Vec<String> {
    answer(state, workload, question)["SelectedChoices"]
        .as_array()
        .expect("SelectedChoices")
        .iter()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}

fn calls(state: &Value, operation: &str) -> u64 {
    state["calls"][operation].as_u64().unwrap_or(0)
}

#[test]
fn apply_keeps_a_persons_notes_and_choices_and_a_second_apply_changes_nothing() {
    let fake = WaFake::start(&WaFakeOptions::default()).expect("the fake starts");
    let person = Person::new(&fake);
    let id = person.create_workload("shop");
    person.answer(&id, "decomissioning-resources", &[], &[], PERSON_NOTES);
    person.answer(&id, "protect-data-rest", &[FAILING], &[], "");

    let plan = ok(&review(&fake, &["plan", "--workload", "shop"]));
    assert!(
        plan.contains("+ COST04-BP05 Enforce data retention policies: select"),
        "{plan}"
    );
    assert!(
        plan.contains(
            "! SEC08-BP02 Enforce encryption at rest: selected, but wascan found failures"
        ),
        "{plan}"
    );
    assert!(
        plan.contains("ec2_ebs_volume_encrypted: eu-west-1/"),
        "{plan}"
    );
    // EC2's network topology evidences REL02 too.
    assert!(plan.contains("No evidence, left untouched (34):"), "{plan}");
    // SEC03-BP09 is selected: the scan reads no Organizations data, so the role trusting an
    // account of unknown membership is not evaluated and the other roles pass.
    assert!(
        plan.contains("Plan: 23 question(s) to update (4 choice(s) to select, 23 notes to write)"),
        "{plan}"
    );
    // A plan writes nothing.
    let state = fake.state().expect("state");
    assert_eq!(calls(&state, "UpdateAnswer"), 2);

    let applied = ok(&review(
        &fake,
        &["apply", "--workload", &id, "--milestone", "after wascan"],
    ));
    assert!(
        applied.contains("Applied: 23 question(s) updated in workload `shop`."),
        "{applied}"
    );
    assert!(
        applied.contains("Milestone `after wascan` saved (number 1)."),
        "{applied}"
    );
    let state = fake.state().expect("state");
    assert_eq!(calls(&state, "UpdateAnswer"), 2 + 23);
    let cost = answer(&state, &id, "decomissioning-resources");
    let notes = cost["Notes"].as_str().expect("notes");
    assert!(
        notes.starts_with(&format!(
            "{PERSON_NOTES}\n\n--- wascan evidence (do not edit) ---\n"
        )),
        "{notes:?}"
    );
    assert!(
        notes.contains("COST04-BP05 pass: 2 finding(s) passed (ec2_snapshot_stale)"),
        "{notes}"
    );
    assert!(notes.ends_with("--- end wascan evidence ---"), "{notes:?}");
    assert_eq!(selected(&state, &id, "decomissioning-resources"), [PASSING]);
    assert_eq!(
        cost["choice_answers"][PASSING]["Notes"],
        "wascan: 2 finding(s) passed (ec2_snapshot_stale)"
    );
    // The person's failing choice stays selected; the notes say why it should not be.
    assert_eq!(selected(&state, &id, "protect-data-rest"), [FAILING]);
    let sec08 = answer(&state, &id, "protect-data-rest")["Notes"]
        .as_str()
        .expect("notes");
    assert!(
        sec08.contains("SEC08-BP02 FAIL: 8 of 10 finding(s) failed"),
        "{sec08}"
    );
    assert_eq!(
        state["workloads"][&id]["milestones"][0]["MilestoneName"],
        "after wascan"
    );

    // The person edits the notes around wascan's section; wascan keeps the edit.
    let edited = format!("{notes}\nFollow-up: ticket OPS-1");
    person.answer(&id, "decomissioning-resources", &[PASSING], &[], &edited);

    let again = ok(&review(&fake, &["plan", "--workload", "shop"]));
    assert!(
        again.contains("Plan: no changes (23 question(s) up to date, 0 skipped)."),
        "{again}"
    );
    let reapplied = ok(&review(&fake, &["apply", "--workload", "shop"]));
    assert!(
        reapplied.contains("Applied: 0 question(s) updated"),
        "{reapplied}"
    );
    let state = fake.state().expect("state");
    assert_eq!(calls(&state, "UpdateAnswer"), 2 + 23 + 1);
    assert_eq!(
        answer(&state, &id, "decomissioning-resources")["Notes"],
        edited.as_str()
    );
}

/// SEC10-BP01: `iam_support_role` passes in the demo account, but a role that can open support
/// cases is only a precondition of knowing your key personnel and external resources.
const INDIRECT_ONLY: &str = "sec_incident_response_identify_personnel";

/// A choice is selected on direct evidence only; with only indirect evidence it is left as it
/// is, and the notes say what was found and why it selects nothing.
#[test]
fn only_direct_evidence_selects_a_choice() {
    let fake = WaFake::start(&WaFakeOptions::default()).expect("the fake starts");
    let person = Person::new(&fake);
    let id = person.create_workload("shop-evidence");

    let plan = ok(&review(&fake, &["plan", "--workload", "shop-evidence"]));
    assert!(
        plan.contains("+ COST04-BP05 Enforce data retention policies: select"),
        "{plan}"
    );
    assert!(
        plan.contains("· SEC10-BP01 Identify key personnel and external resources: not selected: no direct evidence\n      indirect evidence only (a precondition or proxy, not the practice itself): 1 passed (iam_support_role), 0 failed"),
        "{plan}"
    );

    ok(&review(&fake, &["apply", "--workload", "shop-evidence"]));
    let state = fake.state().expect("state");
    // Direct evidence: `ec2_snapshot_stale` passed everywhere.
    assert_eq!(selected(&state, &id, "decomissioning-resources"), [PASSING]);
    // Indirect evidence only: nothing selected, the notes say why.
    assert!(selected(&state, &id, "incident-response").is_empty());
    let notes = answer(&state, &id, "incident-response")["Notes"]
        .as_str()
        .expect("notes");
    assert!(
        notes.contains("SEC10-BP01 not selected: indirect evidence only (a precondition or proxy, not the practice itself): 1 passed (iam_support_role), 0 failed"),
        "{notes}"
    );
    assert!(
        answer(&state, &id, "incident-response")["choice_answers"][INDIRECT_ONLY]["Status"]
            .as_str()
            .is_none_or(|s| s != "SELECTED"),
        "{state:#}"
    );

    // A person selects it anyway: wascan never unselects it, and a second run changes nothing.
    person.answer(&id, "incident-response", &[INDIRECT_ONLY], &[], notes);
    ok(&review(&fake, &["apply", "--workload", "shop-evidence"]));
    let again = ok(&review(&fake, &["plan", "--workload", "shop-evidence"]));
    assert!(again.contains("Plan: no changes"), "{again}");
    let state = fake.state().expect("state");
    assert_eq!(selected(&state, &id, "incident-response"), [INDIRECT_ONLY]);
}

/// REL12-BP04 (`fis_experiments_run`): the demo account ran no fault-injection experiment, so
/// the scan says "no evidence found" for it.
const NO_EVIDENCE: &str = "rel_testing_resiliency_failure_injection_resiliency";

/// A scan of the demo account's FIS only: its one finding is "no evidence found".
fn no_evidence_scan_file() -> &'static Path {
    static SCAN: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &SCAN
        .get_or_init(|| {
            let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("a directory");
            let output = run(
                None,
                dir.path(),
                &[
                    "scan",
                    "--regions",
                    "us-east-1,eu-west-1",
                    "--services",
                    "fis",
                    "--output-dir",
                    "out",
                ],
            );
            assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
            let file = std::fs::read_dir(dir.path().join("out"))
                .expect("the output directory")
                .filter_map(Result::ok)
                .map(|e| e.path())
                .find(|p| p.extension().is_some_and(|e| e == "json"))
                .expect("a result file");
            let result: Value =
                serde_json::from_slice(&std::fs::read(&file).expect("readable")).expect("JSON");
            assert!(
                result["findings"]
                    .as_array()
                    .expect("findings")
                    .iter()
                    .any(|f| f["check_id"] == "fis_experiments_run" && f["status"] == "no_evidence"),
                "{result:#}"
            );
            (dir, file)
        })
        .1
}

/// "No evidence found" never unselects or lowers anything: a person's selected choice stays
/// selected, the question's risk stays what the person's answer makes it, and the person's
/// notes stay byte for byte ahead of wascan's evidence section, which says what was looked for.
#[test]
fn no_evidence_found_never_unselects_or_lowers_anything() {
    let fake = WaFake::start(&WaFakeOptions::default()).expect("the fake starts");
    let person = Person::new(&fake);
    let id = person.create_workload("shop-chaos");
    person.answer(&id, "testing-resiliency", &[NO_EVIDENCE], &[], PERSON_NOTES);
    let risk_before = person.risk(&id, "testing-resiliency");

    let scan = no_evidence_scan_file().to_string_lossy().into_owned();
    let dir = workdir();
    let review_with = |args: &[&str]| {
        let mut all: Vec<&str> = vec!["review"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--scan", &scan]);
        run(Some(&fake), dir.path(), &all)
    };
    let plan = ok(&review_with(&["plan", "--workload", "shop-chaos"]));
    assert!(
        !plan.contains("Plan: no changes"),
        "the notes gain wascan's evidence section:\n{plan}"
    );
    ok(&review_with(&["apply", "--workload", "shop-chaos"]));

    let state = fake.state().expect("state");
    assert_eq!(selected(&state, &id, "testing-resiliency"), [NO_EVIDENCE]);
    assert_eq!(person.risk(&id, "testing-resiliency"), risk_before);
    let notes = answer(&state, &id, "testing-resiliency")["Notes"]
        .as_str()
        .expect("notes");
    assert!(
        notes.starts_with(&format!(
            "{PERSON_NOTES}\n\n--- wascan evidence (do not edit) ---\n"
        )),
        "{notes:?}"
    );
    assert!(
        notes.contains(
            "REL12-BP04 not selected: no evidence found: no fault-injection experiment ran in the last 90 days (fis_experiments_run)"
        ),
        "{notes}"
    );

    // A second run changes nothing, and the choice is still the person's.
    let again = ok(&review_with(&["plan", "--workload", "shop-chaos"]));
    assert!(again.contains("Plan: no changes"), "{again}");
    ok(&review_with(&["apply", "--workload", "shop-chaos"]));
    let state = fake.state().expect("state");
    assert_eq!(selected(&state, &id, "testing-resiliency"), [NO_EVIDENCE]);
    assert_eq!(answer(&state, &id, "testing-resiliency")["Notes"], notes);
}

#[test]
fn a_not_applicable_choice_is_kept_unless_overwrite() {
    let fake = WaFake::start(&WaFakeOptions::default()).expect("the fake starts");
    let person = Person::new(&fake);
    let id = person.create_workload("shop-na");
    person.answer(&id, "decomissioning-resources", &[], &[PASSING], "");

    let plan = ok(&review(&fake, &["plan", "--workload", "shop-na"]));
    assert!(
        plan.contains("· COST04-BP05 Enforce data retention policies: left not applicable, as a person marked it (--overwrite selects it)"),
        "{plan}"
    );
    ok(&review(&fake, &["apply", "--workload", "shop-na"]));
    let state = fake.state().expect("state");
    let cost = answer(&state, &id, "decomissioning-resources");
    assert_eq!(cost["choice_answers"][PASSING]["Status"], "NOT_APPLICABLE");
    assert!(selected(&state, &id, "decomissioning-resources").is_empty());

    let overwrite = ok(&review(
        &fake,
        &["apply", "--workload", "shop-na", "--overwrite"],
    ));
    assert!(
        overwrite.contains("select (--overwrite: a person marked it not applicable)"),
        "{overwrite}"
    );
    let state = fake.state().expect("state");
    let cost = answer(&state, &id, "decomissioning-resources");
    assert_eq!(cost["choice_answers"][PASSING]["Status"], "SELECTED");
    // The person's note on the choice is not replaced.
    assert_eq!(cost["choice_answers"][PASSING]["Notes"], "we keep no data");
}

#[test]
fn questions_marked_not_applicable_and_none_of_these_are_respected() {
    let fake = WaFake::start(&WaFakeOptions::default()).expect("the fake starts");
    let person = Person::new(&fake);
    let id = person.create_workload("shop-skip");
    person.answer(
        &id,
        "decomissioning-resources",
        &["cost_decomissioning_resources_no"],
        &[],
        "none of it",
    );
    let runtime = &person.runtime;
    runtime
        .block_on(
            person
                .client
                .update_answer()
                .workload_id(&id)
                .lens_alias(LENS)
                .question_id("protect-data-rest")
                .is_applicable(false)
                .send(),
        )
        .expect("mark SEC08 not applicable");

    let plan = ok(&review(&fake, &["apply", "--workload", "shop-skip"]));
    assert!(
        plan.contains("SEC08 protect-data-rest — How do you protect your data at rest? [skipped: a person marked this question not applicable]"),
        "{plan}"
    );
    assert!(
        plan.contains("not selected: a person selected \"None of these\""),
        "{plan}"
    );
    let state = fake.state().expect("state");
    assert_eq!(
        selected(&state, &id, "decomissioning-resources"),
        ["cost_decomissioning_resources_no"]
    );
    assert_eq!(answer(&state, &id, "protect-data-rest")["Notes"], "");
}

#[test]
fn a_failure_midway_says_which_questions_were_updated_and_which_not() {
    let fake = WaFake::start(&WaFakeOptions {
        fail_update_after: Some(4),
        fail_status: Some(400),
        fail_code: Some("ValidationException".into()),
        ..WaFakeOptions::default()
    })
    .expect("the fake starts");
    let output = review(
        &fake,
        &[
            "apply",
            "--workload",
            "shop-fail",
            "--create-workload",
            "--review-owner",
            "platform@example.com",
            "--milestone",
            "milestone-1",
        ],
    );
    assert_eq!(output.status.code(), Some(4), "{}", stderr(&output));
    let out = stdout(&output);
    assert!(out.contains("Created workload `shop-fail`"), "{out}");
    assert!(
        out.contains("Stopped at SEC03 (permissions): UpdateAnswer: ValidationException: injected failure for permissions"),
        "{out}"
    );
    assert!(
        out.contains("Updated (4): OPS02, OPS08, SEC01, SEC02\n"),
        "{out}"
    );
    assert!(
        out.contains("Not updated (19): SEC03, SEC04, SEC05, SEC06, SEC07, SEC08, SEC09, SEC10, REL02, REL09, REL10, PERF02, PERF03, COST03, COST04, COST08, SUS02, SUS04, SUS05\n"),
        "{out}"
    );
    assert!(out.contains("No milestone saved."), "{out}");
    assert!(stderr(&output).contains("wascan: error: UpdateAnswer: ValidationException"));
    let state = fake.state().expect("state");
    let id = state["workloads"]
        .as_object()
        .and_then(|w| w.keys().next().cloned())
        .expect("the created workload");
    assert_eq!(state["workloads"][&id]["AccountIds"][0], "123456789012");
    assert_eq!(
        state["workloads"][&id]["AwsRegions"],
        serde_json::json!(["us-east-1", "eu-west-1"])
    );
    for (question, written) in [
        ("ops-model", true),
        ("securely-operate", true),
        ("identities", true),
        ("permissions", false),
        ("sus_hardware", false),
    ] {
        let notes = answer(&state, &id, question)["Notes"]
            .as_str()
            .unwrap_or("");
        assert_eq!(notes.contains("wascan evidence"), written, "{question}");
    }
    assert!(state["workloads"][&id]["milestones"]
        .as_array()
        .is_some_and(|m| m.is_empty()));
}

#[test]
fn a_throttled_update_is_retried_then_reported() {
    let fake = WaFake::start(&WaFakeOptions {
        fail_update_after: Some(0),
        fail_question: Some("protect-data-rest".into()),
        fail_status: Some(429),
        fail_code: Some("ThrottlingException".into()),
        ..WaFakeOptions::default()
    })
    .expect("the fake starts");
    let output = review(
        &fake,
        &[
            "apply",
            "--workload",
            "shop-throttled",
            "--create-workload",
            "--review-owner",
            "platform@example.com",
        ],
    );
    assert_eq!(output.status.code(), Some(4), "{}", stderr(&output));
    let out = stdout(&output);
    assert!(
        out.contains("Stopped at SEC08 (protect-data-rest): UpdateAnswer: ThrottlingException"),
        "{out}"
    );
    assert!(
        out.contains(
            "Updated (9): OPS02, OPS08, SEC01, SEC02, SEC03, SEC04, SEC05, SEC06, SEC07\n"
        ),
        "{out}"
    );
    let state = fake.state().expect("state");
    // The SDK retried the throttled call: 9 updates, then 3 attempts on SEC08.
    assert_eq!(calls(&state, "UpdateAnswer"), 9 + 3);
}

#[test]
fn choices_an_older_lens_lacks_are_warned_about_and_never_sent() {
    let fake = WaFake::start(&WaFakeOptions {
        drop_choices: vec![PASSING.into()],
        ..WaFakeOptions::default()
    })
    .expect("the fake starts");
    // The fake rejects unknown choice ids, so a clean apply proves nothing was sent for it.
    let out = ok(&review(
        &fake,
        &[
            "apply",
            "--workload",
            "shop-old",
            "--create-workload",
            "--review-owner",
            "platform@example.com",
        ],
    ));
    assert!(
        out.contains("warning: cost_decomissioning_resources_data_retention (COST04-BP05) is not a choice of decomissioning-resources in this workload's lens version: not sent"),
        "{out}"
    );
    assert!(out.contains("? COST04-BP05 Enforce data retention policies: not a choice in this lens version: not sent"), "{out}");
}

#[test]
fn status_shows_the_tools_risk_beside_wascans() {
    let fake = WaFake::start(&WaFakeOptions::default()).expect("the fake starts");
    ok(&review(
        &fake,
        &[
            "apply",
            "--workload",
            "shop-status",
            "--create-workload",
            "--review-owner",
            "platform@example.com",
        ],
    ));
    let out = ok(&review(&fake, &["status", "--workload", "shop-status"]));
    assert!(out.contains("lens wellarchitected 2024-06-27"), "{out}");
    let cost = out
        .lines()
        .find(|l| l.contains("Cost Optimization"))
        .expect("a cost row");
    let cells: Vec<&str> = cost.split_whitespace().collect();
    // Tool HRI 1 (COST04 answered with high-risk choices missing), 10 unanswered; wascan 0 HRI, 2 MRI
    // (COST03's evidence, cost allocation tags, is indirect: it makes no risk).
    assert_eq!(
        cells,
        [
            "│",
            "Cost",
            "Optimization",
            "1",
            "0",
            "0",
            "10",
            "0",
            "0",
            "2",
            "│"
        ]
    );
    assert!(
        out.contains("wascan: 11 high-risk and 6 medium-risk questions"),
        "{out}"
    );
}

#[test]
fn bad_input_is_a_clear_usage_error() {
    let fake = WaFake::start(&WaFakeOptions::default()).expect("the fake starts");
    let cases: [(&[&str], &str); 3] = [
        (&["plan", "--workload", "nope"], "no workload with the id or name `nope` in the Well-Architected Tool (region us-east-1); add --create-workload to create it"),
        (&["plan", "--workload", "shop", "--pillars", "sec"], "--pillars applies when wascan scans now"),
        (&["apply", "--workload", "shop", "--milestone", "m"], "--milestone `m`: the Well-Architected Tool takes names of 3 to 100 characters"),
    ];
    for (args, message) in cases {
        let output = review(&fake, args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains(message),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    let dir = workdir();
    std::fs::write(
        dir.path().join("snap.json"),
        r#"{"schema_version": 1, "services": []}"#,
    )
    .expect("write");
    let output = run(
        Some(&fake),
        dir.path(),
        &[
            "review",
            "plan",
            "--workload",
            "shop",
            "--scan",
            "snap.json",
        ],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("snap.json: not a wascan scan result: no findings"),
        "{}",
        stderr(&output)
    );
}

/// A milestone name the workload has, or a workload at the Tool's 100 milestones, is found
/// before the first write: exit 2 and nothing written (it used to fail at CreateMilestone,
/// after the answers were written).
#[test]
fn milestone_problems_are_found_before_the_first_write() {
    let fake = WaFake::start(&WaFakeOptions::default()).expect("the fake starts");
    ok(&review(
        &fake,
        &[
            "apply",
            "--workload",
            "shop-m",
            "--create-workload",
            "--review-owner",
            "platform@example.com",
            "--milestone",
            "release-1",
        ],
    ));
    let before = calls(&fake.state().expect("state"), "UpdateAnswer");
    // A person changes an answer, so that a plan has something to write.
    let person = Person::new(&fake);
    let id = fake.state().expect("state")["workloads"]
        .as_object()
        .and_then(|w| w.keys().next().cloned())
        .expect("the workload");
    person.answer(
        &id,
        "decomissioning-resources",
        &[],
        &[],
        "changed by a person",
    );
    let output = review(
        &fake,
        &["apply", "--workload", "shop-m", "--milestone", "release-1"],
    );
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("--milestone `release-1`: workload `shop-m` has a milestone of that name already (number 1); milestone names are unique in a workload. Nothing was written"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        calls(&fake.state().expect("state"), "UpdateAnswer"),
        before + 1
    );

    for n in 2..=100 {
        person
            .runtime
            .block_on(
                person
                    .client
                    .create_milestone()
                    .workload_id(&id)
                    .milestone_name(format!("milestone {n}"))
                    .send(),
            )
            .expect("CreateMilestone");
    }
    let output = review(
        &fake,
        &["apply", "--workload", "shop-m", "--milestone", "release-2"],
    );
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("has 100 milestones, the most the Tool keeps (100): no milestone can be saved. Nothing was written"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        calls(&fake.state().expect("state"), "UpdateAnswer"),
        before + 1
    );
}

/// Names: trimmed, 3 to 100 characters, checked before any call; matched ignoring case and
/// spaces, as the Tool compares them.
#[test]
fn workload_names_are_checked_first_and_matched_as_the_tool_matches_them() {
    let fake = WaFake::start(&WaFakeOptions::default()).expect("the fake starts");
    let long = "w".repeat(101);
    for args in [
        vec!["plan", "--workload", long.as_str()],
        vec![
            "apply",
            "--workload",
            long.as_str(),
            "--create-workload",
            "--review-owner",
            "ana@example.com",
        ],
    ] {
        let output = review(&fake, &args);
        assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
        assert!(
            stderr(&output)
                .contains("the Well-Architected Tool takes names of 3 to 100 characters"),
            "{}",
            stderr(&output)
        );
    }
    let output = review(&fake, &["apply", "--workload", "shop", "--create-workload"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("--create-workload needs --review-owner OWNER"),
        "{}",
        stderr(&output)
    );
    // Nothing reached the Tool.
    assert_eq!(fake.state().expect("state")["calls"], serde_json::json!({}));

    // A name with spaces around it is created trimmed, with its review owner.
    ok(&review(
        &fake,
        &[
            "apply",
            "--workload",
            "  Shop Prod  ",
            "--create-workload",
            "--review-owner",
            "ana@example.com",
        ],
    ));
    let state = fake.state().expect("state");
    let workloads = state["workloads"].as_object().expect("workloads");
    assert_eq!(workloads.len(), 1);
    let (id, created) = workloads.iter().next().expect("one");
    assert_eq!(created["WorkloadName"], "Shop Prod");
    assert_eq!(created["ReviewOwner"], "ana@example.com");
    // Another spelling finds it, and --create-workload does not collide with it.
    let out = ok(&review(
        &fake,
        &[
            "apply",
            "--workload",
            "SHOP  prod",
            "--create-workload",
            "--review-owner",
            "ana@example.com",
        ],
    ));
    assert!(
        out.contains("Workload `Shop Prod` matches `SHOP  prod` (the Tool ignores case and spaces in names)."),
        "{out}"
    );
    assert!(
        out.contains(&format!("Plan for workload `Shop Prod` ({id})")),
        "{out}"
    );
    assert_eq!(
        fake.state().expect("state")["workloads"]
            .as_object()
            .map(|w| w.len()),
        Some(1)
    );
}

#[test]
fn plan_scans_now_without_a_scan_file() {
    let fake = WaFake::start(&WaFakeOptions::default()).expect("the fake starts");
    let dir = workdir();
    let output = run(
        Some(&fake),
        dir.path(),
        &[
            "review",
            "plan",
            "--workload",
            "new",
            "--create-workload",
            "--review-owner",
            "platform@example.com",
            "--regions",
            "us-east-1,eu-west-1",
            "--pillars",
            "cost",
            "--services",
            "ec2,s3,iam",
        ],
    );
    let out = ok(&output);
    assert!(
        out.contains("Workload `new` does not exist: `apply --create-workload` would create it"),
        "{out}"
    );
    assert!(
        out.contains("+ COST04-BP05 Enforce data retention policies: select"),
        "{out}"
    );
    assert!(!out.contains("SEC08 protect-data-rest"), "{out}");
}

/// Guard: no `unwrap()`/`expect(` on network or file data in src/review (tests excepted).
#[test]
fn review_code_does_not_unwrap() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/review");
    for entry in std::fs::read_dir(&dir).expect("src/review") {
        let path = entry.expect("an entry").path();
        let text = std::fs::read_to_string(&path).expect("a source file");
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for (number, line) in code.lines().enumerate() {
            assert!(
                !line.contains(".unwrap()") && !line.contains(".expect("),
                "{}:{}: {line}",
                path.display(),
                number + 1
            );
        }
    }
}

/// The double itself (scripts/test_wa_fake.py): each request the service rejects (no
/// ReviewOwner, no regions, 51 regions, bad account ids, a 101st milestone, a duplicate name,
/// bad enums, `IsApplicable: "no"`, forged NextTokens, malformed workload ids, lens ARNs of the
/// wrong shape, reused ClientRequestTokens) is rejected with the service's status and error shape.
#[test]
fn the_double_rejects_what_the_service_rejects() {
    let python = wascan::emulator::ensure_virtualenv().expect("the emulator's virtualenv");
    let scripts = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts");
    let output = Command::new(python)
        .args(["-m", "unittest", "discover", "-s"])
        .arg(&scripts)
        .args(["-p", "test_wa_fake.py"])
        .output()
        .expect("python runs");
    assert!(
        output.status.success(),
        "the double's own tests failed:\n{}",
        stderr(&output)
    );
    assert!(stderr(&output).contains("OK"), "{}", stderr(&output));
}

const SERVERLESS: &str = "serverless";

/// A scan of us-east-1 with the serverless services, for the lens tests: there the Lambda
/// function and the SQS queues pass most of the Serverless Lens's mapped checks.
fn serverless_scan_file() -> &'static Path {
    static SCAN: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &SCAN
        .get_or_init(|| {
            let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("a directory");
            let output = run(
                None,
                dir.path(),
                &[
                    "scan",
                    "--regions",
                    "us-east-1",
                    "--services",
                    "ec2,s3,iam,lambda,sqs,logs",
                    "--output-dir",
                    "out",
                ],
            );
            assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
            let file = std::fs::read_dir(dir.path().join("out"))
                .expect("the output directory")
                .filter_map(Result::ok)
                .map(|e| e.path())
                .find(|p| p.extension().is_some_and(|e| e == "json"))
                .expect("a result file");
            (dir, file)
        })
        .1
}

fn review_serverless(fake: &WaFake, args: &[&str]) -> Output {
    let scan = serverless_scan_file().to_string_lossy().into_owned();
    let dir = workdir();
    let mut all: Vec<&str> = vec!["review"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--scan", &scan]);
    run(Some(fake), dir.path(), &all)
}

fn lens_answer<'a>(state: &'a Value, workload: &str, lens: &str, question: &str) -> &'a Value {
    &state["workloads"][workload]["lenses"][lens][question]
}

/// The Well-Architected lens and the Serverless Lens in one workload: applied twice, the second
/// run changes nothing, and what a person entered in both lenses (notes, selections, choices
/// marked not applicable with their reason and notes) survives byte for byte.
#[test]
fn two_lenses_applied_twice_change_nothing_and_keep_a_persons_work() {
    let fake = WaFake::start(&WaFakeOptions::default()).expect("the fake starts");
    let person = Person::new(&fake);
    let id = person.create_workload_with("orders", &[LENS, SERVERLESS]);
    let serverless_notes = "Tracing reviewed with Bo.\nSee ADR-7 ✓ ";
    person.answer(&id, "decomissioning-resources", &[], &[], PERSON_NOTES);
    person.answer_in(
        SERVERLESS,
        &id,
        "serverless-ops-health",
        &["serverless_ops_health_metrics"],
        &["serverless_ops_health_app_metrics"],
        serverless_notes,
    );
    person.answer_in(
        SERVERLESS,
        &id,
        "serverless-cost-optimize",
        &[],
        &["serverless_cost_optimize_config"],
        "",
    );
    let lenses = ["--lens", LENS, "--lens", SERVERLESS];
    let args = |verb: &'static str| -> Vec<&str> {
        let mut args = vec![verb, "--workload", "orders"];
        args.extend_from_slice(&lenses);
        args
    };

    let plan = ok(&review_serverless(&fake, &args("plan")));
    assert!(plan.contains("Plan for workload `orders`"), "{plan}");
    assert!(plan.contains(" · lens serverless · "), "{plan}");
    assert!(
        plan.contains("+ serverless_ops_health_tracing Use distributed tracing and code is instrumented with additional context: select"),
        "{plan}"
    );
    assert!(
        plan.contains("- serverless_ops_health_logging Use structured and centralized logging: leave unselected"),
        "{plan}"
    );
    assert!(
        plan.contains("· serverless_cost_optimize_config Optimize function configuration to reduce cost: left not applicable, as a person marked it (--overwrite selects it)"),
        "{plan}"
    );
    assert!(
        plan.contains("Lens serverless: wascan can answer 5 of 9 question(s)"),
        "{plan}"
    );
    assert!(
        plan.contains("Left to people: serverless-sec-api-access serverless-sec-boundaries serverless-sec-appsec serverless-rel-inbound"),
        "{plan}"
    );

    let first = ok(&review_serverless(&fake, &args("apply")));
    assert!(
        first.contains("updated serverless/serverless-ops-health"),
        "{first}"
    );
    let state = fake.state().expect("state");
    let updates = calls(&state, "UpdateAnswer");
    let health = lens_answer(&state, &id, SERVERLESS, "serverless-ops-health");
    assert_eq!(
        health["SelectedChoices"],
        serde_json::json!([
            "serverless_ops_health_metrics",
            "serverless_ops_health_tracing"
        ])
    );
    let notes = health["Notes"].as_str().expect("notes");
    assert!(
        notes.starts_with(&format!(
            "{serverless_notes}\n\n--- wascan evidence (do not edit) ---\n"
        )),
        "{notes:?}"
    );
    let na = &health["choice_answers"]["serverless_ops_health_app_metrics"];
    assert_eq!(na["Status"], "NOT_APPLICABLE");
    assert_eq!(na["Reason"], "OUT_OF_SCOPE");
    assert_eq!(na["Notes"], "we keep no data");
    let cost = lens_answer(&state, &id, SERVERLESS, "serverless-cost-optimize");
    assert_eq!(
        cost["choice_answers"]["serverless_cost_optimize_config"]["Status"],
        "NOT_APPLICABLE"
    );
    let wa_cost = lens_answer(&state, &id, LENS, "decomissioning-resources");
    assert!(
        wa_cost["Notes"]
            .as_str()
            .is_some_and(|n| n.starts_with(PERSON_NOTES)),
        "{wa_cost}"
    );

    let second = ok(&review_serverless(&fake, &args("apply")));
    assert!(
        second.contains("Applied: 0 question(s) updated in workload `orders`."),
        "{second}"
    );
    let again = fake.state().expect("state");
    assert_eq!(calls(&again, "UpdateAnswer"), updates);
    assert_eq!(
        again["workloads"][&id]["lenses"], state["workloads"][&id]["lenses"],
        "the second apply changed the answers"
    );
}

/// A mapping file is validated against the lens the Tool returns: an unknown id is an error
/// naming it (exit 2), before anything is written; a custom lens is mapped the same way.
#[test]
fn mappings_are_validated_against_the_tools_lens_and_custom_lenses_work() {
    let dir = workdir();
    let lens_file = dir.path().join("team-lens.json");
    std::fs::write(
        &lens_file,
        r#"{"alias": "team-lens", "name": "Team lens", "custom": true, "version": "1.0",
            "questions": [{"QuestionId": "queues", "PillarId": "reliability",
              "QuestionTitle": "Do failed messages go somewhere?", "none": "queues_no",
              "choices": [{"ChoiceId": "queues_dlq", "Title": "Every queue has a DLQ", "risk": "HIGH"}]}]}"#,
    )
    .expect("write");
    let fake = WaFake::start(&WaFakeOptions {
        lens_files: vec![lens_file],
        ..WaFakeOptions::default()
    })
    .expect("the fake starts");
    let person = Person::new(&fake);
    let arn = format!(
        "arn:aws:wellarchitected:us-east-1:123456789012:lens/{}",
        custom_lens_id("team-lens")
    );
    let id = person.create_workload_with("team", &[LENS, &arn]);
    let mapping = dir.path().join("team.toml");
    let write = |choice: &str| {
        std::fs::write(
            &mapping,
            format!("lens = \"{arn}\"\n\n[[map]]\ncheck = \"sqs_queue_dead_letter_queue\"\nquestion = \"queues\"\nchoice = \"{choice}\"\n"),
        )
        .expect("write")
    };
    write("queues_dlx");
    let mapping_arg = mapping.to_string_lossy().into_owned();
    let args = [
        "apply",
        "--workload",
        "team",
        "--lens",
        arn.as_str(),
        "--mapping",
        mapping_arg.as_str(),
    ];
    let output = review_serverless(&fake, &args);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("map entry 1 (sqs_queue_dead_letter_queue): choice `queues_dlx` is not a choice of question `queues`"),
        "{}",
        stderr(&output)
    );
    assert_eq!(calls(&fake.state().expect("state"), "UpdateAnswer"), 0);

    write("queues_dlq");
    let out = ok(&review_serverless(&fake, &args));
    assert!(
        out.contains("+ queues_dlq Every queue has a DLQ: select"),
        "{out}"
    );
    let state = fake.state().expect("state");
    assert_eq!(
        lens_answer(&state, &id, &arn, "queues")["SelectedChoices"],
        serde_json::json!(["queues_dlq"])
    );
    let _ = id;

    // A lens without a mapping, and a lens ARN of the wrong shape, are usage errors.
    for (args, message) in [
        (
            vec!["plan", "--workload", "team", "--lens", "saas"],
            "no mapping for lens `saas`",
        ),
        (
            vec![
                "plan",
                "--workload",
                "team",
                "--lens",
                "arn:aws:wellarchitected::aws:lens/wellarchitected",
            ],
            "not a lens ARN",
        ),
    ] {
        let output = review_serverless(&fake, &args);
        assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
        assert!(stderr(&output).contains(message), "{}", stderr(&output));
    }
}

/// The custom lens id the double gives a lens file's alias (sha256, 32 hex digits).
fn custom_lens_id(alias: &str) -> String {
    let output = Command::new(wascan::emulator::ensure_virtualenv().expect("venv"))
        .args([
            "-c",
            &format!("import hashlib; print(hashlib.sha256(b'{alias}').hexdigest()[:32])"),
        ])
        .output()
        .expect("python");
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}

/// A lens review on an older version is planned against that version and said; only
/// `--upgrade-lens` upgrades it, after showing what changes.
#[test]
fn an_older_lens_version_is_planned_as_it_is_and_upgraded_only_when_asked() {
    let fake = WaFake::start(&WaFakeOptions {
        old_lenses: vec![SERVERLESS.into()],
        ..WaFakeOptions::default()
    })
    .expect("the fake starts");
    let person = Person::new(&fake);
    let id = person.create_workload_with("old-orders", &[SERVERLESS]);
    let args = ["apply", "--workload", "old-orders", "--lens", SERVERLESS];
    let out = ok(&review_serverless(&fake, &args));
    assert!(
        out.contains("Lens serverless: the workload's review is on version 1.0; the mapping was written for 2.0: planned against 1.0"),
        "{out}"
    );
    assert!(
        out.contains("Upgrading changes 1 question(s):\n  UPDATED operationalExcellence serverless-ops-health"),
        "{out}"
    );
    assert!(
        out.contains(
            "Not upgraded: wascan plans against 1.0; `--upgrade-lens` upgrades the review."
        ),
        "{out}"
    );
    assert!(
        out.contains("warning: lambda_function_tracing_enabled → serverless-ops-health/serverless_ops_health_tracing is not in lens serverless version 1.0: left out"),
        "{out}"
    );
    let state = fake.state().expect("state");
    assert_eq!(state["workloads"][&id]["lens_versions"][SERVERLESS], "1.0");
    assert_eq!(calls(&state, "UpgradeLensReview"), 0);

    let mut upgrade = args.to_vec();
    upgrade.push("--upgrade-lens");
    let out = ok(&review_serverless(&fake, &upgrade));
    assert!(
        out.contains("Upgraded the review of lens serverless from 1.0 to 2.0 (the Tool saved milestone `before upgrading serverless to 2.0 (wascan)` first)."),
        "{out}"
    );
    assert!(
        out.contains("+ serverless_ops_health_tracing Use distributed tracing and code is instrumented with additional context: select"),
        "{out}"
    );
    let state = fake.state().expect("state");
    assert_eq!(state["workloads"][&id]["lens_versions"][SERVERLESS], "2.0");
    assert_eq!(
        state["workloads"][&id]["milestones"][0]["MilestoneName"],
        "before upgrading serverless to 2.0 (wascan)"
    );
}

#[test]
fn checks_list_shows_the_serverless_lens_mapping() {
    let dir = workdir();
    let out = ok(&run(
        None,
        dir.path(),
        &["checks", "list", "--lens", SERVERLESS],
    ));
    assert!(
        out.starts_with("Lens serverless (version 2.0): 8 check(s) mapped\n"),
        "{out}"
    );
    for check in [
        "lambda_function_tracing_enabled",
        "sqs_queue_dead_letter_queue",
        "logs_log_group_retention",
    ] {
        assert!(out.contains(check), "{out}");
    }
    let json = run(
        None,
        dir.path(),
        &["checks", "list", "--lens", SERVERLESS, "--json"],
    );
    let mapping: Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(mapping["map"].as_array().map(Vec::len), Some(8));
    let output = run(None, dir.path(), &["checks", "list", "--lens", "saas"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("wascan ships no mapping for lens `saas`"),
        "{}",
        stderr(&output)
    );
}

/// A custom check (Rego, `--custom-checks`) answers a custom lens's choice through a mapping,
/// exactly as a built-in check does: the example mapping `examples/custom-checks/team-lens.toml`
/// with the lens's ARN, over a scan that ran the example custom checks.
#[test]
fn a_custom_check_answers_a_custom_lens_choice_through_a_mapping() {
    let dir = workdir();
    let examples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/custom-checks");
    // The example checks, the family allow-list widened to every family of the demo account.
    let team = dir.path().join("team");
    std::fs::create_dir(&team).expect("dir");
    let families = std::fs::read_to_string(examples.join("instance_families.rego"))
        .expect("policy")
        .replace("\"r7g\"}", "\"r7g\", \"m4\", \"c4\", \"c5\"}");
    std::fs::write(team.join("instance_families.rego"), families).expect("write");
    std::fs::copy(
        examples.join("volume_backup_tag.rego"),
        team.join("volume_backup_tag.rego"),
    )
    .expect("copy");
    let output = run(
        None,
        dir.path(),
        &[
            "scan",
            "--regions",
            "us-east-1,eu-west-1",
            "--custom-checks",
            &team.to_string_lossy(),
            "--checks",
            "custom.volume_backup_tag,custom.instance_families",
            "--output-dir",
            "out",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let scan = std::fs::read_dir(dir.path().join("out"))
        .expect("out")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .expect("a result file");

    let lens_file = dir.path().join("team-standards.json");
    std::fs::write(
        &lens_file,
        r#"{"alias": "team-standards", "name": "Team standards", "custom": true, "version": "1.0",
            "questions": [
              {"QuestionId": "data-backup", "PillarId": "reliability",
               "QuestionTitle": "Is every volume's backup decided?", "none": "data_backup_no",
               "choices": [{"ChoiceId": "data_backup_declared", "Title": "Volumes declare their schedule", "risk": "MEDIUM"}]},
              {"QuestionId": "compute-choices", "PillarId": "performance",
               "QuestionTitle": "Do we run approved compute?", "none": "compute_no",
               "choices": [{"ChoiceId": "compute_approved_families", "Title": "Approved families only", "risk": "MEDIUM"}]}]}"#,
    )
    .expect("write");
    let fake = WaFake::start(&WaFakeOptions {
        lens_files: vec![lens_file],
        ..WaFakeOptions::default()
    })
    .expect("the fake starts");
    let person = Person::new(&fake);
    let arn = format!(
        "arn:aws:wellarchitected:us-east-1:123456789012:lens/{}",
        custom_lens_id("team-standards")
    );
    person.create_workload_with("team", &[LENS, &arn]);
    let example = std::fs::read_to_string(examples.join("team-lens.toml")).expect("mapping");
    let mapping = dir.path().join("team-lens.toml");
    std::fs::write(
        &mapping,
        example.replace("lens = \"team-standards\"", &format!("lens = \"{arn}\"")),
    )
    .expect("write");
    let out = ok(&run(
        Some(&fake),
        dir.path(),
        &[
            "review",
            "apply",
            "--workload",
            "team",
            "--lens",
            &arn,
            "--mapping",
            &mapping.to_string_lossy(),
            "--scan",
            &scan.to_string_lossy(),
        ],
    ));
    // Every family is approved now; the demo's volumes carry no backup tag.
    assert!(
        out.contains("+ compute_approved_families Approved families only: select"),
        "{out}"
    );
    assert!(
        out.contains("- data_backup_declared Volumes declare their schedule: leave unselected"),
        "{out}"
    );
    assert!(out.contains("custom.volume_backup_tag"), "{out}");
    let state = fake.state().expect("state");
    let team_id = state["workloads"]
        .as_object()
        .expect("workloads")
        .keys()
        .next()
        .expect("a workload")
        .clone();
    assert_eq!(
        lens_answer(&state, &team_id, &arn, "compute-choices")["SelectedChoices"],
        serde_json::json!(["compute_approved_families"])
    );

    // A mapping naming a custom check the scan did not run is refused, naming it.
    std::fs::write(
        &mapping,
        format!("lens = \"{arn}\"\n\n[[map]]\ncheck = \"custom.nobody\"\nquestion = \"data-backup\"\nchoice = \"data_backup_declared\"\n"),
    )
    .expect("write");
    let output = run(
        Some(&fake),
        dir.path(),
        &[
            "review",
            "plan",
            "--workload",
            "team",
            "--lens",
            &arn,
            "--mapping",
            &mapping.to_string_lossy(),
            "--scan",
            &scan.to_string_lossy(),
        ],
    );
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("`custom.nobody` is not a custom check of this scan"),
        "{}",
        stderr(&output)
    );
}

/// The scan reads the Tool too (the `wellarchitected` service): a workload reviewed and saved
/// twice as a milestone is a recent and a repeated review; its security pillar, with a question
/// answered short of its high-risk choices, leaves a high-risk issue open. Before any workload,
/// both presence checks find no evidence.
#[test]
fn the_scan_reads_reviews_recorded_in_the_tool() {
    let fake = WaFake::start(&WaFakeOptions::default()).expect("the fake starts");
    let scan = |dir: &Path| {
        let output = run(
            Some(&fake),
            dir,
            &[
                "scan",
                "--regions",
                "us-east-1",
                "--services",
                "wellarchitected",
                "--json",
                "--no-output",
            ],
        );
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let result: Value = serde_json::from_slice(&output.stdout).expect("JSON");
        let mut findings: Vec<(String, String, String)> = result["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| {
                (
                    f["check_id"].as_str().unwrap_or("?").to_string(),
                    f["status"].as_str().unwrap_or("?").to_string(),
                    f["message"].as_str().unwrap_or("?").to_string(),
                )
            })
            .collect();
        findings.sort();
        findings
    };
    let dir = workdir();
    let before = scan(dir.path());
    let statuses: Vec<(&str, &str)> = before
        .iter()
        .map(|(check, status, _)| (check.as_str(), status.as_str()))
        .collect();
    assert_eq!(
        statuses,
        [
            ("wellarchitected_workload_review_recent", "no_evidence"),
            ("wellarchitected_workload_review_repeated", "no_evidence"),
        ]
    );

    let person = Person::new(&fake);
    let id = person.create_workload("shop-reviewed");
    person.answer(&id, "protect-data-rest", &[FAILING], &[], "");
    for name in ["2026-Q1", "2026-Q2"] {
        person
            .runtime
            .block_on(
                person
                    .client
                    .create_milestone()
                    .workload_id(&id)
                    .milestone_name(name)
                    .send(),
            )
            .expect("CreateMilestone");
    }

    let after = scan(dir.path());
    let statuses: Vec<(&str, &str)> = after
        .iter()
        .map(|(check, status, _)| (check.as_str(), status.as_str()))
        .collect();
    assert_eq!(
        statuses,
        [
            ("wellarchitected_workload_review_recent", "pass"),
            ("wellarchitected_workload_review_repeated", "pass"),
            ("wellarchitected_workload_security_high_risks", "fail"),
        ],
        "{after:#?}"
    );
    assert!(
        after[1]
            .2
            .contains("workload shop-reviewed (us-east-1, 2 milestones"),
        "{}",
        after[1].2
    );
    assert!(
        after[2]
            .2
            .contains("high-risk issue(s) open in the security pillar"),
        "{}",
        after[2].2
    );
}
