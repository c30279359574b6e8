//! Well-Architected Tool reviews: evidence-backed answers from a scan, written safely.
//!
//! [`mapping`] turns a scan result into evidence per question and choice, [`plan`] compares it
//! with the workload's current answers (keeping [`notes`] a person wrote), [`client`] talks to
//! the Tool. `plan` prints the plan; `apply` plans everything first, then writes question by
//! question and, on a failure, says exactly which questions were updated and which were not.

pub mod cli;
pub mod client;
pub mod fake;
pub mod mapping;
pub mod notes;
pub mod plan;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use aws_sdk_wellarchitected::types::WorkloadEnvironment;
use time::OffsetDateTime;
use wascan_checks::catalog::Pillar;
use wascan_checks::finding::Status;
use wascan_checks::result::{ScanResult, RESULT_SCHEMA_VERSION};

use self::cli::{ChangeArgs, Environment, ReviewCommand, TargetArgs};
use self::client::{ApiError, NewWorkload, Tool, Workload, LENS_ALIAS};
use self::mapping::{ChoiceEvidence, Evidence, Verdict};
use self::plan::{Action, NotesChange, Outcome, Plan, PlanOptions, QuestionPlan};
use crate::error::Error;
use crate::{app, aws, scan};

/// Exit codes of `wascan review` beyond the usual ones (see the README).
pub mod exit {
    /// A Well-Architected Tool call failed (the output says which questions were updated).
    pub const TOOL_ERROR: i32 = 4;
}

/// Runs `wascan review ...`; returns the exit code.
pub async fn run(command: ReviewCommand) -> Result<i32, Error> {
    match command {
        ReviewCommand::Plan(args) => plan_or_apply(&args.target, &args.change, None, false).await,
        ReviewCommand::Apply(args) => {
            if let Some(name) = &args.milestone {
                check_name("--milestone", name)?;
            }
            plan_or_apply(&args.target, &args.change, args.milestone.as_deref(), true).await
        }
        ReviewCommand::Status(args) => status(&args.target).await,
    }
}

/// The Tool's limit on workload and milestone names.
fn check_name(flag: &str, name: &str) -> Result<(), Error> {
    let length = name.trim().chars().count();
    if (3..=100).contains(&length) {
        Ok(())
    } else {
        Err(Error::Usage(format!(
            "{flag} `{name}`: the Well-Architected Tool takes names of 3 to 100 characters"
        )))
    }
}

