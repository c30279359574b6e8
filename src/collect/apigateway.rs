//! API Gateway (REST APIs), per region: the APIs (`GetRestApis`) and usage plans
//! (`GetUsagePlans`), both paginated and concurrent; then for each API its stages (`GetStages`:
//! every stage in one answer) and request validators (`GetRequestValidators`, paginated by
//! position).

use std::collections::BTreeMap;

use aws_sdk_apigateway::Client;
use futures::future::join_all;
use wascan_checks::model::apigateway::*;
use wascan_checks::model::{ApiGatewayRegion, Fetched};

use super::calls::{Call, Ctx};
use crate::convert;

const APIGATEWAY: &str = "apigateway";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_apigateway::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, ApiGatewayRegion> {
    let per_region = join_all(
        regions
            .iter()
            .map(|region| async move { collect_region(ctx, &client(ctx, region), region).await }),
    )
    .await;
    regions.iter().cloned().zip(per_region).collect()
}

async fn collect_region(ctx: &Ctx, api: &Client, region: &str) -> ApiGatewayRegion {
    let (listed, usage_plans) = futures::join!(
        ctx.pages(
            Call::new(APIGATEWAY, "GetRestApis").region(region),
            api.get_rest_apis().into_paginator().send(),
            |page| page.items().to_vec(),
        ),
        ctx.pages(
            Call::new(APIGATEWAY, "GetUsagePlans").region(region),
            api.get_usage_plans().into_paginator().send(),
            |page| page.items().iter().filter_map(usage_plan).collect(),
        ),
    );
    let rest_apis = match listed {
        Ok(listed) => Fetched::Ok(
            ctx.per_resource_calls(
                2,
                listed
                    .iter()
                    .filter_map(|a| a.id().map(|id| (id, a)))
                    .map(|(id, a)| rest_api(ctx, api, region, id, a)),
            )
            .await,
        ),
        Err(gap) => Fetched::Failed(gap),
    };
    ApiGatewayRegion {
        rest_apis,
        usage_plans: usage_plans.into(),
    }
}

async fn rest_api(
    ctx: &Ctx,
    api: &Client,
    region: &str,
    id: &str,
    listed: &aws_sdk_apigateway::types::RestApi,
) -> RestApi {
    let name = listed.name().map(str::to_string);
    let at = |operation| Call::new(APIGATEWAY, operation).region(region).resource(id);
    let (stages, validators) = futures::join!(
        ctx.call(at("GetStages"), api.get_stages().rest_api_id(id).send()),
        ctx.token_pages(
            at("GetRequestValidators"),
            |position| api
                .get_request_validators()
                .rest_api_id(id)
                .set_position(position)
                .send(),
            |page: &aws_sdk_apigateway::operation::get_request_validators::GetRequestValidatorsOutput| {
                page.items()
                    .iter()
                    .filter_map(|v| v.name().or(v.id()).map(str::to_string))
                    .collect()
            },
            |page| page.position(),
        ),
    );
    RestApi {
        arn: format!("arn:{}:apigateway:{region}::/restapis/{id}", ctx.partition),
        region: region.to_string(),
        id: id.to_string(),
        stages: stages
            .map(|out| {
                out.item()
                    .iter()
                    .filter_map(|s| stage(ctx, region, id, name.as_deref(), s))
                    .collect()
            })
            .into(),
        request_validators: validators.into(),
        // An absent tag map is no tags (design.md: an absent collection is empty).
        tags: listed
            .tags()
            .map(|tags| {
                convert::tags(
                    tags.iter()
                        .map(|(k, v)| (Some(k.as_str()), Some(v.as_str()))),
                )
            })
            // `tags` is an optional map: absent means the resource has no tags.
            .unwrap_or_default(),
        name,
    }
}

/// A stage, or `None` for one without its name (always sent).
fn stage(
    ctx: &Ctx,
    region: &str,
    api_id: &str,
    api_name: Option<&str>,
    s: &aws_sdk_apigateway::types::Stage,
) -> Option<Stage> {
    let name = s.stage_name()?.to_string();
    let mut throttling: Vec<(String, f64, i32)> = s
        .method_settings()
        .into_iter()
        .flatten()
        .map(|(key, setting)| {
            (
                key.clone(),
                setting.throttling_rate_limit(),
                setting.throttling_burst_limit(),
            )
        })
        .collect();
    throttling.sort_by(|a, b| a.0.cmp(&b.0));
    Some(Stage {
        arn: format!(
            "arn:{}:apigateway:{region}::/restapis/{api_id}/stages/{name}",
            ctx.partition
        ),
        region: region.to_string(),
        api_id: api_id.to_string(),
        api_name: api_name.map(str::to_string),
        // `tracingEnabled` has the default false in API Gateway's service model: the SDK's
        // false for an absent member is the documented value.
        tracing_enabled: s.tracing_enabled(),
        // `cacheClusterEnabled` has the default false in the service model too.
        cache_cluster_enabled: Some(s.cache_cluster_enabled()),
        throttling,
        access_log_destination: s
            .access_log_settings()
            .and_then(|l| l.destination_arn())
            .map(str::to_string),
        // An absent tag map is no tags.
        tags: s
            .tags()
            .map(|tags| {
                convert::tags(
                    tags.iter()
                        .map(|(k, v)| (Some(k.as_str()), Some(v.as_str()))),
                )
            })
            // `tags` is an optional map: absent means the resource has no tags.
            .unwrap_or_default(),
        name,
    })
}

