//! Billing and Cost Management Data Exports (global, its endpoint in us-east-1): the exports
//! (`ListExports`, paginated), then each export's definition (`GetExport`) for the table it
//! exports and the table's properties.

use aws_sdk_bcmdataexports::Client;
use futures::future::join_all;
use wascan_checks::model::dataexports::*;
use wascan_checks::model::Gap;

use super::calls::{Call, Ctx};

const DATAEXPORTS: &str = "dataexports";
/// The Data Exports endpoint is in us-east-1.
const HOME_REGION: &str = "us-east-1";

fn client(ctx: &Ctx) -> Client {
    let config = aws_sdk_bcmdataexports::config::Builder::from(&ctx.config_for(HOME_REGION))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx) -> DataExports {
    DataExports {
        exports: exports(ctx, &client(ctx)).await.into(),
    }
}

async fn exports(ctx: &Ctx, exports: &Client) -> Result<Vec<DataExport>, Gap> {
    let at = Call::new(DATAEXPORTS, "ListExports");
    let listed = ctx
        .pages(at, exports.list_exports().into_paginator().send(), |page| {
            page.exports()
                .iter()
                .map(|e| {
                    Ok((
                        ctx.required_str(at, "ExportArn", Some(e.export_arn()))?,
                        ctx.required_str(at, "ExportName", Some(e.export_name()))?,
                        e.export_status()
                            .and_then(|s| s.status_code())
                            .map(|c| c.as_str().to_string()),
                    ))
                })
                .collect::<Vec<Result<_, Gap>>>()
        })
        .await?
        .into_iter()
        .collect::<Result<Vec<_>, Gap>>()?;
    Ok(
        join_all(listed.into_iter().map(|(arn, name, status)| async move {
            let definition = definition(ctx, exports, &arn).await.into();
            DataExport {
                arn,
                name,
                status,
                definition,
            }
        }))
        .await,
    )
}

