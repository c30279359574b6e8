//! EC2 Auto Scaling, per region: `DescribeAutoScalingGroups`, `DescribePolicies` and
//! `DescribeLaunchConfigurations` (all paginated, region-wide), plus EC2's
//! `DescribeLaunchTemplateVersions` for the `$Default` and `$Latest` version of every launch
//! template (one region-wide listing), so that each group's launch settings are known.

use serde::{Deserialize, Serialize};

use super::{Fetched, Gap, Known, Resource, ResourceRef, Service, Tags};

/// Everything read about EC2 Auto Scaling in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AutoScalingRegion {
    pub groups: Fetched<Vec<AutoScalingGroup>>,
    /// The names of the groups that have at least one scaling policy.
    pub groups_with_policies: Fetched<Vec<String>>,
    pub launch_configurations: Fetched<Vec<LaunchConfiguration>>,
    /// The `$Default` and `$Latest` version of every launch template.
    pub launch_template_versions: Fetched<Vec<LaunchTemplateVersion>>,
    /// Scheduled scaling actions (`DescribeScheduledActions`, paginated, region-wide).
    #[serde(default = "scheduled_actions_not_collected")]
    pub scheduled_actions: Fetched<Vec<ScheduledAction>>,
}

fn scheduled_actions_not_collected() -> Fetched<Vec<ScheduledAction>> {
    Fetched::not_collected(Service::Autoscaling, "DescribeScheduledActions")
}

/// A scheduled scaling action: at a time, or on a cron schedule, set a group's capacity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ScheduledAction {
    pub name: String,
    pub group_name: String,
    /// The cron expression of a recurring action; `None` for a one-off.
    pub recurrence: Option<String>,
    pub min_size: Option<i32>,
    pub max_size: Option<i32>,
    pub desired_capacity: Option<i32>,
}

