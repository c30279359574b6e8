//! ECS, per region: the clusters (`ListClusters`, then `DescribeClusters` 100 at a time with their
//! settings and tags), and the task definition families (`ListTaskDefinitionFamilies`, active
//! only) with `DescribeTaskDefinition` of each family's latest active revision (no bulk form).

use std::collections::BTreeMap;

use aws_sdk_ecs::types::{
    ClusterField, ClusterSettingName, TaskDefinitionFamilyStatus, TaskDefinitionField,
};
use aws_sdk_ecs::Client;
use futures::future::join_all;
use wascan_checks::model::ecs::*;
use wascan_checks::model::{EcsRegion, ErrorKind, Gap};
use wascan_checks::secrets::SecretHit;

use super::calls::{Call, Ctx};

const ECS: &str = "ecs";
/// The most clusters one `DescribeClusters` call accepts.
const DESCRIBE_CLUSTERS_BATCH: usize = 100;

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_ecs::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, EcsRegion> {
    let per_region = join_all(regions.iter().map(|region| collect_region(ctx, region))).await;
    regions.iter().cloned().zip(per_region).collect()
}

async fn collect_region(ctx: &Ctx, region: &str) -> EcsRegion {
    let ecs = client(ctx, region);
    let (clusters, task_definitions) = futures::join!(
        collect_clusters(ctx, &ecs, region),
        collect_task_definitions(ctx, &ecs, region)
    );
    let services = match &clusters {
        Ok(clusters) => collect_services(ctx, &ecs, region, clusters).await,
        Err(gap) => Err(gap.clone()),
    };
    EcsRegion {
        clusters: clusters.into(),
        task_definitions: task_definitions.into(),
        services: services.into(),
    }
}

/// The most services one `DescribeServices` call accepts.
const DESCRIBE_SERVICES_BATCH: usize = 10;

/// Every service of every cluster: `ListServices` per cluster, then `DescribeServices` 10 at a
/// time. A service that cannot be described fails the region's list (its gap recorded).
async fn collect_services(
    ctx: &Ctx,
    ecs: &Client,
    region: &str,
    clusters: &[EcsCluster],
) -> Result<Vec<EcsService>, Gap> {
    let per_cluster = ctx
        .per_resource(clusters.iter().map(|cluster| async move {
            let arns = ctx
                .pages(
                    Call::new(ECS, "ListServices")
                        .region(region)
                        .resource(&cluster.name),
                    ecs.list_services()
                        .cluster(&cluster.arn)
                        .into_paginator()
                        .send(),
                    |page| page.service_arns().to_vec(),
                )
                .await?;
            let mut services = Vec::new();
            for batch in arns.chunks(DESCRIBE_SERVICES_BATCH) {
                let at = Call::new(ECS, "DescribeServices")
                    .region(region)
                    .resource(&cluster.name);
                let described = ctx
                    .call(
                        at,
                        ecs.describe_services()
                            .cluster(&cluster.arn)
                            .set_services(Some(batch.to_vec()))
                            .send(),
                    )
                    .await?;
                if let Some(failure) = described.failures().first() {
                    return Err(ctx.record(Gap {
                        service: ECS.into(),
                        region: Some(region.to_string()),
                        operation: "DescribeServices".into(),
                        resource: failure.arn().map(str::to_string),
                        kind: ErrorKind::Other,
                        message: failure
                            .reason()
                            .unwrap_or("the service could not be described")
                            .to_string(),
                    }));
                }
                for service in described.services() {
                    services.push(ecs_service(ctx, at, region, &cluster.name, service)?);
                }
            }
            Ok::<_, Gap>(services)
        }))
        .await;
    let mut services = Vec::new();
    for cluster in per_cluster {
        services.extend(cluster?);
    }
    Ok(services)
}

