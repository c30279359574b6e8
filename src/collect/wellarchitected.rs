//! AWS Well-Architected Tool, per scanned region (the Tool keeps each workload in the region it
//! was defined in): `ListWorkloads` (paginated), then for the [`MAX_WORKLOADS_READ`] most
//! recently updated workloads `ListMilestones` (paginated) and, for those reviewed with the
//! `wellarchitected` lens, `GetLensReview` for the risk counts per pillar. The other workloads
//! keep a gap saying they were not read in depth. Read-only: wascan's own `review apply` is what
//! writes to the Tool.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use aws_sdk_wellarchitected::types::WorkloadSummary;
use aws_sdk_wellarchitected::Client;
use futures::future::join_all;
use wascan_checks::model::wellarchitected::*;
use wascan_checks::model::{ErrorKind, Fetched, Gap, WellArchitectedRegion};

use super::calls::{Call, Ctx};
use crate::convert::to_offset;

const WELLARCHITECTED: &str = "wellarchitected";
/// The lens whose pillars are the framework's.
const LENS: &str = FRAMEWORK_LENS;

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_wellarchitected::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, WellArchitectedRegion> {
    let per_region = join_all(regions.iter().map(|region| async move {
        WellArchitectedRegion {
            workloads: workloads(ctx, &client(ctx, region), region).await.into(),
        }
    }))
    .await;
    regions.iter().cloned().zip(per_region).collect()
}

/// Whether a workload's lens list names the `wellarchitected` lens (by alias or ARN).
fn has_framework_lens(lenses: &[String]) -> bool {
    lenses.iter().any(|lens| is_framework_lens(lens))
}

fn risk_counts(
    counts: Option<&std::collections::HashMap<aws_sdk_wellarchitected::types::Risk, i32>>,
) -> BTreeMap<String, i32> {
    // An absent map is no risk counted (a workload with no answer yet).
    counts
        .into_iter()
        .flatten()
        .map(|(risk, count)| (risk.as_str().to_string(), *count))
        .collect()
}

/// A listed workload, before its milestones and lens review are read.
fn summary(ctx: &Ctx, at: Call<'_>, region: &str, w: &WorkloadSummary) -> Result<Workload, Gap> {
    // A workload without its id cannot be read further nor named: the listing fails.
    let id = ctx.required_str(at, "WorkloadId", w.workload_id())?;
    let name = ctx.required_str(at.resource(&id), "WorkloadName", w.workload_name())?;
    let arn = w
        .workload_arn()
        .filter(|a| !a.is_empty())
        .map(str::to_string)
        .unwrap_or_else(|| ctx.arn(WELLARCHITECTED, region, &format!("workload/{id}")));
    Ok(Workload {
        arn,
        name,
        region: region.to_string(),
        updated_at: w.updated_at().and_then(to_offset),
        risk_counts: risk_counts(w.risk_counts()),
        lenses: w.lenses().to_vec(),
        milestones: Fetched::Failed(unread(region, &id, "ListMilestones")),
        pillar_risks: Fetched::Failed(unread(region, &id, "GetLensReview")),
        id,
    })
}

/// The gap of a workload beyond the first [`MAX_WORKLOADS_READ`] of its region.
fn unread(region: &str, id: &str, operation: &str) -> Gap {
    Gap {
        service: WELLARCHITECTED.into(),
        region: Some(region.into()),
        operation: operation.into(),
        resource: Some(id.into()),
        kind: ErrorKind::NotCollected,
        message: format!(
            "not read: only the {MAX_WORKLOADS_READ} most recently updated workloads of a region are read in depth"
        ),
    }
}

async fn workloads(ctx: &Ctx, wa: &Client, region: &str) -> Result<Vec<Workload>, Gap> {
    let at = Call::new(WELLARCHITECTED, "ListWorkloads").region(region);
    let listed = ctx
        .pages(at, wa.list_workloads().into_paginator().send(), |page| {
            page.workload_summaries().to_vec()
        })
        .await?;
    let mut workloads = listed
        .iter()
        .map(|w| summary(ctx, at, region, w))
        .collect::<Result<Vec<_>, Gap>>()?;
    // Newest first (a workload without a time last), and only the first few read in depth.
    workloads.sort_by_key(|w| (Reverse(w.updated_at), w.id.clone()));
    let deep: Vec<(String, bool)> = workloads
        .iter()
        .take(MAX_WORKLOADS_READ)
        .map(|w| (w.id.clone(), has_framework_lens(&w.lenses)))
        .collect();
    let details = ctx
        .per_resource_calls(
            2,
            deep.iter()
                .map(|(id, framework)| detail(ctx, wa, region, id, *framework)),
        )
        .await;
    for (workload, (milestones, pillar_risks)) in workloads.iter_mut().zip(details) {
        workload.milestones = milestones.into();
        workload.pillar_risks = pillar_risks.into();
    }
    Ok(workloads)
}

