//! CloudWatch Logs, per region: the log groups (paginated).

use std::collections::BTreeMap;

use aws_sdk_cloudwatchlogs::Client;
use futures::future::join_all;
use wascan_checks::model::logs::*;
use wascan_checks::model::{Gap, LogsRegion};

use super::calls::{Call, Ctx};

const LOGS: &str = "logs";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_cloudwatchlogs::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, LogsRegion> {
    let per_region = join_all(regions.iter().map(|region| collect_region(ctx, region))).await;
    regions.iter().cloned().zip(per_region).collect()
}

async fn collect_region(ctx: &Ctx, region: &str) -> LogsRegion {
    let logs = client(ctx, region);
    let log_groups = ctx
        .pages(
            Call::new(LOGS, "DescribeLogGroups").region(region),
            logs.describe_log_groups().into_paginator().send(),
            |page| {
                page.log_groups()
                    .iter()
                    .map(|g| {
                        // Without its name the log group cannot be named or asked about: the
                        // region's list fails with the recorded gap.
                        let at = Call::new(LOGS, "DescribeLogGroups").region(region);
                        let name = ctx.required_str(at, "LogGroupName", g.log_group_name())?;
                        Ok(LogGroup {
                            arn: g
                                .log_group_arn()
                                .or(g.arn().map(|arn| arn.trim_end_matches(":*")))
                                .map(str::to_string)
                                .unwrap_or_else(|| {
                                    ctx.arn(LOGS, region, &format!("log-group:{name}"))
                                }),
                            region: region.to_string(),
                            retention_days: g.retention_in_days(),
                            kms_key_id: g
                                .kms_key_id()
                                .filter(|k| !k.is_empty())
                                .map(str::to_string),
                            stored_bytes: g.stored_bytes(),
                            name,
                        })
                    })
                    .collect::<Vec<Result<LogGroup, Gap>>>()
            },
        )
        .await
        .and_then(|all| all.into_iter().collect::<Result<Vec<_>, Gap>>());
    LogsRegion {
        log_groups: log_groups.into(),
    }
}