fn ecs_service(
    ctx: &Ctx,
    at: Call<'_>,
    region: &str,
    cluster: &str,
    service: &aws_sdk_ecs::types::Service,
) -> Result<EcsService, Gap> {
    let name = ctx.required_str(at, "serviceName", service.service_name())?;
    let configuration = service.deployment_configuration();
    Ok(EcsService {
        arn: service
            .service_arn()
            .map(str::to_string)
            .unwrap_or_else(|| ctx.arn(ECS, region, &format!("service/{cluster}/{name}"))),
        region: region.to_string(),
        cluster: cluster.to_string(),
        deployment_controller: service
            .deployment_controller()
            .map(|controller| controller.r#type().as_str().to_string())
            .filter(|kind| kind != super::calls::SDK_NO_VALUE),
        circuit_breaker: configuration
            .and_then(|c| c.deployment_circuit_breaker())
            .map(|breaker| (breaker.enable(), breaker.rollback())),
        alarms: configuration
            .and_then(|c| c.alarms())
            .map(|alarms| (alarms.enable(), alarms.rollback())),
        name,
    })
}

async fn collect_clusters(ctx: &Ctx, ecs: &Client, region: &str) -> Result<Vec<EcsCluster>, Gap> {
    let arns = ctx
        .pages(
            Call::new(ECS, "ListClusters").region(region),
            ecs.list_clusters().into_paginator().send(),
            |page| page.cluster_arns().to_vec(),
        )
        .await?;
    let batches = ctx
        .per_resource(arns.chunks(DESCRIBE_CLUSTERS_BATCH).map(|batch| {
            ctx.call(
                Call::new(ECS, "DescribeClusters").region(region),
                ecs.describe_clusters()
                    .set_clusters(Some(batch.to_vec()))
                    .include(ClusterField::Settings)
                    .include(ClusterField::Tags)
                    .send(),
            )
        }))
        .await;
    let mut clusters = Vec::new();
    for batch in batches {
        let batch = batch?;
        if let Some(failure) = batch.failures().first() {
            return Err(ctx.record(Gap {
                service: ECS.into(),
                region: Some(region.to_string()),
                operation: "DescribeClusters".into(),
                resource: failure.arn().map(str::to_string),
                kind: ErrorKind::Other,
                message: failure
                    .reason()
                    .unwrap_or("the cluster could not be described")
                    .to_string(),
            }));
        }
        for cluster in batch.clusters() {
            clusters.push(ecs_cluster(ctx, region, cluster)?);
        }
    }
    Ok(clusters)
}

/// A cluster without its name cannot be named in a finding (it was "" before, with an ARN
/// ending in `cluster/`): the region's list fails with the gap.
fn ecs_cluster(
    ctx: &Ctx,
    region: &str,
    cluster: &aws_sdk_ecs::types::Cluster,
) -> Result<EcsCluster, Gap> {
    let at = Call::new(ECS, "DescribeClusters").region(region);
    let name = ctx.required_str(at, "clusterName", cluster.cluster_name())?;
    Ok(EcsCluster {
        arn: cluster
            .cluster_arn()
            .map(str::to_string)
            .unwrap_or_else(|| ctx.arn(ECS, region, &format!("cluster/{name}"))),
        region: region.to_string(),
        container_insights: cluster
            .settings()
            .iter()
            .find(|s| s.name() == Some(&ClusterSettingName::ContainerInsights))
            .and_then(|s| crate::convert::non_empty(s.value())),
        tags: crate::convert::tags(cluster.tags().iter().map(|t| (t.key(), t.value()))),
        name,
    })
}

async fn collect_task_definitions(
    ctx: &Ctx,
    ecs: &Client,
    region: &str,
) -> Result<Vec<TaskDefinition>, Gap> {
    let families = ctx
        .pages(
            Call::new(ECS, "ListTaskDefinitionFamilies").region(region),
            ecs.list_task_definition_families()
                .status(TaskDefinitionFamilyStatus::Active)
                .into_paginator()
                .send(),
            |page| page.families().to_vec(),
        )
        .await?;
    let described = ctx
        .per_resource(families.iter().map(|family| async move {
            let out = ctx
                .call(
                    Call::new(ECS, "DescribeTaskDefinition")
                        .region(region)
                        .resource(family),
                    ecs.describe_task_definition()
                        .task_definition(family)
                        .include(TaskDefinitionField::Tags)
                        .send(),
                )
                .await?;
            out.task_definition()
                .map(|task| task_definition(ctx, region, task, out.tags()))
                .transpose()
        }))
        .await;
    // One family that cannot be read makes the region's list unreliable: report the gap rather
    // than silently leaving the family out.
    let described: Vec<Option<TaskDefinition>> =
        described.into_iter().collect::<Result<_, Gap>>()?;
    Ok(described.into_iter().flatten().collect())
}

fn task_definition(
    ctx: &Ctx,
    region: &str,
    task: &aws_sdk_ecs::types::TaskDefinition,
    tags: &[aws_sdk_ecs::types::Tag],
) -> Result<TaskDefinition, Gap> {
    let at = Call::new(ECS, "DescribeTaskDefinition").region(region);
    // Without its family the task definition cannot be named (it was "" before).
    let family = ctx.required_str(at, "taskDefinition.family", task.family())?;
    let at = at.resource(&family);
    let revision = task.revision();
    let platform = task.runtime_platform();
    let containers = task
        .container_definitions()
        .iter()
        .map(|c| {
            Ok(ContainerDefinition {
                name: ctx.required_str(at, "containerDefinitions.name", c.name())?,
                // ECS answers with the parameters the task definition set; an absent privileged
                // or readonlyRootFilesystem is Docker's default, false (ECS Developer Guide,
                // task definition parameters: "When this parameter is true, ...").
                privileged: c.privileged().unwrap_or(false),
                user: crate::convert::non_empty(c.user()),
                readonly_root_filesystem: c.readonly_root_filesystem().unwrap_or(false),
                log_driver: c
                    .log_configuration()
                    .map(|l| {
                        ctx.required_enum(at, "logConfiguration.logDriver", l.log_driver().as_str())
                    })
                    .transpose()?,
            })
        })
        .collect::<Result<Vec<_>, Gap>>()?;
    Ok(TaskDefinition {
        arn: task
            .task_definition_arn()
            .map(str::to_string)
            .unwrap_or_else(|| {
                ctx.arn(ECS, region, &format!("task-definition/{family}:{revision}"))
            }),
        region: region.to_string(),
        revision,
        network_mode: task.network_mode().map(|m| m.as_str().to_string()),
        requires_compatibilities: task
            .requires_compatibilities()
            .iter()
            .map(|c| c.as_str().to_string())
            .collect(),
        cpu_architecture: platform
            .and_then(|p| p.cpu_architecture())
            .map(|a| a.as_str().to_string()),
        os_family: platform
            .and_then(|p| p.operating_system_family())
            .map(|o| o.as_str().to_string()),
        containers,
        tags: crate::convert::tags(tags.iter().map(|t| (t.key(), t.value()))),
        environment_secrets: environment_secrets(ctx, at, task).into(),
        family,
    })
}

/// The secrets in the containers' environment variables, masked. A variable without a name is
/// an incomplete answer (the secret scan keys on names), never a variable without a secret; one
/// without a value has nothing to hide.
fn environment_secrets(
    ctx: &Ctx,
    at: Call<'_>,
    task: &aws_sdk_ecs::types::TaskDefinition,
) -> Result<Vec<SecretHit>, Gap> {
    let mut hits = Vec::new();
    for container in task.container_definitions() {
        let what = format!("container {}, variable", container.name().unwrap_or("?"));
        let pairs = container
            .environment()
            .iter()
            .map(|kv| {
                let name =
                    ctx.required_str(at, "containerDefinitions.environment.name", kv.name())?;
                Ok((name, kv.value().unwrap_or_default()))
            })
            .collect::<Result<Vec<_>, Gap>>()?;
        hits.extend(wascan_checks::secrets::scan_named(
            &what,
            pairs.iter().map(|(name, value)| (name.as_str(), *value)),
        ));
    }
    Ok(hits)
}

#[cfg(test)]
mod tests {
    use aws_sdk_ecs::types::{
        Cluster, ContainerDefinition as SdkContainer, LogConfiguration, TaskDefinition as SdkTask,
    };

    use super::*;
    use wascan_checks::model::Fetched;

    use crate::collect::calls::SDK_NO_VALUE;
    use crate::collect::tests::test_ctx;

    /// Issue #14: a cluster, task definition or container without its name was named "" (an
    /// ARN ending in `cluster/`, a finding id shared by all such), and a log configuration
    /// without its driver read as the driver "no value was set".
    #[test]
    fn clusters_tasks_and_containers_without_their_names_are_gaps() {
        let ctx = test_ctx();
        let named = Cluster::builder().cluster_name("web").build();
        assert_eq!(
            ecs_cluster(&ctx, "eu-west-1", &named)
                .expect("complete")
                .name,
            "web"
        );
        let gap = ecs_cluster(&ctx, "eu-west-1", &Cluster::builder().build()).expect_err("gap");
        assert_eq!(gap.message, "the answer has no clusterName");

        let container = |name: Option<&str>, driver: &str| {
            SdkContainer::builder()
                .set_name(name.map(str::to_string))
                .log_configuration(
                    LogConfiguration::builder()
                        .log_driver(driver.into())
                        .build()
                        .expect("a log driver is set"),
                )
                .build()
        };
        let task = |family: Option<&str>, c: SdkContainer| {
            SdkTask::builder()
                .set_family(family.map(str::to_string))
                .revision(3)
                .container_definitions(c)
                .build()
        };
        let read = task_definition(
            &ctx,
            "eu-west-1",
            &task(Some("api"), container(Some("app"), "awslogs")),
            &[],
        )
        .expect("complete");
        assert_eq!(read.family_revision(), "api:3");
        assert_eq!(read.containers[0].log_driver.as_deref(), Some("awslogs"));
        for (t, expected) in [
            (
                task(None, container(Some("app"), "awslogs")),
                "the answer has no taskDefinition.family",
            ),
            (
                task(Some("api"), container(None, "awslogs")),
                "the answer has no containerDefinitions.name",
            ),
            (
                task(Some("api"), container(Some("app"), SDK_NO_VALUE)),
                "the answer has no logConfiguration.logDriver",
            ),
        ] {
            let gap = task_definition(&ctx, "eu-west-1", &t, &[]).expect_err("gap");
            assert_eq!(gap.message, expected);
        }
        assert_eq!(ctx.take_errors().len(), 4);
    }

    /// Issue #14 (found by the long fault run): an environment variable without its name was
    /// skipped, so a plaintext secret passed `ecs_task_definition_no_plaintext_secrets`.
    #[test]
    fn an_environment_variable_without_its_name_is_a_gap() {
        use aws_sdk_ecs::types::KeyValuePair;
        let ctx = test_ctx();
        let task = |name: Option<&str>| {
            SdkTask::builder()
                .family("worker")
                .revision(1)
                .container_definitions(
                    SdkContainer::builder()
                        .name("app")
                        .environment(
                            KeyValuePair::builder()
                                .set_name(name.map(str::to_string))
                                .value("AKIAIOSFODNN7EXAMPLE")
                                .build(),
                        )
                        .build(),
                )
                .build()
        };
        let read = task_definition(&ctx, "eu-west-1", &task(Some("AWS_ACCESS_KEY_ID")), &[])
            .expect("complete");
        let Fetched::Ok(hits) = &read.environment_secrets else {
            panic!("read");
        };
        assert_eq!(hits.len(), 1);
        let read = task_definition(&ctx, "eu-west-1", &task(None), &[]).expect("the task");
        let Fetched::Failed(gap) = &read.environment_secrets else {
            panic!("a gap");
        };
        assert_eq!(
            gap.message,
            "the answer has no containerDefinitions.environment.name"
        );
    }

    /// moto 5.2.5 keeps no `deploymentConfiguration`: recorded responses.
    #[tokio::test]
    async fn services_are_described_ten_at_a_time_with_their_rollback_settings() {
        use aws_sdk_ecs::operation::describe_services::DescribeServicesOutput;
        use aws_sdk_ecs::operation::list_services::ListServicesOutput;
        use aws_sdk_ecs::types::{
            DeploymentAlarms, DeploymentCircuitBreaker, DeploymentConfiguration,
            DeploymentController, DeploymentControllerType, Service as SdkService,
        };
        use aws_smithy_mocks::{mock, mock_client, RuleMode};

        let arns: Vec<String> = (0..11)
            .map(|i| format!("arn:aws:ecs:eu-west-1:123456789012:service/shop/svc-{i}"))
            .collect();
        let listed = arns.clone();
        let list = mock!(Client::list_services)
            .match_requests(|req| {
                req.cluster() == Some("arn:aws:ecs:eu-west-1:123456789012:cluster/shop")
            })
            .then_output(move || {
                ListServicesOutput::builder()
                    .set_service_arns(Some(listed.clone()))
                    .build()
            });
        let describe = mock!(Client::describe_services)
            .match_requests(|req| req.services().len() <= DESCRIBE_SERVICES_BATCH)
            .then_output(|| {
                DescribeServicesOutput::builder()
                    .services(
                        SdkService::builder()
                            .service_name("checkout")
                            .service_arn("arn:aws:ecs:eu-west-1:123456789012:service/shop/checkout")
                            .deployment_controller(
                                DeploymentController::builder()
                                    .r#type(DeploymentControllerType::Ecs)
                                    .build()
                                    .expect("a controller"),
                            )
                            .deployment_configuration(
                                DeploymentConfiguration::builder()
                                    .deployment_circuit_breaker(
                                        DeploymentCircuitBreaker::builder()
                                            .enable(true)
                                            .rollback(true)
                                            .build(),
                                    )
                                    .alarms(
                                        DeploymentAlarms::builder()
                                            .alarm_names("checkout-5xx")
                                            .enable(false)
                                            .rollback(false)
                                            .build()
                                            .expect("alarms"),
                                    )
                                    .build(),
                            )
                            .build(),
                    )
                    .build()
            });
        let client = mock_client!(aws_sdk_ecs, RuleMode::MatchAny, &[&list, &describe]);
        let cluster = EcsCluster {
            arn: "arn:aws:ecs:eu-west-1:123456789012:cluster/shop".into(),
            region: "eu-west-1".into(),
            name: "shop".into(),
            container_insights: None,
            tags: Default::default(),
        };
        let ctx = test_ctx();
        let services = collect_services(&ctx, &client, "eu-west-1", &[cluster])
            .await
            .expect("services");
        // Two batches (10 + 1), one recorded service each.
        assert_eq!(services.len(), 2);
        assert_eq!(
            services[0],
            EcsService {
                arn: "arn:aws:ecs:eu-west-1:123456789012:service/shop/checkout".into(),
                region: "eu-west-1".into(),
                name: "checkout".into(),
                cluster: "shop".into(),
                deployment_controller: Some("ECS".into()),
                circuit_breaker: Some((true, true)),
                alarms: Some((false, false)),
            }
        );
        assert_eq!(arns.len(), 11);
    }
}
