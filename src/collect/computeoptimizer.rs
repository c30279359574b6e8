//! AWS Compute Optimizer: the account's enrollment (once, in the first scanned region), then, when
//! it is `Active`, per region the EC2 instance, Auto Scaling group, EBS volume, Lambda function,
//! ECS service (Fargate) and RDS DB instance recommendations (each paged by token, all concurrent). A not-enrolled account has no
//! recommendations to read: those slots say why instead.

use std::collections::BTreeMap;

use aws_sdk_computeoptimizer::Client;
use futures::future::join_all;
use wascan_checks::model::computeoptimizer::*;
use wascan_checks::model::{ErrorKind, Fetched, Gap};

use super::calls::{every, Call, Ctx};

const COMPUTEOPTIMIZER: &str = "computeoptimizer";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_computeoptimizer::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> ComputeOptimizer {
    let Some(first) = regions.first() else {
        return ComputeOptimizer::default();
    };
    let enrollment: Fetched<String> = ctx
        .call(
            Call::new(COMPUTEOPTIMIZER, "GetEnrollmentStatus").region(first),
            client(ctx, first).get_enrollment_status().send(),
        )
        .await
        // Without its status the account read as not enrolled "(status )".
        .and_then(|out| {
            ctx.required_str(
                Call::new(COMPUTEOPTIMIZER, "GetEnrollmentStatus").region(first),
                "status",
                out.status().map(|s| s.as_str()),
            )
        })
        .into();
    let regions = match &enrollment {
        Fetched::Ok(status) if status == "Active" => {
            let per_region = join_all(regions.iter().map(|region| async move {
                collect_region(ctx, &client(ctx, region), region).await
            }))
            .await;
            regions.iter().cloned().zip(per_region).collect()
        }
        Fetched::Ok(status) => {
            let gap = |operation: &str| {
                Fetched::Failed(Gap {
                    service: COMPUTEOPTIMIZER.into(),
                    region: None,
                    operation: operation.into(),
                    resource: None,
                    kind: ErrorKind::Other,
                    message: format!(
                        "the account is not enrolled in Compute Optimizer (status {status})"
                    ),
                })
            };
            regions
                .iter()
                .map(|region| {
                    (
                        region.clone(),
                        ComputeOptimizerRegion {
                            instances: gap("GetEC2InstanceRecommendations"),
                            auto_scaling_groups: gap("GetAutoScalingGroupRecommendations"),
                            volumes: gap("GetEBSVolumeRecommendations"),
                            lambda_functions: gap("GetLambdaFunctionRecommendations"),
                            ecs_services: gap("GetECSServiceRecommendations"),
                            rds_databases: gap("GetRDSDatabaseRecommendations"),
                        },
                    )
                })
                .collect()
        }
        Fetched::Failed(gap) => regions
            .iter()
            .map(|region| {
                (
                    region.clone(),
                    ComputeOptimizerRegion {
                        instances: Fetched::Failed(gap.clone()),
                        auto_scaling_groups: Fetched::Failed(gap.clone()),
                        volumes: Fetched::Failed(gap.clone()),
                        lambda_functions: Fetched::Failed(gap.clone()),
                        ecs_services: Fetched::Failed(gap.clone()),
                        rds_databases: Fetched::Failed(gap.clone()),
                    },
                )
            })
            .collect::<BTreeMap<_, _>>(),
    };
    ComputeOptimizer {
        enrollment,
        regions,
    }
}

/// `Overprovisioned`, `OVER_PROVISIONED`, `NotOptimized` all become `OVER_PROVISIONED`-style.
fn normalise(finding: &str) -> String {
    let mut out = String::new();
    for (i, c) in finding.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 && !finding.contains('_') {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
    }
    out.replace("OVERPROVISIONED", "OVER_PROVISIONED")
        .replace("UNDERPROVISIONED", "UNDER_PROVISIONED")
}

