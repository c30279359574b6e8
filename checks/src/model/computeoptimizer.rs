//! AWS Compute Optimizer: the account's enrollment (`GetEnrollmentStatus`, once), then per region
//! the EC2 instance, Auto Scaling group, EBS volume, Lambda function, ECS service (Fargate) and
//! RDS DB instance recommendations (each paginated), only when the account is enrolled.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Fetched, Resource, ResourceRef, Service, Tags};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ComputeOptimizer {
    /// `Active`, `Inactive`, `Pending` or `Failed`.
    pub enrollment: Fetched<String>,
    /// Recommendations per region (keyed by region name).
    pub regions: BTreeMap<String, ComputeOptimizerRegion>,
}

impl Default for ComputeOptimizer {
    fn default() -> Self {
        ComputeOptimizer {
            enrollment: Fetched::not_collected(Service::ComputeOptimizer, "GetEnrollmentStatus"),
            regions: BTreeMap::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ComputeOptimizerRegion {
    pub instances: Fetched<Vec<Recommendation>>,
    pub auto_scaling_groups: Fetched<Vec<Recommendation>>,
    pub volumes: Fetched<Vec<Recommendation>>,
    pub lambda_functions: Fetched<Vec<Recommendation>>,
    /// ECS services on Fargate (`GetECSServiceRecommendations`).
    #[serde(default = "ecs_services_not_collected")]
    pub ecs_services: Fetched<Vec<Recommendation>>,
    /// RDS DB instances (`GetRDSDatabaseRecommendations`).
    #[serde(default = "rds_databases_not_collected")]
    pub rds_databases: Fetched<Vec<Recommendation>>,
}

/// The slot of a snapshot written before ECS service recommendations were read.
pub fn ecs_services_not_collected() -> Fetched<Vec<Recommendation>> {
    Fetched::not_collected(Service::ComputeOptimizer, "GetECSServiceRecommendations")
}

/// The slot of a snapshot written before RDS recommendations were read.
pub fn rds_databases_not_collected() -> Fetched<Vec<Recommendation>> {
    Fetched::not_collected(Service::ComputeOptimizer, "GetRDSDatabaseRecommendations")
}

impl Default for ComputeOptimizerRegion {
    fn default() -> Self {
        ComputeOptimizerRegion {
            instances: Fetched::not_collected(
                Service::ComputeOptimizer,
                "GetEC2InstanceRecommendations",
            ),
            auto_scaling_groups: Fetched::not_collected(
                Service::ComputeOptimizer,
                "GetAutoScalingGroupRecommendations",
            ),
            volumes: Fetched::not_collected(
                Service::ComputeOptimizer,
                "GetEBSVolumeRecommendations",
            ),
            lambda_functions: Fetched::not_collected(
                Service::ComputeOptimizer,
                "GetLambdaFunctionRecommendations",
            ),
            ecs_services: ecs_services_not_collected(),
            rds_databases: rds_databases_not_collected(),
        }
    }
}

/// What Compute Optimizer concluded about one resource.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Recommendation {
    pub arn: String,
    pub region: String,
    /// `AWS::EC2::Instance`, `AWS::AutoScaling::AutoScalingGroup`, `AWS::EC2::Volume`,
    /// `AWS::Lambda::Function`, `AWS::ECS::Service` or `AWS::RDS::DBInstance`.
    pub kind: String,
    pub name: String,
    /// Normalised to upper snake case: `OVER_PROVISIONED`, `UNDER_PROVISIONED`, `OPTIMIZED`,
    /// `NOT_OPTIMIZED`, `UNAVAILABLE`.
    pub finding: String,
    /// The finding's reason codes (`CPUOverprovisioned`, `MemoryUnderprovisioned`, ...).
    pub reasons: Vec<String>,
    /// The current configuration (instance or volume type, memory size).
    pub current: String,
    /// The top recommended configuration, when there is one.
    pub recommended: Option<String>,
}

impl Resource for Recommendation {
    fn resource(&self) -> ResourceRef {
        let id = self.arn.rsplit(['/', ':']).next().unwrap_or(&self.arn);
        ResourceRef {
            arn: self.arn.clone(),
            kind: self.kind.clone(),
            id: id.to_string(),
            name: Some(self.name.clone()),
            region: self.region.clone(),
            tags: Tags::new(),
        }
    }
}
