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
use self::mapping::{ChoiceEvidence, Evidence, MappingFile, Verdict};
use self::plan::{Action, CurrentAnswer, NotesChange, Outcome, Plan, PlanOptions, QuestionPlan};
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
            plan_or_apply(&args.target, &args.change, args.milestone.as_deref(), true).await
        }
        ReviewCommand::Status(args) => status(&args.target).await,
    }
}

/// The Tool's limit on workload and milestone names (WorkloadName, MilestoneName: 3 to 100).
fn check_name(flag: &str, name: &str) -> Result<(), Error> {
    check_length(flag, name, 3, 100, "names")
}

fn check_length(flag: &str, text: &str, min: usize, max: usize, what: &str) -> Result<(), Error> {
    let length = text.chars().count();
    if (min..=max).contains(&length) {
        Ok(())
    } else {
        Err(Error::Usage(format!(
            "{flag} `{text}`: the Well-Architected Tool takes {what} of {min} to {max} characters (leading and trailing spaces dropped)"
        )))
    }
}

/// The Tool's most milestones per workload (MilestoneNumber: 1 to 100).
const MAX_MILESTONES: usize = 100;

/// What a run asked for, checked before any call: the workload's id or trimmed name, the
/// milestone, the review owner, and each lens with its mapping (`None`: the catalog).
struct Request {
    workload: String,
    milestone: Option<String>,
    review_owner: Option<String>,
    lenses: Vec<LensSpec>,
}

struct LensSpec {
    name: String,
    mapping: Option<MappingFile>,
}

fn request(
    target: &TargetArgs,
    change: Option<&ChangeArgs>,
    milestone: Option<&str>,
) -> Result<Request, Error> {
    let workload = target.workload.trim().to_string();
    if !client::looks_like_workload_id(&workload) {
        check_name("--workload", &workload)?;
    }
    let milestone = milestone.map(|m| m.trim().to_string());
    if let Some(name) = &milestone {
        check_name("--milestone", name)?;
    }
    let review_owner = change
        .and_then(|c| c.review_owner.as_deref())
        .map(|o| o.trim().to_string());
    if let Some(owner) = &review_owner {
        check_length("--review-owner", owner, 3, 255, "review owners")?;
    }
    if change.is_some_and(|c| c.create_workload) && review_owner.is_none() {
        return Err(Error::Usage(
            "--create-workload needs --review-owner OWNER (an email or a team name): the Well-Architected Tool requires a review owner for a new workload".into(),
        ));
    }
    let mut files = Vec::new();
    for path in &target.mappings {
        let file_error = |message: String| Error::File {
            path: path.clone(),
            message,
        };
        let text = std::fs::read_to_string(path).map_err(|err| file_error(err.to_string()))?;
        let json = path.extension().is_some_and(|e| e == "json");
        let mapping = mapping::parse_mapping(&text, json)
            .map_err(|err| file_error(format!("not a mapping file: {err}")))?;
        files.push(mapping);
    }
    let mut names: Vec<String> = Vec::new();
    for lens in &target.lenses {
        let lens = lens.trim().to_string();
        check_lens_name(&lens)?;
        if !names.iter().any(|n| same_lens(n, &lens)) {
            names.push(lens);
        }
    }
    if names.is_empty() {
        names.push(LENS_ALIAS.to_string());
    }
    if let Some(file) = files
        .iter()
        .find(|f| !names.iter().any(|n| same_lens(n, &f.lens)))
    {
        return Err(Error::Usage(format!(
            "a --mapping maps lens `{}`, which is not a --lens of this run (add --lens {})",
            file.lens, file.lens
        )));
    }
    let mut lenses = Vec::new();
    for name in names {
        let mapping = match files.iter().position(|f| same_lens(&f.lens, &name)) {
            Some(index) => Some(files.remove(index)),
            None if same_lens(&name, LENS_ALIAS) => None,
            None => Some(mapping::shipped_mapping(&name).ok_or_else(|| {
                Error::Usage(format!(
                    "no mapping for lens `{name}`: wascan ships one for `wellarchitected` and `serverless`; pass --mapping FILE (see the README's mapping format)"
                ))
            })?),
        };
        lenses.push(LensSpec { name, mapping });
    }
    Ok(Request {
        workload,
        milestone,
        review_owner,
        lenses,
    })
}

