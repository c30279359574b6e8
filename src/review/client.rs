//! The Well-Architected Tool calls wascan makes, through the AWS SDK. A failed call is a value
//! ([`ApiError`]) naming the operation and the service's error code, never a panic.

use std::collections::{BTreeMap, BTreeSet};

use aws_sdk_wellarchitected::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_wellarchitected::types::{self as wa, WorkloadEnvironment};
use aws_sdk_wellarchitected::Client;

use super::plan::{ChoiceState, ChoiceStatus, CurrentAnswer, ToolChoice, UpdateRequest};

/// The lens wascan reviews by default: the AWS Well-Architected Framework.
pub const LENS_ALIAS: &str = "wellarchitected";

/// A workload name as the Tool compares names: "unique within an account within a Region.
/// Spaces and capitalization are ignored when checking for uniqueness" (CreateWorkload,
/// WorkloadName, in the API reference).
pub fn normalized_name(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A Well-Architected Tool call that failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{operation}: {message}")]
pub struct ApiError {
    pub operation: &'static str,
    /// The service's error code (`ValidationException`, `ConflictException` ...), when it gave one.
    pub code: Option<String>,
    pub message: String,
}

impl ApiError {
    fn from_sdk<E, R>(operation: &'static str, err: &SdkError<E, R>) -> Self
    where
        E: ProvideErrorMetadata + std::error::Error + 'static,
        R: std::fmt::Debug + 'static,
    {
        let code = err.code().map(str::to_string);
        let message = match (err.code(), err.message()) {
            (Some(code), Some(message)) => format!("{code}: {message}"),
            (Some(code), None) => code.to_string(),
            _ => crate::convert::error_chain(err),
        };
        ApiError {
            operation,
            code,
            message,
        }
    }

    fn missing(operation: &'static str, what: &str) -> Self {
        ApiError {
            operation,
            code: None,
            message: format!("the answer has no {what}"),
        }
    }

    pub fn is_not_found(&self) -> bool {
        self.code.as_deref() == Some("ResourceNotFoundException")
    }
}

/// A workload, as far as wascan needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workload {
    pub id: String,
    pub name: String,
}

/// What a new workload is created with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewWorkload {
    pub name: String,
    pub description: String,
    pub environment: WorkloadEnvironment,
    pub regions: Vec<String>,
    pub account_ids: Vec<String>,
    /// Required by the service although the model marks it optional (API reference,
    /// CreateWorkload: "You also must specify ReviewOwner").
    pub review_owner: String,
    /// Lens aliases or ARNs; the Tool adds `wellarchitected` itself.
    pub lenses: Vec<String>,
}

/// A pillar's risk counts as the Tool reports them (GetLensReview).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PillarRisk {
    pub pillar_id: String,
    pub pillar_name: String,
    /// `HIGH`, `MEDIUM`, `NONE`, `UNANSWERED`, `NOT_APPLICABLE` → count.
    pub counts: BTreeMap<String, i32>,
}

/// The lens review's version and risk counts (GetLensReview).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LensRisk {
    pub lens_alias: String,
    pub lens_name: String,
    pub lens_version: String,
    /// `CURRENT`, `NOT_CURRENT` (a newer version exists), `DEPRECATED` ...
    pub lens_status: String,
    pub pillars: Vec<PillarRisk>,
}

/// A question that differs between two versions of a lens (GetLensVersionDifference).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionChange {
    pub pillar_id: String,
    pub question_id: String,
    pub title: String,
    /// `NEW`, `UPDATED`, `DELETED`.
    pub status: String,
}

/// What upgrading a lens review would change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LensDifference {
    pub base_version: String,
    pub latest_version: String,
    pub questions: Vec<QuestionChange>,
}

/// A saved milestone of a workload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Milestone {
    pub number: i32,
    pub name: String,
}

/// The Well-Architected Tool, for one workload lens.
#[derive(Debug, Clone)]
pub struct Tool {
    client: Client,
}

impl Tool {
    pub fn new(client: Client) -> Self {
        Tool { client }
    }

