//! Resource tags in bulk, per region: the Resource Groups Tagging API's `GetResources` (100
//! resources a page) for the resource types whose own service's answers carry no tags (SQS
//! queues, SNS topics, Lambda functions, KMS keys, ...), instead of one ListTags call per
//! resource. Findings take their tags from here (`Snapshot::resource_tags`), so a suppression by
//! tag matches them as it matches instances and buckets. Nothing is read when no selected service
//! needs it. Global resources (CloudFront distributions) are asked for in us-east-1.

use std::collections::{BTreeMap, BTreeSet};

use aws_sdk_resourcegroupstagging::Client;
use futures::future::join_all;
use wascan_checks::model::{Fetched, Service, Tags};

use super::calls::{Call, Ctx};

const TAG: &str = "tag";

/// Where the tagging API serves the tags of global resources (CloudFront distributions), as
/// CloudFront's own API is: whatever regions the scan covers.
const GLOBAL_REGION: &str = "us-east-1";

/// The tagging API's resource type filter for `service`, when its collector reads no tags, and
/// whether its resources are global.
fn resource_type(service: Service) -> Option<(&'static str, bool)> {
    Some(match service {
        Service::Sqs => ("sqs", false),
        Service::Sns => ("sns", false),
        Service::Lambda => ("lambda:function", false),
        Service::Kms => ("kms:key", false),
        Service::Dynamodb => ("dynamodb:table", false),
        Service::Logs => ("logs:log-group", false),
        Service::Elbv2 => ("elasticloadbalancing:loadbalancer", false),
        Service::Cloudtrail => ("cloudtrail:trail", false),
        Service::Acm => ("acm:certificate", false),
        Service::Cloudwatch => ("cloudwatch:alarm", false),
        Service::Backup => ("backup", false),
        Service::Cloudfront => ("cloudfront:distribution", true),
        _ => return None,
    })
}

/// The reads the selected services need: per region, the resource type filters to ask for.
/// Every scan region gets the regional types; the global types go to [`GLOBAL_REGION`], scanned
/// or not. Empty when every selected service reads its resources' tags itself.
pub fn queries(
    services: &BTreeSet<Service>,
    regions: &[String],
) -> Vec<(String, Vec<&'static str>)> {
    let types: Vec<(&str, bool)> = services.iter().copied().filter_map(resource_type).collect();
    let regional: Vec<&str> = types
        .iter()
        .filter(|(_, global)| !global)
        .map(|(t, _)| *t)
        .collect();
    let global: Vec<&str> = types
        .iter()
        .filter(|(_, global)| *global)
        .map(|(t, _)| *t)
        .collect();
    let mut queries: Vec<(String, Vec<&str>)> = regions
        .iter()
        .map(|region| {
            let mut wanted = regional.clone();
            if region == GLOBAL_REGION {
                wanted.extend(&global);
            }
            (region.clone(), wanted)
        })
        .collect();
    if !global.is_empty() && !regions.iter().any(|region| region == GLOBAL_REGION) {
        queries.push((GLOBAL_REGION.to_string(), global));
    }
    queries.retain(|(_, wanted)| !wanted.is_empty());
    queries
}

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_resourcegroupstagging::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

/// Per region queried, the tags of every tagged resource of its types, keyed by ARN.
pub async fn collect(
    ctx: &Ctx,
    queries: &[(String, Vec<&'static str>)],
) -> BTreeMap<String, Fetched<BTreeMap<String, Tags>>> {
    let per_region = join_all(queries.iter().map(|(region, types)| async move {
        read_region(ctx, &client(ctx, region), region, types).await
    }))
    .await;
    queries
        .iter()
        .map(|(region, _)| region.clone())
        .zip(per_region)
        .collect()
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
                    // A mapping without its ARN names no resource; dropped, the resource reads as
                    // untagged, which can only fail a tag check, never pass it.
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

    fn services(list: &[Service]) -> BTreeSet<Service> {
        list.iter().copied().collect()
    }

    fn regions(list: &[&str]) -> Vec<String> {
        list.iter().map(|r| r.to_string()).collect()
    }

    #[test]
    fn only_services_whose_answers_carry_no_tags_need_the_tagging_api() {
        let scanned = regions(&["us-east-1", "eu-west-1"]);
        let ec2_s3_iam = services(&[Service::Ec2, Service::S3, Service::Iam]);
        assert!(queries(&ec2_s3_iam, &scanned).is_empty());
        assert_eq!(
            queries(
                &services(&[Service::Ec2, Service::Sqs, Service::Kms]),
                &scanned
            ),
            [
                ("us-east-1".to_string(), vec!["kms:key", "sqs"]),
                ("eu-west-1".to_string(), vec!["kms:key", "sqs"])
            ]
        );
    }

    #[test]
    fn global_resources_are_asked_for_in_us_east_1_scanned_or_not() {
        let selected = services(&[Service::Sqs, Service::Cloudfront]);
        assert_eq!(
            queries(&selected, &regions(&["eu-west-1", "us-east-1"])),
            [
                ("eu-west-1".to_string(), vec!["sqs"]),
                (
                    "us-east-1".to_string(),
                    vec!["sqs", "cloudfront:distribution"]
                )
            ]
        );
        assert_eq!(
            queries(&selected, &regions(&["eu-west-1"])),
            [
                ("eu-west-1".to_string(), vec!["sqs"]),
                ("us-east-1".to_string(), vec!["cloudfront:distribution"])
            ]
        );
        assert_eq!(
            queries(&services(&[Service::Cloudfront]), &regions(&["eu-west-1"])),
            [("us-east-1".to_string(), vec!["cloudfront:distribution"])]
        );
    }

    /// A resource and its tags (a tag the builder refused would be missing, and fail the test's
    /// assertions on it).
    fn mapping(arn: &str, tags: &[(&str, &str)]) -> ResourceTagMapping {
        ResourceTagMapping::builder()
            .resource_arn(arn)
            .set_tags(Some(
                tags.iter()
                    .filter_map(|(k, v)| Tag::builder().key(*k).value(*v).build().ok())
                    .collect(),
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
