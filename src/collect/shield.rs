//! AWS Shield Advanced (global, collected once): the subscription (`DescribeSubscription`;
//! `ResourceNotFoundException` when the account has none), then, for a subscribed account, its
//! protections (`ListProtections`, paginated). Without a subscription there is nothing to
//! protect: the protections are an empty list, not a call.

use aws_sdk_shield::Client;
use wascan_checks::model::shield::*;
use wascan_checks::model::{Fetched, Gap};

use super::calls::{Call, Ctx};
use crate::convert::to_offset;

const SHIELD: &str = "shield";
/// Shield Advanced's API endpoint is in us-east-1.
const HOME_REGION: &str = "us-east-1";

fn client(ctx: &Ctx) -> Client {
    let config = aws_sdk_shield::config::Builder::from(&ctx.config_for(HOME_REGION))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx) -> Shield {
    collect_with(ctx, &client(ctx)).await
}

async fn collect_with(ctx: &Ctx, shield: &Client) -> Shield {
    let at = Call::new(SHIELD, "DescribeSubscription");
    // `ResourceNotFoundException` is the documented answer of an account without a
    // subscription (AWS Shield API reference, `DescribeSubscription`).
    let subscription = ctx
        .call_or_absent(
            at,
            &["ResourceNotFoundException"],
            shield.describe_subscription().send(),
        )
        .await
        .and_then(|out| match out {
            None => Ok(None),
            Some(out) => {
                let subscription = ctx.required(at, "Subscription", out.subscription())?;
                Ok(Some(Subscription {
                    end_time: subscription.end_time().and_then(to_offset),
                    auto_renew: subscription.auto_renew().map(|a| a.as_str().to_string()),
                }))
            }
        });
    let protections = match &subscription {
        Ok(Some(_)) => protections(ctx, shield).await.into(),
        Ok(None) => Fetched::Ok(Vec::new()),
        Err(gap) => Fetched::Failed(gap.clone()),
    };
    Shield {
        subscription: subscription.into(),
        protections,
    }
}

async fn protections(ctx: &Ctx, shield: &Client) -> Result<Vec<Protection>, Gap> {
    let at = Call::new(SHIELD, "ListProtections");
    let listed = ctx
        .pages(
            at,
            shield.list_protections().into_paginator().send(),
            |page| page.protections().to_vec(),
        )
        .await?;
    listed
        .iter()
        .map(|p| {
            // Without its id or resource a protection names nothing: the listing fails.
            let id = ctx.required_str(at, "Protections.Id", p.id())?;
            Ok(Protection {
                resource_arn: ctx.required_str(
                    at.resource(&id),
                    "Protections.ResourceArn",
                    p.resource_arn(),
                )?,
                name: p.name().map(str::to_string),
                // Absent when automatic mitigation was never configured for the protection
                // (API reference, `Protection.ApplicationLayerAutomaticResponseConfiguration`).
                automatic_response: p
                    .application_layer_automatic_response_configuration()
                    .map(|c| c.status().as_str().to_string()),
                id,
            })
        })
        .collect()
}

/// Recorded responses: moto 5.2.5 serves DescribeSubscription and ListProtections, these cover
/// what it cannot show (a subscription with protections over two pages, a refusal).
#[cfg(test)]
mod tests {
    use aws_sdk_shield::operation::describe_subscription::{
        DescribeSubscriptionError, DescribeSubscriptionOutput,
    };
    use aws_sdk_shield::operation::list_protections::ListProtectionsOutput;
    use aws_sdk_shield::types::{
        ApplicationLayerAutomaticResponseConfiguration, ApplicationLayerAutomaticResponseStatus,
        BlockAction, Protection as SdkProtection, ResponseAction, Subscription as SdkSubscription,
        SubscriptionLimits,
    };
    use aws_smithy_mocks::{mock, mock_client, RuleMode};
    use wascan_checks::model::ErrorKind;