/// A recommendation's resource ARN and its normalised finding. Without the ARN the resource
/// cannot be named (it was ""); without the finding it read as "" and passed, since only
/// named findings fail. The region's list fails with the gap.
fn identify(
    ctx: &Ctx,
    at: Call<'_>,
    member: &str,
    arn: Option<&str>,
    finding: Option<&str>,
) -> Result<(String, String), Gap> {
    let arn = ctx.required_str(at, member, arn)?;
    let finding = ctx.required_enum(at.resource(&arn), "finding", finding.unwrap_or_default())?;
    Ok((arn, normalise(&finding)))
}

fn name_from_arn(arn: &str) -> String {
    arn.rsplit(['/', ':']).next().unwrap_or(arn).to_string()
}

async fn collect_region(ctx: &Ctx, co: &Client, region: &str) -> ComputeOptimizerRegion {
    let (instances, auto_scaling_groups, volumes, lambda_functions, ecs_services, rds_databases) = futures::join!(
        ctx.token_pages(
            Call::new(COMPUTEOPTIMIZER, "GetEC2InstanceRecommendations").region(region),
            |token| co
                .get_ec2_instance_recommendations()
                .set_next_token(token)
                .send(),
            |page| page
                .instance_recommendations()
                .iter()
                .map(|r| {
                    let (arn, finding) = identify(
                        ctx,
                        Call::new(COMPUTEOPTIMIZER, "GetEC2InstanceRecommendations").region(region),
                        "instanceArn",
                        r.instance_arn(),
                        r.finding().map(|f| f.as_str()),
                    )?;
                    Ok(Recommendation {
                        region: region.to_string(),
                        kind: "AWS::EC2::Instance".into(),
                        name: r
                            .instance_name()
                            .filter(|n| !n.is_empty())
                            .map(str::to_string)
                            .unwrap_or_else(|| name_from_arn(&arn)),
                        finding,
                        reasons: r
                            .finding_reason_codes()
                            .iter()
                            .map(|c| c.as_str().to_string())
                            .collect(),
                        // `current` only describes the resource in the message.
                        current: r.current_instance_type().unwrap_or_default().to_string(),
                        recommended: r
                            .recommendation_options()
                            .iter()
                            .find(|o| o.rank() == 1)
                            .and_then(|o| o.instance_type())
                            .map(str::to_string),
                        arn,
                    })
                })
                .collect::<Vec<_>>(),
            |page| page.next_token(),
        ),
        ctx.token_pages(
            Call::new(COMPUTEOPTIMIZER, "GetAutoScalingGroupRecommendations").region(region),
            |token| co
                .get_auto_scaling_group_recommendations()
                .set_next_token(token)
                .send(),
            |page| page
                .auto_scaling_group_recommendations()
                .iter()
                .map(|r| {
                    let (arn, finding) = identify(
                        ctx,
                        Call::new(COMPUTEOPTIMIZER, "GetAutoScalingGroupRecommendations")
                            .region(region),
                        "autoScalingGroupArn",
                        r.auto_scaling_group_arn(),
                        r.finding().map(|f| f.as_str()),
                    )?;
                    Ok(Recommendation {
                        region: region.to_string(),
                        kind: "AWS::AutoScaling::AutoScalingGroup".into(),
                        name: r
                            .auto_scaling_group_name()
                            .map(str::to_string)
                            .unwrap_or_else(|| name_from_arn(&arn)),
                        finding,
                        reasons: Vec::new(),
                        current: r
                            .current_configuration()
                            .and_then(|c| c.instance_type())
                            .unwrap_or_default()
                            .to_string(),
                        recommended: r
                            .recommendation_options()
                            .iter()
                            .find(|o| o.rank() == 1)
                            .and_then(|o| o.configuration())
                            .and_then(|c| c.instance_type())
                            .map(str::to_string),
                        arn,
                    })
                })
                .collect::<Vec<_>>(),
            |page| page.next_token(),
        ),
        ctx.token_pages(
            Call::new(COMPUTEOPTIMIZER, "GetEBSVolumeRecommendations").region(region),
            |token| co
                .get_ebs_volume_recommendations()
                .set_next_token(token)
                .send(),
            |page| page
                .volume_recommendations()
                .iter()
                .map(|r| {
                    let (arn, finding) = identify(
                        ctx,
                        Call::new(COMPUTEOPTIMIZER, "GetEBSVolumeRecommendations").region(region),
                        "volumeArn",
                        r.volume_arn(),
                        r.finding().map(|f| f.as_str()),
                    )?;
                    Ok(Recommendation {
                        region: region.to_string(),
                        kind: "AWS::EC2::Volume".into(),
                        name: name_from_arn(&arn),
                        finding,
                        reasons: Vec::new(),
                        current: r
                            .current_configuration()
                            .and_then(|c| c.volume_type())
                            .unwrap_or_default()
                            .to_string(),
                        recommended: r
                            .volume_recommendation_options()
                            .iter()
                            .find(|o| o.rank() == 1)
                            .and_then(|o| o.configuration())
                            .and_then(|c| c.volume_type())
                            .map(str::to_string),
                        arn,
                    })
                })
                .collect::<Vec<_>>(),
            |page| page.next_token(),
        ),
        ctx.token_pages(
            Call::new(COMPUTEOPTIMIZER, "GetLambdaFunctionRecommendations").region(region),
            |token| co
                .get_lambda_function_recommendations()
                .set_next_token(token)
                .send(),
            |page| page
                .lambda_function_recommendations()
                .iter()
                .map(|r| {
                    let (arn, finding) = identify(
                        ctx,
                        Call::new(COMPUTEOPTIMIZER, "GetLambdaFunctionRecommendations")
                            .region(region),
                        "functionArn",
                        r.function_arn(),
                        r.finding().map(|f| f.as_str()),
                    )?;
                    // Function ARNs end with the version: `function:NAME:$LATEST`.
                    let name = arn.split(':').nth(6).unwrap_or(&arn).to_string();
                    Ok(Recommendation {
                        region: region.to_string(),
                        kind: "AWS::Lambda::Function".into(),
                        name,
                        finding,
                        reasons: r
                            .finding_reason_codes()
                            .iter()
                            .map(|c| c.as_str().to_string())
                            .collect(),
                        current: format!("{} MB", r.current_memory_size()),
                        recommended: r
                            .memory_size_recommendation_options()
                            .iter()
                            .find(|o| o.rank() == 1)
                            .map(|o| format!("{} MB", o.memory_size())),
                        arn,
                    })
                })
                .collect::<Vec<_>>(),
            |page| page.next_token(),
        ),
        ctx.token_pages(
            Call::new(COMPUTEOPTIMIZER, "GetECSServiceRecommendations").region(region),
            |token| co
                .get_ecs_service_recommendations()
                .set_next_token(token)
                .send(),
            |page| page
                .ecs_service_recommendations()
                .iter()
                .map(|r| {
                    let (arn, finding) = identify(
                        ctx,
                        Call::new(COMPUTEOPTIMIZER, "GetECSServiceRecommendations").region(region),
                        "serviceArn",
                        r.service_arn(),
                        r.finding().map(|f| f.as_str()),
                    )?;
                    let size = |cpu: Option<i32>, memory: Option<i32>| match (cpu, memory) {
                        (Some(cpu), Some(memory)) => Some(format!("{cpu} CPU units, {memory} MiB")),
                        _ => None,
                    };
                    Ok(Recommendation {
                        region: region.to_string(),
                        kind: "AWS::ECS::Service".into(),
                        name: name_from_arn(&arn),
                        finding,
                        reasons: r
                            .finding_reason_codes()
                            .iter()
                            .map(|c| c.as_str().to_string())
                            .collect(),
                        // `current` only describes the resource in the message.
                        current: r
                            .current_service_configuration()
                            .and_then(|c| size(c.cpu(), c.memory()))
                            .unwrap_or_default(),
                        // The options are not ranked: the first is the recommendation.
                        recommended: r
                            .service_recommendation_options()
                            .first()
                            .and_then(|o| size(o.cpu(), o.memory())),
                        arn,
                    })
                })
                .collect::<Vec<_>>(),
            |page| page.next_token(),
        ),
        ctx.token_pages(
            Call::new(COMPUTEOPTIMIZER, "GetRDSDatabaseRecommendations").region(region),
            |token| co
                .get_rds_database_recommendations()
                .set_next_token(token)
                .send(),
            |page| page
                .rds_db_recommendations()
                .iter()
                .map(|r| {
                    let (arn, finding) = identify(
                        ctx,
                        Call::new(COMPUTEOPTIMIZER, "GetRDSDatabaseRecommendations").region(region),
                        "resourceArn",
                        r.resource_arn(),
                        r.instance_finding().map(|f| f.as_str()),
                    )?;
                    let mut reasons: Vec<String> = r
                        .instance_finding_reason_codes()
                        .iter()
                        .map(|c| c.as_str().to_string())
                        .collect();
                    if r.idle().is_some_and(|i| i.as_str() == "True") {
                        reasons.push("Idle".into());
                    }
                    Ok(Recommendation {
                        region: region.to_string(),
                        kind: "AWS::RDS::DBInstance".into(),
                        name: name_from_arn(&arn),
                        finding,
                        reasons,
                        // `current` only describes the resource in the message.
                        current: r
                            .current_db_instance_class()
                            .unwrap_or_default()
                            .to_string(),
                        recommended: r
                            .instance_recommendation_options()
                            .iter()
                            .find(|o| o.rank() == 1)
                            .and_then(|o| o.db_instance_class())
                            .map(str::to_string),
                        arn,
                    })
                })
                .collect::<Vec<_>>(),
            |page| page.next_token(),
        ),
    );
    ComputeOptimizerRegion {
        instances: every(instances).into(),
        auto_scaling_groups: every(auto_scaling_groups).into(),
        volumes: every(volumes).into(),
        lambda_functions: every(lambda_functions).into(),
        ecs_services: every(ecs_services).into(),
        rds_databases: every(rds_databases).into(),
    }
}

