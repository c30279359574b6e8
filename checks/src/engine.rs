//! Runs checks over a snapshot and scores the findings. Pure: no I/O, no clock.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::catalog::{self, Pillar, Risk};
use crate::check::{Check, Context, Strength};
use crate::finding::{Finding, Status};
use crate::model::{ErrorKind, Gap, Service, Snapshot};
use crate::registry::all_checks;
use crate::settings::Settings;

/// Which checks to run. Empty sets mean "all".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Selection {
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub pillars: BTreeSet<Pillar>,
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub services: BTreeSet<Service>,
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub checks: BTreeSet<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SelectionError {
    #[error("unknown check id `{0}` (see `wascan checks list`)")]
    UnknownCheck(String),
    #[error("the selection matches no check")]
    Empty,
}

impl Selection {
    /// The selected checks, in registry order; an unknown check id is an error, not a silent skip.
    pub fn checks(&self) -> Result<Vec<&'static Check>, SelectionError> {
        self.checks_among(all_checks())
    }

    /// The selected checks among `available` (the built-in checks and the custom ones loaded),
    /// in that order; an unknown check id is an error.
    pub fn checks_among(
        &self,
        available: &[&'static Check],
    ) -> Result<Vec<&'static Check>, SelectionError> {
        if let Some(unknown) = self
            .checks
            .iter()
            .find(|id| !available.iter().any(|check| check.id == id.as_str()))
        {
            return Err(SelectionError::UnknownCheck(unknown.clone()));
        }
        let selected: Vec<_> = available
            .iter()
            .copied()
            .filter(|check| self.pillars.is_empty() || self.pillars.contains(&check.pillar))
            .filter(|check| {
                self.services.is_empty()
                    || check.services().iter().any(|s| self.services.contains(s))
            })
            .filter(|check| self.checks.is_empty() || self.checks.contains(check.id))
            .collect();
        if selected.is_empty() {
            return Err(SelectionError::Empty);
        }
        Ok(selected)
    }

    /// The services the selected checks read: what a collection must fetch.
    pub fn services_needed(&self) -> Result<BTreeSet<Service>, SelectionError> {
        self.services_needed_among(all_checks())
    }

    /// [`Selection::services_needed`] among `available` checks.
    pub fn services_needed_among(
        &self,
        available: &[&'static Check],
    ) -> Result<BTreeSet<Service>, SelectionError> {
        Ok(self
            .checks_among(available)?
            .iter()
            .flat_map(|check| check.services())
            .collect())
    }
}

/// Runs `checks` over `snapshot` and returns the findings in a deterministic order.
///
/// A check whose service was not collected gives one `not_evaluated` finding saying so.
pub fn evaluate(snapshot: &Snapshot, settings: &Settings, checks: &[&Check]) -> Vec<Finding> {
    let context = Context { snapshot, settings };
    // The snapshot as custom checks read it: built once, and only if one runs.
    let input = std::cell::OnceCell::new();
    let mut findings: Vec<Finding> = checks
        .iter()
        .flat_map(|check| {
            let missing = check
                .services()
                .into_iter()
                .find(|service| !snapshot.services.contains(service));
            match (missing, check.custom) {
                (None, None) => (check.evaluate)(&context),
                (None, Some(policy)) => policy.evaluate(
                    check,
                    &context,
                    input.get_or_init(|| crate::custom::Input::of(snapshot)),
                ),
                (Some(service), _) => {
                    // An interrupted scan records why the service is missing; else it was not
                    // asked for.
                    let recorded = snapshot
                        .errors
                        .iter()
                        .find(|gap| gap.operation == "*" && gap.service == service.as_str());
                    let gap = recorded.cloned().unwrap_or_else(|| Gap {
                        service: service.to_string(),
                        region: None,
                        operation: "*".into(),
                        resource: None,
                        kind: ErrorKind::NotCollected,
                        message: format!("{service} was not collected in this snapshot"),
                    });
                    vec![check.not_evaluated(&snapshot.account_resource("global"), &gap)]
                }
            }
        })
        .collect();
    let tags_by_arn = snapshot.tags_by_arn();
    for finding in &mut findings {
        finding.assign_account(&snapshot.account_id);
        if finding.resource.tags.is_empty() {
            if let Some(tags) = tags_by_arn.get(finding.resource.arn.as_str()) {
                finding.resource.tags = (*tags).clone();
            }
        }
    }
    sort_findings(&mut findings);
    findings
}

