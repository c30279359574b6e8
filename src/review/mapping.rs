//! From a scan result to evidence per Well-Architected Tool question and choice. Pure.
//!
//! A finding names best-practice codes (`SEC08-BP02`); the catalog maps each code to the Tool's
//! `QuestionId` and `ChoiceId`. A choice's verdict follows its **direct** evidence only: **pass**
//! when at least one direct finding was evaluated and every evaluated direct one passed, **fail**
//! when any direct one failed, and **no evidence** when none was evaluated. Indirect evidence (a
//! precondition or proxy), "no evidence found" and `not_evaluated` findings never make a verdict;
//! they are kept, so the notes can say what was looked for.
//!
//! That is the lens `wellarchitected`. Any other lens (the Serverless Lens, a custom lens) is
//! mapped by a [`MappingFile`]: check ids or best-practice codes to that lens's question and
//! choice ids, validated against the questions the Tool returns for the workload's lens version
//! ([`validate`]), then grouped the same way ([`lens_evidence`]). A mapping entry is direct
//! evidence unless it says `strength = "indirect"` (an entry by best practice takes each check's
//! own strength for that practice).

use std::collections::BTreeSet;

use serde::Deserialize;
use wascan_checks::catalog::{self, BestPractice, Pillar};
use wascan_checks::check::Strength;
use wascan_checks::finding::{Finding, Status};
use wascan_checks::result::ScanResult;

use super::plan::CurrentAnswer;

/// What the scan's direct evidence says about one choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// At least one evaluated direct finding, and all evaluated direct findings passed.
    Pass,
    /// At least one direct finding failed.
    Fail,
    /// No direct finding was evaluated (only indirect, "no evidence found" or `not_evaluated`
    /// findings, if any).
    NoEvidence,
}

/// One finding, as much of it as the evidence needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingRef {
    pub check_id: String,
    pub region: String,
    /// The resource's name when it has one, else its id.
    pub resource: String,
    pub message: String,
}

impl FindingRef {
    fn of(finding: &Finding) -> Self {
        FindingRef {
            check_id: finding.check_id.clone(),
            region: finding.region.clone(),
            resource: finding
                .resource
                .name
                .clone()
                .unwrap_or_else(|| finding.resource.id.clone()),
            message: finding
                .reason
                .clone()
                .unwrap_or_else(|| finding.message.clone()),
        }
    }
}

/// The findings behind one choice (one best practice).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceEvidence {
    /// `SEC08-BP02`.
    pub code: String,
    /// The Tool's `ChoiceId`.
    pub choice_id: String,
    pub title: String,
    /// Direct evidence that passed.
    pub passed: Vec<FindingRef>,
    /// Direct evidence that failed.
    pub failed: Vec<FindingRef>,
    pub not_evaluated: Vec<FindingRef>,
    /// Indirect evidence (a precondition or proxy) that passed: never selects the choice.
    pub indirect_passed: Vec<FindingRef>,
    /// Indirect evidence that failed: never a verdict either.
    pub indirect_failed: Vec<FindingRef>,
    /// Practice-presence checks that found nothing ("no evidence found").
    pub no_evidence: Vec<FindingRef>,
}

impl ChoiceEvidence {
    pub fn verdict(&self) -> Verdict {
        if !self.failed.is_empty() {
            Verdict::Fail
        } else if !self.passed.is_empty() {
            Verdict::Pass
        } else {
            Verdict::NoEvidence
        }
    }

    /// Whether anything besides `not_evaluated` findings speaks of the choice: direct or indirect
    /// evidence, or a "no evidence found".
    pub fn has_findings(&self) -> bool {
        self.verdict() != Verdict::NoEvidence
            || !self.indirect_passed.is_empty()
            || !self.indirect_failed.is_empty()
            || !self.no_evidence.is_empty()
    }

    /// The distinct checks among `findings`, in order of first appearance.
    pub fn checks(findings: &[FindingRef]) -> Vec<&str> {
        let mut seen = BTreeSet::new();
        findings
            .iter()
            .map(|f| f.check_id.as_str())
            .filter(|id| seen.insert(*id))
            .collect()
    }
}

/// The evidence for one question: its choices that have findings, in the lens's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionEvidence {
    /// The Tool's `PillarId`.
    pub pillar_id: String,
    pub question_id: String,
    /// `SEC08`.
    pub question_code: String,
    pub title: String,
    pub choices: Vec<ChoiceEvidence>,
}

