//! DynamoDB, per region: the table names (paginated), then for every table `DescribeTable` and
//! `DescribeContinuousBackups`, all concurrent.

use std::collections::BTreeMap;

use aws_sdk_dynamodb::types::PointInTimeRecoveryStatus;
use aws_sdk_dynamodb::Client;
use futures::future::join_all;
use wascan_checks::model::dynamodb::*;
use wascan_checks::model::{DynamoDbRegion, Fetched};

use super::calls::{Call, Ctx};

const DYNAMODB: &str = "dynamodb";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_dynamodb::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, DynamoDbRegion> {
    let per_region = join_all(regions.iter().map(|region| collect_region(ctx, region))).await;
    regions.iter().cloned().zip(per_region).collect()
}

async fn collect_region(ctx: &Ctx, region: &str) -> DynamoDbRegion {
    let dynamodb = client(ctx, region);
    let names = ctx
        .pages(
            Call::new(DYNAMODB, "ListTables").region(region),
            dynamodb.list_tables().into_paginator().send(),
            |page| page.table_names().to_vec(),
        )
        .await;
    let tables = match names {
        Ok(names) => Fetched::Ok(
            ctx.per_resource(
                names
                    .iter()
                    .map(|name| collect_table(ctx, &dynamodb, region, name)),
            )
            .await,
        ),
        Err(gap) => Fetched::Failed(gap),
    };
    DynamoDbRegion { tables }
}

async fn collect_table(ctx: &Ctx, dynamodb: &Client, region: &str, name: &str) -> Table {
    let at = |operation| Call::new(DYNAMODB, operation).region(region).resource(name);
    let (description, backups) = futures::join!(
        ctx.call(
            at("DescribeTable"),
            dynamodb.describe_table().table_name(name).send()
        ),
        ctx.call(
            at("DescribeContinuousBackups"),
            dynamodb
                .describe_continuous_backups()
                .table_name(name)
                .send()
        ),
    );
    let arn = description
        .as_ref()
        .ok()
        .and_then(|out| out.table())
        .and_then(|t| t.table_arn())
        .map(str::to_string)
        .unwrap_or_else(|| ctx.arn(DYNAMODB, region, &format!("table/{name}")));
    Table {
        arn,
        region: region.to_string(),
        name: name.to_string(),
        description: description
            .and_then(|out| {
                // An answer without its Table says nothing about the table: a recorded gap.
                let table = Some(ctx.required(at("DescribeTable"), "Table", out.table())?);
                let sse = table.and_then(|t| t.sse_description());
                let throughput = table.and_then(|t| t.provisioned_throughput());
                Ok(TableDescription {
                    status: table
                        .and_then(|t| t.table_status())
                        .map(|s| s.as_str().to_string()),
                    // Tables created before billing modes existed report no summary: provisioned.
                    billing_mode: table
                        .and_then(|t| t.billing_mode_summary())
                        .and_then(|b| b.billing_mode())
                        .map(|m| m.as_str().to_string())
                        // DescribeTable leaves BillingModeSummary out of tables that were never
                        // switched from provisioned capacity (DynamoDB API reference,
                        // TableDescription): absent is PROVISIONED.
                        .unwrap_or_else(|| "PROVISIONED".to_string()),
                    read_capacity_units: throughput.and_then(|p| p.read_capacity_units()),
                    write_capacity_units: throughput.and_then(|p| p.write_capacity_units()),
                    kms_key_arn: sse
                        .and_then(|s| s.kms_master_key_arn())
                        .filter(|k| !k.is_empty())
                        .map(str::to_string),
                    deletion_protection: table.and_then(|t| t.deletion_protection_enabled()),
                })
            })
            .into(),
        // No ContinuousBackupsDescription: a recorded gap. Within it, an absent
        // PointInTimeRecoveryDescription or status reads as off: the reading that fails.
        point_in_time_recovery: backups
            .and_then(|out| {
                let description = ctx.required(
                    at("DescribeContinuousBackups"),
                    "ContinuousBackupsDescription",
                    out.continuous_backups_description(),
                )?;
                Ok(description
                    .point_in_time_recovery_description()
                    .and_then(|p| p.point_in_time_recovery_status())
                    == Some(&PointInTimeRecoveryStatus::Enabled))
            })
            .into(),
    }
}