async fn plan_or_apply(
    target: &TargetArgs,
    change: &ChangeArgs,
    milestone: Option<&str>,
    apply: bool,
) -> Result<i32, Error> {
    let result = load_scan(target).await?;
    let evidence = mapping::evidence(&result);
    let details: BTreeSet<String> = evidence
        .questions
        .iter()
        .filter(|q| q.has_evidence())
        .map(|q| q.question_id.clone())
        .collect();
    let (tool, region) = tool(target).await;
    let options = PlanOptions {
        overwrite: change.overwrite,
    };
    let mut out = String::new();

    let workload = match tool.find_workload(&target.workload).await {
        Ok(workload) => workload,
        Err(err) => return Ok(tool_failed(&err, &out)),
    };
    let (workload, answers) = match workload {
        Some(workload) => match tool.answers(&workload.id, &details).await {
            Ok(answers) => (Some(workload), answers),
            Err(err) => return Ok(tool_failed(&err, &out)),
        },
        None if !change.create_workload => {
            return Err(Error::Usage(format!(
                "no workload with the id or name `{}` in the Well-Architected Tool (region {}); add --create-workload to create it",
                target.workload, region
            )))
        }
        None if !apply => {
            check_name("--workload", &target.workload)?;
            let _ = writeln!(
                out,
                "Workload `{}` does not exist: `apply --create-workload` would create it ({}, regions {}, account {}).\nPlanned against an unanswered review of lens {LENS_ALIAS} as wascan's catalog knows it (2024-06-27).\n",
                target.workload,
                environment(change.environment).as_str(),
                evidence.regions.join(", "),
                evidence.account_id
            );
            (None, plan::fresh_answers())
        }
        None => {
            check_name("--workload", &target.workload)?;
            let new = NewWorkload {
                name: target.workload.clone(),
                description: format!(
                    "Created by wascan {} from a scan of account {}",
                    env!("CARGO_PKG_VERSION"),
                    evidence.account_id
                ),
                environment: environment(change.environment),
                regions: evidence.regions.clone(),
                account_ids: vec![evidence.account_id.clone()],
            };
            let workload = match tool.create_workload(&new).await {
                Ok(workload) => workload,
                Err(err) => return Ok(tool_failed(&err, &out)),
            };
            let _ = writeln!(
                out,
                "Created workload `{}` (id {}).\n",
                workload.name, workload.id
            );
            match tool.answers(&workload.id, &details).await {
                Ok(answers) => (Some(workload), answers),
                Err(err) => return Ok(tool_failed(&err, &out)),
            }
        }
    };

    let plan = plan::plan(&evidence, &answers, options);
    out.push_str(&render_plan(workload.as_ref(), &result, &evidence, &plan));
    if !apply {
        print!("{out}");
        return Ok(app::exit::OK);
    }
    let Some(workload) = workload else {
        // Unreachable: apply either found or created the workload.
        return Err(Error::Usage("no workload to apply to".into()));
    };

    out.push('\n');
    let updates: Vec<(&QuestionPlan, &plan::UpdateRequest)> = plan.updates().collect();
    for (index, (question, update)) in updates.iter().enumerate() {
        if let Err(err) = tool.update_answer(&workload.id, update).await {
            let done: Vec<&str> = updates[..index]
                .iter()
                .map(|(q, _)| q.question_code.as_str())
                .collect();
            let not_done: Vec<&str> = updates[index..]
                .iter()
                .map(|(q, _)| q.question_code.as_str())
                .collect();
            let _ = writeln!(
                out,
                "Stopped at {} ({}): {err}\nUpdated ({}): {}\nNot updated ({}): {}",
                question.question_code,
                question.question_id,
                done.len(),
                list_or_none(&done),
                not_done.len(),
                list_or_none(&not_done),
            );
            if milestone.is_some() {
                out.push_str("No milestone saved.\n");
            }
            print!("{out}");
            eprintln!("wascan: error: {err}");
            return Ok(exit::TOOL_ERROR);
        }
        let _ = writeln!(
            out,
            "updated {} {}",
            question.question_code, question.question_id
        );
    }
    let _ = writeln!(
        out,
        "Applied: {} question(s) updated in workload `{}`.",
        updates.len(),
        workload.name
    );
    if let Some(name) = milestone {
        match tool.create_milestone(&workload.id, name).await {
            Ok(number) => {
                let _ = writeln!(out, "Milestone `{name}` saved (number {number}).");
            }
            Err(err) => return Ok(tool_failed(&err, &out)),
        }
    }
    print!("{out}");
    Ok(app::exit::OK)
}

/// Prints what was done so far, then the error; the exit code for a failed Tool call.
fn tool_failed(err: &ApiError, out: &str) -> i32 {
    print!("{out}");
    eprintln!("wascan: error: Well-Architected Tool: {err}");
    exit::TOOL_ERROR
}

fn list_or_none(items: &[&str]) -> String {
    if items.is_empty() {
        "none".into()
    } else {
        items.join(", ")
    }
}

fn environment(environment: Environment) -> WorkloadEnvironment {
    match environment {
        Environment::Production => WorkloadEnvironment::Production,
        Environment::Preproduction => WorkloadEnvironment::Preproduction,
    }
}

/// The Tool client, and the region it calls.
async fn tool(target: &TargetArgs) -> (Tool, String) {
    let sdk_config = aws::load(&app::aws_options(&target.aws)).await;
    let region = sdk_config
        .region()
        .map_or_else(|| "none set".to_string(), |r| r.to_string());
    (
        Tool::new(aws_sdk_wellarchitected::Client::new(&sdk_config)),
        region,
    )
}