/// A lens alias (1 to 128 characters) or a lens ARN of the Tool's shape.
fn check_lens_name(lens: &str) -> Result<(), Error> {
    check_length("--lens", lens, 1, 128, "lens aliases")?;
    if lens.starts_with("arn:") && lens_arn_alias(lens).is_none_or(|a| a.is_empty()) {
        return Err(Error::Usage(format!(
            "--lens `{lens}`: not a lens ARN (arn:aws:wellarchitected:REGION::lens/ALIAS for an AWS lens, arn:aws:wellarchitected:REGION:ACCOUNT:lens/ID for a custom lens)"
        )));
    }
    Ok(())
}

/// The part after `:lens/` of a lens ARN of the Tool's shape.
fn lens_arn_alias(arn: &str) -> Option<&str> {
    let rest = arn.strip_prefix("arn:aws:wellarchitected:")?;
    let (head, alias) = rest.split_once(":lens/")?;
    let (region, account) = head.split_once(':')?;
    let ok = !region.is_empty()
        && (account.is_empty()
            || (account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit())));
    ok.then_some(alias)
}

/// Whether two names (aliases or ARNs) are the same AWS lens.
fn same_lens(a: &str, b: &str) -> bool {
    let short = |name: &str| -> String {
        match lens_arn_alias(name) {
            Some(alias) if name.contains("::lens/") => alias.to_string(),
            _ => name.to_string(),
        }
    };
    short(a) == short(b)
}

/// One lens of the workload, read and planned.
struct LensPlan {
    name: String,
    evidence: Evidence,
    answers: Vec<CurrentAnswer>,
    plan: Plan,
}