#[cfg(test)]
mod tests {
    use aws_sdk_computeoptimizer::operation::get_auto_scaling_group_recommendations::GetAutoScalingGroupRecommendationsOutput;
    use aws_sdk_computeoptimizer::operation::get_ebs_volume_recommendations::GetEbsVolumeRecommendationsOutput;
    use aws_sdk_computeoptimizer::operation::get_ec2_instance_recommendations::GetEc2InstanceRecommendationsOutput;
    use aws_sdk_computeoptimizer::operation::get_ecs_service_recommendations::GetEcsServiceRecommendationsOutput;
    use aws_sdk_computeoptimizer::operation::get_lambda_function_recommendations::GetLambdaFunctionRecommendationsError;
    use aws_sdk_computeoptimizer::operation::get_rds_database_recommendations::GetRdsDatabaseRecommendationsOutput;
    use aws_sdk_computeoptimizer::types::{
        EcsServiceRecommendation, EcsServiceRecommendationFinding, EcsServiceRecommendationOption,
        Finding as SdkFinding, Idle, InstanceRecommendation, RdsInstanceFinding,
        RdsdbInstanceRecommendationOption, RdsdbRecommendation, ServiceConfiguration,
    };
    use aws_smithy_mocks::{mock, mock_client, RuleMode};