    /// The workload whose id is `id_or_name`, or else whose name is `id_or_name` ignoring case
    /// and spaces, as the Tool compares names. Every workload is listed (no name prefix: how the
    /// service matches a prefix against case and spaces is not documented).
    pub async fn find_workload(&self, id_or_name: &str) -> Result<Option<Workload>, ApiError> {
        if looks_like_workload_id(id_or_name) {
            match self
                .client
                .get_workload()
                .workload_id(id_or_name)
                .send()
                .await
            {
                Ok(out) => {
                    if let Some(workload) = out.workload() {
                        return Ok(Some(Workload {
                            id: workload.workload_id().unwrap_or(id_or_name).to_string(),
                            name: workload.workload_name().unwrap_or_default().to_string(),
                        }));
                    }
                }
                Err(err) => {
                    let err = ApiError::from_sdk("GetWorkload", &err);
                    if !err.is_not_found() {
                        return Err(err);
                    }
                }
            }
        }
        let wanted = normalized_name(id_or_name);
        let mut pages = self
            .client
            .list_workloads()
            .max_results(50)
            .into_paginator()
            .send();
        while let Some(page) = pages.next().await {
            let page = page.map_err(|err| ApiError::from_sdk("ListWorkloads", &err))?;
            if let Some(found) = page
                .workload_summaries()
                .iter()
                .find(|w| w.workload_name().map(normalized_name).as_deref() == Some(&wanted))
            {
                return Ok(Some(Workload {
                    id: found.workload_id().unwrap_or_default().to_string(),
                    name: found.workload_name().unwrap_or(id_or_name).to_string(),
                }));
            }
        }
        Ok(None)
    }

    pub async fn create_workload(&self, new: &NewWorkload) -> Result<Workload, ApiError> {
        let out = self
            .client
            .create_workload()
            .workload_name(&new.name)
            .description(&new.description)
            .environment(new.environment.clone())
            .set_aws_regions(Some(new.regions.clone()))
            .set_account_ids(Some(new.account_ids.clone()))
            .review_owner(&new.review_owner)
            .set_lenses(Some(new.lenses.clone()))
            .send()
            .await
            .map_err(|err| ApiError::from_sdk("CreateWorkload", &err))?;
        let id = out
            .workload_id()
            .ok_or_else(|| ApiError::missing("CreateWorkload", "WorkloadId"))?;
        Ok(Workload {
            id: id.to_string(),
            name: new.name.clone(),
        })
    }

    /// Every answer of the lens review (ListAnswers), with notes and choice notes (GetAnswer)
    /// for the questions in `details`.
    pub async fn answers(
        &self,
        workload_id: &str,
        lens: &str,
        details: &BTreeSet<String>,
    ) -> Result<Vec<CurrentAnswer>, ApiError> {
        let mut answers = Vec::new();
        let mut pages = self
            .client
            .list_answers()
            .workload_id(workload_id)
            .lens_alias(lens)
            .max_results(50)
            .into_paginator()
            .send();
        while let Some(page) = pages.next().await {
            let page = page.map_err(|err| ApiError::from_sdk("ListAnswers", &err))?;
            for summary in page.answer_summaries() {
                let Some(question_id) = summary.question_id() else {
                    continue;
                };
                answers.push(CurrentAnswer {
                    question_id: question_id.to_string(),
                    pillar_id: summary.pillar_id().unwrap_or_default().to_string(),
                    title: summary.question_title().unwrap_or_default().to_string(),
                    is_applicable: summary.is_applicable().unwrap_or(true),
                    choices: choices(summary.choices()),
                    selected: summary.selected_choices().to_vec(),
                    choice_states: summary
                        .choice_answer_summaries()
                        .iter()
                        .filter_map(|c| {
                            Some((
                                c.choice_id()?.to_string(),
                                ChoiceState {
                                    status: status(c.status()?),
                                    notes: String::new(),
                                    reason: c.reason().map(|r| r.as_str().to_string()),
                                },
                            ))
                        })
                        .collect(),
                    notes: String::new(),
                });
            }
        }
        for answer in answers
            .iter_mut()
            .filter(|a| details.contains(&a.question_id))
        {
            let out = self
                .client
                .get_answer()
                .workload_id(workload_id)
                .lens_alias(lens)
                .question_id(&answer.question_id)
                .send()
                .await
                .map_err(|err| ApiError::from_sdk("GetAnswer", &err))?;
            let detail = out
                .answer()
                .ok_or_else(|| ApiError::missing("GetAnswer", "Answer"))?;
            answer.notes = detail.notes().unwrap_or_default().to_string();
            answer.selected = detail.selected_choices().to_vec();
            answer.is_applicable = detail.is_applicable().unwrap_or(answer.is_applicable);
            if !detail.choices().is_empty() {
                answer.choices = choices(detail.choices());
            }
            answer.choice_states = detail
                .choice_answers()
                .iter()
                .filter_map(|c| {
                    Some((
                        c.choice_id()?.to_string(),
                        ChoiceState {
                            status: status(c.status()?),
                            notes: c.notes().unwrap_or_default().to_string(),
                            reason: c.reason().map(|r| r.as_str().to_string()),
                        },
                    ))
                })
                .collect();
        }
        Ok(answers)
    }

