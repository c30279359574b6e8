//! Security Hub, per region: `DescribeHub` (not subscribed is an answer, not a failure).

use std::collections::BTreeMap;

use aws_sdk_securityhub::Client;
use futures::future::join_all;
use wascan_checks::model::securityhub::*;
use wascan_checks::model::{Gap, SecurityHubRegion};

use super::calls::{Call, Ctx};

const SECURITYHUB: &str = "securityhub";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_securityhub::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, SecurityHubRegion> {
    let per_region = join_all(regions.iter().map(|region| collect_region(ctx, region))).await;
    regions.iter().cloned().zip(per_region).collect()
}

async fn collect_region(ctx: &Ctx, region: &str) -> SecurityHubRegion {
    region_with(ctx, &client(ctx, region), region).await
}

async fn describe(ctx: &Ctx, securityhub: &Client, region: &str) -> Result<Option<Hub>, Gap> {
    ctx.call_or_absent(
        Call::new(SECURITYHUB, "DescribeHub").region(region),
        // "Account ... is not subscribed to AWS Security Hub".
        &["InvalidAccessException"],
        securityhub.describe_hub().send(),
    )
    .await
    .map(|out| {
        out.map(|out| Hub {
            arn: out
                .hub_arn()
                .map(str::to_string)
                .unwrap_or_else(|| ctx.arn(SECURITYHUB, region, "hub/default")),
            subscribed_at: out
                .subscribed_at()
                .filter(|s| !s.is_empty())
                .map(str::to_string),
        })
    })
}

async fn region_with(ctx: &Ctx, securityhub: &Client, region: &str) -> SecurityHubRegion {
    let hub = describe(ctx, securityhub, region).await;
    let standards = match &hub {
        // Not subscribed: no standard runs (GetEnabledStandards would be refused).
        Ok(None) => Ok(vec![]),
        Ok(Some(_)) => enabled_standards(ctx, securityhub, region).await,
        Err(gap) => Err(gap.clone()),
    };
    SecurityHubRegion {
        hub: hub.into(),
        standards: standards.into(),
    }
}

async fn enabled_standards(
    ctx: &Ctx,
    securityhub: &Client,
    region: &str,
) -> Result<Vec<StandardsSubscription>, Gap> {
    let at = Call::new(SECURITYHUB, "GetEnabledStandards").region(region);
    let subscriptions = ctx
        .pages(
            at,
            securityhub.get_enabled_standards().into_paginator().send(),
            |page| page.standards_subscriptions().to_vec(),
        )
        .await?;
    subscriptions
        .iter()
        .map(|subscription| {
            // Which standard it is cannot be told without its ARN: the listing fails.
            Ok(StandardsSubscription {
                standards_arn: ctx.required_str(
                    at,
                    "StandardsArn",
                    subscription.standards_arn(),
                )?,
                status: subscription
                    .standards_status()
                    .map(|status| status.as_str().to_string()),
            })
        })
        .collect()
}

/// moto 5.2.5 does not implement `GetEnabledStandards`: recorded responses.
#[cfg(test)]
mod tests {
    use aws_sdk_securityhub::operation::describe_hub::{DescribeHubError, DescribeHubOutput};
    use aws_sdk_securityhub::operation::get_enabled_standards::GetEnabledStandardsOutput;
    use aws_sdk_securityhub::types::{StandardsStatus, StandardsSubscription as Subscription};
    use aws_smithy_mocks::{mock, mock_client, RuleMode};
    use wascan_checks::model::{ErrorKind, Fetched};

    use super::*;
    use crate::collect::tests::test_ctx;

    fn subscription(arn: &str) -> Subscription {
        Subscription::builder()
            .standards_subscription_arn(format!("{arn}/subscription"))
            .standards_arn(arn)
            .standards_status(StandardsStatus::Ready)
            .build()
    }

    #[tokio::test]
    async fn standards_are_read_over_pages_and_none_without_a_hub() {
        let hub = mock!(Client::describe_hub).then_output(|| {
            DescribeHubOutput::builder()
                .hub_arn("arn:aws:securityhub:us-east-1:123456789012:hub/default")
                .build()
        });
        let page1 = mock!(Client::get_enabled_standards)
            .match_requests(|r| r.next_token().is_none())
            .then_output(|| {
                GetEnabledStandardsOutput::builder()
                    .standards_subscriptions(subscription(
                        "arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0",
                    ))
                    .next_token("p2")
                    .build()
            });
        let page2 = mock!(Client::get_enabled_standards)
            .match_requests(|r| r.next_token() == Some("p2"))
            .then_output(|| {
                GetEnabledStandardsOutput::builder()
                    .standards_subscriptions(subscription(
                        "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0",
                    ))
                    .build()
            });
        let client = mock_client!(
            aws_sdk_securityhub,
            RuleMode::MatchAny,
            &[&hub, &page1, &page2]
        );
        let ctx = test_ctx();
        let hub = super::describe(&ctx, &client, "us-east-1").await;
        assert!(matches!(hub, Ok(Some(_))));
        let standards = enabled_standards(&ctx, &client, "us-east-1").await;
        let names: Vec<String> = standards
            .expect("standards")
            .iter()
            .map(|s| s.name().to_string())
            .collect();
        assert_eq!(
            names,
            [
                "aws-foundational-security-best-practices/v/1.0.0",
                "cis-aws-foundations-benchmark/v/1.2.0"
            ]
        );

        let unsubscribed = mock!(Client::describe_hub).then_error(|| {
            DescribeHubError::generic(
                aws_smithy_types::error::ErrorMetadata::builder()
                    .code("InvalidAccessException")
                    .message("Account 123456789012 is not subscribed to AWS Security Hub")
                    .build(),
            )
        });
        let client = mock_client!(aws_sdk_securityhub, RuleMode::MatchAny, &[&unsubscribed]);
        let region = region_with(&test_ctx(), &client, "us-east-1").await;
        assert_eq!(region.hub, Fetched::Ok(None));
        assert_eq!(region.standards, Fetched::Ok(vec![]));

        let refused = mock!(Client::get_enabled_standards).then_error(|| {
            aws_sdk_securityhub::operation::get_enabled_standards::GetEnabledStandardsError::generic(
                aws_smithy_types::error::ErrorMetadata::builder()
                    .code("AccessDeniedException")
                    .build(),
            )
        });
        let hub = mock!(Client::describe_hub)
            .then_output(|| DescribeHubOutput::builder().hub_arn("arn:hub").build());
        let client = mock_client!(aws_sdk_securityhub, RuleMode::MatchAny, &[&hub, &refused]);
        let region = region_with(&test_ctx(), &client, "us-east-1").await;
        let Fetched::Failed(gap) = &region.standards else {
            panic!("a gap")
        };
        assert_eq!(gap.kind, ErrorKind::AccessDenied);
    }
}
