//! Amazon Macie, per region: `GetMacieSession`, then, when Macie is on,
//! `GetAutomatedDiscoveryConfiguration` and `ListClassificationJobs` (paginated), concurrently.
//!
//! moto 5.2.5 implements `GetMacieSession` only: the other two are tested with recorded
//! responses below.

use std::collections::BTreeMap;

use aws_sdk_macie2::Client;
use futures::future::join_all;
use wascan_checks::model::macie::*;
use wascan_checks::model::{Fetched, Gap, MacieRegion};

use super::calls::{Call, Ctx};

const MACIE2: &str = "macie2";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_macie2::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, MacieRegion> {
    let per_region = join_all(
        regions
            .iter()
            .map(|region| async move { collect_region(ctx, &client(ctx, region), region).await }),
    )
    .await;
    regions.iter().cloned().zip(per_region).collect()
}

async fn collect_region(ctx: &Ctx, macie: &Client, region: &str) -> MacieRegion {
    let at = |operation| Call::new(MACIE2, operation).region(region);
    let session = ctx
        .call_or_absent_when(
            at("GetMacieSession"),
            // Where Macie is not enabled it answers "AccessDeniedException: Macie is not
            // enabled"; ResourceNotFoundException (no session) is in the API reference's list.
            &[
                ("AccessDeniedException", "Macie is not enabled"),
                ("ResourceNotFoundException", ""),
            ],
            macie.get_macie_session().send(),
        )
        .await
        .and_then(|out| match out {
            None => Ok(None),
            Some(out) => ctx
                .required(
                    at("GetMacieSession"),
                    "status",
                    out.status().map(|s| s.as_str().to_string()),
                )
                .map(Some),
        });
    let (automated_discovery, classification_jobs) = match &session {
        Err(gap) => (Err(gap.clone()), Err(gap.clone())),
        // Macie off: no discovery, no job (both calls would be refused).
        Ok(None) => (Ok("DISABLED".to_string()), Ok(vec![])),
        Ok(Some(_)) => futures::join!(
            async {
                let out = ctx
                    .call(
                        at("GetAutomatedDiscoveryConfiguration"),
                        macie.get_automated_discovery_configuration().send(),
                    )
                    .await?;
                ctx.required(
                    at("GetAutomatedDiscoveryConfiguration"),
                    "status",
                    out.status().map(|s| s.as_str().to_string()),
                )
            },
            jobs(ctx, macie, region),
        ),
    };
    MacieRegion {
        session: session.into(),
        automated_discovery: automated_discovery.into(),
        classification_jobs: Fetched::from(classification_jobs),
    }
}

async fn jobs(ctx: &Ctx, macie: &Client, region: &str) -> Result<Vec<ClassificationJob>, Gap> {
    let at = Call::new(MACIE2, "ListClassificationJobs").region(region);
    let listed = ctx
        .pages(
            at,
            macie.list_classification_jobs().into_paginator().send(),
            |page| page.items().to_vec(),
        )
        .await?;
    listed
        .iter()
        .map(|job| {
            Ok(ClassificationJob {
                // A job without its id cannot be named: the listing fails.
                id: ctx.required_str(at, "jobId", job.job_id())?,
                name: job.name().map(str::to_string),
                job_type: job.job_type().map(|t| t.as_str().to_string()),
                status: job.job_status().map(|s| s.as_str().to_string()),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use aws_sdk_macie2::operation::get_automated_discovery_configuration::GetAutomatedDiscoveryConfigurationOutput;
    use aws_sdk_macie2::operation::get_macie_session::{
        GetMacieSessionError, GetMacieSessionOutput,
    };
    use aws_sdk_macie2::operation::list_classification_jobs::ListClassificationJobsOutput;
    use aws_sdk_macie2::types::{
        AutomatedDiscoveryStatus, JobStatus, JobSummary, JobType, MacieStatus,
    };
    use aws_smithy_mocks::{mock, mock_client, RuleMode};
    use wascan_checks::model::ErrorKind;

    use super::*;
    use crate::collect::tests::test_ctx;

    fn session_error(code: &'static str, message: &'static str) -> GetMacieSessionError {
        GetMacieSessionError::generic(
            aws_smithy_types::error::ErrorMetadata::builder()
                .code(code)
                .message(message)
                .build(),
        )
    }

    #[tokio::test]
    async fn an_enabled_session_with_discovery_and_jobs() {
        let session = mock!(Client::get_macie_session).then_output(|| {
            GetMacieSessionOutput::builder()
                .status(MacieStatus::Enabled)
                .build()
        });
        let discovery = mock!(Client::get_automated_discovery_configuration).then_output(|| {
            GetAutomatedDiscoveryConfigurationOutput::builder()
                .status(AutomatedDiscoveryStatus::Disabled)
                .build()
        });
        let jobs = mock!(Client::list_classification_jobs).then_output(|| {
            ListClassificationJobsOutput::builder()
                .items(
                    JobSummary::builder()
                        .job_id("j-1")
                        .name("weekly-pii")
                        .job_type(JobType::Scheduled)
                        .job_status(JobStatus::Idle)
                        .build(),
                )
                .build()
        });
        let client = mock_client!(
            aws_sdk_macie2,
            RuleMode::MatchAny,
            &[&session, &discovery, &jobs]
        );
        let region = collect_region(&test_ctx(), &client, "us-east-1").await;
        assert_eq!(region.session, Fetched::Ok(Some("ENABLED".into())));
        assert_eq!(region.automated_discovery, Fetched::Ok("DISABLED".into()));
        assert_eq!(
            region.classification_jobs,
            Fetched::Ok(vec![ClassificationJob {
                id: "j-1".into(),
                name: Some("weekly-pii".into()),
                job_type: Some("SCHEDULED".into()),
                status: Some("IDLE".into()),
            }])
        );
    }

    #[tokio::test]
    async fn not_enabled_is_an_answer_but_a_refusal_is_a_gap() {
        let off = mock!(Client::get_macie_session)
            .then_error(|| session_error("AccessDeniedException", "Macie is not enabled."));
        let client = mock_client!(aws_sdk_macie2, RuleMode::MatchAny, &[&off]);
        let region = collect_region(&test_ctx(), &client, "us-east-1").await;
        assert_eq!(region.session, Fetched::Ok(None));
        assert_eq!(region.classification_jobs, Fetched::Ok(vec![]));

        let refused = mock!(Client::get_macie_session).then_error(|| {
            session_error(
                "AccessDeniedException",
                "User is not authorized to perform: macie2:GetMacieSession",
            )
        });
        let client = mock_client!(aws_sdk_macie2, RuleMode::MatchAny, &[&refused]);
        let region = collect_region(&test_ctx(), &client, "us-east-1").await;
        let Fetched::Failed(gap) = &region.session else {
            panic!("a gap")
        };
        assert_eq!(gap.kind, ErrorKind::AccessDenied);
        assert!(region.automated_discovery.gap().is_some());
    }
}