impl QuestionEvidence {
    /// Whether any choice has an evaluated finding, direct or indirect, or a "no evidence found"
    /// (then the notes are written, even when nothing is selected).
    pub fn has_evidence(&self) -> bool {
        self.choices.iter().any(ChoiceEvidence::has_findings)
    }
}

/// The evidence of a whole scan, for one lens.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Evidence {
    /// The lens: its alias or ARN, as wascan names it to the Tool.
    pub lens: String,
    /// The lens version the mapping was written for, when it says.
    pub lens_version: Option<String>,
    /// Every question of the lens, `(code, question id)`, in order: the catalog's for
    /// `wellarchitected`, the Tool's for a mapped lens (the code is then the question id).
    pub lens_questions: Vec<(String, String)>,
    /// The questions wascan's checks can answer (a check maps to one of their choices),
    /// whether or not this scan evaluated them.
    pub answerable: BTreeSet<String>,
    /// The accounts scanned: one, or the group of accounts a workload spans (a review of an
    /// organisation scan directory with several `--account`s).
    pub account_ids: Vec<String>,
    pub regions: Vec<String>,
    /// Questions with at least one finding, in the catalog's order.
    pub questions: Vec<QuestionEvidence>,
    /// Best-practice codes in findings that the catalog does not have (a result from another
    /// wascan version): ignored, and reported.
    pub unknown_codes: Vec<String>,
}

impl Evidence {
    /// "account 111122223333" or "accounts 111122223333, 444455556666", as plans and notes
    /// name them (one account keeps the wording reviews written before groups existed).
    pub fn accounts_label(&self) -> String {
        match self.account_ids.as_slice() {
            [one] => format!("account {one}"),
            many => format!("accounts {}", many.join(", ")),
        }
    }
}

/// The accounts of a scan result, in its order.
fn account_ids(result: &ScanResult) -> Vec<String> {
    result
        .accounts
        .iter()
        .map(|a| a.account_id.clone())
        .collect()
}

/// The regions scanned in any of the result's accounts, each once, in order of appearance.
fn scanned_regions(result: &ScanResult) -> Vec<String> {
    let mut regions: Vec<String> = Vec::new();
    for region in result.accounts.iter().flat_map(|a| &a.regions) {
        if !regions.contains(region) {
            regions.push(region.clone());
        }
    }
    regions
}

