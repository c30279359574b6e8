//! Resource tags in bulk, per region: the Resource Groups Tagging API's `GetResources` (100
//! resources a page) for the resource types whose own service's answers carry no tags (SQS
//! queues, SNS topics, Lambda functions, KMS keys, ...), instead of one ListTags call per
//! resource. Findings take their tags from here (`Snapshot::resource_tags`), so a suppression by
//! tag matches them as it matches instances and buckets. Nothing is read when no selected service
//! needs it.

use std::collections::{BTreeMap, BTreeSet};

use aws_sdk_resourcegroupstagging::Client;
use futures::future::join_all;
use wascan_checks::model::{Fetched, Service, Tags};

use super::calls::{Call, Ctx};

const TAG: &str = "tag";

/// The tagging API's resource type filter for `service`, when its collector reads no tags.
fn resource_type(service: Service) -> Option<&'static str> {
    Some(match service {
        Service::Sqs => "sqs",
        Service::Sns => "sns",
        Service::Lambda => "lambda:function",
        Service::Kms => "kms:key",
        Service::Dynamodb => "dynamodb:table",
        Service::Logs => "logs:log-group",
        Service::Elbv2 => "elasticloadbalancing:loadbalancer",
        Service::Cloudtrail => "cloudtrail:trail",
        Service::Acm => "acm:certificate",
        Service::Cloudwatch => "cloudwatch:alarm",
        Service::Backup => "backup",
        _ => return None,
    })
}

/// The resource type filters the selected services need: none when every one of them reads its
/// resources' tags itself.
pub fn resource_types(services: &BTreeSet<Service>) -> Vec<&'static str> {
    services.iter().copied().filter_map(resource_type).collect()
}

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_resourcegroupstagging::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

/// Per region, the tags of every tagged resource of `types`, keyed by ARN.
pub async fn collect(
    ctx: &Ctx,
    regions: &[String],
    types: &[&'static str],
) -> BTreeMap<String, Fetched<BTreeMap<String, Tags>>> {
    let per_region =
        join_all(regions.iter().map(|region| async move {
            read_region(ctx, &client(ctx, region), region, types).await
        }))
        .await;
    regions.iter().cloned().zip(per_region).collect()
}

async fn read_region(
    ctx: &Ctx,
    tagging: &Client,
    region: &str,
    types: &[&'static str],
) -> Fetched<BTreeMap<String, Tags>> {
    let mappings = ctx
        .pages(
            Call::new(TAG, "GetResources").region(region),
            tagging
                .get_resources()
                .resources_per_page(100)
                .set_resource_type_filters(Some(types.iter().map(|t| t.to_string()).collect()))
                .into_paginator()
                .send(),
            |page| {
                page.resource_tag_mapping_list()
                    .iter()
                    .filter_map(|mapping| {
                        let tags: Tags = mapping
                            .tags()
                            .iter()
                            .map(|tag| (tag.key().to_string(), tag.value().to_string()))
                            .collect();
                        Some((mapping.resource_arn()?.to_string(), tags))
                    })
                    .collect()
            },
        )
        .await;
    match mappings {
        Ok(mappings) => Fetched::Ok(mappings.into_iter().collect()),
        Err(gap) => Fetched::Failed(gap),
    }
}

#[cfg(test)]
mod tests {
    use aws_sdk_resourcegroupstagging::operation::get_resources::{
        GetResourcesError, GetResourcesOutput,
    };
    use aws_sdk_resourcegroupstagging::types::{ResourceTagMapping, Tag};
    use aws_smithy_mocks::{mock, mock_client, RuleMode};

    use super::*;
    use crate::collect::tests::test_ctx;

    #[test]
    fn only_services_whose_answers_carry_no_tags_need_the_tagging_api() {
        let services = |list: &[Service]| list.iter().copied().collect::<BTreeSet<_>>();
        assert!(resource_types(&services(&[Service::Ec2, Service::S3, Service::Iam])).is_empty());
        assert_eq!(
            resource_types(&services(&[Service::Ec2, Service::Sqs, Service::Kms])),
            ["kms:key", "sqs"]
        );
    }

    fn mapping(arn: &str, tags: &[(&str, &str)]) -> ResourceTagMapping {
        ResourceTagMapping::builder()
            .resource_arn(arn)
            .set_tags(Some(
                tags.iter()
                    .map(|(k, v)| Tag::builder().key(*k).value(*v).build())
                    .collect::<Result<Vec<_>, _>>()
                    .expect("key and value are set"),
            ))
            .build()
    }

    /// Two pages, filtered by the selected services' resource types.
    #[tokio::test]
    async fn tags_are_read_page_by_page_for_the_selected_resource_types() {
        const QUEUE: &str = "arn:aws:sqs:us-east-1:123456789012:jobs";
        const KEY: &str = "arn:aws:kms:us-east-1:123456789012:key/1234";
        let first = mock!(Client::get_resources)
            .match_requests(|req| {
                req.pagination_token().is_none()
                    && req.resource_type_filters() == ["kms:key", "sqs"]
                    && req.resources_per_page() == Some(100)
            })
            .then_output(|| {
                GetResourcesOutput::builder()
                    .resource_tag_mapping_list(mapping(QUEUE, &[("env", "sandbox")]))
                    .pagination_token("page-2")
                    .build()
            });
        let second = mock!(Client::get_resources)
            .match_requests(|req| req.pagination_token() == Some("page-2"))
            .then_output(|| {
                GetResourcesOutput::builder()
                    .resource_tag_mapping_list(mapping(
                        KEY,
                        &[("owner", "payments"), ("env", "prod")],
                    ))
                    .pagination_token("")
                    .build()
            });
        let client = mock_client!(
            aws_sdk_resourcegroupstagging,
            RuleMode::MatchAny,
            &[&first, &second]
        );
        let ctx = test_ctx();

        let tags = read_region(&ctx, &client, "us-east-1", &["kms:key", "sqs"]).await;

        let Fetched::Ok(tags) = tags else {
            panic!("not read: {tags:?}")
        };
        assert_eq!(tags.len(), 2);
        assert_eq!(tags[QUEUE].get("env").map(String::as_str), Some("sandbox"));
        assert_eq!(tags[KEY].get("owner").map(String::as_str), Some("payments"));
    }

    #[tokio::test]
    async fn a_refused_read_is_a_gap() {
        let refused = mock!(Client::get_resources).then_error(|| {
            GetResourcesError::generic(
                aws_smithy_types::error::ErrorMetadata::builder()
                    .code("AccessDeniedException")
                    .message("not allowed")
                    .build(),
            )
        });
        let client = mock_client!(
            aws_sdk_resourcegroupstagging,
            RuleMode::MatchAny,
            &[&refused]
        );
        let ctx = test_ctx();

        match read_region(&ctx, &client, "us-east-1", &["sqs"]).await {
            Fetched::Failed(gap) => {
                assert_eq!(gap.operation, "GetResources");
                assert_eq!(gap.kind, wascan_checks::model::ErrorKind::AccessDenied);
            }
            other => panic!("expected a gap, got {other:?}"),
        }
    }
}