    use super::*;
    use crate::collect::tests::test_ctx;

    fn error(code: &'static str) -> DescribeSubscriptionError {
        DescribeSubscriptionError::generic(
            aws_smithy_types::error::ErrorMetadata::builder()
                .code(code)
                .message("recorded")
                .build(),
        )
    }

    #[tokio::test]
    async fn a_subscription_with_protections_over_pages() {
        let subscription = mock!(Client::describe_subscription).then_output(|| {
            DescribeSubscriptionOutput::builder()
                .subscription(
                    SdkSubscription::builder()
                        .end_time(aws_smithy_types::DateTime::from_secs(1_900_000_000))
                        .auto_renew(aws_sdk_shield::types::AutoRenew::Enabled)
                        .subscription_limits(SubscriptionLimits::builder().build())
                        .build(),
                )
                .build()
        });
        let page1 = mock!(Client::list_protections)
            .match_requests(|r| r.next_token().is_none())
            .then_output(|| {
                ListProtectionsOutput::builder()
                    .protections(
                        SdkProtection::builder()
                            .id("p-1")
                            .name("web")
                            .resource_arn(
                                "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/1",
                            )
                            .application_layer_automatic_response_configuration(
                                ApplicationLayerAutomaticResponseConfiguration::builder()
                                    .status(ApplicationLayerAutomaticResponseStatus::Enabled)
                                    .action(
                                        ResponseAction::builder()
                                            .block(BlockAction::builder().build())
                                            .build(),
                                    )
                                    .build()
                                    .expect("status and action are set"),
                            )
                            .build(),
                    )
                    .next_token("p2")
                    .build()
            });
        let page2 = mock!(Client::list_protections)
            .match_requests(|r| r.next_token() == Some("p2"))
            .then_output(|| {
                ListProtectionsOutput::builder()
                    .protections(
                        SdkProtection::builder()
                            .id("p-2")
                            .resource_arn("arn:aws:cloudfront::123456789012:distribution/E1")
                            .build(),
                    )
                    .build()
            });
        let client = mock_client!(
            aws_sdk_shield,
            RuleMode::MatchAny,
            &[&subscription, &page1, &page2]
        );
        let shield = collect_with(&test_ctx(), &client).await;
        let Fetched::Ok(Some(subscription)) = &shield.subscription else {
            panic!("subscribed: {:?}", shield.subscription)
        };
        assert_eq!(subscription.auto_renew.as_deref(), Some("ENABLED"));
        assert!(subscription.end_time.is_some());
        let Fetched::Ok(protections) = &shield.protections else {
            panic!("protections: {:?}", shield.protections)
        };
        assert_eq!(protections.len(), 2);
        assert_eq!(
            protections[0].automatic_response.as_deref(),
            Some("ENABLED")
        );
        assert_eq!(protections[1].automatic_response, None);
        assert_eq!(protections[1].name, None);
    }

    #[tokio::test]
    async fn no_subscription_is_none_and_a_refusal_is_a_gap() {
        let none =
            mock!(Client::describe_subscription).then_error(|| error("ResourceNotFoundException"));
        let client = mock_client!(aws_sdk_shield, RuleMode::MatchAny, &[&none]);
        let shield = collect_with(&test_ctx(), &client).await;
        assert_eq!(shield.subscription, Fetched::Ok(None));
        assert_eq!(shield.protections, Fetched::Ok(vec![]));

        let refused =
            mock!(Client::describe_subscription).then_error(|| error("AccessDeniedException"));
        let client = mock_client!(aws_sdk_shield, RuleMode::MatchAny, &[&refused]);
        let shield = collect_with(&test_ctx(), &client).await;
        let Fetched::Failed(gap) = &shield.subscription else {
            panic!("a gap")
        };
        assert_eq!(gap.kind, ErrorKind::AccessDenied);
        assert!(matches!(shield.protections, Fetched::Failed(_)));
    }
}