async fn plan_or_apply(
    target: &TargetArgs,
    change: &ChangeArgs,
    milestone: Option<&str>,
    apply: bool,
) -> Result<i32, Error> {
    let request = request(target, Some(change), milestone)?;
    let result = load_scan(target).await?;
    let catalog_evidence = mapping::evidence(&result);
    let (tool, region) = tool(target).await;
    let options = PlanOptions {
        overwrite: change.overwrite,
    };
    let mut out = String::new();

    let workload = match tool.find_workload(&request.workload).await {
        Ok(workload) => workload,
        Err(err) => return Ok(tool_failed(&err, &out)),
    };
    if let Some(found) = &workload {
        if found.name != request.workload && found.id != request.workload {
            let _ = writeln!(
                out,
                "Workload `{}` matches `{}` (the Tool ignores case and spaces in names).",
                found.name, request.workload
            );
        }
    }
    let lens_names: Vec<String> = request.lenses.iter().map(|l| l.name.clone()).collect();
    let workload = match workload {
        Some(workload) => workload,
        None if !change.create_workload => {
            return Err(Error::Usage(format!(
                "no workload with the id or name `{}` in the Well-Architected Tool (region {}); add --create-workload to create it",
                request.workload, region
            )))
        }
        None if !apply => {
            let _ = writeln!(
                out,
                "Workload `{}` does not exist: `apply --create-workload` would create it ({}, regions {}, {}, review owner {}, lenses {}).",
                request.workload,
                environment(change.environment).as_str(),
                evidence_regions(&catalog_evidence)?.join(", "),
                catalog_evidence.accounts_label(),
                request.review_owner.as_deref().unwrap_or("?"),
                lens_names.join(", ")
            );
            for spec in &request.lenses {
                if spec.mapping.is_none() {
                    let _ = writeln!(
                        out,
                        "Planned against an unanswered review of lens {LENS_ALIAS} as wascan's catalog knows it ({}).\n",
                        mapping::CATALOG_LENS_VERSION
                    );
                    let answers = plan::fresh_answers();
                    let plan = plan::plan(&catalog_evidence, &answers, options);
                    out.push_str(&render_plan(None, &result, &catalog_evidence, &plan));
                    out.push_str(&render_coverage(&catalog_evidence, &answers));
                } else {
                    let _ = writeln!(
                        out,
                        "Lens {}: its questions come from the Tool once the workload exists; `apply` plans it then.",
                        spec.name
                    );
                }
            }
            print!("{out}");
            return Ok(app::exit::OK);
        }
        None => {
            // The Tool takes up to 100 twelve-digit account ids (CreateWorkload's AccountIds).
            let account_ids: Vec<String> = catalog_evidence
                .account_ids
                .iter()
                .filter(|id| id.len() == 12 && id.bytes().all(|b| b.is_ascii_digit()))
                .take(100)
                .cloned()
                .collect();
            let new = NewWorkload {
                name: request.workload.clone(),
                description: format!(
                    "Created by wascan {} from a scan of {}",
                    env!("CARGO_PKG_VERSION"),
                    // The description holds at most 250 characters: a group is counted.
                    match catalog_evidence.account_ids.len() {
                        1 => catalog_evidence.accounts_label(),
                        n => format!("{n} accounts"),
                    }
                ),
                environment: environment(change.environment),
                regions: evidence_regions(&catalog_evidence)?,
                account_ids,
                review_owner: request.review_owner.clone().unwrap_or_default(),
                lenses: lens_names.clone(),
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
            workload
        }
    };

    // Everything is read and planned before the first write (an upgrade asked for is written
    // first, after it is shown, and the plan is made against the upgraded version).
    let milestones = if apply && (request.milestone.is_some() || change.upgrade_lens) {
        match tool.milestones(&workload.id).await {
            Ok(milestones) => milestones,
            Err(err) => return Ok(tool_failed(&err, &out)),
        }
    } else {
        Vec::new()
    };
    if let Some(name) = &request.milestone {
        if let Some(existing) = milestones.iter().find(|m| m.name == *name) {
            return Err(Error::Usage(format!(
                "--milestone `{name}`: workload `{}` has a milestone of that name already (number {}); milestone names are unique in a workload. Nothing was written",
                workload.name, existing.number
            )));
        }
    }
    if request.milestone.is_some() && milestones.len() >= MAX_MILESTONES {
        return Err(Error::Usage(format!(
            "--milestone: workload `{}` has {} milestones, the most the Tool keeps ({MAX_MILESTONES}): no milestone can be saved. Nothing was written; drop --milestone",
            workload.name,
            milestones.len()
        )));
    }
    let mut plans = Vec::new();
    let mut upgrades = 0;
    for spec in &request.lenses {
        let risk = match tool.lens_risk(&workload.id, &spec.name).await {
            Ok(risk) => risk,
            Err(err) if err.is_not_found() => {
                return Err(Error::Usage(format!(
                    "workload `{}` has no review of lens `{}` ({}): add the lens to the workload in the Tool (AssociateLenses) first",
                    workload.name, spec.name, err.message
                )))
            }
            Err(err) => return Ok(tool_failed(&err, &out)),
        };
        let target_version = spec
            .mapping
            .as_ref()
            .map_or(Some(mapping::CATALOG_LENS_VERSION), |m| {
                m.lens_version.as_deref()
            });
        if let Some(version) = target_version.filter(|v| *v != risk.lens_version) {
            let _ = writeln!(
                out,
                "Lens {}: the workload's review is on version {}; the mapping was written for {version}: planned against {} (ids that version lacks are not sent).",
                spec.name, risk.lens_version, risk.lens_version
            );
        }
        if risk.lens_status == "NOT_CURRENT" || risk.lens_status == "DEPRECATED" {
            let difference = match tool.lens_difference(&spec.name, &risk.lens_version).await {
                Ok(difference) => difference,
                Err(err) => return Ok(tool_failed(&err, &out)),
            };
            out.push_str(&render_difference(&spec.name, &difference));
            if change.upgrade_lens && apply {
                let name = upgrade_milestone(&spec.name, &difference.latest_version, &milestones);
                if milestones.len() + upgrades + 1 + usize::from(request.milestone.is_some())
                    > MAX_MILESTONES
                {
                    return Err(Error::Usage(format!(
                        "workload `{}` has {} milestones: upgrading saves one more, past the Tool's {MAX_MILESTONES}. Nothing was written",
                        workload.name,
                        milestones.len()
                    )));
                }
                if let Err(err) = tool
                    .upgrade_lens_review(&workload.id, &spec.name, &name)
                    .await
                {
                    return Ok(tool_failed(&err, &out));
                }
                upgrades += 1;
                let _ = writeln!(
                    out,
                    "Upgraded the review of lens {} from {} to {} (the Tool saved milestone `{name}` first).\n",
                    spec.name, difference.base_version, difference.latest_version
                );
            } else if change.upgrade_lens {
                let _ = writeln!(
                    out,
                    "`apply --upgrade-lens` would upgrade it to {}, then plan against that version.\n",
                    difference.latest_version
                );
            } else {
                let _ = writeln!(
                    out,
                    "Not upgraded: wascan plans against {}; `--upgrade-lens` upgrades the review.\n",
                    risk.lens_version
                );
            }
        }
        let version = match tool.lens_risk(&workload.id, &spec.name).await {
            Ok(risk) => risk.lens_version,
            Err(err) => return Ok(tool_failed(&err, &out)),
        };
        let lens_plan = match plan_lens(
            &tool,
            &workload,
            spec,
            &result,
            &catalog_evidence,
            &version,
            options,
        )
        .await
        {
            Ok(Ok(lens_plan)) => lens_plan,
            Ok(Err(problems)) => {
                return Err(Error::Usage(format!(
                    "the mapping of lens `{}` does not fit the lens the Tool returns:\n  {}",
                    spec.name,
                    problems.join("\n  ")
                )))
            }
            Err(err) => return Ok(tool_failed(&err, &out)),
        };
        plans.push(lens_plan);
    }
    for (index, lens_plan) in plans.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        out.push_str(&render_plan(
            Some(&workload),
            &result,
            &lens_plan.evidence,
            &lens_plan.plan,
        ));
        out.push_str(&render_coverage(&lens_plan.evidence, &lens_plan.answers));
    }
    if !apply {
        print!("{out}");
        return Ok(app::exit::OK);
    }

    out.push('\n');
    let several = plans.len() > 1;
    let label = |lens: &str, question: &QuestionPlan| {
        if several {
            format!("{lens}/{}", question.question_code)
        } else {
            question.question_code.clone()
        }
    };
    let updates: Vec<(&str, &QuestionPlan, &plan::UpdateRequest)> = plans
        .iter()
        .flat_map(|p| p.plan.updates().map(move |(q, u)| (p.name.as_str(), q, u)))
        .collect();
    for (index, (lens, question, update)) in updates.iter().enumerate() {
        if let Err(err) = tool.update_answer(&workload.id, lens, update).await {
            let done: Vec<String> = updates[..index]
                .iter()
                .map(|(l, q, _)| label(l, q))
                .collect();
            let not_done: Vec<String> = updates[index..]
                .iter()
                .map(|(l, q, _)| label(l, q))
                .collect();
            let _ = writeln!(
                out,
                "Stopped at {} ({}): {err}\nUpdated ({}): {}\nNot updated ({}): {}",
                label(lens, question),
                question.question_id,
                done.len(),
                list_or_none(&done),
                not_done.len(),
                list_or_none(&not_done),
            );
            if request.milestone.is_some() {
                out.push_str("No milestone saved.\n");
            }
            print!("{out}");
            eprintln!("wascan: error: {err}");
            return Ok(exit::TOOL_ERROR);
        }
        let _ = if question.question_code == question.question_id {
            writeln!(out, "updated {}", label(lens, question))
        } else {
            writeln!(
                out,
                "updated {} {}",
                label(lens, question),
                question.question_id
            )
        };
    }
    let _ = writeln!(
        out,
        "Applied: {} question(s) updated in workload `{}`.",
        updates.len(),
        workload.name
    );
    if let Some(name) = &request.milestone {
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

/// The regions a new workload is created with: the scan's (the Tool takes 1 to 50).
fn evidence_regions(evidence: &Evidence) -> Result<Vec<String>, Error> {
    let regions: Vec<String> = evidence
        .regions
        .iter()
        .filter(|r| r.as_str() != "global")
        .cloned()
        .collect();
    if regions.is_empty() || regions.len() > 50 {
        return Err(Error::Usage(format!(
            "--create-workload: the scan covers {} region(s); the Well-Architected Tool takes 1 to 50 regions for a workload",
            regions.len()
        )));
    }
    Ok(regions)
}

/// A milestone name for an upgrade that no milestone of the workload has.
fn upgrade_milestone(lens: &str, version: &str, milestones: &[client::Milestone]) -> String {
    let short: String = lens
        .chars()
        .rev()
        .take(40)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let base = format!("before upgrading {short} to {version} (wascan)");
    let base: String = base.chars().take(90).collect();
    let mut name = base.clone();
    let mut n = 2;
    while milestones.iter().any(|m| m.name == name) {
        name = format!("{base} {n}");
        n += 1;
    }
    name
}

/// Reads one lens of the workload and plans it: `Ok(Err(problems))` when its mapping names ids
/// the lens does not have.
async fn plan_lens(
    tool: &Tool,
    workload: &Workload,
    spec: &LensSpec,
    result: &ScanResult,
    catalog_evidence: &Evidence,
    version: &str,
    options: PlanOptions,
) -> Result<Result<LensPlan, Vec<String>>, ApiError> {
    let mut dropped = Vec::new();
    let evidence = match &spec.mapping {
        None => {
            let mut evidence = catalog_evidence.clone();
            evidence.lens = spec.name.clone();
            evidence
        }
        Some(mapping) => {
            let listed = tool
                .answers(&workload.id, &spec.name, &BTreeSet::new())
                .await?;
            // On another lens version than the mapping's, ids that version lacks are expected:
            // those entries are left out, and said. Otherwise every id must be the lens's.
            let mut mapping = mapping.clone();
            if mapping
                .lens_version
                .as_deref()
                .is_some_and(|v| v != version)
            {
                mapping.entries.retain(|entry| {
                    let known = listed.iter().any(|a| {
                        a.question_id == entry.question
                            && a.choices.iter().any(|c| c.id == entry.choice)
                    });
                    if !known {
                        dropped.push(format!(
                            "{} → {}/{} is not in lens {} version {version}: left out",
                            entry
                                .check
                                .as_deref()
                                .or(entry.best_practice.as_deref())
                                .unwrap_or("?"),
                            entry.question,
                            entry.choice,
                            spec.name
                        ));
                    }
                    known
                });
            }
            let custom: BTreeSet<&str> = result
                .findings
                .iter()
                .map(|f| f.check_id.as_str())
                .filter(|id| id.starts_with(wascan_checks::custom::NAMESPACE))
                .collect();
            if let Err(problems) = mapping::validate(&mapping, &listed, &custom) {
                return Ok(Err(problems));
            }
            let mut evidence = mapping::lens_evidence(result, &mapping, &listed);
            evidence.lens = spec.name.clone();
            evidence
        }
    };
    let details: BTreeSet<String> = evidence
        .questions
        .iter()
        .filter(|q| q.has_evidence())
        .map(|q| q.question_id.clone())
        .collect();
    let answers = tool.answers(&workload.id, &spec.name, &details).await?;
    let mut plan = plan::plan(&evidence, &answers, options);
    plan.warnings.extend(dropped);
    Ok(Ok(LensPlan {
        name: spec.name.clone(),
        evidence,
        answers,
        plan,
    }))
}

/// What upgrading a lens review changes, question by question.
fn render_difference(lens: &str, difference: &client::LensDifference) -> String {
    let mut out = format!(
        "Lens {lens}: the workload's review is on version {}; the latest is {}. Upgrading changes {} question(s):\n",
        difference.base_version,
        difference.latest_version,
        difference.questions.len()
    );
    for question in &difference.questions {
        let _ = writeln!(
            out,
            "  {} {} {} — {}",
            question.status, question.pillar_id, question.question_id, question.title
        );
    }
    out
}

/// Per pillar of the lens: its questions, those wascan can answer (a check maps to one of their
/// choices), those this scan has evidence for, and those left to people.
pub fn render_coverage(evidence: &Evidence, answers: &[CurrentAnswer]) -> String {
    let mut table = comfy_table::Table::new();
    table
        .load_preset(comfy_table::presets::UTF8_BORDERS_ONLY)
        .set_header(vec![
            "Pillar",
            "Questions",
            "wascan can answer",
            "with evidence now",
            "left to people",
        ]);
    let mut pillars: Vec<&str> = Vec::new();
    for answer in answers {
        if !pillars.contains(&answer.pillar_id.as_str()) {
            pillars.push(&answer.pillar_id);
        }
    }
    let with_evidence: BTreeSet<&str> = evidence
        .questions
        .iter()
        .filter(|q| q.has_evidence())
        .map(|q| q.question_id.as_str())
        .collect();
    let mut left = Vec::new();
    let (mut total, mut answerable, mut now) = (0, 0, 0);
    for pillar in pillars {
        let questions: Vec<&CurrentAnswer> =
            answers.iter().filter(|a| a.pillar_id == pillar).collect();
        let can = questions
            .iter()
            .filter(|a| evidence.answerable.contains(&a.question_id))
            .count();
        let has = questions
            .iter()
            .filter(|a| with_evidence.contains(a.question_id.as_str()))
            .count();
        total += questions.len();
        answerable += can;
        now += has;
        left.extend(
            questions
                .iter()
                .filter(|a| !evidence.answerable.contains(&a.question_id))
                .map(|a| code_of(evidence, &a.question_id)),
        );
        let name = pillar
            .parse::<Pillar>()
            .map_or_else(|_| pillar.to_string(), |p| p.title().to_string());
        table.add_row(vec![
            name,
            questions.len().to_string(),
            can.to_string(),
            has.to_string(),
            (questions.len() - can).to_string(),
        ]);
    }
    format!(
        "\nLens {}: wascan can answer {answerable} of {total} question(s) ({now} with evidence in this scan); {} left to people:\n{table}\nLeft to people: {}\n",
        evidence.lens,
        total - answerable,
        if left.is_empty() {
            "none".to_string()
        } else {
            left.join(" ")
        }
    )
}

fn code_of(evidence: &Evidence, question_id: &str) -> String {
    evidence
        .lens_questions
        .iter()
        .find(|(_, id)| id == question_id)
        .map_or_else(|| question_id.to_string(), |(code, _)| code.clone())
}

/// Prints what was done so far, then the error; the exit code for a failed Tool call.
fn tool_failed(err: &ApiError, out: &str) -> i32 {
    print!("{out}");
    eprintln!("wascan: error: Well-Architected Tool: {err}");
    exit::TOOL_ERROR
}

fn list_or_none(items: &[String]) -> String {
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
        let catalog = app::catalog(
            &target.selection.custom_checks,
            &config,
            &config.suppressions,
        )?;
        let selection = app::selection(&target.selection);
        let collect_options = app::collect_options(&target.aws, &selection, &catalog)?;
        let sdk_config = aws::load(&app::aws_options(&target.aws)).await;
        eprintln!("wascan: scanning the account for evidence ...");
        let (_, result) = scan::scan_catalog(
            &sdk_config,
            &collect_options,
            &selection,
            &catalog,
            &config.checks,
        )
        .await?;
        return Ok(result);
    };
    let scan_flags = [
        ("--regions", !target.aws.regions.is_empty()),
        ("--pillars", !target.selection.pillars.is_empty()),
        ("--services", !target.selection.services.is_empty()),
        ("--checks", !target.selection.checks.is_empty()),
        (
            "--custom-checks",
            !target.selection.custom_checks.is_empty(),
        ),
        ("--config", target.config.is_some()),
    ];
    if let Some((flag, _)) = scan_flags.iter().find(|(_, given)| *given) {
        return Err(Error::Usage(format!(
            "{flag} applies when wascan scans now; --scan {} reads a finished scan",
            path.display()
        )));
    }
    if path.is_dir() {
        return read_scan_dir_accounts(path, &target.accounts);
    }
    if !target.accounts.is_empty() {
        return Err(Error::Usage(format!(
            "--account selects accounts of an organisation scan directory; {} is a single scan result",
            path.display()
        )));
    }
    read_result(path)
}

/// The findings of the chosen accounts of an organisation scan directory, reviewed together.
/// Only their result files are read, one account at a time, whatever the organisation's size.
fn read_scan_dir_accounts(dir: &Path, chosen: &[String]) -> Result<ScanResult, Error> {
    if !crate::scandir::is_scan_dir(dir) {
        return Err(Error::File {
            path: dir.to_path_buf(),
            message: "not an organisation scan directory (no scan.json or summary.json): give --scan a scan result file or the directory `wascan scan --org` wrote".into(),
        });
    }
    // A finished scan (or a merge of shards) lists its accounts in the summary; a scan still
    // running or stopped, in its plan.
    let planned: Vec<String> = if dir.join(wascan_checks::summary::SUMMARY_FILE).is_file() {
        crate::scandir::read_summary(dir)?
            .accounts
            .into_iter()
            .map(|a| a.account_id)
            .collect()
    } else {
        crate::scandir::read_plan(dir)?
            .accounts
            .into_iter()
            .map(|a| a.account_id)
            .collect()
    };
    let accounts: Vec<String> = match chosen {
        [] if planned.len() == 1 => planned.clone(),
        [] => {
            return Err(Error::Usage(format!(
                "{} holds {} accounts: name the workload's account with --account ID (repeat it for a group of accounts)",
                dir.display(),
                planned.len()
            )))
        }
        chosen => {
            let mut unique: Vec<String> = Vec::new();
            for id in chosen {
                if !unique.contains(id) {
                    unique.push(id.clone());
                }
            }
            unique
        }
    };
    let mut results = Vec::with_capacity(accounts.len());
    for id in &accounts {
        if !planned.contains(id) {
            return Err(Error::Usage(format!(
                "--account {id}: the scan in {} did not plan this account",
                dir.display()
            )));
        }
        let scandir = crate::scandir::ScanDir::at(dir, &[]);
        if !scandir.has_account(id) {
            return Err(Error::Usage(format!(
                "--account {id}: the scan in {} has no complete result for this account (resume it with `wascan scan --org --resume {}`)",
                dir.display(),
                dir.display()
            )));
        }
        results.push(crate::scandir::read_account(dir, id)?);
    }
    if results.len() == 1 {
        return Ok(results.remove(0));
    }
    ScanResult::merge(results).map_err(|err| Error::File {
        path: dir.to_path_buf(),
        message: format!("the accounts' results cannot be reviewed together: {err}"),
    })
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
        "Plan for {name} · lens {} · scan of {} ({}) · {} findings, {} evaluated",
        evidence.lens,
        evidence.accounts_label(),
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
    // A mapped lens has no codes of its own: its question ids stand for them.
    let name = if question.question_code == question.question_id {
        question.question_id.clone()
    } else {
        format!("{} {}", question.question_code, question.question_id)
    };
    let _ = writeln!(out, "{name} — {} [{state}]", question.title);
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

/// `wascan review status`: per lens, the Tool's risk beside wascan's and what is left to people.
async fn status(target: &TargetArgs) -> Result<i32, Error> {
    let request = request(target, None, None)?;
    let result = load_scan(target).await?;
    let catalog_evidence = mapping::evidence(&result);
    let (tool, _) = tool(target).await;
    let workload = match tool.find_workload(&request.workload).await {
        Ok(Some(workload)) => workload,
        Ok(None) => {
            return Err(Error::Usage(format!(
                "no workload with the id or name `{}` in the Well-Architected Tool",
                request.workload
            )))
        }
        Err(err) => return Ok(tool_failed(&err, "")),
    };
    let mut out = String::new();
    for (index, spec) in request.lenses.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let risk = match tool.lens_risk(&workload.id, &spec.name).await {
            Ok(risk) => risk,
            Err(err) => return Ok(tool_failed(&err, &out)),
        };
        let lens_plan = match plan_lens(
            &tool,
            &workload,
            spec,
            &result,
            &catalog_evidence,
            &risk.lens_version,
            PlanOptions::default(),
        )
        .await
        {
            Ok(Ok(lens_plan)) => lens_plan,
            Ok(Err(problems)) => {
                return Err(Error::Usage(format!(
                    "the mapping of lens `{}` does not fit the lens the Tool returns:\n  {}",
                    spec.name,
                    problems.join("\n  ")
                )))
            }
            Err(err) => return Ok(tool_failed(&err, &out)),
        };
        out.push_str(&render_status(&workload, &risk, &result));
        out.push_str(&render_coverage(&lens_plan.evidence, &lens_plan.answers));
    }
    print!("{out}");
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
    let catalog = same_lens(&risk.lens_alias, LENS_ALIAS);
    for pillar in &risk.pillars {
        // wascan's own risk counts follow the wellarchitected catalog: none for other lenses.
        let ours = pillar
            .pillar_id
            .parse::<Pillar>()
            .ok()
            .filter(|_| catalog)
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
    let ours = if catalog {
        format!("wascan: {ours_high} high-risk and {ours_medium} medium-risk questions among those it has evidence for (scan of account {account} at {scanned}).")
    } else {
        format!("wascan: its own risk counts follow the wellarchitected lens; for this lens see what it can answer below (scan of account {account} at {scanned}).")
    };
    format!(
        "Workload `{}` ({}) · lens {} {}\n{table}\n\
         The Tool: {tool_high} high-risk and {tool_medium} medium-risk questions, from the answers.\n\
         {ours}\n",
        workload.name, workload.id, risk.lens_alias, risk.lens_version
    )
}
