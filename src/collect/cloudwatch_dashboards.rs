//! CloudWatch dashboards (`ListDashboards`, paginated). Dashboards are global, not regional: one
//! listing, in the scan's home region, serves the whole account.

use wascan_checks::model::cloudwatch::Dashboard;
use wascan_checks::model::Fetched;

use super::calls::{Call, Ctx};
use super::ec2::home_region;
use crate::convert::to_offset;

pub async fn collect(ctx: &Ctx) -> Fetched<Vec<Dashboard>> {
    let region = home_region(ctx);
    let config = aws_sdk_cloudwatch::config::Builder::from(&ctx.config_for(&region))
        .interceptor(ctx.calls.clone())
        .build();
    let cloudwatch = aws_sdk_cloudwatch::Client::from_conf(config);
    list(ctx, &cloudwatch, &region).await
}

async fn list(
    ctx: &Ctx,
    cloudwatch: &aws_sdk_cloudwatch::Client,
    region: &str,
) -> Fetched<Vec<Dashboard>> {
    let dashboards = ctx
        .pages(
            Call::new("cloudwatch", "ListDashboards").region(region),
            cloudwatch.list_dashboards().into_paginator().send(),
            |page| {
                page.dashboard_entries()
                    .iter()
                    // DashboardName is always sent; an entry without one cannot be named: a gap for
                    // the region's list (dropped, a stale dashboard's finding was lost).
                    .map(|d| {
                        let name = ctx.required_str(
                            Call::new("cloudwatch", "ListDashboards").region(region),
                            "DashboardName",
                            d.dashboard_name(),
                        )?;
                        Ok(Dashboard {
                            arn: d.dashboard_arn().map(str::to_string).unwrap_or_else(|| {
                                format!(
                                    "arn:{}:cloudwatch::{}:dashboard/{name}",
                                    ctx.partition, ctx.account_id
                                )
                            }),
                            last_modified: d.last_modified().and_then(to_offset),
                            name,
                        })
                    })
                    .collect::<Vec<_>>()
            },
        )
        .await;
    super::calls::every(dashboards).into()
}

#[cfg(test)]
mod tests {
    use aws_sdk_cloudwatch::operation::list_dashboards::{
        ListDashboardsError, ListDashboardsOutput,
    };
    use aws_sdk_cloudwatch::types::DashboardEntry;
    use aws_sdk_cloudwatch::Client;
    use aws_smithy_mocks::{mock, mock_client, RuleMode};
    use wascan_checks::model::ErrorKind;

    use super::*;
    use crate::collect::tests::test_ctx;

    #[tokio::test]
    async fn dashboards_are_listed_over_pages_and_a_denial_is_a_gap() {
        let first = mock!(Client::list_dashboards)
            .match_requests(|r| r.next_token().is_none())
            .then_output(|| {
                ListDashboardsOutput::builder()
                    .dashboard_entries(
                        DashboardEntry::builder()
                            .dashboard_name("ops")
                            .dashboard_arn("arn:aws:cloudwatch::123456789012:dashboard/ops")
                            .build(),
                    )
                    .next_token("page-2")
                    .build()
            });
        let second = mock!(Client::list_dashboards)
            .match_requests(|r| r.next_token() == Some("page-2"))
            .then_output(|| {
                ListDashboardsOutput::builder()
                    .dashboard_entries(DashboardEntry::builder().dashboard_name("web").build())
                    .build()
            });
        let client = mock_client!(aws_sdk_cloudwatch, RuleMode::MatchAny, [&first, &second]);
        let ctx = test_ctx();
        let Fetched::Ok(dashboards) = list(&ctx, &client, "us-east-1").await else {
            panic!("listed");
        };
        let names: Vec<&str> = dashboards.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(names, ["ops", "web"]);
        // A dashboard entry without an ARN gets the global one.
        assert_eq!(
            dashboards[1].arn,
            "arn:aws:cloudwatch::123456789012:dashboard/web"
        );

        let denied = mock!(Client::list_dashboards).then_error(|| {
            ListDashboardsError::generic(
                aws_smithy_types::error::ErrorMetadata::builder()
                    .code("AccessDenied")
                    .message("not authorized")
                    .build(),
            )
        });
        let client = mock_client!(aws_sdk_cloudwatch, [&denied]);
        let Fetched::Failed(gap) = list(&ctx, &client, "us-east-1").await else {
            panic!("denied");
        };
        assert_eq!(gap.kind, ErrorKind::AccessDenied);
        assert_eq!(gap.operation, "ListDashboards");
    }
}
