//! The plan: what wascan would change in a workload's answers, question by question, and why.
//! Pure: the workload's current answers and the scan's evidence in, the plan out.
//!
//! The rules, in the order they apply:
//! - a question a person marked not applicable (`IsApplicable=false`) is skipped;
//! - a question with no finding but `not_evaluated` ones is left untouched;
//! - a choice is selected on **direct** evidence only: at least one evaluated direct finding of
//!   its best practice, and every evaluated direct one passed; a choice is never unselected; a
//!   choice with a failed direct finding is not selected, and if a person selected it, it stays
//!   selected and the notes carry the failures;
//! - indirect evidence (a precondition or proxy) and "no evidence found" select nothing and
//!   unselect nothing: the notes say what was looked for and what was found;
//! - a choice a person marked not applicable stays so unless `overwrite`;
//! - "None of these" is never selected nor unselected: while it is selected, wascan selects
//!   nothing else in that question (the Tool makes them exclusive);
//! - a catalog choice the workload's lens version lacks is never sent, and is warned about;
//! - the evidence goes into wascan's section of the notes ([`notes`]); a person's notes are kept.
//!
//! Where the API reference is silent on what UpdateAnswer does with what a request leaves out,
//! every request restates what a person entered, so nothing can be lost whichever way the
//! service reads it: the whole notes are always sent (unchanged ones too); a choice a person
//! marked not applicable is restated in `ChoiceUpdates` with its reason and notes (a full
//! `SelectedChoices` list leaves it out); and a choice update carries the choice's existing
//! notes and reason when wascan does not write them.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::mapping::{self, ChoiceEvidence, Evidence, FindingRef, QuestionEvidence, Verdict};
use super::notes::{self, MergeError};

/// A choice's state in an answer, as the Tool reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChoiceStatus {
    Selected,
    Unselected,
    NotApplicable,
}

impl ChoiceStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ChoiceStatus::Selected => "SELECTED",
            ChoiceStatus::Unselected => "UNSELECTED",
            ChoiceStatus::NotApplicable => "NOT_APPLICABLE",
        }
    }
}

/// A choice the workload's lens offers for a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToolChoice {
    pub id: String,
    pub title: String,
}

/// A choice's answer: its status and the notes a person (or wascan) left on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceState {
    pub status: ChoiceStatus,
    pub notes: String,
    /// Why a person marked it not applicable (`OUT_OF_SCOPE` ...), when they said.
    pub reason: Option<String>,
}

/// One question's current answer in the workload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrentAnswer {
    pub question_id: String,
    /// The Tool's `PillarId`.
    pub pillar_id: String,
    pub title: String,
    pub is_applicable: bool,
    /// The choices of the workload's lens version, in the Tool's order.
    pub choices: Vec<ToolChoice>,
    pub selected: Vec<String>,
    /// Per choice, when the Tool reports it (`ChoiceAnswers`).
    pub choice_states: BTreeMap<String, ChoiceState>,
    pub notes: String,
}

impl CurrentAnswer {
    fn status(&self, choice_id: &str) -> ChoiceStatus {
        match self.choice_states.get(choice_id) {
            Some(state) if state.status == ChoiceStatus::NotApplicable => {
                ChoiceStatus::NotApplicable
            }
            _ if self.selected.iter().any(|id| id == choice_id) => ChoiceStatus::Selected,
            _ => ChoiceStatus::Unselected,
        }
    }

    /// The question's "None of these" choice.
    pub fn none_of_these(&self) -> Option<&str> {
        self.choices
            .iter()
            .find(|c| c.title.eq_ignore_ascii_case("None of these") || c.id.ends_with("_no"))
            .map(|c| c.id.as_str())
    }
}

/// Every question of the lens as the catalog knows it, unanswered: the answers of a workload
/// wascan is about to create (a real lens version may differ; apply re-reads them).
pub fn fresh_answers() -> Vec<CurrentAnswer> {
    mapping::catalog_questions()
        .into_iter()
        .map(|(first, choices)| CurrentAnswer {
            question_id: first.question_id.clone(),
            pillar_id: first.pillar.wa_tool_id().to_string(),
            title: first.question_title.clone(),
            is_applicable: true,
            choices: choices
                .into_iter()
                .map(|id| ToolChoice {
                    id: id.to_string(),
                    title: String::new(),
                })
                .collect(),
            selected: Vec::new(),
            choice_states: BTreeMap::new(),
            notes: String::new(),
        })
        .collect()
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PlanOptions {
    /// Select a passing choice even when a person marked it not applicable.
    pub overwrite: bool,
}

/// A choice update as UpdateAnswer takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceUpdate {
    pub status: ChoiceStatus,
    pub notes: Option<String>,
    pub reason: Option<String>,
}