    /// One UpdateAnswer call: the whole set of selected choices, the choice updates, the notes.
    pub async fn update_answer(
        &self,
        workload_id: &str,
        lens: &str,
        update: &UpdateRequest,
    ) -> Result<(), ApiError> {
        let mut request = self
            .client
            .update_answer()
            .workload_id(workload_id)
            .lens_alias(lens)
            .question_id(&update.question_id)
            .set_selected_choices(Some(update.selected_choices.clone()));
        for (choice_id, change) in &update.choice_updates {
            request = request.choice_updates(
                choice_id,
                wa::ChoiceUpdate::builder()
                    .status(wa::ChoiceStatus::from(change.status.as_str()))
                    .set_notes(change.notes.clone())
                    .set_reason(change.reason.as_deref().map(wa::ChoiceReason::from))
                    .build(),
            );
        }
        if let Some(notes) = &update.notes {
            request = request.notes(notes);
        }
        request
            .send()
            .await
            .map(|_| ())
            .map_err(|err| ApiError::from_sdk("UpdateAnswer", &err))
    }

    /// Creates a milestone; returns its number.
    pub async fn create_milestone(&self, workload_id: &str, name: &str) -> Result<i32, ApiError> {
        let out = self
            .client
            .create_milestone()
            .workload_id(workload_id)
            .milestone_name(name)
            .send()
            .await
            .map_err(|err| ApiError::from_sdk("CreateMilestone", &err))?;
        Ok(out.milestone_number().unwrap_or_default())
    }

    /// The workload's milestones (ListMilestones).
    pub async fn milestones(&self, workload_id: &str) -> Result<Vec<Milestone>, ApiError> {
        let mut milestones = Vec::new();
        let mut pages = self
            .client
            .list_milestones()
            .workload_id(workload_id)
            .max_results(50)
            .into_paginator()
            .send();
        while let Some(page) = pages.next().await {
            let page = page.map_err(|err| ApiError::from_sdk("ListMilestones", &err))?;
            for summary in page.milestone_summaries() {
                milestones.push(Milestone {
                    number: summary.milestone_number().unwrap_or_default(),
                    name: summary.milestone_name().unwrap_or_default().to_string(),
                });
            }
        }
        Ok(milestones)
    }

    /// What upgrading the lens from `base_version` to its latest version changes
    /// (GetLensVersionDifference).
    pub async fn lens_difference(
        &self,
        lens: &str,
        base_version: &str,
    ) -> Result<LensDifference, ApiError> {
        let out = self
            .client
            .get_lens_version_difference()
            .lens_alias(lens)
            .base_lens_version(base_version)
            .send()
            .await
            .map_err(|err| ApiError::from_sdk("GetLensVersionDifference", &err))?;
        let mut questions = Vec::new();
        for pillar in out
            .version_differences()
            .map(|d| d.pillar_differences())
            .unwrap_or_default()
        {
            for question in pillar.question_differences() {
                questions.push(QuestionChange {
                    pillar_id: pillar.pillar_id().unwrap_or_default().to_string(),
                    question_id: question.question_id().unwrap_or_default().to_string(),
                    title: question.question_title().unwrap_or_default().to_string(),
                    status: question
                        .difference_status()
                        .map(|s| s.as_str().to_string())
                        .unwrap_or_default(),
                });
            }
        }
        Ok(LensDifference {
            base_version: out.base_lens_version().unwrap_or(base_version).to_string(),
            latest_version: out.latest_lens_version().unwrap_or_default().to_string(),
            questions,
        })
    }