/// The findings of an account that could not be read at all (its role could not be assumed):
/// one `not_evaluated` finding per check, on the account itself, with `why` as the reason. So the
/// account counts against the coverage of every check it would have been evaluated by, and
/// neither passes nor fails anything.
pub fn not_evaluated_account(
    account_id: &str,
    partition: &str,
    checks: &[&Check],
    why: &Gap,
) -> Vec<Finding> {
    let mut stub = Snapshot::new(account_id, time::OffsetDateTime::UNIX_EPOCH);
    stub.partition = partition.to_string();
    let account = stub.account_resource("global");
    let mut findings: Vec<Finding> = checks
        .iter()
        .map(|check| {
            let mut finding = check.not_evaluated(&account, why);
            finding.assign_account(account_id);
            finding
        })
        .collect();
    sort_findings(&mut findings);
    findings
}

/// The canonical order of findings: by pillar, check, account, region, resource.
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (
            a.pillar,
            &a.check_id,
            &a.account_id,
            &a.region,
            &a.resource.arn,
            &a.resource.id,
        )
            .cmp(&(
                b.pillar,
                &b.check_id,
                &b.account_id,
                &b.region,
                &b.resource.arn,
                &b.resource.id,
            ))
    });
}

/// A score over a set of findings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Score {
    /// 100 × Σ weight(pass) / Σ weight(pass + fail), to one decimal; `None` when nothing with a
    /// weight was evaluated.
    pub score: Option<f64>,
    pub passed: u32,
    pub failed: u32,
    pub not_evaluated: u32,
    /// Practice-presence findings that found no trace of the practice ("no evidence found"):
    /// left out of the score, counted as evaluated in the coverage (the data was read).
    #[serde(default)]
    pub no_evidence: u32,
    /// (evaluated + no_evidence) / (evaluated + no_evidence + not_evaluated), as a percentage to
    /// one decimal: how much of what was asked for could be read.
    pub coverage: Option<f64>,
    /// Σ severity weight of the passed findings: with `weight_evaluated`, what lets the scores
    /// of accounts (or shards) be added up into the organisation's without their findings.
    #[serde(default)]
    pub weight_passed: u32,
    /// Σ severity weight of the passed and failed findings (the score's denominator).
    #[serde(default)]
    pub weight_evaluated: u32,
}

impl Score {
    fn add(&mut self, finding: &Finding) {
        let weight = finding.severity.weight();
        match finding.status {
            Status::Pass => {
                self.passed += 1;
                self.weight_passed += weight;
                self.weight_evaluated += weight;
            }
            Status::Fail => {
                self.failed += 1;
                self.weight_evaluated += weight;
            }
            Status::NotEvaluated => self.not_evaluated += 1,
            Status::NoEvidence => self.no_evidence += 1,
        }
        self.settle();
    }

    /// Recomputes the score and the coverage from the counts.
    fn settle(&mut self) {
        self.score =
            (self.weight_evaluated > 0).then(|| percent(self.weight_passed, self.weight_evaluated));
        let evaluated = self.passed + self.failed + self.no_evidence;
        self.coverage = (evaluated + self.not_evaluated > 0)
            .then(|| percent(evaluated, evaluated + self.not_evaluated));
    }

    /// Adds another set's counts to these: the score of the union of two disjoint sets of
    /// findings (two accounts), exactly as if it were computed from their findings.
    pub fn absorb(&mut self, other: &Score) {
        self.passed += other.passed;
        self.failed += other.failed;
        self.not_evaluated += other.not_evaluated;
        self.no_evidence += other.no_evidence;
        self.weight_passed += other.weight_passed;
        self.weight_evaluated += other.weight_evaluated;
        self.settle();
    }

    /// No finding at all.
    pub fn is_empty(&self) -> bool {
        self.passed + self.failed + self.not_evaluated + self.no_evidence == 0
    }

    fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Score {
        let mut score = Score::default();
        for finding in findings {
            score.add(finding);
        }
        score
    }
}

fn percent(part: u32, whole: u32) -> f64 {
    (1000.0 * f64::from(part) / f64::from(whole)).round() / 10.0
}

/// The risk a Well-Architected question carries, computed the way the WA Tool does.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum QuestionRisk {
    /// No best practice whose direct evidence failed.
    None,
    /// A best practice of medium risk whose direct evidence failed (an MRI).
    Medium,
    /// A best practice of high risk whose direct evidence failed (an HRI).
    High,
}