/// One UpdateAnswer call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateRequest {
    pub question_id: String,
    /// The complete set of selected choices after the update (the Tool replaces the set).
    pub selected_choices: Vec<String>,
    pub choice_updates: BTreeMap<String, ChoiceUpdate>,
    /// The whole notes: the new ones, or the current ones restated.
    pub notes: Option<String>,
}

/// What wascan does with one choice, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Every evaluated finding passed: select it.
    Select,
    /// Every evaluated finding passed, and it is selected already.
    AlreadySelected,
    /// Every evaluated finding passed; a person marked it not applicable: selected (`--overwrite`).
    OverrideNotApplicable,
    /// Every evaluated finding passed; a person marked it not applicable: left so.
    KeepNotApplicable,
    /// Every evaluated finding passed, but the person selected "None of these".
    BlockedByNoneOfThese,
    /// A finding failed: not selected (a not applicable choice stays so).
    LeaveUnselected { not_applicable: bool },
    /// A finding failed, but a person selected it: it stays selected, the notes say why not.
    SelectedButFailing,
    /// No evaluated direct finding (only indirect evidence, "no evidence found" or not evaluated
    /// findings): nothing selected, the notes say what was found.
    NoEvidence,
    /// The workload's lens version has no such choice: never sent.
    NotInLens,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoicePlan {
    pub evidence: ChoiceEvidence,
    pub action: Action,
}