/// Groups a scan's findings by question and choice.
pub fn evidence(result: &ScanResult) -> Evidence {
    let mut unknown_codes = BTreeSet::new();
    let mut per_code: Vec<(&'static BestPractice, ChoiceEvidence)> = Vec::new();
    for finding in &result.findings {
        for code in &finding.best_practices {
            let Some(bp) = catalog::best_practice(code) else {
                unknown_codes.insert(code.clone());
                continue;
            };
            let index = match per_code.iter().position(|(known, _)| known.code == bp.code) {
                Some(index) => index,
                None => {
                    per_code.push((
                        bp,
                        ChoiceEvidence {
                            code: bp.code.clone(),
                            choice_id: bp.choice_id.clone(),
                            title: bp.title.clone(),
                            passed: Vec::new(),
                            failed: Vec::new(),
                            not_evaluated: Vec::new(),
                            indirect_passed: Vec::new(),
                            indirect_failed: Vec::new(),
                            no_evidence: Vec::new(),
                        },
                    ));
                    per_code.len() - 1
                }
            };
            let choice = &mut per_code[index].1;
            let direct = finding.strength(code) != Some(Strength::Indirect);
            let bucket = match finding.status {
                Status::Pass if direct => &mut choice.passed,
                Status::Fail if direct => &mut choice.failed,
                Status::Pass => &mut choice.indirect_passed,
                Status::Fail => &mut choice.indirect_failed,
                Status::NotEvaluated => &mut choice.not_evaluated,
                Status::NoEvidence => &mut choice.no_evidence,
            };
            bucket.push(FindingRef::of(finding));
        }
    }

    let mut questions: Vec<QuestionEvidence> = Vec::new();
    // The catalog's order: pillar, question, the Tool's choice order.
    for bp in catalog::best_practices() {
        let Some(position) = per_code
            .iter()
            .position(|(known, _)| std::ptr::eq(*known, bp))
        else {
            continue;
        };
        let (_, choice) = per_code.swap_remove(position);
        match questions
            .iter_mut()
            .find(|q| q.question_id == bp.question_id)
        {
            Some(question) => question.choices.push(choice),
            None => questions.push(QuestionEvidence {
                pillar_id: bp.pillar.wa_tool_id().to_string(),
                question_id: bp.question_id.clone(),
                question_code: bp.question_code.clone(),
                title: bp.question_title.clone(),
                choices: vec![choice],
            }),
        }
    }
    let pillar_order = |id: &str| Pillar::ALL.iter().position(|p| p.wa_tool_id() == id);
    questions.sort_by(|a, b| {
        (pillar_order(&a.pillar_id), &a.question_code)
            .cmp(&(pillar_order(&b.pillar_id), &b.question_code))
    });

    Evidence {
        lens: super::client::LENS_ALIAS.to_string(),
        lens_version: Some(CATALOG_LENS_VERSION.to_string()),
        lens_questions: catalog_questions()
            .into_iter()
            .map(|(q, _)| (q.question_code.clone(), q.question_id.clone()))
            .collect(),
        answerable: wascan_checks::registry::all_checks()
            .iter()
            .flat_map(|check| check.best_practices.iter())
            // Only direct evidence selects a choice: a question with indirect evidence alone is
            // still left to people.
            .filter(|evidence| evidence.strength == Strength::Direct)
            .filter_map(|evidence| catalog::best_practice(evidence.code))
            .map(|bp| bp.question_id.clone())
            // The scan's custom checks answer the questions they evidence directly too.
            .chain(
                result
                    .findings
                    .iter()
                    .filter(|f| f.check_id.starts_with(wascan_checks::custom::NAMESPACE))
                    .flat_map(|f| {
                        f.best_practices
                            .iter()
                            .filter(|code| f.strength(code) == Some(Strength::Direct))
                            .filter_map(|code| catalog::best_practice(code))
                            .map(|bp| bp.question_id.clone())
                    }),
            )
            .collect(),
        account_ids: account_ids(result),
        regions: scanned_regions(result),
        questions,
        unknown_codes: unknown_codes.into_iter().collect(),
    }
}

/// The version of the `wellarchitected` lens wascan's catalog follows.
pub const CATALOG_LENS_VERSION: &str = "2024-06-27";

/// Every question of the lens as the catalog knows it: `(pillar, question_id, code, title)`, in
/// order, with its choice ids.
pub fn catalog_questions() -> Vec<(&'static BestPractice, Vec<&'static str>)> {
    let mut questions: Vec<(&'static BestPractice, Vec<&'static str>)> = Vec::new();
    for bp in catalog::best_practices() {
        match questions
            .iter_mut()
            .find(|(first, _)| first.question_id == bp.question_id)
        {
            Some((_, choices)) => {
                if !choices.contains(&bp.choice_id.as_str()) {
                    choices.push(&bp.choice_id);
                }
            }
            None => questions.push((bp, vec![&bp.choice_id])),
        }
    }
    questions
}

/// A mapping file: findings to the question and choice ids of one lens (TOML or JSON).
///
/// ```toml
/// lens = "serverless"            # the lens alias, or a custom lens's ARN
/// lens_version = "2.0"           # optional: the version the ids were read from
///
/// [[map]]
/// check = "lambda_function_tracing_enabled"   # a check id, or best_practice = "OPS04-BP02"
/// question = "serverless-ops-health"          # the Tool's QuestionId
/// choice = "serverless_ops_health_tracing"    # the Tool's ChoiceId
/// why = "X-Ray active tracing on every function"
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct MappingFile {
    pub lens: String,
    #[serde(default)]
    pub lens_version: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(rename = "map")]
    pub entries: Vec<MappingEntry>,
}

/// One line of a mapping: a check (or every check of a best practice) speaks for a choice.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct MappingEntry {
    #[serde(default)]
    pub check: Option<String>,
    #[serde(default)]
    pub best_practice: Option<String>,
    pub question: String,
    pub choice: String,
    /// Why the check speaks for the choice (for the reviewer of the mapping).
    #[serde(default)]
    pub why: Option<String>,
    /// How strongly the check speaks for the choice: `direct` (the default for an entry by check)
    /// or `indirect` (a precondition or proxy, which never selects the choice). An entry by best
    /// practice without it takes each check's own strength for that practice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strength: Option<Strength>,
}

