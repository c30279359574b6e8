//! ECS, per region: `ListClusters` + `DescribeClusters` (100 at a time, with settings), and
//! `ListTaskDefinitionFamilies` (active) + `DescribeTaskDefinition` of each family's latest active
//! revision (ECS has no bulk form of it); each cluster's services (`ListServices`, then
//! `DescribeServices` 10 at a time).

use serde::{Deserialize, Serialize};

use super::{Fetched, Resource, ResourceRef, Service, Tags};
use crate::secrets::SecretHit;

/// Everything read from ECS in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct EcsRegion {
    pub clusters: Fetched<Vec<EcsCluster>>,
    /// The latest active revision of every task definition family.
    pub task_definitions: Fetched<Vec<TaskDefinition>>,
    /// The services of every cluster (`ListServices` per cluster, `DescribeServices` 10 at a
    /// time).
    #[serde(default = "services_not_collected")]
    pub services: Fetched<Vec<EcsService>>,
}

fn services_not_collected() -> Fetched<Vec<EcsService>> {
    Fetched::not_collected(Service::Ecs, "ListServices")
}

/// An ECS service: how it rolls out a new task definition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct EcsService {
    pub arn: String,
    pub region: String,
    pub name: String,
    pub cluster: String,
    /// `deploymentController.type`: `ECS`, `CODE_DEPLOY` or `EXTERNAL`.
    pub deployment_controller: Option<String>,
    /// `deploymentConfiguration.deploymentCircuitBreaker`: `(enable, rollback)`, `None` when
    /// the answer did not include it.
    pub circuit_breaker: Option<(bool, bool)>,
    /// `deploymentConfiguration.alarms`: `(enable, rollback)`, `None` when absent.
    pub alarms: Option<(bool, bool)>,
}

impl Resource for EcsService {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::ECS::Service".into(),
            id: format!("{}/{}", self.cluster, self.name),
            name: None,
            region: self.region.clone(),
            tags: Tags::new(),
        }
    }
}

impl Default for EcsRegion {
    fn default() -> Self {
        EcsRegion {
            clusters: Fetched::not_collected(Service::Ecs, "ListClusters"),
            task_definitions: Fetched::not_collected(Service::Ecs, "ListTaskDefinitionFamilies"),
            services: services_not_collected(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct EcsCluster {
    pub arn: String,
    pub region: String,
    pub name: String,
    /// The `containerInsights` setting: `enabled`, `enhanced` or `disabled` (`None` when the
    /// answer did not report it: DescribeClusters with SETTINGS always does, `disabled` when
    /// the setting was never turned on).
    pub container_insights: Option<String>,
    #[serde(default)]
    pub tags: Tags,
}

impl Resource for EcsCluster {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::ECS::Cluster".into(),
            id: self.name.clone(),
            name: None,
            region: self.region.clone(),
            tags: self.tags.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TaskDefinition {
    pub arn: String,
    pub region: String,
    pub family: String,
    pub revision: i32,
    /// `awsvpc`, `bridge`, `host` or `none`.
    pub network_mode: Option<String>,
    /// `FARGATE`, `EC2`, `EXTERNAL`, `MANAGED_INSTANCES`.
    pub requires_compatibilities: Vec<String>,
    /// The runtime platform's CPU architecture: `X86_64` or `ARM64` (`None`: not set, x86_64).
    pub cpu_architecture: Option<String>,
    /// The runtime platform's OS family, e.g. `LINUX` or `WINDOWS_SERVER_2022_CORE`.
    pub os_family: Option<String>,
    pub containers: Vec<ContainerDefinition>,
    #[serde(default)]
    pub tags: Tags,
    /// Secrets found in plain text in the containers' `environment` (rather than `secrets`, which
    /// name a Secrets Manager secret or SSM parameter), masked: the values are never kept.
    #[serde(default = "environment_not_collected")]
    pub environment_secrets: Fetched<Vec<SecretHit>>,
}

fn environment_not_collected() -> Fetched<Vec<SecretHit>> {
    Fetched::not_collected(Service::Ecs, "DescribeTaskDefinition")
}

impl TaskDefinition {
    /// `family:revision`.
    pub fn family_revision(&self) -> String {
        format!("{}:{}", self.family, self.revision)
    }
}

impl Resource for TaskDefinition {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::ECS::TaskDefinition".into(),
            id: self.family_revision(),
            name: None,
            region: self.region.clone(),
            tags: self.tags.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ContainerDefinition {
    pub name: String,
    pub privileged: bool,
    /// The `user` the container runs as (`None`: the image's default, usually root).
    pub user: Option<String>,
    pub readonly_root_filesystem: bool,
    /// The `logConfiguration.logDriver`, e.g. `awslogs` or `awsfirelens`.
    pub log_driver: Option<String>,
}