/// What happens to the notes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotesChange {
    Unchanged,
    /// wascan's section is written: added (no section before) or replaced.
    Written {
        added: bool,
        /// The characters of the person's own notes, kept as they are.
        kept: usize,
        lines_cut: usize,
    },
    /// Not written, and why (damaged markers, no room).
    NotWritten(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Update(UpdateRequest),
    NoChange,
    /// Left untouched, and why.
    Skipped(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionPlan {
    pub question_code: String,
    pub question_id: String,
    pub title: String,
    pub choices: Vec<ChoicePlan>,
    pub notes: NotesChange,
    /// What was cut to respect a limit, and other warnings for this question.
    pub warnings: Vec<String>,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Questions with evidence, in the catalog's order.
    pub questions: Vec<QuestionPlan>,
    /// Question codes with no evaluated finding: left untouched.
    pub untouched: Vec<String>,
    pub warnings: Vec<String>,
}

impl Plan {
    pub fn updates(&self) -> impl Iterator<Item = (&QuestionPlan, &UpdateRequest)> {
        self.questions.iter().filter_map(|q| match &q.outcome {
            Outcome::Update(update) => Some((q, update)),
            _ => None,
        })
    }

    pub fn has_changes(&self) -> bool {
        self.updates().next().is_some()
    }
}

/// Plans the updates of `answers` from `evidence`.
pub fn plan(evidence: &Evidence, answers: &[CurrentAnswer], options: PlanOptions) -> Plan {
    let mut warnings: Vec<String> = evidence
        .unknown_codes
        .iter()
        .map(|code| {
            format!(
                "the scan names best practice {code}, which this wascan's catalog lacks: ignored"
            )
        })
        .collect();
    let with_evidence: Vec<&QuestionEvidence> = evidence
        .questions
        .iter()
        .filter(|q| q.has_evidence())
        .collect();
    let untouched = evidence
        .lens_questions
        .iter()
        .filter(|(_, id)| !with_evidence.iter().any(|e| &e.question_id == id))
        .map(|(code, _)| code.clone())
        .collect();
    let questions = with_evidence
        .into_iter()
        .map(|question| {
            let answer = answers
                .iter()
                .find(|a| a.question_id == question.question_id);
            plan_question(question, answer, evidence, options)
        })
        .collect::<Vec<_>>();
    for question in &questions {
        if matches!(question.outcome, Outcome::Skipped(_)) {
            continue;
        }
        for choice in &question.choices {
            if choice.action == Action::NotInLens {
                warnings.push(format!(
                    "{} ({}) is not a choice of {} in this workload's lens version: not sent",
                    choice.evidence.choice_id, choice.evidence.code, question.question_id
                ));
            }
        }
    }
    Plan {
        questions,
        untouched,
        warnings,
    }
}

fn plan_question(
    question: &QuestionEvidence,
    answer: Option<&CurrentAnswer>,
    evidence: &Evidence,
    options: PlanOptions,
) -> QuestionPlan {
    let mut plan = QuestionPlan {
        question_code: question.question_code.clone(),
        question_id: question.question_id.clone(),
        title: question.title.clone(),
        choices: Vec::new(),
        notes: NotesChange::Unchanged,
        warnings: Vec::new(),
        outcome: Outcome::NoChange,
    };
    let Some(answer) = answer else {
        plan.outcome = Outcome::Skipped(format!(
            "the workload's lens has no question {}",
            question.question_id
        ));
        return plan;
    };
    if !answer.is_applicable {
        plan.outcome = Outcome::Skipped("a person marked this question not applicable".into());
        return plan;
    }
    let none = answer.none_of_these();
    let none_selected = none.is_some_and(|id| answer.selected.iter().any(|s| s == id));
    let mut selected: BTreeSet<String> = answer.selected.iter().cloned().collect();
    let mut updates = BTreeMap::new();

    for choice in &question.choices {
        let id = choice.choice_id.as_str();
        let in_lens = answer.choices.iter().any(|c| c.id == id) && Some(id) != none;
        let status = answer.status(id);
        let action = match (in_lens, choice.verdict(), status) {
            (false, _, _) => Action::NotInLens,
            (_, Verdict::NoEvidence, _) => Action::NoEvidence,
            (_, Verdict::Pass, ChoiceStatus::Selected) => Action::AlreadySelected,
            (_, Verdict::Pass, _) if none_selected => Action::BlockedByNoneOfThese,
            (_, Verdict::Pass, ChoiceStatus::NotApplicable) if !options.overwrite => {
                Action::KeepNotApplicable
            }
            (_, Verdict::Pass, status) => {
                selected.insert(id.to_string());
                let current_notes = answer
                    .choice_states
                    .get(id)
                    .map(|s| s.notes.as_str())
                    .unwrap_or("");
                let choice_notes = current_notes.is_empty().then(|| {
                    let (text, cut) =
                        notes::truncate(&choice_note(choice), notes::CHOICE_NOTES_MAX);
                    if cut {
                        plan.warnings.push(format!(
                            "{}: the choice note was cut to {} characters",
                            choice.code,
                            notes::CHOICE_NOTES_MAX
                        ));
                    }
                    text
                });
                if status == ChoiceStatus::NotApplicable || choice_notes.is_some() {
                    updates.insert(
                        id.to_string(),
                        ChoiceUpdate {
                            status: ChoiceStatus::Selected,
                            notes: choice_notes,
                            reason: None,
                        },
                    );
                }
                if status == ChoiceStatus::NotApplicable {
                    Action::OverrideNotApplicable
                } else {
                    Action::Select
                }
            }
            (_, Verdict::Fail, ChoiceStatus::Selected) => Action::SelectedButFailing,
            (_, Verdict::Fail, status) => Action::LeaveUnselected {
                not_applicable: status == ChoiceStatus::NotApplicable,
            },
        };
        plan.choices.push(ChoicePlan {
            evidence: choice.clone(),
            action,
        });
    }

    let lines = evidence_lines(question, evidence, |id| {
        answer.choices.iter().any(|c| c.id == id)
    });
    let mut new_notes = None;
    match notes::merge(&answer.notes, &lines) {
        Ok(merged) if merged.notes == answer.notes => {}
        Ok(merged) => {
            let split = notes::split(&answer.notes).ok();
            let added = split.as_ref().is_none_or(|s| s.section.is_none());
            let kept = split.map_or(0, |s| notes::chars(s.before) + notes::chars(s.after));
            if merged.lines_cut > 0 {
                plan.warnings.push(format!(
                    "notes: {} evidence line(s) cut to stay within the Tool's {} characters",
                    merged.lines_cut,
                    notes::ANSWER_NOTES_MAX
                ));
            }
            plan.notes = NotesChange::Written {
                added,
                kept,
                lines_cut: merged.lines_cut,
            };
            new_notes = Some(merged.notes);
        }
        Err(err @ (MergeError::Damaged(_) | MergeError::NoRoom { .. })) => {
            plan.warnings.push(format!("notes not written: {err}"));
            plan.notes = NotesChange::NotWritten(err.to_string());
        }
    }
    if none_selected
        && plan
            .choices
            .iter()
            .any(|c| c.action == Action::BlockedByNoneOfThese)
    {
        plan.warnings.push(
            "\"None of these\" is selected: wascan selects nothing else here (the Tool makes them exclusive) and never unselects it".into(),
        );
    }

    let current: BTreeSet<String> = answer.selected.iter().cloned().collect();
    if selected != current || !updates.is_empty() || new_notes.is_some() {
        // The Tool's order, so the request reads like the console.
        let mut ordered: Vec<String> = answer
            .choices
            .iter()
            .filter(|c| selected.contains(&c.id))
            .map(|c| c.id.clone())
            .collect();
        // Selected choices the lens no longer lists are kept as they were.
        let unlisted: Vec<String> = answer
            .selected
            .iter()
            .filter(|id| !ordered.contains(id))
            .cloned()
            .collect();
        ordered.extend(unlisted);
        restate(answer, &mut updates);
        plan.outcome = Outcome::Update(UpdateRequest {
            question_id: question.question_id.clone(),
            selected_choices: ordered,
            choice_updates: updates,
            notes: Some(new_notes.unwrap_or_else(|| answer.notes.clone())),
        });
    }
    plan
}

/// Restates in `updates` what a person entered on the question's choices, so that no reading
/// of UpdateAnswer can lose it: each choice marked not applicable (left out of the full
/// `SelectedChoices`) with its reason and notes, and the existing notes and reason of each
/// choice wascan updates without writing them.
fn restate(answer: &CurrentAnswer, updates: &mut BTreeMap<String, ChoiceUpdate>) {
    for (id, state) in &answer.choice_states {
        let known = |text: &str| (!text.is_empty()).then(|| text.to_string());
        match updates.get_mut(id) {
            Some(update) => {
                if update.notes.is_none() {
                    update.notes = known(&state.notes);
                }
                if update.reason.is_none() && update.status == ChoiceStatus::NotApplicable {
                    update.reason.clone_from(&state.reason);
                }
            }
            None if state.status == ChoiceStatus::NotApplicable
                && answer.choices.iter().any(|c| &c.id == id) =>
            {
                updates.insert(
                    id.clone(),
                    ChoiceUpdate {
                        status: ChoiceStatus::NotApplicable,
                        notes: known(&state.notes),
                        reason: state.reason.clone(),
                    },
                );
            }
            None => {}
        }
    }
}

/// The short note wascan leaves on a choice it selects (only when the choice has none).
fn choice_note(choice: &ChoiceEvidence) -> String {
    format!(
        "wascan: {} finding(s) passed ({})",
        choice.passed.len(),
        ChoiceEvidence::checks(&choice.passed).join(", ")
    )
}

/// Most resources named per check in a failure line.
const RESOURCES_PER_CHECK: usize = 5;
/// Longest evidence line, in characters.
const LINE_MAX: usize = 400;

/// The lines of wascan's notes section for one question.
pub fn evidence_lines(
    question: &QuestionEvidence,
    evidence: &Evidence,
    in_lens: impl Fn(&str) -> bool,
) -> Vec<String> {
    let mut lines = vec![format!(
        "Scan of {} ({}).",
        evidence.accounts_label(),
        evidence.regions.join(", ")
    )];
    for choice in question.choices.iter().filter(|c| in_lens(&c.choice_id)) {
        let other = other_evidence(choice);
        let line = match choice.verdict() {
            Verdict::NoEvidence if !other.is_empty() => {
                format!("{} not selected: {}", choice.code, other.join("; "))
            }
            Verdict::Pass => format!(
                "{} pass: {} finding(s) passed ({})",
                choice.code,
                choice.passed.len(),
                ChoiceEvidence::checks(&choice.passed).join(", ")
            ),
            Verdict::Fail => format!(
                "{} FAIL: {} of {} finding(s) failed: {}",
                choice.code,
                choice.failed.len(),
                choice.failed.len() + choice.passed.len(),
                failures(&choice.failed)
            ),
            Verdict::NoEvidence => format!(
                "{} not evaluated: {}",
                choice.code,
                not_evaluated(&choice.not_evaluated)
            ),
        };
        let line = match choice.verdict() {
            Verdict::Pass | Verdict::Fail if !other.is_empty() => {
                format!("{line}; {}", other.join("; "))
            }
            _ => line,
        };
        let mut line = notes::truncate(&line, LINE_MAX).0;
        if choice.verdict() != Verdict::NoEvidence && !choice.not_evaluated.is_empty() {
            let _ = write!(line, " ({} not evaluated)", choice.not_evaluated.len());
        }
        lines.push(line);
    }
    lines
}

/// What a choice's indirect evidence and "no evidence found" findings say, for its notes line:
/// never a reason to select it.
pub fn other_evidence(choice: &ChoiceEvidence) -> Vec<String> {
    let mut parts = Vec::new();
    let (passed, failed) = (&choice.indirect_passed, &choice.indirect_failed);
    if !passed.is_empty() || !failed.is_empty() {
        let only = if choice.verdict() == Verdict::NoEvidence {
            " only"
        } else {
            ""
        };
        let mut part = format!(
            "indirect evidence{only} (a precondition or proxy, not the practice itself): {} passed",
            passed.len()
        );
        if !passed.is_empty() {
            let _ = write!(part, " ({})", ChoiceEvidence::checks(passed).join(", "));
        }
        let _ = write!(part, ", {} failed", failed.len());
        if !failed.is_empty() {
            let _ = write!(part, " ({})", failures(failed));
        }
        parts.push(part);
    }
    if let Some(first) = choice.no_evidence.first() {
        // The message says what was looked for: "no evidence found: no experiment ran ...".
        parts.push(format!(
            "{} ({}{})",
            first.message,
            ChoiceEvidence::checks(&choice.no_evidence).join(", "),
            match choice.no_evidence.len() {
                1 => String::new(),
                n => format!(", {n} findings"),
            }
        ));
    }
    parts
}

/// `check: region/resource, region/resource (+3 more); check2: ...`.
pub fn failures(failed: &[FindingRef]) -> String {
    ChoiceEvidence::checks(failed)
        .into_iter()
        .map(|check| {
            let resources: Vec<String> = failed
                .iter()
                .filter(|f| f.check_id == check)
                .map(|f| format!("{}/{}", f.region, f.resource))
                .collect();
            let shown = resources.len().min(RESOURCES_PER_CHECK);
            let more = match resources.len() - shown {
                0 => String::new(),
                n => format!(" (+{n} more)"),
            };
            format!("{check}: {}{more}", resources[..shown].join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn not_evaluated(findings: &[FindingRef]) -> String {
    findings
        .first()
        .map(|f| {
            format!(
                "{} finding(s) of {} ({})",
                findings.len(),
                ChoiceEvidence::checks(findings).join(", "),
                f.message
            )
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use wascan_checks::finding::Status::{Fail, NoEvidence, NotEvaluated, Pass};

    use super::*;
    use crate::review::mapping::evidence;
    use crate::review::mapping::tests::{finding, result};
    use crate::review::notes::{BEGIN, END};

    /// `protect-data-rest` (SEC08) as the Tool returns it, unanswered.
    fn data_at_rest() -> CurrentAnswer {
        let mut answer = fresh_answers()
            .into_iter()
            .find(|a| a.question_id == "protect-data-rest")
            .expect("SEC08 is in the catalog");
        answer.choices.push(ToolChoice {
            id: "sec_protect_data_rest_no".into(),
            title: "None of these".into(),
        });
        answer
    }

    fn scan() -> Evidence {
        evidence(&result(vec![
            // SEC08-BP02 (sec_protect_data_rest_encrypt): passes.
            finding("ec2_ebs_encryption", "SEC08-BP02", Pass, "vol-1"),
            finding("s3_bucket_default_encryption", "SEC08-BP02", Pass, "logs"),
            finding(
                "s3_bucket_default_encryption",
                "SEC08-BP02",
                NotEvaluated,
                "legal",
            ),
            // SEC08-BP04 (access control): fails.
            finding("s3_bucket_public_access", "SEC08-BP04", Pass, "logs"),
            finding(
                "s3_bucket_public_access",
                "SEC08-BP04",
                Fail,
                "public-assets",
            ),
            // SEC02-BP01: only not evaluated: no evidence for SEC02.
            finding("iam_root_mfa", "SEC02-BP01", NotEvaluated, "root"),
        ]))
    }

    fn only(plan: &Plan) -> &QuestionPlan {
        assert_eq!(plan.questions.len(), 1, "{plan:#?}");
        &plan.questions[0]
    }

    fn actions(question: &QuestionPlan) -> Vec<(&str, Action)> {
        question
            .choices
            .iter()
            .map(|c| (c.evidence.code.as_str(), c.action.clone()))
            .collect()
    }

    fn update(question: &QuestionPlan) -> &UpdateRequest {
        match &question.outcome {
            Outcome::Update(update) => update,
            other => panic!("no update: {other:?}"),
        }
    }

    #[test]
    fn selects_passing_choices_leaves_failing_ones_and_writes_the_evidence() {
        let plan = plan(&scan(), &[data_at_rest()], PlanOptions::default());
        let question = only(&plan);
        assert_eq!(
            actions(question),
            [
                ("SEC08-BP02", Action::Select),
                (
                    "SEC08-BP04",
                    Action::LeaveUnselected {
                        not_applicable: false
                    }
                ),
            ]
        );
        assert!(plan.untouched.contains(&"SEC02".to_string()));
        assert_eq!(plan.untouched.len(), 56);
        let update = update(question);
        assert_eq!(update.selected_choices, ["sec_protect_data_rest_encrypt"]);
        assert_eq!(
            update.choice_updates["sec_protect_data_rest_encrypt"],
            ChoiceUpdate {
                status: ChoiceStatus::Selected,
                notes: Some(
                    "wascan: 2 finding(s) passed (ec2_ebs_encryption, s3_bucket_default_encryption)"
                        .into()
                ),
                reason: None,
            }
        );
        assert_eq!(
            update.notes.as_deref(),
            Some(
                format!(
                    "{BEGIN}\nScan of account 123456789012 (us-east-1).\n\
                     SEC08-BP02 pass: 2 finding(s) passed (ec2_ebs_encryption, s3_bucket_default_encryption) (1 not evaluated)\n\
                     SEC08-BP04 FAIL: 1 of 2 finding(s) failed: s3_bucket_public_access: us-east-1/public-assets\n{END}"
                )
                .as_str()
            )
        );
    }

    /// Indirect evidence and "no evidence found" select nothing and unselect nothing: the notes
    /// say what was looked for and what was found, and a second plan changes nothing.
    #[test]
    fn indirect_evidence_and_no_evidence_select_and_unselect_nothing() {
        let mut proxy = finding("s3_bucket_versioning", "SEC08-BP04", Pass, "logs");
        proxy.indirect_best_practices = vec!["SEC08-BP04".into()];
        let mut nothing = finding("s3_object_lock_used", "SEC08-BP02", NoEvidence, "account");
        nothing.message = "no evidence found: no bucket uses S3 Object Lock".into();
        let scan = evidence(&result(vec![proxy, nothing]));
        let mut answer = data_at_rest();
        // A person selected SEC08-BP02; wascan found no evidence of it: it stays selected.
        answer.selected = vec!["sec_protect_data_rest_encrypt".into()];

        let first = plan(&scan, &[answer.clone()], PlanOptions::default());
        let question = only(&first);
        assert_eq!(
            actions(question),
            [
                ("SEC08-BP02", Action::NoEvidence),
                ("SEC08-BP04", Action::NoEvidence)
            ]
        );
        let update = update(question);
        assert_eq!(
            update.selected_choices,
            ["sec_protect_data_rest_encrypt"],
            "never unselected"
        );
        assert!(update.choice_updates.is_empty(), "nothing selected");
        assert_eq!(
            update.notes.as_deref(),
            Some(
                format!(
                    "{BEGIN}\nScan of account 123456789012 (us-east-1).\n\
                     SEC08-BP02 not selected: no evidence found: no bucket uses S3 Object Lock (s3_object_lock_used)\n\
                     SEC08-BP04 not selected: indirect evidence only (a precondition or proxy, not the practice itself): 1 passed (s3_bucket_versioning), 0 failed\n{END}"
                )
                .as_str()
            )
        );
        let after = applied(answer, update);
        let second = plan(&scan, &[after], PlanOptions::default());
        assert_eq!(only(&second).outcome, Outcome::NoChange);
    }

    /// Direct evidence decides; indirect evidence beside it is only mentioned.
    #[test]
    fn a_direct_pass_selects_despite_an_indirect_failure() {
        let mut proxy = finding("s3_bucket_versioning", "SEC08-BP04", Fail, "media");
        proxy.indirect_best_practices = vec!["SEC08-BP04".into()];
        let scan = evidence(&result(vec![
            finding("s3_bucket_public_access", "SEC08-BP04", Pass, "logs"),
            proxy,
        ]));
        let plan = plan(&scan, &[data_at_rest()], PlanOptions::default());
        let question = only(&plan);
        assert_eq!(actions(question), [("SEC08-BP04", Action::Select)]);
        let notes = update(question).notes.clone().unwrap_or_default();
        assert!(
            notes.contains("SEC08-BP04 pass: 1 finding(s) passed (s3_bucket_public_access); indirect evidence (a precondition or proxy, not the practice itself): 0 passed, 1 failed (s3_bucket_versioning: us-east-1/media)"),
            "{notes}"
        );
    }

    /// Applies an update the way the Tool does, for the idempotency tests.
    fn applied(mut answer: CurrentAnswer, update: &UpdateRequest) -> CurrentAnswer {
        answer.selected = update.selected_choices.clone();
        for (id, change) in &update.choice_updates {
            let state = answer
                .choice_states
                .entry(id.clone())
                .or_insert(ChoiceState {
                    status: change.status,
                    notes: String::new(),
                    reason: None,
                });
            state.status = change.status;
            if let Some(notes) = &change.notes {
                state.notes = notes.clone();
            }
            state.reason.clone_from(&change.reason);
        }
        for id in &answer.selected {
            answer
                .choice_states
                .entry(id.clone())
                .or_insert(ChoiceState {
                    status: ChoiceStatus::Selected,
                    notes: String::new(),
                    reason: None,
                })
                .status = ChoiceStatus::Selected;
        }
        if let Some(notes) = &update.notes {
            answer.notes = notes.clone();
        }
        answer
    }

    #[test]
    fn planning_again_after_applying_changes_nothing() {
        let mut answer = data_at_rest();
        answer.notes = "Person: reviewed on Monday.".into();
        let first = plan(&scan(), &[answer.clone()], PlanOptions::default());
        let after = applied(answer, update(only(&first)));
        assert!(after.notes.starts_with("Person: reviewed on Monday.\n\n"));
        let second = plan(&scan(), &[after], PlanOptions::default());
        assert_eq!(only(&second).outcome, Outcome::NoChange);
        assert!(!second.has_changes());
        assert_eq!(
            actions(only(&second))[0],
            ("SEC08-BP02", Action::AlreadySelected)
        );
    }

    #[test]
    fn a_failing_choice_a_person_selected_stays_selected() {
        let mut answer = data_at_rest();
        answer.selected = vec!["sec_protect_data_rest_access_control".into()];
        let plan = plan(&scan(), &[answer], PlanOptions::default());
        let question = only(&plan);
        assert_eq!(
            actions(question)[1],
            ("SEC08-BP04", Action::SelectedButFailing)
        );
        let update = update(question);
        assert_eq!(
            update.selected_choices,
            [
                "sec_protect_data_rest_encrypt",
                "sec_protect_data_rest_access_control"
            ]
        );
        assert!(!update
            .choice_updates
            .contains_key("sec_protect_data_rest_access_control"));
    }

    /// The notes are always sent whole, unchanged ones too: an UpdateAnswer without Notes may
    /// clear them (the reference does not say).
    #[test]
    fn unchanged_notes_are_restated() {
        let mut answer = data_at_rest();
        let first = plan(&scan(), &[answer.clone()], PlanOptions::default());
        let written = update(only(&first)).notes.clone().expect("notes");
        answer.notes = format!("Person.\n\n{written}");
        // The evidence section is up to date; the selection still changes.
        let second = plan(&scan(), &[answer.clone()], PlanOptions::default());
        assert_eq!(only(&second).notes, NotesChange::Unchanged);
        assert_eq!(
            update(only(&second)).notes.as_deref(),
            Some(answer.notes.as_str())
        );
    }

    #[test]
    fn not_applicable_choices_stay_unless_overwrite() {
        let mut answer = data_at_rest();
        answer.choice_states.insert(
            "sec_protect_data_rest_encrypt".into(),
            ChoiceState {
                status: ChoiceStatus::NotApplicable,
                notes: "We keep no data at rest.".into(),
                reason: Some("OUT_OF_SCOPE".into()),
            },
        );
        let kept = plan(&scan(), &[answer.clone()], PlanOptions::default());
        assert_eq!(
            actions(only(&kept))[0],
            ("SEC08-BP02", Action::KeepNotApplicable)
        );
        let update_kept = update(only(&kept));
        assert!(update_kept.selected_choices.is_empty());
        // The full SelectedChoices leaves the choice out: it is restated, with the person's
        // reason and notes, so no reading of UpdateAnswer can unmark or clear it.
        assert_eq!(
            update_kept.choice_updates["sec_protect_data_rest_encrypt"],
            ChoiceUpdate {
                status: ChoiceStatus::NotApplicable,
                notes: Some("We keep no data at rest.".into()),
                reason: Some("OUT_OF_SCOPE".into()),
            }
        );
        assert_eq!(update_kept.choice_updates.len(), 1);
        assert!(update_kept.notes.is_some());

        let overwritten = plan(&scan(), &[answer], PlanOptions { overwrite: true });
        assert_eq!(
            actions(only(&overwritten))[0],
            ("SEC08-BP02", Action::OverrideNotApplicable)
        );
        let update = update(only(&overwritten));
        assert_eq!(update.selected_choices, ["sec_protect_data_rest_encrypt"]);
        // The person's note on the choice is not replaced: it is sent back as it is.
        assert_eq!(
            update.choice_updates["sec_protect_data_rest_encrypt"],
            ChoiceUpdate {
                status: ChoiceStatus::Selected,
                notes: Some("We keep no data at rest.".into()),
                reason: None,
            }
        );
    }

    #[test]
    fn none_of_these_blocks_selection_and_is_never_unselected() {
        let mut answer = data_at_rest();
        answer.selected = vec!["sec_protect_data_rest_no".into()];
        let plan = plan(&scan(), &[answer], PlanOptions::default());
        let question = only(&plan);
        assert_eq!(
            actions(question)[0],
            ("SEC08-BP02", Action::BlockedByNoneOfThese)
        );
        let update = update(question);
        assert_eq!(update.selected_choices, ["sec_protect_data_rest_no"]);
        assert!(update.choice_updates.is_empty());
        assert!(question.warnings[0].contains("None of these"));
    }

    #[test]
    fn questions_marked_not_applicable_are_skipped() {
        let mut answer = data_at_rest();
        answer.is_applicable = false;
        let plan = plan(&scan(), &[answer], PlanOptions::default());
        assert_eq!(
            only(&plan).outcome,
            Outcome::Skipped("a person marked this question not applicable".into())
        );
        assert!(!plan.has_changes());
    }

    #[test]
    fn choices_the_lens_version_lacks_are_warned_about_and_never_sent() {
        let mut answer = data_at_rest();
        answer
            .choices
            .retain(|c| c.id != "sec_protect_data_rest_encrypt");
        let plan = plan(&scan(), &[answer], PlanOptions::default());
        assert_eq!(actions(only(&plan))[0], ("SEC08-BP02", Action::NotInLens));
        assert_eq!(
            plan.warnings,
            ["sec_protect_data_rest_encrypt (SEC08-BP02) is not a choice of protect-data-rest in this workload's lens version: not sent"]
        );
        let update = update(only(&plan));
        assert!(update.selected_choices.is_empty());
        assert!(!update.notes.as_deref().unwrap_or("").contains("SEC08-BP02"));
    }

    #[test]
    fn damaged_notes_are_left_alone_but_choices_still_planned() {
        let mut answer = data_at_rest();
        answer.notes = format!("mine\n{BEGIN}\nhalf of it");
        let plan = plan(&scan(), &[answer.clone()], PlanOptions::default());
        let question = only(&plan);
        assert!(matches!(question.notes, NotesChange::NotWritten(_)));
        // Sent back exactly as they are.
        assert_eq!(
            update(question).notes.as_deref(),
            Some(answer.notes.as_str())
        );
    }

    #[test]
    fn failure_lines_name_resources_and_cut_long_lists() {
        let failed: Vec<FindingRef> = (0..7)
            .map(|i| FindingRef {
                check_id: "s3_x".into(),
                region: "eu-west-1".into(),
                resource: format!("b{i}"),
                message: String::new(),
            })
            .collect();
        assert_eq!(
            failures(&failed),
            "s3_x: eu-west-1/b0, eu-west-1/b1, eu-west-1/b2, eu-west-1/b3, eu-west-1/b4 (+2 more)"
        );
    }
}