    /// Upgrades the workload's review of `lens` to the lens's latest version; the Tool saves
    /// the review as it was in a milestone named `milestone` first (UpgradeLensReview).
    pub async fn upgrade_lens_review(
        &self,
        workload_id: &str,
        lens: &str,
        milestone: &str,
    ) -> Result<(), ApiError> {
        self.client
            .upgrade_lens_review()
            .workload_id(workload_id)
            .lens_alias(lens)
            .milestone_name(milestone)
            .send()
            .await
            .map(|_| ())
            .map_err(|err| ApiError::from_sdk("UpgradeLensReview", &err))
    }

    /// The lens review's version, status and risk counts per pillar.
    pub async fn lens_risk(&self, workload_id: &str, lens: &str) -> Result<LensRisk, ApiError> {
        let out = self
            .client
            .get_lens_review()
            .workload_id(workload_id)
            .lens_alias(lens)
            .send()
            .await
            .map_err(|err| ApiError::from_sdk("GetLensReview", &err))?;
        let review = out
            .lens_review()
            .ok_or_else(|| ApiError::missing("GetLensReview", "LensReview"))?;
        Ok(LensRisk {
            lens_alias: review.lens_alias().unwrap_or(lens).to_string(),
            lens_name: review.lens_name().unwrap_or_default().to_string(),
            lens_version: review.lens_version().unwrap_or_default().to_string(),
            lens_status: review
                .lens_status()
                .map(|s| s.as_str().to_string())
                .unwrap_or_default(),
            pillars: review
                .pillar_review_summaries()
                .iter()
                .map(|p| PillarRisk {
                    pillar_id: p.pillar_id().unwrap_or_default().to_string(),
                    pillar_name: p.pillar_name().unwrap_or_default().to_string(),
                    counts: p
                        .risk_counts()
                        .map(|counts| {
                            counts
                                .iter()
                                .map(|(risk, n)| (risk.as_str().to_string(), *n))
                                .collect()
                        })
                        .unwrap_or_default(),
                })
                .collect(),
        })
    }
}

/// Workload ids are 32 lowercase hex digits.
pub fn looks_like_workload_id(text: &str) -> bool {
    text.len() == 32
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
}

fn choices(choices: &[wa::Choice]) -> Vec<ToolChoice> {
    choices
        .iter()
        .filter_map(|c| {
            Some(ToolChoice {
                id: c.choice_id()?.to_string(),
                title: c.title().unwrap_or_default().to_string(),
            })
        })
        .collect()
}