fn usage_plan(p: &aws_sdk_apigateway::types::UsagePlan) -> Option<UsagePlan> {
    Some(UsagePlan {
        id: p.id()?.to_string(),
        name: p.name().map(str::to_string),
        throttle: p.throttle().map(|t| (t.rate_limit(), t.burst_limit())),
        api_stages: p
            .api_stages()
            .iter()
            .filter_map(|s| Some((s.api_id()?.to_string(), s.stage()?.to_string())))
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use aws_sdk_apigateway::operation::get_request_validators::GetRequestValidatorsOutput;
    use aws_sdk_apigateway::operation::get_rest_apis::GetRestApisOutput;
    use aws_sdk_apigateway::operation::get_stages::{GetStagesError, GetStagesOutput};
    use aws_sdk_apigateway::operation::get_usage_plans::GetUsagePlansOutput;
    use aws_sdk_apigateway::types::{
        ApiStage, MethodSetting, RequestValidator, RestApi as SdkApi, Stage as SdkStage,
        ThrottleSettings, UsagePlan as SdkPlan,
    };
    use aws_smithy_mocks::{mock, mock_client, RuleMode};
    use wascan_checks::model::ErrorKind;

    use super::*;
    use crate::collect::tests::test_ctx;

    #[tokio::test]
    async fn apis_stages_validators_and_usage_plans_are_read() {
        let apis = mock!(Client::get_rest_apis).then_output(|| {
            GetRestApisOutput::builder()
                .items(SdkApi::builder().id("a1").name("shop").build())
                .items(SdkApi::builder().id("a2").name("legacy").build())
                .build()
        });
        let stages = mock!(Client::get_stages)
            .match_requests(|r| r.rest_api_id() == Some("a1"))
            .then_output(|| {
                GetStagesOutput::builder()
                    .item(
                        SdkStage::builder()
                            .stage_name("prod")
                            .tracing_enabled(true)
                            .method_settings(
                                "*/*",
                                MethodSetting::builder()
                                    .throttling_rate_limit(100.0)
                                    .throttling_burst_limit(50)
                                    .build(),
                            )
                            .build(),
                    )
                    .build()
            });
        let refused = mock!(Client::get_stages)
            .match_requests(|r| r.rest_api_id() == Some("a2"))
            .then_error(|| {
                GetStagesError::generic(
                    aws_smithy_types::error::ErrorMetadata::builder()
                        .code("AccessDeniedException")
                        .message("no")
                        .build(),
                )
            });
        let validators = mock!(Client::get_request_validators).then_output(|| {
            GetRequestValidatorsOutput::builder()
                .items(RequestValidator::builder().id("v1").name("body").build())
                .build()
        });
        let plans = mock!(Client::get_usage_plans).then_output(|| {
            GetUsagePlansOutput::builder()
                .items(
                    SdkPlan::builder()
                        .id("up-1")
                        .throttle(
                            ThrottleSettings::builder()
                                .rate_limit(10.0)
                                .burst_limit(20)
                                .build(),
                        )
                        .api_stages(ApiStage::builder().api_id("a2").stage("v1").build())
                        .build(),
                )
                .build()
        });
        let client = mock_client!(
            aws_sdk_apigateway,
            RuleMode::MatchAny,
            &[&apis, &stages, &refused, &validators, &plans]
        );
        let ctx = test_ctx();

        let region = collect_region(&ctx, &client, "us-east-1").await;

        let Fetched::Ok(apis) = &region.rest_apis else {
            panic!("apis: {:?}", region.rest_apis)
        };
        let Fetched::Ok(stages) = &apis[0].stages else {
            panic!("stages")
        };
        assert_eq!(stages[0].name, "prod");
        assert!(stages[0].tracing_enabled);
        assert_eq!(stages[0].throttling, vec![("*/*".to_string(), 100.0, 50)]);
        assert_eq!(
            apis[0].request_validators,
            Fetched::Ok(vec!["body".to_string()])
        );
        let Fetched::Failed(gap) = &apis[1].stages else {
            panic!("a gap")
        };
        assert_eq!(gap.kind, ErrorKind::AccessDenied);
        assert_eq!(gap.resource.as_deref(), Some("a2"));
        let Fetched::Ok(plans) = &region.usage_plans else {
            panic!("plans")
        };
        assert_eq!(plans[0].throttle, Some((10.0, 20)));
        assert_eq!(
            plans[0].api_stages,
            vec![("a2".to_string(), "v1".to_string())]
        );
    }
}
