//! CloudWatch Synthetics, per region: `DescribeCanaries` (paginated). moto 5.2.5 serves it but
//! never starts a canary (every canary stays `READY`), so the running case is tested with
//! recorded responses below.

use std::collections::BTreeMap;

use aws_sdk_synthetics::Client;
use futures::future::join_all;
use wascan_checks::model::synthetics::*;
use wascan_checks::model::{Gap, SyntheticsRegion};

use super::calls::{Call, Ctx};

const SYNTHETICS: &str = "synthetics";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_synthetics::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, SyntheticsRegion> {
    let per_region = join_all(
        regions
            .iter()
            .map(|region| async move { collect_region(ctx, &client(ctx, region), region).await }),
    )
    .await;
    regions.iter().cloned().zip(per_region).collect()
}

async fn collect_region(ctx: &Ctx, synthetics: &Client, region: &str) -> SyntheticsRegion {
    SyntheticsRegion {
        canaries: canaries(ctx, synthetics, region).await.into(),
    }
}

async fn canaries(ctx: &Ctx, synthetics: &Client, region: &str) -> Result<Vec<Canary>, Gap> {
    let at = Call::new(SYNTHETICS, "DescribeCanaries").region(region);
    let listed = ctx
        .pages(
            at,
            synthetics.describe_canaries().into_paginator().send(),
            |page| page.canaries().to_vec(),
        )
        .await?;
    listed
        .iter()
        .map(|canary| {
            Ok(Canary {
                name: ctx.required_str(at, "Name", canary.name())?,
                state: canary
                    .status()
                    .and_then(|s| s.state())
                    .map(|s| s.as_str().to_string()),
                schedule: canary
                    .schedule()
                    .and_then(|s| s.expression())
                    .map(str::to_string),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use aws_sdk_synthetics::operation::describe_canaries::{
        DescribeCanariesError, DescribeCanariesOutput,
    };
    use aws_sdk_synthetics::types::{
        Canary as SdkCanary, CanaryScheduleOutput, CanaryState, CanaryStatus,
    };
    use aws_smithy_mocks::{mock, mock_client, RuleMode};
    use wascan_checks::model::{ErrorKind, Fetched};

    use super::*;
    use crate::collect::tests::test_ctx;

    fn canary(name: &str, state: CanaryState) -> SdkCanary {
        SdkCanary::builder()
            .name(name)
            .status(CanaryStatus::builder().state(state).build())
            .schedule(
                CanaryScheduleOutput::builder()
                    .expression("rate(5 minutes)")
                    .build(),
            )
            .build()
    }

    #[tokio::test]
    async fn canaries_are_read_over_pages_and_a_refusal_is_a_gap() {
        let first = mock!(Client::describe_canaries)
            .match_requests(|req| req.next_token().is_none())
            .then_output(|| {
                DescribeCanariesOutput::builder()
                    .canaries(canary("checkout-journey", CanaryState::Running))
                    .next_token("page-2")
                    .build()
            });
        let second = mock!(Client::describe_canaries)
            .match_requests(|req| req.next_token() == Some("page-2"))
            .then_output(|| {
                DescribeCanariesOutput::builder()
                    .canaries(canary("old-login", CanaryState::Stopped))
                    .build()
            });
        let client = mock_client!(aws_sdk_synthetics, RuleMode::MatchAny, &[&first, &second]);
        let region = collect_region(&test_ctx(), &client, "us-east-1").await;
        assert_eq!(
            region.canaries,
            Fetched::Ok(vec![
                Canary {
                    name: "checkout-journey".into(),
                    state: Some("RUNNING".into()),
                    schedule: Some("rate(5 minutes)".into()),
                },
                Canary {
                    name: "old-login".into(),
                    state: Some("STOPPED".into()),
                    schedule: Some("rate(5 minutes)".into()),
                },
            ])
        );

        let refused = mock!(Client::describe_canaries).then_error(|| {
            DescribeCanariesError::generic(
                aws_smithy_types::error::ErrorMetadata::builder()
                    .code("AccessDeniedException")
                    .message("no")
                    .build(),
            )
        });
        let client = mock_client!(aws_sdk_synthetics, RuleMode::MatchAny, &[&refused]);
        let region = collect_region(&test_ctx(), &client, "us-east-1").await;
        let Fetched::Failed(gap) = &region.canaries else {
            panic!("a gap")
        };
        assert_eq!(gap.kind, ErrorKind::AccessDenied);
    }
}
