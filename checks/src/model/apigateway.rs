//! API Gateway (REST APIs), per region: `GetRestApis` (paginated) and `GetUsagePlans`
//! (paginated), then for each API its stages (`GetStages`) and request validators
//! (`GetRequestValidators`, paginated).

use serde::{Deserialize, Serialize};

use super::{Fetched, Resource, ResourceRef, Service, Tags};

/// The account-level throttling API Gateway applies to every stage when nothing lower is set:
/// 10,000 requests per second, bursts of 5,000
/// (<https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html>).
pub const ACCOUNT_RATE_LIMIT: f64 = 10_000.0;
pub const ACCOUNT_BURST_LIMIT: i32 = 5_000;

/// Everything read from API Gateway in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ApiGatewayRegion {
    pub rest_apis: Fetched<Vec<RestApi>>,
    pub usage_plans: Fetched<Vec<UsagePlan>>,
}

impl Default for ApiGatewayRegion {
    fn default() -> Self {
        ApiGatewayRegion {
            rest_apis: Fetched::not_collected(Service::Apigateway, "GetRestApis"),
            usage_plans: Fetched::not_collected(Service::Apigateway, "GetUsagePlans"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RestApi {
    pub arn: String,
    pub region: String,
    pub id: String,
    pub name: Option<String>,
    pub stages: Fetched<Vec<Stage>>,
    /// The names of the API's request validators.
    pub request_validators: Fetched<Vec<String>>,
    pub tags: Tags,
    /// `EDGE`, `REGIONAL` or `PRIVATE` (`endpointConfiguration.types`; empty when the answer
    /// had none, which the API reference documents as `EDGE`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub endpoint_types: Vec<String>,
}

impl RestApi {
    /// Whether the API is reachable only from VPCs (a `PRIVATE` endpoint).
    pub fn is_private(&self) -> bool {
        !self.endpoint_types.is_empty() && self.endpoint_types.iter().all(|t| t == "PRIVATE")
    }
}

impl Resource for RestApi {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::ApiGateway::RestApi".into(),
            id: self.id.clone(),
            name: self.name.clone(),
            region: self.region.clone(),
            tags: self.tags.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Stage {
    pub arn: String,
    pub region: String,
    pub api_id: String,
    pub api_name: Option<String>,
    pub name: String,
    /// X-Ray active tracing (`tracingEnabled`; the service model's default is false).
    pub tracing_enabled: bool,
    /// A stage cache is provisioned (`cacheClusterEnabled`; the service model's default is
    /// false); `None` in snapshots taken before wascan read it.
    #[serde(default)]
    pub cache_cluster_enabled: Option<bool>,
    /// `(rate, burst)` of each method setting (`*/*` for the whole stage), keyed as API Gateway
    /// keys them (`resource/method`).
    pub throttling: Vec<(String, f64, i32)>,
    pub access_log_destination: Option<String>,
    pub tags: Tags,
    /// The AWS WAF web ACL associated with the stage (`webAclArn`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web_acl_arn: Option<String>,
}

impl Stage {
    /// Method settings that throttle below the account-level default.
    pub fn own_throttling(&self) -> Vec<&(String, f64, i32)> {
        self.throttling
            .iter()
            .filter(|(_, rate, burst)| {
                (*rate > 0.0 && *rate < ACCOUNT_RATE_LIMIT)
                    || (*burst > 0 && *burst < ACCOUNT_BURST_LIMIT)
            })
            .collect()
    }
}

impl Resource for Stage {
    fn resource(&self) -> ResourceRef {
        let api = self.api_name.as_deref().unwrap_or(self.api_id.as_str());
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::ApiGateway::Stage".into(),
            id: format!("{}/{}", self.api_id, self.name),
            name: Some(format!("{api}/{}", self.name)),
            region: self.region.clone(),
            tags: self.tags.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct UsagePlan {
    pub id: String,
    pub name: Option<String>,
    /// The plan's own throttle `(rate, burst)`, if set.
    pub throttle: Option<(f64, i32)>,
    /// `(api id, stage name)` of each stage the plan covers.
    pub api_stages: Vec<(String, String)>,
}
