//! IAM Access Analyzer, per region: the analyzers (paginated), then for every active one the
//! number of its active findings (`ListFindingsV2` filtered on `status = ACTIVE`, paginated).

use std::collections::BTreeMap;

use aws_sdk_accessanalyzer::types::Criterion;
use aws_sdk_accessanalyzer::Client;
use futures::future::join_all;
use wascan_checks::model::accessanalyzer::*;
use wascan_checks::model::{AccessAnalyzerRegion, Fetched};

use super::calls::{Call, Ctx};

const ACCESSANALYZER: &str = "accessanalyzer";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_accessanalyzer::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, AccessAnalyzerRegion> {
    let per_region = join_all(regions.iter().map(|region| {
        let analyzer = client(ctx, region);
        async move { collect_region(ctx, &analyzer, region).await }
    }))
    .await;
    regions.iter().cloned().zip(per_region).collect()
}

pub(crate) async fn collect_region(
    ctx: &Ctx,
    accessanalyzer: &Client,
    region: &str,
) -> AccessAnalyzerRegion {
    let listed = ctx
        .pages(
            Call::new(ACCESSANALYZER, "ListAnalyzers").region(region),
            accessanalyzer.list_analyzers().into_paginator().send(),
            |page| page.analyzers().to_vec(),
        )
        .await;
    let analyzers = match listed {
        Ok(listed) => Fetched::Ok(
            join_all(listed.iter().map(|summary| async move {
                let status = summary.status().as_str().to_string();
                let active_findings = if status == "ACTIVE" {
                    ctx.pages(
                        Call::new(ACCESSANALYZER, "ListFindingsV2")
                            .region(region)
                            .resource(summary.name()),
                        accessanalyzer
                            .list_findings_v2()
                            .analyzer_arn(summary.arn())
                            .filter("status", Criterion::builder().eq("ACTIVE").build())
                            .into_paginator()
                            .send(),
                        |page| vec![page.findings().len()],
                    )
                    .await
                    .map(|counts| counts.into_iter().sum())
                    .into()
                } else {
                    Fetched::Ok(0)
                };
                Analyzer {
                    arn: summary.arn().to_string(),
                    region: region.to_string(),
                    name: summary.name().to_string(),
                    analyzer_type: summary.r#type().as_str().to_string(),
                    status,
                    active_findings,
                }
            }))
            .await,
        ),
        Err(gap) => Fetched::Failed(gap),
    };
    AccessAnalyzerRegion { analyzers }
}