/// The scan result: from `--scan FILE`, or a scan now.
async fn load_scan(target: &TargetArgs) -> Result<ScanResult, Error> {
    let Some(path) = &target.scan else {
        let config = crate::config::load(target.config.as_deref())?;
        let selection = app::selection(&target.selection);
        let collect_options = app::collect_options(&target.aws, &selection)?;
        let sdk_config = aws::load(&app::aws_options(&target.aws)).await;
        eprintln!("wascan: scanning the account for evidence ...");
        let (_, result) =
            scan::scan(&sdk_config, &collect_options, &selection, &config.checks).await?;
        return Ok(result);
    };
    let scan_flags = [
        ("--regions", !target.aws.regions.is_empty()),
        ("--pillars", !target.selection.pillars.is_empty()),
        ("--services", !target.selection.services.is_empty()),
        ("--checks", !target.selection.checks.is_empty()),
        ("--config", target.config.is_some()),
    ];
    if let Some((flag, _)) = scan_flags.iter().find(|(_, given)| *given) {
        return Err(Error::Usage(format!(
            "{flag} applies when wascan scans now; --scan {} reads a finished scan",
            path.display()
        )));
    }
    read_result(path)
}

/// Reads a scan result written by `wascan scan`.
pub fn read_result(path: &Path) -> Result<ScanResult, Error> {
    let file_error = |message: String| Error::File {
        path: path.to_path_buf(),
        message,
    };
    let text = std::fs::read_to_string(path).map_err(|err| file_error(err.to_string()))?;
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|err| file_error(format!("not valid JSON: {err}")))?;
    match value.get("schema_version").and_then(|v| v.as_u64()) {
        Some(v) if wascan_checks::result::result_version_readable(v) => {}
        Some(v) => {
            return Err(file_error(format!(
                "scan result schema_version {v} is not supported (this wascan reads 1 to {RESULT_SCHEMA_VERSION})"
            )))
        }
        None => {
            return Err(file_error(
                "not a wascan scan result: no schema_version (a snapshot? run `wascan evaluate` on it first)".into(),
            ))
        }
    }
    if value.get("findings").is_none() {
        return Err(file_error(
            "not a wascan scan result: no findings (a snapshot? run `wascan evaluate` on it first)"
                .into(),
        ));
    }
    let mut result: ScanResult = serde_json::from_value(value)
        .map_err(|err| file_error(format!("not a valid scan result: {err}")))?;
    result.upgrade();
    Ok(result)
}

/// The plan as `wascan review plan` prints it.
pub fn render_plan(
    workload: Option<&Workload>,
    result: &ScanResult,
    evidence: &Evidence,
    plan: &Plan,
) -> String {
    let mut out = String::new();
    let name = match workload {
        Some(workload) => format!("workload `{}` ({})", workload.name, workload.id),
        None => "a new workload".into(),
    };
    let evaluated = result
        .findings
        .iter()
        .filter(|f| f.status != Status::NotEvaluated)
        .count();
    let _ = writeln!(
        out,
        "Plan for {name} · lens {LENS_ALIAS} · scan of account {} ({}) · {} findings, {} evaluated",
        evidence.account_id,
        evidence.regions.join(", "),
        result.findings.len(),
        evaluated
    );
    for question in &plan.questions {
        out.push('\n');
        render_question(&mut out, question);
    }
    if !plan.warnings.is_empty() {
        out.push('\n');
        for warning in &plan.warnings {
            let _ = writeln!(out, "warning: {warning}");
        }
    }
    let _ = writeln!(
        out,
        "\nNo evidence, left untouched ({}): {}",
        plan.untouched.len(),
        plan.untouched.join(" ")
    );
    let updates: Vec<_> = plan.updates().collect();
    let unchanged = plan
        .questions
        .iter()
        .filter(|q| q.outcome == Outcome::NoChange)
        .count();
    let skipped = plan
        .questions
        .iter()
        .filter(|q| matches!(q.outcome, Outcome::Skipped(_)))
        .count();
    if updates.is_empty() {
        let _ = writeln!(
            out,
            "Plan: no changes ({unchanged} question(s) up to date, {skipped} skipped)."
        );
    } else {
        let selections: usize = plan
            .questions
            .iter()
            .filter(|q| matches!(q.outcome, Outcome::Update(_)))
            .flat_map(|q| &q.choices)
            .filter(|c| matches!(c.action, Action::Select | Action::OverrideNotApplicable))
            .count();
        let notes = updates.iter().filter(|(_, u)| u.notes.is_some()).count();
        let _ = writeln!(
            out,
            "Plan: {} question(s) to update ({selections} choice(s) to select, {notes} notes to write), {unchanged} up to date, {skipped} skipped.",
            updates.len()
        );
    }
    out
}