fn status(status: &wa::ChoiceStatus) -> ChoiceStatus {
    match status {
        wa::ChoiceStatus::Selected => ChoiceStatus::Selected,
        wa::ChoiceStatus::NotApplicable => ChoiceStatus::NotApplicable,
        _ => ChoiceStatus::Unselected,
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex, PoisonError};

    use aws_sdk_wellarchitected::operation::create_milestone::{
        CreateMilestoneInput, CreateMilestoneOutput,
    };
    use aws_sdk_wellarchitected::operation::create_workload::{
        CreateWorkloadError, CreateWorkloadInput, CreateWorkloadOutput,
    };
    use aws_sdk_wellarchitected::operation::get_answer::GetAnswerOutput;
    use aws_sdk_wellarchitected::operation::list_answers::ListAnswersOutput;
    use aws_sdk_wellarchitected::operation::update_answer::{
        UpdateAnswerInput, UpdateAnswerOutput,
    };
    use aws_sdk_wellarchitected::types::error::ConflictException;
    use aws_smithy_mocks::{mock, mock_client, RuleMode};
    use wascan_checks::finding::Status::{Fail, Pass};

    use super::*;
    use crate::review::mapping::evidence;
    use crate::review::mapping::tests::{finding, result};
    use crate::review::plan::{self, PlanOptions};

    fn recorder<T>() -> Arc<Mutex<Vec<T>>> {
        Arc::new(Mutex::new(Vec::new()))
    }

    fn sec08_summary(selected: &[&str]) -> wa::AnswerSummary {
        let mut summary = wa::AnswerSummary::builder()
            .question_id("protect-data-rest")
            .question_title("How do you protect your data at rest?")
            .is_applicable(true);
        for (id, title) in [
            (
                "sec_protect_data_rest_key_mgmt",
                "Implement secure key management",
            ),
            (
                "sec_protect_data_rest_encrypt",
                "Enforce encryption at rest",
            ),
            (
                "sec_protect_data_rest_access_control",
                "Enforce access control",
            ),
            ("sec_protect_data_rest_no", "None of these"),
        ] {
            summary = summary.choices(wa::Choice::builder().choice_id(id).title(title).build());
        }
        for id in selected {
            summary = summary.selected_choices(*id);
        }
        summary.build()
    }

    /// From a scan to the exact UpdateAnswer request: the whole selection, the choice update
    /// with its note, and the notes with the person's text first.
    #[tokio::test]
    async fn plan_then_update_answer_sends_exactly_the_planned_request(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let list = mock!(Client::list_answers).then_output(|| {
            ListAnswersOutput::builder()
                .answer_summaries(sec08_summary(&["sec_protect_data_rest_access_control"]))
                .build()
        });
        let get = mock!(Client::get_answer)
            .match_requests(|req| req.question_id() == Some("protect-data-rest"))
            .then_output(|| {
                GetAnswerOutput::builder()
                    .answer(
                        wa::Answer::builder()
                            .question_id("protect-data-rest")
                            .notes("Keys: see the wiki.")
                            .selected_choices("sec_protect_data_rest_access_control")
                            .choice_answers(
                                wa::ChoiceAnswer::builder()
                                    .choice_id("sec_protect_data_rest_access_control")
                                    .status(wa::ChoiceStatus::Selected)
                                    .build(),
                            )
                            .build(),
                    )
                    .build()
            });
        let sent = recorder::<UpdateAnswerInput>();
        let sent_in_rule = Arc::clone(&sent);
        let update = mock!(Client::update_answer).then_compute_output(move |req| {
            sent_in_rule
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(req.clone());
            UpdateAnswerOutput::builder().build()
        });
        let client = mock_client!(
            aws_sdk_wellarchitected,
            RuleMode::MatchAny,
            &[&list, &get, &update]
        );
        let tool = Tool::new(client);

        let evidence = evidence(&result(vec![
            finding("ec2_ebs_volume_encrypted", "SEC08-BP02", Pass, "vol-1"),
            finding("s3_bucket_public_access", "SEC08-BP04", Fail, "public"),
        ]));
        let details = ["protect-data-rest".to_string()].into_iter().collect();
        let answers = tool.answers("w1", LENS_ALIAS, &details).await?;
        assert_eq!(answers[0].notes, "Keys: see the wiki.");
        let plan = plan::plan(&evidence, &answers, PlanOptions::default());
        for (_, request) in plan.updates() {
            tool.update_answer("w1", LENS_ALIAS, request).await?;
        }

        let sent = sent.lock().unwrap_or_else(PoisonError::into_inner);
        assert_eq!(sent.len(), 1);
        let request = &sent[0];
        assert_eq!(request.workload_id(), Some("w1"));
        assert_eq!(request.lens_alias(), Some("wellarchitected"));
        assert_eq!(request.question_id(), Some("protect-data-rest"));
        // The person's failing selection stays; the passing choice is added; nothing else.
        assert_eq!(
            request.selected_choices(),
            [
                "sec_protect_data_rest_encrypt",
                "sec_protect_data_rest_access_control"
            ]
        );
        let updates = request.choice_updates().ok_or("no choice updates")?;
        assert_eq!(updates.len(), 1);
        let encrypt = &updates["sec_protect_data_rest_encrypt"];
        assert_eq!(encrypt.status(), Some(&wa::ChoiceStatus::Selected));
        assert_eq!(
            encrypt.notes(),
            Some("wascan: 1 finding(s) passed (ec2_ebs_volume_encrypted)")
        );
        assert_eq!(
            request.notes(),
            Some(
                "Keys: see the wiki.\n\n--- wascan evidence (do not edit) ---\n\
                 Scan of account 123456789012 (us-east-1).\n\
                 SEC08-BP02 pass: 1 finding(s) passed (ec2_ebs_volume_encrypted)\n\
                 SEC08-BP04 FAIL: 1 of 1 finding(s) failed: s3_bucket_public_access: us-east-1/public\n\
                 --- end wascan evidence ---"
            )
        );
        assert_eq!(request.is_applicable(), None);
        assert_eq!(get.num_calls(), 1);
        Ok(())
    }

    #[tokio::test]
    async fn create_workload_and_milestone_send_the_scans_account_and_regions(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let workloads = recorder::<CreateWorkloadInput>();
        let workloads_in_rule = Arc::clone(&workloads);
        let create = mock!(Client::create_workload).then_compute_output(move |req| {
            workloads_in_rule
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(req.clone());
            CreateWorkloadOutput::builder().workload_id("abc").build()
        });
        let milestones = recorder::<CreateMilestoneInput>();
        let milestones_in_rule = Arc::clone(&milestones);
        let milestone = mock!(Client::create_milestone).then_compute_output(move |req| {
            milestones_in_rule
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(req.clone());
            CreateMilestoneOutput::builder().milestone_number(3).build()
        });
        let client = mock_client!(
            aws_sdk_wellarchitected,
            RuleMode::MatchAny,
            &[&create, &milestone]
        );
        let tool = Tool::new(client);
        let workload = tool
            .create_workload(&NewWorkload {
                name: "shop".into(),
                description: "Created by wascan".into(),
                environment: WorkloadEnvironment::Preproduction,
                regions: vec!["us-east-1".into(), "eu-west-1".into()],
                account_ids: vec!["123456789012".into()],
                review_owner: "team-shop@example.com".into(),
                lenses: vec!["wellarchitected".into(), "serverless".into()],
            })
            .await?;
        assert_eq!(workload.id, "abc");
        assert_eq!(tool.create_milestone("abc", "after wascan").await, Ok(3));

        let workloads = workloads.lock().unwrap_or_else(PoisonError::into_inner);
        let request = &workloads[0];
        assert_eq!(request.workload_name(), Some("shop"));
        assert_eq!(request.description(), Some("Created by wascan"));
        assert_eq!(
            request.environment(),
            Some(&WorkloadEnvironment::Preproduction)
        );
        assert_eq!(request.aws_regions(), ["us-east-1", "eu-west-1"]);
        assert_eq!(request.account_ids(), ["123456789012"]);
        assert_eq!(request.lenses(), ["wellarchitected", "serverless"]);
        assert_eq!(request.review_owner(), Some("team-shop@example.com"));
        let milestones = milestones.lock().unwrap_or_else(PoisonError::into_inner);
        assert_eq!(milestones[0].workload_id(), Some("abc"));
        assert_eq!(milestones[0].milestone_name(), Some("after wascan"));
        Ok(())
    }

    #[tokio::test]
    async fn a_service_error_is_data_with_its_code() {
        let create = mock!(Client::create_workload).then_error(|| {
            CreateWorkloadError::ConflictException(
                ConflictException::builder()
                    .message("A workload named shop already exists")
                    .resource_id("shop")
                    .resource_type("WORKLOAD")
                    // What the deserializer records from the response's error type.
                    .meta(
                        aws_sdk_wellarchitected::error::ErrorMetadata::builder()
                            .code("ConflictException")
                            .message("A workload named shop already exists")
                            .build(),
                    )
                    .build(),
            )
        });
        let client = mock_client!(aws_sdk_wellarchitected, &[&create]);
        let err = Tool::new(client)
            .create_workload(&NewWorkload {
                name: "shop".into(),
                description: "d".repeat(10),
                environment: WorkloadEnvironment::Production,
                regions: Vec::new(),
                account_ids: Vec::new(),
                review_owner: "owner".into(),
                lenses: Vec::new(),
            })
            .await
            .expect_err("a conflict");
        assert_eq!(err.operation, "CreateWorkload");
        assert_eq!(err.code.as_deref(), Some("ConflictException"));
        assert_eq!(
            err.to_string(),
            "CreateWorkload: ConflictException: A workload named shop already exists"
        );
    }

    #[test]
    fn names_compare_as_the_tool_compares_them() {
        assert_eq!(
            normalized_name(" SHOP  Prod\t"),
            normalized_name("shop prod")
        );
        assert_eq!(normalized_name("Shop-Prod"), "shop-prod");
        assert_ne!(normalized_name("shop-prod"), normalized_name("shop prod"));
    }

    #[test]
    fn workload_ids_are_32_hex_digits() {
        assert!(looks_like_workload_id("d7cce3cbf50348ce9b08cf9d3a570140"));
        assert!(!looks_like_workload_id("shop"));
        assert!(!looks_like_workload_id("D7CCE3CBF50348CE9B08CF9D3A570140"));
    }
}