impl Default for AutoScalingRegion {
    fn default() -> Self {
        AutoScalingRegion {
            groups: Fetched::not_collected(Service::Autoscaling, "DescribeAutoScalingGroups"),
            groups_with_policies: Fetched::not_collected(Service::Autoscaling, "DescribePolicies"),
            launch_configurations: Fetched::not_collected(
                Service::Autoscaling,
                "DescribeLaunchConfigurations",
            ),
            launch_template_versions: Fetched::not_collected(
                Service::Autoscaling,
                "DescribeLaunchTemplateVersions",
            ),
            scheduled_actions: scheduled_actions_not_collected(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AutoScalingGroup {
    pub arn: String,
    pub region: String,
    pub name: String,
    pub availability_zones: Vec<String>,
    /// `EC2`, `ELB`, `VPC_LATTICE` or `EBS` (several may be combined, comma-separated).
    pub health_check_type: String,
    /// Attached target groups and Classic Load Balancers.
    pub load_balancers: Vec<String>,
    pub capacity_rebalance: bool,
    /// `None` when the answer lacked `MinSize` (always sent).
    pub min_size: Option<i32>,
    /// `None` when the answer lacked `MaxSize` (always sent).
    pub max_size: Option<i32>,
    pub desired_capacity: i32,
    pub launch: Launch,
    #[serde(default)]
    pub tags: Tags,
}

impl AutoScalingGroup {
    /// Whether the group health checks include a load balancer's (or VPC Lattice's) view.
    pub fn uses_load_balancer_health_checks(&self) -> bool {
        self.health_check_type
            .split(',')
            .any(|kind| matches!(kind.trim(), "ELB" | "VPC_LATTICE"))
    }
}

impl Known for AutoScalingGroup {
    fn missing(&self, field: &str) -> Gap {
        Gap::missing_on(
            Service::Autoscaling,
            &self.region,
            "DescribeAutoScalingGroups",
            &self.name,
            field,
        )
    }
}

impl Resource for AutoScalingGroup {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::AutoScaling::AutoScalingGroup".into(),
            id: self.name.clone(),
            name: None,
            region: self.region.clone(),
            tags: self.tags.clone(),
        }
    }
}

/// How a group launches its instances.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Launch {
    Configuration {
        name: String,
    },
    Template {
        /// The launch template id, or its name when the group refers to it by name.
        template: String,
        /// `$Default`, `$Latest` or a version number (`$Default` when the group names none).
        version: String,
        /// Instance types overriding the template's (a mixed instances policy).
        override_types: Vec<String>,
        /// An override named neither an instance type nor instance requirements (an answer
        /// AWS cut short): the types the group launches are unknown.
        #[serde(default)]
        overrides_incomplete: bool,
        /// Whether part of the capacity above the On-Demand base is Spot.
        uses_spot: bool,
    },
    /// The group names neither (an API answer wascan does not understand).
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LaunchConfiguration {
    pub name: String,
    /// `None` when the answer lacked `InstanceType`.
    pub instance_type: Option<String>,
    /// IMDS `HttpTokens`: `required` or `optional` (`None`: not set, which means `optional`).
    pub http_tokens: Option<String>,
    /// IMDS `HttpEndpoint`: `enabled` or `disabled`.
    pub http_endpoint: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LaunchTemplateVersion {
    pub template_id: String,
    pub template_name: String,
    pub version: i64,
    pub is_default: bool,
    pub instance_type: Option<String>,
    /// The instance requirements (attribute-based selection) are set instead of a type.
    pub uses_instance_requirements: bool,
    pub http_tokens: Option<String>,
    pub http_endpoint: Option<String>,
}

/// What a group launches, resolved from its launch configuration or template version.
#[derive(Debug, Clone, PartialEq)]
pub struct LaunchSettings {
    /// Where the settings come from, for messages: `launch configuration lc` or
    /// `launch template lt-1 version 3`.
    pub source: String,
    /// The instance types it may launch (empty with attribute-based selection).
    pub instance_types: Vec<String>,
    /// Why the instance types are unknown (a member AWS did not send), when they are.
    pub instance_types_unknown: Option<Box<Gap>>,
    pub http_tokens: Option<String>,
    pub http_endpoint: Option<String>,
}

/// Why a group's launch settings are unknown.
#[derive(Debug, Clone, PartialEq)]
pub enum Unresolved {
    /// The list they would come from could not be read.
    Gap(Box<Gap>),
    /// The list was read but does not hold them (a pinned template version that is neither
    /// `$Default` nor `$Latest`, or a configuration deleted meanwhile).
    NotFound(String),
}

impl AutoScalingRegion {
    /// The launch settings of `group`.
    pub fn launch_settings(&self, group: &AutoScalingGroup) -> Result<LaunchSettings, Unresolved> {
        match &group.launch {
            Launch::Configuration { name } => {
                let configurations = match &self.launch_configurations {
                    Fetched::Ok(configurations) => configurations,
                    Fetched::Failed(gap) => return Err(Unresolved::Gap(Box::new(gap.clone()))),
                };
                configurations
                    .iter()
                    .find(|c| &c.name == name)
                    .map(|c| LaunchSettings {
                        source: format!("launch configuration {name}"),
                        instance_types: c.instance_type.iter().cloned().collect(),
                        instance_types_unknown: c.instance_type.is_none().then(|| {
                            Box::new(Gap::missing_on(
                                Service::Autoscaling,
                                &group.region,
                                "DescribeLaunchConfigurations",
                                name,
                                "InstanceType",
                            ))
                        }),
                        http_tokens: c.http_tokens.clone(),
                        http_endpoint: c.http_endpoint.clone(),
                    })
                    .ok_or_else(|| {
                        Unresolved::NotFound(format!("launch configuration {name} was not found"))
                    })
            }
            Launch::Template {
                template,
                version,
                override_types,
                overrides_incomplete,
                ..
            } => {
                let versions = match &self.launch_template_versions {
                    Fetched::Ok(versions) => versions,
                    Fetched::Failed(gap) => return Err(Unresolved::Gap(Box::new(gap.clone()))),
                };
                let of_template: Vec<&LaunchTemplateVersion> = versions
                    .iter()
                    .filter(|v| &v.template_id == template || &v.template_name == template)
                    .collect();
                let found = match version.as_str() {
                    "$Default" => of_template.iter().find(|v| v.is_default).copied(),
                    "$Latest" => of_template.iter().max_by_key(|v| v.version).copied(),
                    number => of_template
                        .iter()
                        .find(|v| v.version.to_string() == number)
                        .copied(),
                };
                let found = found.ok_or_else(|| {
                    Unresolved::NotFound(format!(
                        "launch template {template} version {version} was not among the $Default and $Latest versions read"
                    ))
                })?;
                let instance_types: Vec<String> = if override_types.is_empty() {
                    found.instance_type.iter().cloned().collect()
                } else {
                    override_types.clone()
                };
                let instance_types_unknown = overrides_incomplete.then(|| {
                    Box::new(Gap::missing_on(
                        Service::Autoscaling,
                        &group.region,
                        "DescribeAutoScalingGroups",
                        &group.name,
                        "MixedInstancesPolicy.LaunchTemplate.Overrides.InstanceType",
                    ))
                });
                Ok(LaunchSettings {
                    source: format!(
                        "launch template {} version {}",
                        found.template_name, found.version
                    ),
                    instance_types,
                    instance_types_unknown,
                    http_tokens: found.http_tokens.clone(),
                    http_endpoint: found.http_endpoint.clone(),
                })
            }
            Launch::Unknown => Err(Unresolved::NotFound(
                "the group names no launch configuration or template".into(),
            )),
        }
    }
}

impl Unresolved {
    /// The reason as a [`Gap`], for a `not_evaluated` finding about `group`.
    pub fn into_gap(self, group: &AutoScalingGroup) -> Gap {
        match self {
            Unresolved::Gap(gap) => *gap,
            Unresolved::NotFound(message) => Gap {
                service: "autoscaling".into(),
                region: Some(group.region.clone()),
                operation: match group.launch {
                    Launch::Configuration { .. } => "DescribeLaunchConfigurations".into(),
                    _ => "DescribeLaunchTemplateVersions".into(),
                },
                resource: Some(group.name.clone()),
                kind: super::ErrorKind::Other,
                message,
            },
        }
    }
}

/// Every group of every region with its launch settings (or why they are unknown), or a region's
/// gap when its groups could not be read: what the launch-settings checks iterate over.
pub fn groups_with_launch_settings(
    regions: &std::collections::BTreeMap<String, AutoScalingRegion>,
) -> Vec<GroupLaunch<'_>> {
    regions
        .iter()
        .flat_map(|(region, data)| match &data.groups {
            Fetched::Ok(groups) => groups
                .iter()
                .map(|group| {
                    GroupLaunch::Group(
                        group,
                        data.launch_settings(group)
                            .map_err(|unresolved| unresolved.into_gap(group)),
                    )
                })
                .collect(),
            Fetched::Failed(gap) => vec![GroupLaunch::RegionGap(region, gap)],
        })
        .collect()
}

/// One item of [`groups_with_launch_settings`].
pub enum GroupLaunch<'a> {
    Group(&'a AutoScalingGroup, Result<LaunchSettings, Gap>),
    RegionGap(&'a str, &'a Gap),
}