    use super::*;
    use crate::collect::tests::test_ctx;

    /// EC2 recommendations over two pages with the finding spelt one way; a refused Lambda
    /// listing is a gap while the other kinds are read.
    #[tokio::test]
    async fn recommendations_are_read_over_pages_and_a_refused_kind_is_a_gap() {
        let instance = |name: &str, finding: SdkFinding| {
            InstanceRecommendation::builder()
                .instance_arn(format!(
                    "arn:aws:ec2:us-east-1:123456789012:instance/i-{name}"
                ))
                .instance_name(name)
                .current_instance_type("m5.2xlarge")
                .finding(finding)
                .build()
        };
        let first = mock!(Client::get_ec2_instance_recommendations)
            .match_requests(|req| req.next_token().is_none())
            .then_output(move || {
                GetEc2InstanceRecommendationsOutput::builder()
                    .instance_recommendations(instance(
                        "batch",
                        SdkFinding::from("Overprovisioned"),
                    ))
                    .next_token("page-2")
                    .build()
            });
        let second = mock!(Client::get_ec2_instance_recommendations)
            .match_requests(|req| req.next_token() == Some("page-2"))
            .then_output(move || {
                GetEc2InstanceRecommendationsOutput::builder()
                    .instance_recommendations(instance("web", SdkFinding::from("Optimized")))
                    .build()
            });
        let groups = mock!(Client::get_auto_scaling_group_recommendations)
            .then_output(|| GetAutoScalingGroupRecommendationsOutput::builder().build());
        let volumes = mock!(Client::get_ebs_volume_recommendations)
            .then_output(|| GetEbsVolumeRecommendationsOutput::builder().build());
        let refused = mock!(Client::get_lambda_function_recommendations).then_error(|| {
            GetLambdaFunctionRecommendationsError::generic(
                aws_smithy_types::error::ErrorMetadata::builder()
                    .code("AccessDeniedException")
                    .message("not allowed")
                    .build(),
            )
        });
        let ecs = mock!(Client::get_ecs_service_recommendations).then_output(|| {
            GetEcsServiceRecommendationsOutput::builder()
                .ecs_service_recommendations(
                    EcsServiceRecommendation::builder()
                        .service_arn("arn:aws:ecs:us-east-1:123456789012:service/prod/api")
                        .finding(EcsServiceRecommendationFinding::from("Overprovisioned"))
                        .current_service_configuration(
                            ServiceConfiguration::builder()
                                .cpu(2048)
                                .memory(4096)
                                .build(),
                        )
                        .service_recommendation_options(
                            EcsServiceRecommendationOption::builder()
                                .cpu(1024)
                                .memory(2048)
                                .build(),
                        )
                        .build(),
                )
                .build()
        });
        let rds = mock!(Client::get_rds_database_recommendations).then_output(|| {
            GetRdsDatabaseRecommendationsOutput::builder()
                .rds_db_recommendations(
                    RdsdbRecommendation::builder()
                        .resource_arn("arn:aws:rds:us-east-1:123456789012:db:orders")
                        .instance_finding(RdsInstanceFinding::from("Overprovisioned"))
                        .idle(Idle::True)
                        .current_db_instance_class("db.r6g.2xlarge")
                        .instance_recommendation_options(
                            RdsdbInstanceRecommendationOption::builder()
                                .rank(1)
                                .db_instance_class("db.r6g.large")
                                .build(),
                        )
                        .build(),
                )
                .build()
        });
        let client = mock_client!(
            aws_sdk_computeoptimizer,
            RuleMode::MatchAny,
            &[&first, &second, &groups, &volumes, &refused, &ecs, &rds]
        );
        let ctx = test_ctx();

        let region = collect_region(&ctx, &client, "us-east-1").await;

        let Fetched::Ok(instances) = region.instances else {
            panic!("instances not read: {:?}", region.instances)
        };
        let read: Vec<(&str, &str)> = instances
            .iter()
            .map(|r| (r.name.as_str(), r.finding.as_str()))
            .collect();
        assert_eq!(read, [("batch", "OVER_PROVISIONED"), ("web", "OPTIMIZED")]);
        assert_eq!(instances[0].current, "m5.2xlarge");
        assert_eq!(region.volumes, Fetched::Ok(vec![]));
        let Fetched::Ok(services) = &region.ecs_services else {
            panic!("ECS services not read: {:?}", region.ecs_services)
        };
        assert_eq!(
            (
                services[0].name.as_str(),
                services[0].finding.as_str(),
                services[0].current.as_str(),
                services[0].recommended.as_deref()
            ),
            (
                "api",
                "OVER_PROVISIONED",
                "2048 CPU units, 4096 MiB",
                Some("1024 CPU units, 2048 MiB")
            )
        );
        let Fetched::Ok(databases) = &region.rds_databases else {
            panic!("RDS not read: {:?}", region.rds_databases)
        };
        assert_eq!(
            (
                databases[0].name.as_str(),
                databases[0].finding.as_str(),
                databases[0].reasons.clone(),
                databases[0].recommended.as_deref()
            ),
            (
                "orders",
                "OVER_PROVISIONED",
                vec!["Idle".to_string()],
                Some("db.r6g.large")
            )
        );
        match region.lambda_functions {
            Fetched::Failed(gap) => {
                assert_eq!(gap.operation, "GetLambdaFunctionRecommendations");
                assert_eq!(gap.kind, ErrorKind::AccessDenied);
            }
            other => panic!("expected a gap, got {other:?}"),
        }
    }

