//! Lambda event source mappings, per region (`ListEventSourceMappings`, paginated): the queues
//! and streams the functions poll, with their retry limits and failure destinations.

use aws_sdk_lambda::Client;
use wascan_checks::model::lambda::EventSourceMapping;
use wascan_checks::model::{Fetched, Gap};

use super::calls::{Call, Ctx};
use crate::convert::non_empty;

pub async fn list(ctx: &Ctx, lambda: &Client, region: &str) -> Fetched<Vec<EventSourceMapping>> {
    let at = Call::new("lambda", "ListEventSourceMappings").region(region);
    ctx.pages(
        at,
        lambda.list_event_source_mappings().into_paginator().send(),
        |page| {
            page.event_source_mappings()
                .iter()
                .map(|m| {
                    // A mapping without its UUID could not be named, and one without its source
                    // could not be judged: each is a gap for the region's list, never dropped.
                    let uuid = ctx.required_str(at, "UUID", m.uuid())?;
                    let source_arn = ctx.required_str(
                        at.resource(&uuid),
                        "EventSourceArn",
                        m.event_source_arn(),
                    )?;
                    Ok(EventSourceMapping {
                        arn: non_empty(m.event_source_mapping_arn()).unwrap_or_else(|| {
                            ctx.arn("lambda", region, &format!("event-source-mapping:{uuid}"))
                        }),
                        region: region.to_string(),
                        function_arn: non_empty(m.function_arn()),
                        source_arn: Some(source_arn),
                        state: non_empty(m.state()),
                        maximum_retry_attempts: m.maximum_retry_attempts(),
                        maximum_record_age_seconds: m.maximum_record_age_in_seconds(),
                        on_failure_destination: non_empty(
                            m.destination_config()
                                .and_then(|d| d.on_failure())
                                .and_then(|f| f.destination()),
                        ),
                        uuid,
                    })
                })
                .collect::<Vec<_>>()
        },
    )
    .await
    .and_then(|items| items.into_iter().collect::<Result<Vec<_>, Gap>>())
    .into()
}

#[cfg(test)]
mod tests {
    use aws_sdk_lambda::operation::list_event_source_mappings::ListEventSourceMappingsOutput;
    use aws_sdk_lambda::types::{DestinationConfig, EventSourceMappingConfiguration, OnFailure};
    use aws_smithy_mocks::{mock, mock_client};

    use super::*;
    use crate::collect::tests::test_ctx;

    #[tokio::test]
    async fn mappings_with_their_retry_limits_are_read() {
        let listing = mock!(Client::list_event_source_mappings).then_output(|| {
            ListEventSourceMappingsOutput::builder()
                .event_source_mappings(
                    EventSourceMappingConfiguration::builder()
                        .uuid("m-1")
                        .event_source_arn("arn:aws:kinesis:us-east-1:123456789012:stream/clicks")
                        .function_arn("arn:aws:lambda:us-east-1:123456789012:function:worker")
                        .state("Enabled")
                        .maximum_retry_attempts(3)
                        .destination_config(
                            DestinationConfig::builder()
                                .on_failure(
                                    OnFailure::builder()
                                        .destination("arn:aws:sqs:us-east-1:123456789012:failed")
                                        .build(),
                                )
                                .build(),
                        )
                        .build(),
                )
                .build()
        });
        let client = mock_client!(aws_sdk_lambda, [&listing]);
        let Fetched::Ok(mappings) = list(&test_ctx(), &client, "us-east-1").await else {
            panic!("listed")
        };
        assert_eq!(mappings.len(), 1);
        assert_eq!(mappings[0].maximum_retry_attempts, Some(3));
        assert_eq!(mappings[0].maximum_record_age_seconds, None);
        assert_eq!(
            mappings[0].on_failure_destination.as_deref(),
            Some("arn:aws:sqs:us-east-1:123456789012:failed")
        );
        assert_eq!(
            mappings[0].arn,
            "arn:aws:lambda:us-east-1:123456789012:event-source-mapping:m-1"
        );
    }

    /// Found by the fault harness (seed 34): a mapping without EventSourceArn was dropped, and
    /// its failing `lambda_event_source_retries_bounded` finding vanished.
    #[tokio::test]
    async fn a_mapping_without_its_source_or_uuid_is_a_gap_not_dropped() {
        for (mapping, member) in [
            (
                EventSourceMappingConfiguration::builder()
                    .uuid("m-2")
                    .build(),
                "EventSourceArn",
            ),
            (EventSourceMappingConfiguration::builder().build(), "UUID"),
        ] {
            let listing = mock!(Client::list_event_source_mappings).then_output(move || {
                ListEventSourceMappingsOutput::builder()
                    .event_source_mappings(mapping.clone())
                    .build()
            });
            let client = mock_client!(aws_sdk_lambda, [&listing]);
            let Fetched::Failed(gap) = list(&test_ctx(), &client, "eu-west-1").await else {
                panic!("a mapping without {member} must fail the list")
            };
            assert!(gap.to_string().contains(member), "{gap}");
        }
    }
}