fn render_question(out: &mut String, question: &QuestionPlan) {
    let state = match &question.outcome {
        Outcome::Update(_) => "update".to_string(),
        Outcome::NoChange => "no changes".to_string(),
        Outcome::Skipped(why) => format!("skipped: {why}"),
    };
    let _ = writeln!(
        out,
        "{} {} — {} [{state}]",
        question.question_code, question.question_id, question.title
    );
    if matches!(question.outcome, Outcome::Skipped(_)) {
        return;
    }
    for choice in &question.choices {
        let e = &choice.evidence;
        let (mark, what, why) = match &choice.action {
            Action::Select => ("+", "select", passed(e)),
            Action::AlreadySelected => ("=", "selected already", passed(e)),
            Action::OverrideNotApplicable => (
                "+",
                "select (--overwrite: a person marked it not applicable)",
                passed(e),
            ),
            Action::KeepNotApplicable => (
                "·",
                "left not applicable, as a person marked it (--overwrite selects it)",
                passed(e),
            ),
            Action::BlockedByNoneOfThese => (
                "·",
                "not selected: a person selected \"None of these\"",
                passed(e),
            ),
            Action::LeaveUnselected {
                not_applicable: false,
            } => ("-", "leave unselected", failed(e)),
            Action::LeaveUnselected {
                not_applicable: true,
            } => (
                "-",
                "leave not applicable, as a person marked it",
                failed(e),
            ),
            Action::SelectedButFailing => ("!", "selected, but wascan found failures", failed(e)),
            Action::NoEvidence if e.has_findings() => (
                "·",
                "not selected: no direct evidence",
                plan::other_evidence(e).join("; "),
            ),
            Action::NoEvidence => (
                "·",
                "no evidence",
                format!("{} finding(s) not evaluated", e.not_evaluated.len()),
            ),
            Action::NotInLens => (
                "?",
                "not a choice in this lens version: not sent",
                String::new(),
            ),
        };
        let _ = writeln!(out, "  {mark} {} {}: {what}", e.code, e.title);
        if !why.is_empty() {
            let _ = writeln!(out, "      {why}");
        }
        if choice.action != Action::NoEvidence {
            for other in plan::other_evidence(e) {
                let _ = writeln!(out, "      ({other})");
            }
        }
        if choice.action != Action::NoEvidence && !e.not_evaluated.is_empty() {
            let _ = writeln!(
                out,
                "      (and {} finding(s) not evaluated: {})",
                e.not_evaluated.len(),
                ChoiceEvidence::checks(&e.not_evaluated).join(", ")
            );
        }
    }
    match &question.notes {
        NotesChange::Unchanged => {}
        NotesChange::Written {
            added,
            kept,
            lines_cut,
        } => {
            let verb = if *added { "add" } else { "replace" };
            let kept = if *kept > 0 {
                format!("; the other {kept} character(s) kept as they are")
            } else {
                String::new()
            };
            let cut = if *lines_cut > 0 {
                format!("; {lines_cut} evidence line(s) cut to fit")
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "  ~ notes: {verb} the wascan evidence section{kept}{cut}"
            );
        }
        NotesChange::NotWritten(why) => {
            let _ = writeln!(out, "  ! notes not written: {why}");
        }
    }
    for warning in question.warnings.iter().filter(|w| !w.starts_with("notes")) {
        let _ = writeln!(out, "  ! {warning}");
    }
}