/// One question that has evidence from the scan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct QuestionAssessment {
    pub pillar: Pillar,
    pub question_id: String,
    pub question_code: String,
    pub title: String,
    pub risk: QuestionRisk,
    /// Best practices with at least one evaluated finding, and whether all of them passed. The
    /// risk comes from the failed direct evidence only (see [`BestPracticeScore::strength`]).
    pub best_practices: BTreeMap<String, bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PillarScore {
    #[serde(flatten)]
    pub score: Score,
    pub high_risk_questions: u32,
    pub medium_risk_questions: u32,
}

/// The score of one best practice, with the strength of its evidence.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct BestPracticeScore {
    /// Over every finding that evidences the practice, direct or indirect.
    #[serde(flatten)]
    pub score: Score,
    /// `direct` when at least one finding evidences the practice directly, else `indirect`
    /// (results of `schema_version` 1 had no strengths: read as `direct`).
    #[serde(default = "direct_strength")]
    pub strength: Strength,
    /// Over the findings that evidence the practice directly.
    #[serde(default, skip_serializing_if = "Score::is_empty")]
    pub direct: Score,
    /// Over the findings that are only indirect evidence (a precondition or proxy).
    #[serde(default, skip_serializing_if = "Score::is_empty")]
    pub indirect: Score,
}

fn direct_strength() -> Strength {
    Strength::Direct
}

impl BestPracticeScore {
    fn new() -> Self {
        BestPracticeScore {
            score: Score::default(),
            strength: Strength::Indirect,
            direct: Score::default(),
            indirect: Score::default(),
        }
    }

    fn add(&mut self, finding: &Finding, strength: Strength) {
        self.score.add(finding);
        match strength {
            Strength::Direct => {
                self.direct.add(finding);
                self.strength = Strength::Direct;
            }
            Strength::Indirect => self.indirect.add(finding),
        }
    }

    fn absorb(&mut self, other: &BestPracticeScore) {
        self.score.absorb(&other.score);
        self.direct.absorb(&other.direct);
        self.indirect.absorb(&other.indirect);
        if other.strength == Strength::Direct {
            self.strength = Strength::Direct;
        }
    }
}

/// Every score of a scan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Scores {
    pub overall: Score,
    pub pillars: BTreeMap<Pillar, PillarScore>,
    pub best_practices: BTreeMap<String, BestPracticeScore>,
    pub questions: Vec<QuestionAssessment>,
}

/// Scores findings: overall, per pillar (with HRI/MRI counts), per best practice and per question.
pub fn score<'a, I>(findings: I) -> Scores
where
    I: IntoIterator<Item = &'a Finding>,
    I::IntoIter: Clone,
{
    let findings = findings.into_iter();
    let mut best_practices: BTreeMap<String, BestPracticeScore> = BTreeMap::new();
    for finding in findings.clone() {
        for code in &finding.best_practices {
            let strength = finding.strength(code).unwrap_or(Strength::Direct);
            best_practices
                .entry(code.clone())
                .or_insert_with(BestPracticeScore::new)
                .add(finding, strength);
        }
    }

    let questions = assess_questions(&best_practices);

    let pillars = Pillar::ALL
        .into_iter()
        .filter(|pillar| findings.clone().any(|f| f.pillar == *pillar))
        .map(|pillar| {
            let pillar_score = PillarScore {
                score: Score::of(findings.clone().filter(|f| f.pillar == pillar)),
                high_risk_questions: 0,
                medium_risk_questions: 0,
            };
            (pillar, pillar_score)
        })
        .collect();

    let mut scores = Scores {
        overall: Score::of(findings),
        pillars,
        best_practices,
        questions,
    };
    scores.count_risks();
    scores
}

impl Scores {
    /// The scores of no finding at all.
    pub fn empty() -> Scores {
        score(std::iter::empty())
    }

    /// Adds the scores of a disjoint set of findings (another account, another shard): the
    /// result equals [`score`] of both sets together, computed from the counts alone. The
    /// questions' risks are assessed again from the summed best practices.
    pub fn absorb(&mut self, other: &Scores) {
        self.overall.absorb(&other.overall);
        for (pillar, theirs) in &other.pillars {
            self.pillars
                .entry(*pillar)
                .or_insert_with(|| PillarScore {
                    score: Score::default(),
                    high_risk_questions: 0,
                    medium_risk_questions: 0,
                })
                .score
                .absorb(&theirs.score);
        }
        for (code, theirs) in &other.best_practices {
            self.best_practices
                .entry(code.clone())
                .or_insert_with(BestPracticeScore::new)
                .absorb(theirs);
        }
        self.questions = assess_questions(&self.best_practices);
        self.count_risks();
    }

