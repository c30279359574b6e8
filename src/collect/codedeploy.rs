//! CodeDeploy, per region: `ListApplications`, each application's `ListDeploymentGroups` (both
//! paginated) and `GetDeploymentGroup` for each group. moto 5.2.5 serves these (not the bulk
//! `BatchGetDeploymentGroups`), so the collector runs end to end against the demo account.

use std::collections::BTreeMap;

use aws_sdk_codedeploy::Client;
use futures::future::join_all;
use wascan_checks::model::codedeploy::*;
use wascan_checks::model::{CodeDeployRegion, Gap};

use super::calls::{Call, Ctx};

const CODEDEPLOY: &str = "codedeploy";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_codedeploy::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, CodeDeployRegion> {
    let per_region = join_all(regions.iter().map(|region| async move {
        CodeDeployRegion {
            deployment_groups: deployment_groups(ctx, &client(ctx, region), region)
                .await
                .into(),
        }
    }))
    .await;
    regions.iter().cloned().zip(per_region).collect()
}

async fn deployment_groups(
    ctx: &Ctx,
    codedeploy: &Client,
    region: &str,
) -> Result<Vec<DeploymentGroup>, Gap> {
    let applications = ctx
        .pages(
            Call::new(CODEDEPLOY, "ListApplications").region(region),
            codedeploy.list_applications().into_paginator().send(),
            |page| page.applications().to_vec(),
        )
        .await?;
    let names = join_all(applications.iter().map(|application| async move {
        ctx.pages(
            Call::new(CODEDEPLOY, "ListDeploymentGroups")
                .region(region)
                .resource(application),
            codedeploy
                .list_deployment_groups()
                .application_name(application)
                .into_paginator()
                .send(),
            |page| {
                page.deployment_groups()
                    .iter()
                    .map(|group| (application.clone(), group.clone()))
                    .collect()
            },
        )
        .await
    }))
    .await
    .into_iter()
    .collect::<Result<Vec<_>, Gap>>()?;
    ctx.per_resource(
        names.into_iter().flatten().map(|(application, name)| {
            deployment_group(ctx, codedeploy, region, application, name)
        }),
    )
    .await
    .into_iter()
    .collect()
}

async fn deployment_group(
    ctx: &Ctx,
    codedeploy: &Client,
    region: &str,
    application: String,
    name: String,
) -> Result<DeploymentGroup, Gap> {
    let id = format!("{application}/{name}");
    let at = Call::new(CODEDEPLOY, "GetDeploymentGroup")
        .region(region)
        .resource(&id);
    let out = ctx
        .call(
            at,
            codedeploy
                .get_deployment_group()
                .application_name(&application)
                .deployment_group_name(&name)
                .send(),
        )
        .await?;
    let info = ctx.required(at, "deploymentGroupInfo", out.deployment_group_info())?;
    // API reference (AutoRollbackConfiguration): rollback happens only when it is present and
    // enabled, so an absent configuration is "no automatic rollback", not unknown.
    let rollback = info.auto_rollback_configuration();
    Ok(DeploymentGroup {
        arn: ctx.arn(
            CODEDEPLOY,
            region,
            &format!("deploymentgroup:{application}/{name}"),
        ),
        region: region.to_string(),
        compute_platform: info.compute_platform().map(|p| p.as_str().to_string()),
        deployment_type: info
            .deployment_style()
            .and_then(|style| style.deployment_type())
            .map(|t| t.as_str().to_string()),
        deployment_config_name: info.deployment_config_name().map(str::to_string),
        auto_rollback_enabled: rollback.is_some_and(|r| r.enabled()),
        // No autoRollbackConfiguration: automatic rollback is off, so no events (CodeDeploy API
        // reference, AutoRollbackConfiguration); the checks can only fail on it.
        auto_rollback_events: rollback
            .map(|r| r.events().iter().map(|e| e.as_str().to_string()).collect())
            .unwrap_or_default(),
        application,
        name,
    })
}