    /// Compute Optimizer spells its findings differently per resource type (EC2 `Overprovisioned`,
    /// EBS `NotOptimized`, Lambda `NOT_OPTIMIZED`...): the checks compare one spelling.
    #[test]
    fn findings_of_every_resource_type_get_one_spelling() {
        for (given, expected) in [
            ("Overprovisioned", "OVER_PROVISIONED"),
            ("Underprovisioned", "UNDER_PROVISIONED"),
            ("OVER_PROVISIONED", "OVER_PROVISIONED"),
            ("UNDER_PROVISIONED", "UNDER_PROVISIONED"),
            ("NotOptimized", "NOT_OPTIMIZED"),
            ("NOT_OPTIMIZED", "NOT_OPTIMIZED"),
            ("Optimized", "OPTIMIZED"),
            ("Unavailable", "UNAVAILABLE"),
        ] {
            assert_eq!(normalise(given), expected, "{given}");
        }
    }

    #[test]
    fn names_come_from_the_end_of_the_arn() {
        assert_eq!(
            name_from_arn("arn:aws:ec2:us-east-1:123456789012:instance/i-0abc"),
            "i-0abc"
        );
        assert_eq!(
            name_from_arn("arn:aws:lambda:us-east-1:123456789012:function:orders-api"),
            "orders-api"
        );
        assert_eq!(name_from_arn("plain"), "plain");
    }

    /// Issue #14: a recommendation without its finding read as "" and passed (only named
    /// findings fail); one without its ARN named a resource "".
    #[test]
    fn a_recommendation_without_its_arn_or_finding_is_a_gap() {
        let ctx = test_ctx();
        let at = Call::new(COMPUTEOPTIMIZER, "GetEC2InstanceRecommendations").region("eu-west-1");
        let arn = "arn:aws:ec2:eu-west-1:123456789012:instance/i-1";
        assert_eq!(
            identify(&ctx, at, "instanceArn", Some(arn), Some("Overprovisioned")),
            Ok((arn.to_string(), "OVER_PROVISIONED".to_string()))
        );
        let gap = identify(&ctx, at, "instanceArn", Some(arn), None).expect_err("gap");
        assert_eq!(
            (gap.resource.as_deref(), gap.message.as_str()),
            (Some(arn), "the answer has no finding")
        );
        let gap = identify(&ctx, at, "instanceArn", None, Some("Optimized")).expect_err("gap");
        assert_eq!(gap.message, "the answer has no instanceArn");
        assert_eq!(ctx.take_errors().len(), 2);
    }
}