    /// Each pillar's high and medium risk questions, from `questions`.
    fn count_risks(&mut self) {
        for (pillar, pillar_score) in &mut self.pillars {
            let count = |risk| {
                self.questions
                    .iter()
                    .filter(|q| q.pillar == *pillar && q.risk == risk)
                    .count() as u32
            };
            pillar_score.high_risk_questions = count(QuestionRisk::High);
            pillar_score.medium_risk_questions = count(QuestionRisk::Medium);
        }
    }

    /// High-risk questions over every pillar.
    pub fn high_risk_questions(&self) -> u32 {
        self.pillars.values().map(|p| p.high_risk_questions).sum()
    }

    /// Medium-risk questions over every pillar.
    pub fn medium_risk_questions(&self) -> u32 {
        self.pillars.values().map(|p| p.medium_risk_questions).sum()
    }
}

/// The questions with evidence and their risk, assessed from the best practices' scores the way
/// the WA Tool does.
fn assess_questions(
    best_practices: &BTreeMap<String, BestPracticeScore>,
) -> Vec<QuestionAssessment> {
    let mut questions: Vec<QuestionAssessment> = Vec::new();
    for bp in catalog::best_practices().iter().filter(|bp| !bp.retired) {
        let Some(BestPracticeScore { score, direct, .. }) = best_practices.get(&bp.code) else {
            continue;
        };
        if score.passed + score.failed == 0 {
            continue;
        }
        let at = match questions
            .iter()
            .position(|q| q.question_id == bp.question_id)
        {
            Some(at) => at,
            None => {
                questions.push(QuestionAssessment {
                    pillar: bp.pillar,
                    question_id: bp.question_id.clone(),
                    question_code: bp.question_code.clone(),
                    title: bp.question_title.clone(),
                    risk: QuestionRisk::None,
                    best_practices: BTreeMap::new(),
                });
                questions.len() - 1
            }
        };
        let question = &mut questions[at];
        let all_passed = score.failed == 0;
        question.best_practices.insert(bp.code.clone(), all_passed);
        // Only a failed direct finding shows the practice is not followed: a failed proxy
        // (indirect evidence) is reported, but makes no risk, as it selects nothing in a review.
        if direct.failed > 0 {
            let risk = match bp.risk {
                Risk::High => QuestionRisk::High,
                Risk::Medium => QuestionRisk::Medium,
                Risk::Low => QuestionRisk::None,
            };
            question.risk = question.risk.max(risk);
        }
    }
    questions.sort_by(|a, b| (a.pillar, &a.question_code).cmp(&(b.pillar, &b.question_code)));

    questions
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Fetched;
    use crate::security::SQS_QUEUE_ENCRYPTED;
    use crate::testing::*;

    /// "No evidence found" is read data: it counts in the coverage, never in the score, makes
    /// no question risk and fails nothing.
    #[test]
    fn no_evidence_counts_in_coverage_not_in_the_score() {
        use crate::reliability::BACKUP_PLAN_EXISTS;
        let snap = snapshot();
        let account = snap.account_resource(REGION);
        let mut findings = vec![
            BACKUP_PLAN_EXISTS.pass(&account, "a plan"),
            BACKUP_PLAN_EXISTS.no_evidence(&account, "no restore test ran"),
        ];
        for finding in &mut findings {
            finding.assign_account(ACCOUNT);
        }
        assert_eq!(
            findings[1].message,
            "no evidence found: no restore test ran"
        );
        assert_eq!(
            serde_json::to_value(&findings[1]).expect("json")["status"],
            "no_evidence"
        );
        let scores = score(&findings);
        assert_eq!(scores.overall.score, Some(100.0));
        assert_eq!(scores.overall.no_evidence, 1);
        assert_eq!(scores.overall.coverage, Some(100.0));
        assert_eq!(scores.best_practices["REL09-BP03"].score.no_evidence, 1);

        let only = score(&findings[1..]);
        assert_eq!(only.overall.score, None, "nothing weighed");
        assert!(
            only.questions.is_empty(),
            "no question risk from no evidence"
        );
        assert!(findings.iter().all(|f| f.status != Status::Fail));
    }

    /// The per-best-practice scores keep direct and indirect evidence apart.
    #[test]
    fn best_practice_scores_keep_direct_and_indirect_apart() {
        use crate::check::Strength;
        use crate::operational_excellence::{
            EC2_INSTANCE_DETAILED_MONITORING, LAMBDA_FUNCTION_TRACING_ENABLED,
        };
        let snap = snapshot();
        let account = snap.account_resource(REGION);
        let findings = vec![
            // OPS04-BP05 and REL06-BP07 direct, OPS08-BP03 indirect.
            LAMBDA_FUNCTION_TRACING_ENABLED.pass(&account, "traced"),
            // OPS08-BP01 indirect.
            EC2_INSTANCE_DETAILED_MONITORING.fail(&account, "basic monitoring"),
        ];
        let scores = score(&findings);
        let bp = |code: &str| &scores.best_practices[code];
        assert_eq!(bp("OPS04-BP05").strength, Strength::Direct);
        assert_eq!(bp("OPS04-BP05").direct.passed, 1);
        assert!(bp("OPS04-BP05").indirect.is_empty());
        assert_eq!(bp("REL06-BP07").strength, Strength::Direct);
        assert_eq!(bp("OPS08-BP03").strength, Strength::Indirect);
        assert_eq!(bp("OPS08-BP03").indirect.passed, 1);
        assert_eq!(bp("OPS08-BP01").strength, Strength::Indirect);
        assert_eq!(bp("OPS08-BP01").score.failed, 1);
        // A failed proxy is reported, but makes no question risk.
        let ops08 = scores
            .questions
            .iter()
            .find(|q| q.question_code == "OPS08")
            .expect("OPS08 has evidence");
        assert!(!ops08.best_practices["OPS08-BP01"]);
        assert_eq!(ops08.risk, QuestionRisk::None);
        let json = serde_json::to_value(bp("OPS08-BP01")).expect("json");
        assert_eq!(json["strength"], "indirect");
        assert_eq!(json["failed"], 1, "the overall counts stay at the top");
        assert!(json.get("direct").is_none(), "an empty part is left out");
    }

    /// A queue's answers carry no tags; the tagging API's do, and its findings get them.
    #[test]
    fn findings_take_tags_read_in_bulk_when_their_service_has_none() {
        let mut snap = snapshot();
        sqs(&mut snap).queues = Fetched::Ok(vec![queue("orders"), queue("sandbox-jobs")]);
        let sandbox = queue("sandbox-jobs").arn;
        snap.resource_tags.insert(
            "us-east-1".into(),
            Fetched::Ok([(sandbox.clone(), tags(&[("env", "sandbox")]))].into()),
        );
        // A region whose tags could not be read is no reason to lose the others.
        snap.resource_tags
            .insert("eu-west-1".into(), Fetched::Failed(denied("GetResources")));

        let findings = evaluate(&snap, &Settings::default(), &[&SQS_QUEUE_ENCRYPTED]);

        let tags_by_queue: Vec<(&str, Option<&String>)> = findings
            .iter()
            .map(|f| (f.resource.id.as_str(), f.resource.tags.get("env")))
            .collect();
        assert_eq!(
            tags_by_queue,
            [
                ("orders", None),
                ("sandbox-jobs", Some(&"sandbox".to_string()))
            ]
        );
    }

    /// Findings from the credential report (which has no tags) take the user's tags.
    #[test]
    fn credential_report_findings_take_the_users_tags() {
        use crate::model::iam::AuthorizationDetails;
        use crate::security::IAM_USER_CONSOLE_MFA;

        let mut snap = snapshot();
        let mut sandbox = user("sandbox-bot");
        sandbox.tags = tags(&[("env", "sandbox")]);
        snap.iam.authorization = Fetched::Ok(AuthorizationDetails {
            users: vec![user("alice"), sandbox],
            ..AuthorizationDetails::default()
        });
        snap.iam.credential_report =
            Fetched::Ok(vec![credential_row("alice"), credential_row("sandbox-bot")]);

        let findings = evaluate(&snap, &Settings::default(), &[&IAM_USER_CONSOLE_MFA]);

        let tags_by_user: Vec<(&str, Option<&String>)> = findings
            .iter()
            .map(|f| (f.resource.id.as_str(), f.resource.tags.get("env")))
            .collect();
        assert_eq!(
            tags_by_user,
            [
                ("alice", None),
                ("sandbox-bot", Some(&"sandbox".to_string()))
            ]
        );
    }
}