async fn definition(ctx: &Ctx, exports: &Client, arn: &str) -> Result<ExportDefinition, Gap> {
    let at = Call::new(DATAEXPORTS, "GetExport").resource(arn);
    let out = ctx
        .call(at, exports.get_export().export_arn(arn).send())
        .await?;
    let export = ctx.required(at, "Export", out.export())?;
    let query = ctx.required(at, "DataQuery", export.data_query())?;
    let statement = ctx.required_str(at, "QueryStatement", Some(query.query_statement()))?;
    let table = table_of_query(&statement);
    // An absent TableConfigurations is a table exported with its default properties.
    let table_properties = query
        .table_configurations()
        .and_then(|tables| {
            tables
                .iter()
                .find(|(name, _)| Some(name.to_ascii_uppercase()) == table)
        })
        .map(|(_, properties)| {
            properties
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        })
        // No TableConfigurations entry for the table: it has no properties set (Data Exports
        // API reference, QueryStatement/TableConfigurations); the checks then fail, never pass.
        .unwrap_or_default();
    Ok(ExportDefinition {
        table,
        table_properties,
    })
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use aws_sdk_bcmdataexports::operation::get_export::{GetExportError, GetExportOutput};
    use aws_sdk_bcmdataexports::operation::list_exports::ListExportsOutput;
    use aws_sdk_bcmdataexports::types::{
        DataQuery, DestinationConfigurations, Export, ExportReference, ExportStatus,
        ExportStatusCode, FrequencyOption, RefreshCadence, S3Destination, S3OutputConfigurations,
    };
    use aws_smithy_mocks::{mock, mock_client, RuleMode};
    use wascan_checks::model::{ErrorKind, Fetched};

    use super::*;
    use crate::collect::tests::test_ctx;

    fn reference(name: &str) -> Result<ExportReference, Box<dyn std::error::Error>> {
        Ok(ExportReference::builder()
            .export_arn(format!(
                "arn:aws:bcm-data-exports:us-east-1:123456789012:export/{name}"
            ))
            .export_name(name)
            .export_status(
                ExportStatus::builder()
                    .status_code(ExportStatusCode::Healthy)
                    .build(),
            )
            .build()?)
    }

    fn export(name: &str, query: &str) -> Result<Export, Box<dyn std::error::Error>> {
        let mut tables = HashMap::new();
        tables.insert(
            "COST_AND_USAGE_REPORT".to_string(),
            HashMap::from([
                ("TIME_GRANULARITY".to_string(), "HOURLY".to_string()),
                ("INCLUDE_RESOURCES".to_string(), "TRUE".to_string()),
            ]),
        );
        Ok(Export::builder()
            .name(name)
            .data_query(
                DataQuery::builder()
                    .query_statement(query)
                    .set_table_configurations(Some(tables))
                    .build()?,
            )
            .destination_configurations(
                DestinationConfigurations::builder()
                    .s3_destination(
                        S3Destination::builder()
                            .s3_bucket("billing")
                            .s3_prefix("cur")
                            .s3_region("us-east-1")
                            .s3_output_configurations(
                                S3OutputConfigurations::builder()
                                    .overwrite(aws_sdk_bcmdataexports::types::OverwriteOption::OverwriteReport)
                                    .format(aws_sdk_bcmdataexports::types::FormatOption::Parquet)
                                    .compression(aws_sdk_bcmdataexports::types::CompressionOption::Parquet)
                                    .output_type(aws_sdk_bcmdataexports::types::S3OutputType::Custom)
                                    .build()?,
                            )
                            .build()?,
                    )
                    .build(),
            )
            .refresh_cadence(
                RefreshCadence::builder()
                    .frequency(FrequencyOption::Synchronous)
                    .build()?,
            )
            .build()?)
    }

    /// Exports over two pages; each definition read for its table and that table's properties;
    /// an export whose definition is refused keeps the gap, and the others are still read.
    #[tokio::test]
    async fn exports_are_listed_and_their_tables_read() -> Result<(), Box<dyn std::error::Error>> {
        let first = ListExportsOutput::builder()
            .exports(reference("cur2")?)
            .next_token("p2")
            .build();
        let second = ListExportsOutput::builder()
            .exports(reference("carbon")?)
            .exports(reference("secret")?)
            .build();
        let cur = GetExportOutput::builder()
            .export(export(
                "cur2",
                "SELECT identity_line_item_id FROM COST_AND_USAGE_REPORT",
            )?)
            .build();
        let carbon = GetExportOutput::builder()
            .export(export("carbon", "SELECT * FROM CARBON_EMISSIONS")?)
            .build();
        let rules = [
            mock!(Client::list_exports)
                .match_requests(|r| r.next_token().is_none())
                .then_output(move || first.clone()),
            mock!(Client::list_exports)
                .match_requests(|r| r.next_token() == Some("p2"))
                .then_output(move || second.clone()),
            mock!(Client::get_export)
                .match_requests(|r| r.export_arn().is_some_and(|a| a.ends_with("/cur2")))
                .then_output(move || cur.clone()),
            mock!(Client::get_export)
                .match_requests(|r| r.export_arn().is_some_and(|a| a.ends_with("/carbon")))
                .then_output(move || carbon.clone()),
            mock!(Client::get_export)
                .match_requests(|r| r.export_arn().is_some_and(|a| a.ends_with("/secret")))
                .then_error(|| {
                    GetExportError::generic(
                        aws_smithy_types::error::ErrorMetadata::builder()
                            .code("AccessDeniedException")
                            .message("not allowed")
                            .build(),
                    )
                }),
        ];
        let client = mock_client!(
            aws_sdk_bcmdataexports,
            RuleMode::MatchAny,
            &[&rules[0], &rules[1], &rules[2], &rules[3], &rules[4]]
        );
        let ctx = test_ctx();

        let read = exports(&ctx, &client).await.map_err(|g| g.message)?;

        let names: Vec<&str> = read.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["cur2", "carbon", "secret"]);
        assert!(read[0].reads(COST_AND_USAGE_REPORT));
        assert_eq!(read[0].property("TIME_GRANULARITY"), Some("HOURLY"));
        assert_eq!(read[0].status.as_deref(), Some("HEALTHY"));
        assert!(read[1].reads(CARBON_EMISSIONS));
        // The CUR table's configuration is not the carbon table's.
        assert_eq!(read[1].property("TIME_GRANULARITY"), None);
        assert!(matches!(
            &read[2].definition,
            Fetched::Failed(gap) if gap.kind == ErrorKind::AccessDenied
        ));
        assert_eq!(ctx.take_errors().len(), 1);
        Ok(())
    }
}