fn passed(e: &ChoiceEvidence) -> String {
    format!(
        "{} finding(s) passed: {}",
        e.passed.len(),
        ChoiceEvidence::checks(&e.passed).join(", ")
    )
}

fn failed(e: &ChoiceEvidence) -> String {
    debug_assert_eq!(e.verdict(), Verdict::Fail);
    format!(
        "{} of {} finding(s) failed: {}",
        e.failed.len(),
        e.failed.len() + e.passed.len(),
        plan::failures(&e.failed)
    )
}

/// `wascan review status`.
async fn status(target: &TargetArgs) -> Result<i32, Error> {
    let result = load_scan(target).await?;
    let (tool, _) = tool(target).await;
    let workload = match tool.find_workload(&target.workload).await {
        Ok(Some(workload)) => workload,
        Ok(None) => {
            return Err(Error::Usage(format!(
                "no workload with the id or name `{}` in the Well-Architected Tool",
                target.workload
            )))
        }
        Err(err) => return Ok(tool_failed(&err, "")),
    };
    let risk = match tool.lens_risk(&workload.id).await {
        Ok(risk) => risk,
        Err(err) => return Ok(tool_failed(&err, "")),
    };
    print!("{}", render_status(&workload, &risk, &result));
    Ok(app::exit::OK)
}

/// The Tool's risk counts beside wascan's, per pillar.
pub fn render_status(workload: &Workload, risk: &client::LensRisk, result: &ScanResult) -> String {
    let mut table = comfy_table::Table::new();
    table
        .load_preset(comfy_table::presets::UTF8_BORDERS_ONLY)
        .set_header(vec![
            "Pillar",
            "Tool HRI",
            "Tool MRI",
            "None",
            "Unanswered",
            "N/A",
            "wascan HRI",
            "wascan MRI",
        ]);
    let count = |counts: &std::collections::BTreeMap<String, i32>, key: &str| {
        counts.get(key).copied().unwrap_or(0).to_string()
    };
    let (mut tool_high, mut tool_medium, mut ours_high, mut ours_medium) = (0, 0, 0, 0);
    for pillar in &risk.pillars {
        let ours = pillar
            .pillar_id
            .parse::<Pillar>()
            .ok()
            .and_then(|p| result.scores.pillars.get(&p));
        tool_high += pillar.counts.get("HIGH").copied().unwrap_or(0);
        tool_medium += pillar.counts.get("MEDIUM").copied().unwrap_or(0);
        ours_high += ours.map_or(0, |p| p.high_risk_questions);
        ours_medium += ours.map_or(0, |p| p.medium_risk_questions);
        table.add_row(vec![
            pillar.pillar_name.clone(),
            count(&pillar.counts, "HIGH"),
            count(&pillar.counts, "MEDIUM"),
            count(&pillar.counts, "NONE"),
            count(&pillar.counts, "UNANSWERED"),
            count(&pillar.counts, "NOT_APPLICABLE"),
            ours.map_or("-".into(), |p| p.high_risk_questions.to_string()),
            ours.map_or("-".into(), |p| p.medium_risk_questions.to_string()),
        ]);
    }
    let account = result
        .accounts
        .first()
        .map(|a| a.account_id.as_str())
        .unwrap_or("?");
    let scanned = result
        .started_at
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| OffsetDateTime::UNIX_EPOCH.to_string());
    format!(
        "Workload `{}` ({}) · lens {LENS_ALIAS} {}\n{table}\n\
         The Tool: {tool_high} high-risk and {tool_medium} medium-risk questions, from the answers.\n\
         wascan: {ours_high} high-risk and {ours_medium} medium-risk questions among those it has evidence for (scan of account {account} at {scanned}).\n",
        workload.name, workload.id, risk.lens_version
    )
}