type PillarRisks = BTreeMap<String, BTreeMap<String, i32>>;

async fn detail(
    ctx: &Ctx,
    wa: &Client,
    region: &str,
    id: &str,
    framework: bool,
) -> (Result<Vec<Milestone>, Gap>, Result<PillarRisks, Gap>) {
    let milestones = async {
        let at = Call::new(WELLARCHITECTED, "ListMilestones")
            .region(region)
            .resource(id);
        let listed = ctx
            .pages(
                at,
                wa.list_milestones().workload_id(id).into_paginator().send(),
                |page| page.milestone_summaries().to_vec(),
            )
            .await?;
        listed
            .iter()
            .map(|m| {
                Ok(Milestone {
                    // A milestone without its number is not one the Tool can show.
                    number: ctx.required(at, "MilestoneNumber", m.milestone_number())?,
                    name: m.milestone_name().map(str::to_string),
                    recorded_at: m.recorded_at().and_then(to_offset),
                })
            })
            .collect::<Result<Vec<_>, Gap>>()
    };
    let review = async {
        if !framework {
            // Not reviewed with the framework's lens: no pillar of it to count.
            return Ok(PillarRisks::new());
        }
        let at = Call::new(WELLARCHITECTED, "GetLensReview")
            .region(region)
            .resource(id);
        let out = ctx
            .call(
                at,
                wa.get_lens_review().workload_id(id).lens_alias(LENS).send(),
            )
            .await?;
        let review = ctx.required(at, "LensReview", out.lens_review())?;
        review
            .pillar_review_summaries()
            .iter()
            .map(|pillar| {
                let pillar_id = ctx.required_str(at, "PillarId", pillar.pillar_id())?;
                Ok((pillar_id, risk_counts(pillar.risk_counts())))
            })
            .collect()
    };
    futures::join!(milestones, review)
}

/// moto 5.2.5 does not implement the Well-Architected Tool: recorded responses.
#[cfg(test)]
mod tests {
    use aws_sdk_wellarchitected::operation::get_lens_review::GetLensReviewOutput;
    use aws_sdk_wellarchitected::operation::list_milestones::{
        ListMilestonesError, ListMilestonesOutput,
    };
    use aws_sdk_wellarchitected::operation::list_workloads::{
        ListWorkloadsError, ListWorkloadsOutput,
    };
    use aws_sdk_wellarchitected::types::{
        LensReview, MilestoneSummary, PillarReviewSummary, Risk, WorkloadSummary,
    };
    use aws_smithy_mocks::{mock, mock_client, RuleMode};
    use aws_smithy_types::DateTime;

    use super::*;
    use crate::collect::tests::test_ctx;

    fn workload(id: &str, secs: i64, lenses: &[&str]) -> WorkloadSummary {
        let mut w = WorkloadSummary::builder()
            .workload_id(id)
            .workload_arn(format!(
                "arn:aws:wellarchitected:us-east-1:123456789012:workload/{id}"
            ))
            .workload_name(format!("name-{id}"))
            .updated_at(DateTime::from_secs(secs))
            .risk_counts(Risk::High, 3);
        for lens in lenses {
            w = w.lenses(*lens);
        }
        w.build()
    }

