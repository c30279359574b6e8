//! Amazon Detective, per region: `ListGraphs` (paginated).

use std::collections::BTreeMap;

use aws_sdk_detective::Client;
use futures::future::join_all;
use wascan_checks::model::detective::*;
use wascan_checks::model::{DetectiveRegion, Gap};

use super::calls::{Call, Ctx};

const DETECTIVE: &str = "detective";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_detective::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, DetectiveRegion> {
    let per_region = join_all(regions.iter().map(|region| async move {
        DetectiveRegion {
            graphs: graphs(ctx, &client(ctx, region), region).await.into(),
        }
    }))
    .await;
    regions.iter().cloned().zip(per_region).collect()
}

async fn graphs(ctx: &Ctx, detective: &Client, region: &str) -> Result<Vec<Graph>, Gap> {
    let at = Call::new(DETECTIVE, "ListGraphs").region(region);
    let listed = ctx
        .pages(
            at,
            detective.list_graphs().into_paginator().send(),
            |page| page.graph_list().to_vec(),
        )
        .await?;
    listed
        .iter()
        .map(|graph| {
            Ok(Graph {
                // A graph without its ARN cannot be named: the listing fails.
                arn: ctx.required_str(at, "Arn", graph.arn())?,
                created: graph.created_time().map(|t| t.to_string()),
            })
        })
        .collect()
}

/// moto 5.2.5 does not implement Detective: recorded responses.
#[cfg(test)]
mod tests {
    use aws_sdk_detective::operation::list_graphs::{ListGraphsError, ListGraphsOutput};
    use aws_sdk_detective::types::Graph as SdkGraph;
    use aws_smithy_mocks::{mock, mock_client, RuleMode};
    use wascan_checks::model::ErrorKind;

    use super::*;
    use crate::collect::tests::test_ctx;

    #[tokio::test]
    async fn graphs_over_pages_and_a_refusal_is_a_gap() {
        let page1 = mock!(Client::list_graphs)
            .match_requests(|r| r.next_token().is_none())
            .then_output(|| {
                ListGraphsOutput::builder()
                    .graph_list(
                        SdkGraph::builder()
                            .arn("arn:aws:detective:us-east-1:123456789012:graph:abc")
                            .created_time(aws_smithy_types::DateTime::from_secs(1_780_000_000))
                            .build(),
                    )
                    .next_token("p2")
                    .build()
            });
        let page2 = mock!(Client::list_graphs)
            .match_requests(|r| r.next_token() == Some("p2"))
            .then_output(|| {
                ListGraphsOutput::builder()
                    .graph_list(
                        SdkGraph::builder()
                            .arn("arn:aws:detective:us-east-1:123456789012:graph:def")
                            .build(),
                    )
                    .build()
            });
        let client = mock_client!(aws_sdk_detective, RuleMode::MatchAny, &[&page1, &page2]);
        let found = graphs(&test_ctx(), &client, "us-east-1")
            .await
            .expect("graphs");
        let arns: Vec<&str> = found.iter().map(|g| g.arn.as_str()).collect();
        assert_eq!(
            arns,
            [
                "arn:aws:detective:us-east-1:123456789012:graph:abc",
                "arn:aws:detective:us-east-1:123456789012:graph:def"
            ]
        );
        assert!(found[0].created.is_some());

        let refused = mock!(Client::list_graphs).then_error(|| {
            ListGraphsError::generic(
                aws_smithy_types::error::ErrorMetadata::builder()
                    .code("AccessDeniedException")
                    .build(),
            )
        });
        let client = mock_client!(aws_sdk_detective, RuleMode::MatchAny, &[&refused]);
        let gap = graphs(&test_ctx(), &client, "us-east-1")
            .await
            .expect_err("a gap");
        assert_eq!(gap.kind, ErrorKind::AccessDenied);
    }
}