impl MappingEntry {
    fn matches(&self, finding: &Finding) -> bool {
        match (&self.check, &self.best_practice) {
            (Some(check), _) => &finding.check_id == check,
            (None, Some(code)) => finding.best_practices.iter().any(|bp| bp == code),
            (None, None) => false,
        }
    }

    /// Whether `finding` (which this entry matches) is direct evidence for the entry's choice.
    fn is_direct(&self, finding: &Finding) -> bool {
        match (self.strength, &self.best_practice) {
            (Some(strength), _) => strength == Strength::Direct,
            (None, Some(code)) if self.check.is_none() => {
                finding.strength(code) != Some(Strength::Indirect)
            }
            (None, _) => true,
        }
    }

    fn source(&self) -> &str {
        self.check
            .as_deref()
            .or(self.best_practice.as_deref())
            .unwrap_or("?")
    }
}

/// The reviewed mapping wascan ships for the AWS Serverless Lens (`mappings/serverless.toml`).
pub const SERVERLESS_MAPPING: &str = include_str!("../../mappings/serverless.toml");

/// The mapping wascan ships for `lens`, if any.
pub fn shipped_mapping(lens: &str) -> Option<MappingFile> {
    let alias = lens.rsplit("::lens/").next().unwrap_or(lens);
    match alias {
        "serverless" => toml::from_str(SERVERLESS_MAPPING).ok(),
        _ => None,
    }
}

/// `wascan checks list --lens ALIAS`: the mapping as a table (or JSON).
pub fn render_mapping(mapping: &MappingFile, json: bool) -> Result<String, crate::error::Error> {
    if json {
        return serde_json::to_string_pretty(mapping)
            .map(|text| format!("{text}\n"))
            .map_err(|err| {
                crate::error::Error::Usage(format!("cannot serialise the mapping: {err}"))
            });
    }
    let mut table = comfy_table::Table::new();
    table
        .load_preset(comfy_table::presets::UTF8_BORDERS_ONLY)
        .set_header(vec!["Check", "Question", "Choice", "Why"]);
    for entry in &mapping.entries {
        table.add_row(vec![
            entry.source().to_string(),
            entry.question.clone(),
            entry.choice.clone(),
            entry.why.clone().unwrap_or_default(),
        ]);
    }
    Ok(format!(
        "Lens {} (version {}): {} check(s) mapped\n{table}\n",
        mapping.lens,
        mapping.lens_version.as_deref().unwrap_or("any"),
        mapping.entries.len()
    ))
}

/// Parses a mapping file: JSON when it ends in `.json`, else TOML.
pub fn parse_mapping(text: &str, json: bool) -> Result<MappingFile, String> {
    if json {
        serde_json::from_str(text).map_err(|err| err.to_string())
    } else {
        toml::from_str(text).map_err(|err| err.to_string())
    }
}

