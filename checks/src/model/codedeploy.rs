//! CodeDeploy, per region: `ListApplications` and each application's `ListDeploymentGroups`
//! (both paginated), then `GetDeploymentGroup` for each group (moto 5.2.5 does not serve the bulk
//! `BatchGetDeploymentGroups`; one call per group keeps the collector testable end to end).

use serde::{Deserialize, Serialize};

use super::{Fetched, Gap, Known, Resource, ResourceRef, Service, Tags};

/// Everything read from CodeDeploy in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CodeDeployRegion {
    pub deployment_groups: Fetched<Vec<DeploymentGroup>>,
}

impl Default for CodeDeployRegion {
    fn default() -> Self {
        CodeDeployRegion {
            deployment_groups: Fetched::not_collected(Service::Codedeploy, "ListApplications"),
        }
    }
}

/// A deployment group: where and how an application's revisions are deployed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DeploymentGroup {
    pub arn: String,
    pub region: String,
    pub application: String,
    pub name: String,
    /// `Server` (EC2 and on-premises), `Lambda` or `ECS`.
    pub compute_platform: Option<String>,
    /// `deploymentStyle.deploymentType`: `IN_PLACE` or `BLUE_GREEN`.
    pub deployment_type: Option<String>,
    /// The deployment configuration, e.g. `CodeDeployDefault.AllAtOnce` or
    /// `CodeDeployDefault.LambdaCanary10Percent5Minutes`.
    pub deployment_config_name: Option<String>,
    /// `autoRollbackConfiguration.enabled` (absent: no automatic rollback is configured).
    pub auto_rollback_enabled: bool,
    /// The events that roll a deployment back: `DEPLOYMENT_FAILURE`, `DEPLOYMENT_STOP_ON_ALARM`,
    /// `DEPLOYMENT_STOP_ON_REQUEST`.
    pub auto_rollback_events: Vec<String>,
}

impl DeploymentGroup {
    /// `application/group`.
    pub fn id(&self) -> String {
        format!("{}/{}", self.application, self.name)
    }
}

impl Known for DeploymentGroup {
    fn missing(&self, field: &str) -> Gap {
        Gap::missing_on(
            Service::Codedeploy,
            &self.region,
            "GetDeploymentGroup",
            &self.id(),
            field,
        )
    }
}

impl Resource for DeploymentGroup {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::CodeDeploy::DeploymentGroup".into(),
            id: self.id(),
            name: None,
            region: self.region.clone(),
            tags: Tags::new(),
        }
    }
}
