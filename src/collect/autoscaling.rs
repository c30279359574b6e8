//! EC2 Auto Scaling, per region, five region-wide paginated listings run concurrently: the
//! groups, the scaling policies, the scheduled actions, the launch configurations, and (through
//! EC2) the `$Default` and `$Latest` version of every launch template, so that each group's launch
//! settings are known without one call per group.

use std::collections::BTreeMap;

use aws_sdk_autoscaling::types::{AutoScalingGroup as SdkGroup, LaunchTemplateSpecification};
use aws_sdk_autoscaling::Client;
use futures::future::join_all;
use wascan_checks::model::autoscaling::*;
use wascan_checks::model::{AutoScalingRegion, Gap};

use super::calls::{every, Call, Ctx};

const AUTOSCALING: &str = "autoscaling";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_autoscaling::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

fn ec2_client(ctx: &Ctx, region: &str) -> aws_sdk_ec2::Client {
    let config = aws_sdk_ec2::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    aws_sdk_ec2::Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, AutoScalingRegion> {
    let per_region = join_all(regions.iter().map(|region| collect_region(ctx, region))).await;
    regions.iter().cloned().zip(per_region).collect()
}

async fn collect_region(ctx: &Ctx, region: &str) -> AutoScalingRegion {
    let autoscaling = client(ctx, region);
    let ec2 = ec2_client(ctx, region);
    let scheduled_at = Call::new(AUTOSCALING, "DescribeScheduledActions").region(region);
    let (groups, policies, scheduled, configurations, template_versions) = futures::join!(
        ctx.pages(
            Call::new(AUTOSCALING, "DescribeAutoScalingGroups").region(region),
            autoscaling
                .describe_auto_scaling_groups()
                .into_paginator()
                .send(),
            |page| page.auto_scaling_groups().to_vec(),
        ),
        ctx.pages(
            Call::new(AUTOSCALING, "DescribePolicies").region(region),
            autoscaling.describe_policies().into_paginator().send(),
            |page| {
                // A policy without its group is a gap: dropped, its group looked unscaled.
                page.scaling_policies()
                    .iter()
                    .map(|p| {
                        ctx.required_str(
                            Call::new(AUTOSCALING, "DescribePolicies").region(region),
                            "AutoScalingGroupName",
                            p.auto_scaling_group_name(),
                        )
                    })
                    .collect::<Vec<_>>()
            },
        ),
        ctx.pages(
            scheduled_at,
            autoscaling
                .describe_scheduled_actions()
                .into_paginator()
                .send(),
            |page| {
                page.scheduled_update_group_actions()
                    .iter()
                    .map(|a| scheduled_action(ctx, scheduled_at, a))
                    .collect::<Vec<_>>()
            },
        ),
        ctx.pages(
            Call::new(AUTOSCALING, "DescribeLaunchConfigurations").region(region),
            autoscaling
                .describe_launch_configurations()
                .into_paginator()
                .send(),
            |page| {
                page.launch_configurations()
                    .iter()
                    .map(|c| launch_configuration(ctx, region, c))
                    .collect::<Vec<_>>()
            },
        ),
        ctx.pages(
            Call::new("ec2", "DescribeLaunchTemplateVersions").region(region),
            ec2.describe_launch_template_versions()
                .versions("$Default")
                .versions("$Latest")
                .into_paginator()
                .send(),
            |page| {
                page.launch_template_versions()
                    .iter()
                    .map(|v| launch_template_version(ctx, region, v))
                    .collect::<Vec<_>>()
            },
        )
    );
    let groups_with_policies = every(policies).map(|mut names: Vec<String>| {
        names.sort();
        names.dedup();
        names
    });
    AutoScalingRegion {
        groups: every(groups.map(|groups| {
            groups
                .iter()
                .map(|group| auto_scaling_group(ctx, region, group))
                .collect()
        }))
        .into(),
        groups_with_policies: groups_with_policies.into(),
        scheduled_actions: scheduled
            .and_then(|actions| actions.into_iter().collect())
            .into(),
        launch_configurations: every(configurations).into(),
        launch_template_versions: every(template_versions)
            .map(|mut versions: Vec<LaunchTemplateVersion>| {
                // `$Default` and `$Latest` are often the same version: keep it once.
                versions
                    .sort_by(|a, b| (&a.template_id, a.version).cmp(&(&b.template_id, b.version)));
                versions.dedup_by(|a, b| a.template_id == b.template_id && a.version == b.version);
                versions
            })
            .into(),
    }
}

/// A scheduled action; one without its name or group cannot be told apart, and fails the list.
fn scheduled_action(
    ctx: &Ctx,
    at: Call<'_>,
    action: &aws_sdk_autoscaling::types::ScheduledUpdateGroupAction,
) -> Result<ScheduledAction, wascan_checks::model::Gap> {
    Ok(ScheduledAction {
        name: ctx.required_str(at, "ScheduledActionName", action.scheduled_action_name())?,
        group_name: ctx.required_str(
            at,
            "AutoScalingGroupName",
            action.auto_scaling_group_name(),
        )?,
        recurrence: action
            .recurrence()
            .filter(|r| !r.trim().is_empty())
            .map(str::to_string),
        min_size: action.min_size(),
        max_size: action.max_size(),
        desired_capacity: action.desired_capacity(),
    })
}

/// A group without its name cannot be named in a finding (it was ""): the region's list fails
/// with the gap.
fn auto_scaling_group(ctx: &Ctx, region: &str, group: &SdkGroup) -> Result<AutoScalingGroup, Gap> {
    let name = ctx.required_str(
        Call::new(AUTOSCALING, "DescribeAutoScalingGroups").region(region),
        "AutoScalingGroupName",
        group.auto_scaling_group_name(),
    )?;
    let mut load_balancers = group.target_group_arns().to_vec();
    load_balancers.extend(group.load_balancer_names().iter().cloned());
    Ok(AutoScalingGroup {
        arn: group
            .auto_scaling_group_arn()
            .map(str::to_string)
            .unwrap_or_else(|| {
                ctx.arn(
                    AUTOSCALING,
                    region,
                    &format!("autoScalingGroup:*:autoScalingGroupName/{name}"),
                )
            }),
        region: region.to_string(),
        availability_zones: group.availability_zones().to_vec(),
        // "The default is EC2" (Auto Scaling API reference, HealthCheckType).
        health_check_type: group.health_check_type().unwrap_or("EC2").to_string(),
        load_balancers,
        // Capacity Rebalancing is off unless turned on (CapacityRebalance: absent is false).
        capacity_rebalance: group.capacity_rebalance().unwrap_or(false),
        min_size: group.min_size(),
        max_size: group.max_size(),
        // Read by no check; only the output's resource details show it.
        desired_capacity: group.desired_capacity().unwrap_or_default(),
        launch: launch(group),
        tags: crate::convert::tags(group.tags().iter().map(|t| (t.key(), t.value()))),
        name,
    })
}

fn launch(group: &SdkGroup) -> Launch {
    let template =
        |spec: &LaunchTemplateSpecification, override_types, overrides_incomplete, uses_spot| {
            spec.launch_template_id()
                .or(spec.launch_template_name())
                .map(|template| Launch::Template {
                    template: template.to_string(),
                    // "If the value is not specified, Amazon EC2 Auto Scaling uses the default
                    // version of the launch template" (LaunchTemplateSpecification.Version).
                    version: spec.version().unwrap_or("$Default").to_string(),
                    override_types,
                    overrides_incomplete,
                    uses_spot,
                })
        };
    if let Some(name) = group.launch_configuration_name() {
        return Launch::Configuration {
            name: name.to_string(),
        };
    }
    if let Some(spec) = group.launch_template() {
        return template(spec, Vec::new(), false, false).unwrap_or(Launch::Unknown);
    }
    if let Some(policy) = group.mixed_instances_policy() {
        let on_demand_percentage = policy
            .instances_distribution()
            .and_then(|d| d.on_demand_percentage_above_base_capacity())
            // The API default is 100% On-Demand above the base.
            .unwrap_or(100);
        let all = policy
            .launch_template()
            .map(|t| t.overrides())
            // Overrides are optional: absent means the launch template's own type only.
            .unwrap_or_default();
        let overrides: Vec<String> = all
            .iter()
            .filter_map(|o| o.instance_type().map(str::to_string))
            .collect();
        // An override names an instance type or instance requirements; one with neither is an
        // answer cut short, so the types the group launches are unknown.
        let incomplete = all
            .iter()
            .any(|o| o.instance_type().is_none() && o.instance_requirements().is_none());
        if let Some(spec) = policy
            .launch_template()
            .and_then(|t| t.launch_template_specification())
        {
            return template(spec, overrides, incomplete, on_demand_percentage < 100)
                .unwrap_or(Launch::Unknown);
        }
    }
    Launch::Unknown
}

/// A configuration without its name cannot be matched to the groups that use it (it was "").
fn launch_configuration(
    ctx: &Ctx,
    region: &str,
    configuration: &aws_sdk_autoscaling::types::LaunchConfiguration,
) -> Result<LaunchConfiguration, Gap> {
    let metadata = configuration.metadata_options();
    Ok(LaunchConfiguration {
        name: ctx.required_str(
            Call::new(AUTOSCALING, "DescribeLaunchConfigurations").region(region),
            "LaunchConfigurationName",
            configuration.launch_configuration_name(),
        )?,
        instance_type: configuration
            .instance_type()
            .filter(|t| !t.is_empty())
            .map(str::to_string),
        http_tokens: metadata
            .and_then(|m| m.http_tokens())
            .map(|t| t.as_str().to_string()),
        http_endpoint: metadata
            .and_then(|m| m.http_endpoint())
            .map(|e| e.as_str().to_string()),
    })
}

/// A version without its template id, name, number or default flag cannot be matched to the
/// groups that launch it (it was "", 0 and not the default): a gap for the region's versions.
fn launch_template_version(
    ctx: &Ctx,
    region: &str,
    version: &aws_sdk_ec2::types::LaunchTemplateVersion,
) -> Result<LaunchTemplateVersion, Gap> {
    let data = version.launch_template_data();
    let metadata = data.and_then(|d| d.metadata_options());
    let at = Call::new("ec2", "DescribeLaunchTemplateVersions").region(region);
    let template_id = ctx.required_str(at, "LaunchTemplateId", version.launch_template_id())?;
    let at = at.resource(&template_id);
    Ok(LaunchTemplateVersion {
        template_name: ctx.required_str(
            at,
            "LaunchTemplateName",
            version.launch_template_name(),
        )?,
        version: ctx.required(at, "VersionNumber", version.version_number())?,
        is_default: ctx.required(at, "DefaultVersion", version.default_version())?,
        template_id,
        instance_type: data
            .and_then(|d| d.instance_type())
            .map(|t| t.as_str().to_string()),
        uses_instance_requirements: data.is_some_and(|d| d.instance_requirements().is_some()),
        http_tokens: metadata
            .and_then(|m| m.http_tokens())
            .map(|t| t.as_str().to_string()),
        http_endpoint: metadata
            .and_then(|m| m.http_endpoint())
            .map(|e| e.as_str().to_string()),
    })
}

#[cfg(test)]
mod tests {
    use aws_sdk_autoscaling::types::LaunchConfiguration as SdkConfiguration;
    use aws_sdk_ec2::types::LaunchTemplateVersion as SdkVersion;

    use super::*;
    use crate::collect::tests::test_ctx;

    /// Issue #14: a group or launch configuration without its name was named "", a template
    /// version without its number or default flag read as version 0, not the default (the
    /// groups launching it then matched nothing).
    #[test]
    fn groups_configurations_and_versions_without_their_identity_are_gaps() {
        let ctx = test_ctx();
        let group = SdkGroup::builder().min_size(1).max_size(3).build();
        let gap = auto_scaling_group(&ctx, "eu-west-1", &group).expect_err("gap");
        assert_eq!(gap.message, "the answer has no AutoScalingGroupName");
        let configuration = SdkConfiguration::builder()
            .instance_type("t3.micro")
            .build();
        let gap = launch_configuration(&ctx, "eu-west-1", &configuration).expect_err("gap");
        assert_eq!(gap.message, "the answer has no LaunchConfigurationName");
        let version = |number: Option<i64>| {
            SdkVersion::builder()
                .launch_template_id("lt-1")
                .launch_template_name("web")
                .set_version_number(number)
                .default_version(true)
                .build()
        };
        let read = launch_template_version(&ctx, "eu-west-1", &version(Some(4))).expect("read");
        assert_eq!((read.version, read.is_default), (4, true));
        let gap = launch_template_version(&ctx, "eu-west-1", &version(None)).expect_err("gap");
        assert_eq!(
            (gap.resource.as_deref(), gap.message.as_str()),
            (Some("lt-1"), "the answer has no VersionNumber")
        );
        assert_eq!(ctx.take_errors().len(), 3);
    }
}
