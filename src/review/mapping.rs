//! From a scan result to evidence per Well-Architected Tool question and choice. Pure.
//!
//! A finding names best-practice codes (`SEC08-BP02`); the catalog maps each code to the Tool's
//! `QuestionId` and `ChoiceId`. A choice's verdict follows its **direct** evidence only: **pass**
//! when at least one direct finding was evaluated and every evaluated direct one passed, **fail**
//! when any direct one failed, and **no evidence** when none was evaluated. Indirect evidence (a
//! precondition or proxy), "no evidence found" and `not_evaluated` findings never make a verdict;
//! they are kept, so the notes can say what was looked for.

use std::collections::BTreeSet;

use wascan_checks::catalog::{self, BestPractice, Pillar};
use wascan_checks::check::Strength;
use wascan_checks::finding::{Finding, Status};
use wascan_checks::result::ScanResult;

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

/// The evidence for one question: its choices that have findings, in the catalog's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionEvidence {
    pub pillar: Pillar,
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

/// The evidence of a whole scan.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Evidence {
    /// The account scanned (the first, when the result holds several).
    pub account_id: String,
    pub regions: Vec<String>,
    /// Questions with at least one finding, in the catalog's order.
    pub questions: Vec<QuestionEvidence>,
    /// Best-practice codes in findings that the catalog does not have (a result from another
    /// wascan version): ignored, and reported.
    pub unknown_codes: Vec<String>,
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
                pillar: bp.pillar,
                question_id: bp.question_id.clone(),
                question_code: bp.question_code.clone(),
                title: bp.question_title.clone(),
                choices: vec![choice],
            }),
        }
    }
    questions.sort_by(|a, b| (a.pillar, &a.question_code).cmp(&(b.pillar, &b.question_code)));

    let account = result.accounts.first();
    Evidence {
        account_id: account.map(|a| a.account_id.clone()).unwrap_or_default(),
        regions: account.map(|a| a.regions.clone()).unwrap_or_default(),
        questions,
        unknown_codes: unknown_codes.into_iter().collect(),
    }
}

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
        assert_eq!(evidence.account_id, "123456789012");
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