/// Checks `mapping` against wascan's checks (and the custom checks of the scan, `custom`) and
/// catalog and against the lens's questions as the Tool returned them; every problem names the
/// entry and the id.
pub fn validate(
    mapping: &MappingFile,
    answers: &[CurrentAnswer],
    custom: &BTreeSet<&str>,
) -> Result<(), Vec<String>> {
    let checks: BTreeSet<&str> = wascan_checks::registry::all_checks()
        .iter()
        .map(|c| c.id)
        .chain(custom.iter().copied())
        .collect();
    let mut problems = Vec::new();
    for (index, entry) in mapping.entries.iter().enumerate() {
        let at = format!("map entry {} ({})", index + 1, entry.source());
        match (&entry.check, &entry.best_practice) {
            (Some(_), Some(_)) | (None, None) => problems.push(format!(
                "{at}: give exactly one of `check` or `best_practice`"
            )),
            (Some(check), None) if !checks.contains(check.as_str()) => {
                problems.push(if check.starts_with(wascan_checks::custom::NAMESPACE) {
                    format!("{at}: `{check}` is not a custom check of this scan (scan with its --custom-checks DIR)")
                } else {
                    format!("{at}: `{check}` is not a wascan check")
                })
            }
            (None, Some(code)) if catalog::best_practice(code).is_none() => problems.push(format!(
                "{at}: `{code}` is not a best practice of wascan's catalog"
            )),
            _ => {}
        }
        let Some(answer) = answers.iter().find(|a| a.question_id == entry.question) else {
            problems.push(format!(
                "{at}: question `{}` is not a question of lens {} as the Tool returns it",
                entry.question, mapping.lens
            ));
            continue;
        };
        if !answer.choices.iter().any(|c| c.id == entry.choice) {
            problems.push(format!(
                "{at}: choice `{}` is not a choice of question `{}`",
                entry.choice, entry.question
            ));
        } else if answer.none_of_these() == Some(entry.choice.as_str()) {
            problems.push(format!(
                "{at}: choice `{}` is the question's \"None of these\": wascan never selects it",
                entry.choice
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// The evidence for a mapped lens: per question of the Tool's lens (its order), the choices the
/// mapping names (the Tool's order), with the findings of their checks. Call [`validate`] first.
pub fn lens_evidence(
    result: &ScanResult,
    mapping: &MappingFile,
    answers: &[CurrentAnswer],
) -> Evidence {
    let mut questions = Vec::new();
    for answer in answers {
        let entries: Vec<&MappingEntry> = mapping
            .entries
            .iter()
            .filter(|e| e.question == answer.question_id)
            .collect();
        let mut choices = Vec::new();
        for choice in &answer.choices {
            let mapped: Vec<&&MappingEntry> =
                entries.iter().filter(|e| e.choice == choice.id).collect();
            if mapped.is_empty() {
                continue;
            }
            let mut evidence = ChoiceEvidence {
                code: choice.id.clone(),
                choice_id: choice.id.clone(),
                title: choice.title.clone(),
                passed: Vec::new(),
                failed: Vec::new(),
                not_evaluated: Vec::new(),
                indirect_passed: Vec::new(),
                indirect_failed: Vec::new(),
                no_evidence: Vec::new(),
            };
            for finding in &result.findings {
                let Some(entry) = mapped.iter().find(|e| e.matches(finding)) else {
                    continue;
                };
                let direct = entry.is_direct(finding);
                let bucket = match finding.status {
                    Status::Pass if direct => &mut evidence.passed,
                    Status::Fail if direct => &mut evidence.failed,
                    Status::Pass => &mut evidence.indirect_passed,
                    Status::Fail => &mut evidence.indirect_failed,
                    Status::NotEvaluated => &mut evidence.not_evaluated,
                    Status::NoEvidence => &mut evidence.no_evidence,
                };
                bucket.push(FindingRef::of(finding));
            }
            if evidence.has_findings() || !evidence.not_evaluated.is_empty() {
                choices.push(evidence);
            }
        }
        if !choices.is_empty() {
            questions.push(QuestionEvidence {
                pillar_id: answer.pillar_id.clone(),
                question_id: answer.question_id.clone(),
                question_code: answer.question_id.clone(),
                title: answer.title.clone(),
                choices,
            });
        }
    }
    Evidence {
        lens: mapping.lens.clone(),
        lens_version: mapping.lens_version.clone(),
        lens_questions: answers
            .iter()
            .map(|a| (a.question_id.clone(), a.question_id.clone()))
            .collect(),
        answerable: mapping.entries.iter().map(|e| e.question.clone()).collect(),
        account_ids: account_ids(result),
        regions: scanned_regions(result),
        questions,
        unknown_codes: Vec::new(),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use time::OffsetDateTime;
    use wascan_checks::engine::Selection;
    use wascan_checks::finding::Severity;
    use wascan_checks::model::ResourceRef;
    use wascan_checks::registry::all_checks;
    use wascan_checks::result::{AccountScanned, ApiCalls};

    use super::*;

    pub fn finding(check_id: &str, bp: &str, status: Status, resource: &str) -> Finding {
        Finding {
            finding_id: format!("{check_id}/{resource}"),
            check_id: check_id.into(),
            title: "a check".into(),
            pillar: catalog::best_practice(bp).map_or(Pillar::Security, |bp| bp.pillar),
            best_practices: vec![bp.into()],
            indirect_best_practices: vec![],
            severity: Severity::High,
            status,
            account_id: "123456789012".into(),
            region: "us-east-1".into(),
            resource: ResourceRef {
                arn: format!("arn:aws:s3:::{resource}"),
                kind: "AWS::S3::Bucket".into(),
                id: resource.into(),
                name: None,
                region: "us-east-1".into(),
                tags: Default::default(),
            },
            message: format!("{resource}: {status}"),
            remediation: "fix it".into(),
            reason: (status == Status::NotEvaluated).then(|| "AccessDenied".into()),
            suppressed: None,
            overridden: None,
        }
    }

    pub fn result(findings: Vec<Finding>) -> ScanResult {
        ScanResult {
            schema_version: wascan_checks::result::RESULT_SCHEMA_VERSION,
            tool_version: "0.1.0".into(),
            started_at: OffsetDateTime::UNIX_EPOCH,
            finished_at: OffsetDateTime::UNIX_EPOCH,
            duration_ms: 0,
            accounts: vec![AccountScanned {
                account_id: "123456789012".into(),
                regions: vec!["us-east-1".into()],
                ..AccountScanned::default()
            }],
            selection: Selection::default(),
            scores: wascan_checks::engine::score(&findings),
            findings,
            errors: Vec::new(),
            api_calls: ApiCalls::default(),
            warnings: Vec::new(),
            diff: None,
            overrides: Vec::new(),
        }
    }

    #[test]
    fn verdicts_follow_the_evaluated_findings() {
        let scan = result(vec![
            finding("s3_a", "SEC08-BP02", Status::Pass, "one"),
            finding("ec2_b", "SEC08-BP02", Status::NotEvaluated, "two"),
            finding("s3_c", "SEC08-BP01", Status::Pass, "one"),
            finding("s3_c", "SEC08-BP01", Status::Fail, "three"),
            finding("iam_d", "SEC02-BP01", Status::NotEvaluated, "four"),
        ]);
        let evidence = evidence(&scan);
        let verdicts: Vec<(&str, &str, Verdict)> = evidence
            .questions
            .iter()
            .flat_map(|q| {
                q.choices
                    .iter()
                    .map(move |c| (q.question_code.as_str(), c.code.as_str(), c.verdict()))
            })
            .collect();
        assert_eq!(
            verdicts,
            [
                ("SEC02", "SEC02-BP01", Verdict::NoEvidence),
                ("SEC08", "SEC08-BP01", Verdict::Fail),
                ("SEC08", "SEC08-BP02", Verdict::Pass),
            ]
        );
        assert!(!evidence.questions[0].has_evidence());
        assert_eq!(evidence.questions[1].choices[1].not_evaluated.len(), 1);
        assert_eq!(evidence.account_ids, ["123456789012"]);
    }

    /// The Serverless Lens fixture of the test double (scripts/wa_lenses/serverless.json) as the
    /// Tool's answers.
    fn serverless_answers() -> Vec<CurrentAnswer> {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/scripts/wa_lenses/serverless.json"
        );
        let text = std::fs::read_to_string(path).expect("the fixture");
        let lens: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        lens["questions"]
            .as_array()
            .expect("questions")
            .iter()
            .map(|q| {
                let mut choices: Vec<crate::review::plan::ToolChoice> = q["choices"]
                    .as_array()
                    .expect("choices")
                    .iter()
                    .map(|c| crate::review::plan::ToolChoice {
                        id: c["ChoiceId"].as_str().expect("id").into(),
                        title: c["Title"].as_str().expect("title").into(),
                    })
                    .collect();
                choices.push(crate::review::plan::ToolChoice {
                    id: q["none"].as_str().expect("none").into(),
                    title: "None of these".into(),
                });
                CurrentAnswer {
                    question_id: q["QuestionId"].as_str().expect("id").into(),
                    pillar_id: q["PillarId"].as_str().expect("pillar").into(),
                    title: q["QuestionTitle"].as_str().expect("title").into(),
                    is_applicable: true,
                    choices,
                    selected: Vec::new(),
                    choice_states: Default::default(),
                    notes: String::new(),
                }
            })
            .collect()
    }

    /// Guard: the shipped Serverless Lens mapping parses, names only wascan's checks, and fits
    /// the lens the test double serves.
    #[test]
    fn the_shipped_serverless_mapping_is_valid() {
        let mapping = shipped_mapping("serverless").expect("it parses");
        assert_eq!(
            shipped_mapping("arn:aws:wellarchitected:eu-west-1::lens/serverless"),
            Some(mapping.clone())
        );
        assert_eq!(
            validate(&mapping, &serverless_answers(), &BTreeSet::new()),
            Ok(())
        );
        assert_eq!(mapping.entries.len(), 8);
        assert!(mapping.entries.iter().all(|e| e.why.is_some()));
    }

    #[test]
    fn a_mapping_naming_unknown_ids_is_refused_with_each_id() {
        let mapping = parse_mapping(
            r#"{"lens": "serverless", "map": [
                {"check": "lambda_function_nope", "question": "serverless-ops-health", "choice": "serverless_ops_health_tracing"},
                {"best_practice": "SEC08-BP02", "question": "serverless-nope", "choice": "x"},
                {"check": "sqs_queue_dead_letter_queue", "question": "serverless-ops-health", "choice": "serverless_ops_health_nope"},
                {"check": "sqs_queue_dead_letter_queue", "question": "serverless-ops-health", "choice": "serverless_ops_health_no"},
                {"question": "serverless-ops-health", "choice": "serverless_ops_health_tracing"}]}"#,
            true,
        )
        .expect("JSON");
        assert_eq!(
            validate(&mapping, &serverless_answers(), &BTreeSet::new()),
            Err(vec![
                "map entry 1 (lambda_function_nope): `lambda_function_nope` is not a wascan check".to_string(),
                "map entry 2 (SEC08-BP02): question `serverless-nope` is not a question of lens serverless as the Tool returns it".into(),
                "map entry 3 (sqs_queue_dead_letter_queue): choice `serverless_ops_health_nope` is not a choice of question `serverless-ops-health`".into(),
                "map entry 4 (sqs_queue_dead_letter_queue): choice `serverless_ops_health_no` is the question's \"None of these\": wascan never selects it".into(),
                "map entry 5 (?): give exactly one of `check` or `best_practice`".into(),
            ])
        );
        assert!(parse_mapping("lens = 1", false).is_err());
    }

    #[test]
    fn lens_evidence_groups_findings_by_the_tools_questions_and_choices() {
        let mapping = shipped_mapping("serverless").expect("it parses");
        let scan = result(vec![
            finding(
                "lambda_function_tracing_enabled",
                "OPS04-BP02",
                Status::Pass,
                "orders",
            ),
            finding(
                "lambda_function_structured_logging",
                "OPS04-BP01",
                Status::Fail,
                "orders",
            ),
            finding("sqs_queue_encrypted", "SEC08-BP02", Status::Pass, "q"),
        ]);
        let evidence = lens_evidence(&scan, &mapping, &serverless_answers());
        assert_eq!(evidence.lens, "serverless");
        assert_eq!(evidence.questions.len(), 1);
        let health = &evidence.questions[0];
        assert_eq!(health.question_id, "serverless-ops-health");
        let verdicts: Vec<(&str, Verdict)> = health
            .choices
            .iter()
            .map(|c| (c.choice_id.as_str(), c.verdict()))
            .collect();
        assert_eq!(
            verdicts,
            [
                ("serverless_ops_health_tracing", Verdict::Pass),
                ("serverless_ops_health_logging", Verdict::Fail)
            ]
        );
        assert_eq!(evidence.answerable.len(), 5);
        assert_eq!(evidence.lens_questions.len(), 9);
    }

    #[test]
    fn unknown_codes_are_reported_not_mapped() {
        let scan = result(vec![finding("s3_a", "SEC99-BP09", Status::Pass, "one")]);
        let evidence = evidence(&scan);
        assert!(evidence.questions.is_empty());
        assert_eq!(evidence.unknown_codes, ["SEC99-BP09"]);
    }

    /// Guard: every best practice a check maps to is a choice of its question in the catalog,
    /// and that question is one of the lens's, so wascan never sends a made-up choice id.
    #[test]
    fn every_mapped_choice_is_a_choice_of_its_catalog_question() {
        let questions = catalog_questions();
        assert_eq!(questions.len(), 57);
        for check in all_checks() {
            for code in check.codes() {
                let bp = catalog::best_practice(code)
                    .unwrap_or_else(|| panic!("{}: {code} is not in the catalog", check.id));
                let (_, choices) = questions
                    .iter()
                    .find(|(q, _)| q.question_id == bp.question_id)
                    .unwrap_or_else(|| panic!("{}: question {} unknown", check.id, bp.question_id));
                assert!(
                    choices.contains(&bp.choice_id.as_str()),
                    "{}: {code} maps to {} which is not a choice of {}",
                    check.id,
                    bp.choice_id,
                    bp.question_id
                );
                assert!(
                    !bp.choice_id.ends_with("_no"),
                    "{}: {code} maps to a 'None of these' choice",
                    check.id
                );
            }
        }
    }
}
