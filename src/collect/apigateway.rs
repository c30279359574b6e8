//! API Gateway (REST APIs), per region: the APIs (`GetRestApis`) and usage plans
//! (`GetUsagePlans`), both paginated and concurrent; then for each API its stages (`GetStages`:
//! every stage in one answer) and request validators (`GetRequestValidators`, paginated by
//! position).

use std::collections::BTreeMap;

use aws_sdk_apigateway::Client;
use futures::future::join_all;
use wascan_checks::model::apigateway::*;
use wascan_checks::model::{ApiGatewayRegion, Fetched, Gap};

use super::calls::{every, Call, Ctx};
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
            |page| page
                .items()
                .iter()
                .map(|p| usage_plan(ctx, region, p))
                .collect::<Vec<_>>(),
        ),
    );
    // An API without its id can be neither named nor asked for its stages: dropped, its
    // stages' failures were lost. The region's list fails with the gap.
    let identified = listed.and_then(|listed| {
        let ids = listed
            .iter()
            .map(|a| {
                ctx.required_str(
                    Call::new(APIGATEWAY, "GetRestApis").region(region),
                    "id",
                    a.id(),
                )
            })
            .collect::<Result<Vec<_>, Gap>>()?;
        Ok(listed.into_iter().zip(ids).collect::<Vec<_>>())
    });
    let rest_apis = match identified {
        Ok(listed) => Fetched::Ok(
            ctx.per_resource_calls(
                2,
                listed
                    .iter()
                    .map(|(a, id)| rest_api(ctx, api, region, id, a)),
            )
            .await,
        ),
        Err(gap) => Fetched::Failed(gap),
    };
    ApiGatewayRegion {
        rest_apis,
        usage_plans: every(usage_plans).into(),
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
                    .map(|v| {
                        ctx.required_str(at("GetRequestValidators"), "name", v.name().or(v.id()))
                    })
                    .collect::<Vec<_>>()
            },
            |page| page.position(),
        ),
    );
    RestApi {
        arn: format!("arn:{}:apigateway:{region}::/restapis/{id}", ctx.partition),
        region: region.to_string(),
        id: id.to_string(),
        stages: stages
            .and_then(|out| {
                out.item()
                    .iter()
                    .map(|s| stage(ctx, region, id, name.as_deref(), s))
                    .collect::<Result<Vec<_>, Gap>>()
            })
            .into(),
        request_validators: every(validators).into(),
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
        endpoint_types: listed
            .endpoint_configuration()
            .map(|c| c.types().iter().map(|t| t.as_str().to_string()).collect())
            .unwrap_or_default(),
        name,
    }
}

/// A stage. One without its name (always sent) is a gap for the API's stages: dropped, its
/// failing findings were lost.
fn stage(
    ctx: &Ctx,
    region: &str,
    api_id: &str,
    api_name: Option<&str>,
    s: &aws_sdk_apigateway::types::Stage,
) -> Result<Stage, Gap> {
    let name = ctx.required_str(
        Call::new(APIGATEWAY, "GetStages")
            .region(region)
            .resource(api_id),
        "stageName",
        s.stage_name(),
    )?;
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
    Ok(Stage {
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
        web_acl_arn: convert::non_empty(s.web_acl_arn()),
        name,
    })
}

/// A usage plan without its id, or a stage link without its API or stage, is a gap: dropped,
/// the stage it throttles looked unthrottled.
fn usage_plan(
    ctx: &Ctx,
    region: &str,
    p: &aws_sdk_apigateway::types::UsagePlan,
) -> Result<UsagePlan, Gap> {
    let at = Call::new(APIGATEWAY, "GetUsagePlans").region(region);
    let id = ctx.required_str(at, "id", p.id())?;
    let at = at.resource(&id);
    Ok(UsagePlan {
        name: p.name().map(str::to_string),
        throttle: p.throttle().map(|t| (t.rate_limit(), t.burst_limit())),
        api_stages: p
            .api_stages()
            .iter()
            .map(|s| {
                Ok((
                    ctx.required_str(at, "apiStages.apiId", s.api_id())?,
                    ctx.required_str(at, "apiStages.stage", s.stage())?,
                ))
            })
            .collect::<Result<Vec<_>, Gap>>()?,
        id,
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

    /// Issue #14: an API without its id, or a stage without its name, was dropped and its
    /// failing findings lost; a usage plan's stage link without its stage dropped (the stage
    /// looked unthrottled).
    #[tokio::test]
    async fn apis_stages_and_plans_without_their_ids_are_gaps() {
        let apis = mock!(Client::get_rest_apis).then_output(|| {
            GetRestApisOutput::builder()
                .items(SdkApi::builder().id("a1").name("shop").build())
                .build()
        });
        let stages = mock!(Client::get_stages).then_output(|| {
            GetStagesOutput::builder()
                .item(SdkStage::builder().tracing_enabled(true).build())
                .build()
        });
        let validators = mock!(Client::get_request_validators)
            .then_output(|| GetRequestValidatorsOutput::builder().build());
        let plans = mock!(Client::get_usage_plans).then_output(|| {
            GetUsagePlansOutput::builder()
                .items(
                    SdkPlan::builder()
                        .id("up-1")
                        .api_stages(ApiStage::builder().api_id("a1").build())
                        .build(),
                )
                .build()
        });
        let client = mock_client!(
            aws_sdk_apigateway,
            RuleMode::MatchAny,
            &[&apis, &stages, &validators, &plans]
        );
        let ctx = test_ctx();

        let region = collect_region(&ctx, &client, "us-east-1").await;

        let Fetched::Ok(apis) = &region.rest_apis else {
            panic!("apis: {:?}", region.rest_apis)
        };
        assert_eq!(
            apis[0].stages.gap().map(|g| g.message.as_str()),
            Some("the answer has no stageName")
        );
        assert_eq!(
            region.usage_plans.gap().map(|g| g.message.as_str()),
            Some("the answer has no apiStages.stage")
        );

        let nameless = mock!(Client::get_rest_apis).then_output(|| {
            GetRestApisOutput::builder()
                .items(SdkApi::builder().name("shop").build())
                .build()
        });
        let client = mock_client!(aws_sdk_apigateway, RuleMode::MatchAny, &[&nameless, &plans]);
        let region = collect_region(&test_ctx(), &client, "us-east-1").await;
        assert_eq!(
            region.rest_apis.gap().map(|g| g.message.as_str()),
            Some("the answer has no id")
        );
    }
}