    /// Workloads over two pages; the newest is read in depth (milestones over two pages, the
    /// framework lens's pillar risks), the one without the framework lens gets no lens review,
    /// and a refused milestone listing is that workload's gap only.
    #[tokio::test]
    async fn workloads_milestones_and_pillar_risks_are_read() {
        let page1 = mock!(Client::list_workloads)
            .match_requests(|r| r.next_token().is_none())
            .then_output(|| {
                ListWorkloadsOutput::builder()
                    .workload_summaries(workload("old", 1_600_000_000, &["wellarchitected"]))
                    .next_token("p2")
                    .build()
            });
        let page2 = mock!(Client::list_workloads)
            .match_requests(|r| r.next_token() == Some("p2"))
            .then_output(|| {
                ListWorkloadsOutput::builder()
                    .workload_summaries(workload("new", 1_780_000_000, &["wellarchitected"]))
                    .workload_summaries(workload("serverless", 1_770_000_000, &["serverless"]))
                    .build()
            });
        let milestones_new_1 = mock!(Client::list_milestones)
            .match_requests(|r| r.workload_id() == Some("new") && r.next_token().is_none())
            .then_output(|| {
                ListMilestonesOutput::builder()
                    .milestone_summaries(
                        MilestoneSummary::builder()
                            .milestone_number(2)
                            .milestone_name("q2")
                            .recorded_at(DateTime::from_secs(1_780_000_000))
                            .build(),
                    )
                    .next_token("m2")
                    .build()
            });
        let milestones_new_2 = mock!(Client::list_milestones)
            .match_requests(|r| r.workload_id() == Some("new") && r.next_token() == Some("m2"))
            .then_output(|| {
                ListMilestonesOutput::builder()
                    .milestone_summaries(
                        MilestoneSummary::builder()
                            .milestone_number(1)
                            .recorded_at(DateTime::from_secs(1_760_000_000))
                            .build(),
                    )
                    .build()
            });
        let milestones_serverless = mock!(Client::list_milestones)
            .match_requests(|r| r.workload_id() == Some("serverless"))
            .then_output(|| ListMilestonesOutput::builder().build());
        let milestones_old = mock!(Client::list_milestones)
            .match_requests(|r| r.workload_id() == Some("old"))
            .then_error(|| {
                ListMilestonesError::generic(
                    aws_smithy_types::error::ErrorMetadata::builder()
                        .code("AccessDeniedException")
                        .build(),
                )
            });
        let review = mock!(Client::get_lens_review)
            .match_requests(|r| r.lens_alias() == Some("wellarchitected"))
            .then_output(|| {
                GetLensReviewOutput::builder()
                    .lens_review(
                        LensReview::builder()
                            .pillar_review_summaries(
                                PillarReviewSummary::builder()
                                    .pillar_id("security")
                                    .risk_counts(Risk::High, 2)
                                    .risk_counts(Risk::None, 7)
                                    .build(),
                            )
                            .build(),
                    )
                    .build()
            });
        let client = mock_client!(
            aws_sdk_wellarchitected,
            RuleMode::MatchAny,
            &[
                &page1,
                &page2,
                &milestones_new_1,
                &milestones_new_2,
                &milestones_serverless,
                &milestones_old,
                &review
            ]
        );

        let found = workloads(&test_ctx(), &client, "us-east-1")
            .await
            .expect("workloads");

        let ids: Vec<&str> = found.iter().map(|w| w.id.as_str()).collect();
        assert_eq!(ids, ["new", "serverless", "old"], "newest first");
        let new = &found[0];
        assert_eq!(new.name, "name-new");
        assert_eq!(new.risk_counts.get("HIGH"), Some(&3));
        let Fetched::Ok(milestones) = &new.milestones else {
            panic!("milestones not read: {:?}", new.milestones)
        };
        let numbers: Vec<i32> = milestones.iter().map(|m| m.number).collect();
        assert_eq!(numbers, [2, 1]);
        let Fetched::Ok(pillars) = &new.pillar_risks else {
            panic!("lens review not read: {:?}", new.pillar_risks)
        };
        assert_eq!(pillars["security"].get("HIGH"), Some(&2));
        assert_eq!(found[1].pillar_risks, Fetched::Ok(BTreeMap::new()));
        match &found[2].milestones {
            Fetched::Failed(gap) => assert_eq!(gap.kind, ErrorKind::AccessDenied),
            other => panic!("expected a gap, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn a_refused_listing_is_a_gap() {
        let refused = mock!(Client::list_workloads).then_error(|| {
            ListWorkloadsError::generic(
                aws_smithy_types::error::ErrorMetadata::builder()
                    .code("AccessDeniedException")
                    .build(),
            )
        });
        let client = mock_client!(aws_sdk_wellarchitected, RuleMode::MatchAny, &[&refused]);
        let gap = workloads(&test_ctx(), &client, "us-east-1")
            .await
            .expect_err("a gap");
        assert_eq!(gap.kind, ErrorKind::AccessDenied);
        assert_eq!(gap.operation, "ListWorkloads");
    }

    #[test]
    fn the_framework_lens_is_known_by_alias_or_arn() {
        assert!(has_framework_lens(&["wellarchitected".into()]));
        assert!(has_framework_lens(&[
            "arn:aws:wellarchitected::aws:lens/wellarchitected".into()
        ]));
        assert!(!has_framework_lens(&["serverless".into()]));
    }
}
