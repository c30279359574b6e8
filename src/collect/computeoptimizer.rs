//! AWS Compute Optimizer: the account's enrollment (once, in the first scanned region), then, when
//! it is `Active`, per region the EC2 instance, Auto Scaling group, EBS volume and Lambda function
//! recommendations (each paged by token, all concurrent). A not-enrolled account has no
//! recommendations to read: those slots say why instead.

use std::collections::BTreeMap;

use aws_sdk_computeoptimizer::Client;
use futures::future::join_all;
use wascan_checks::model::computeoptimizer::*;
use wascan_checks::model::{ErrorKind, Fetched, Gap};

use super::calls::{Call, Ctx};

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
        .map(|out| {
            out.status()
                .map(|s| s.as_str().to_string())
                .unwrap_or_default()
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

fn name_from_arn(arn: &str) -> String {
    arn.rsplit(['/', ':']).next().unwrap_or(arn).to_string()
}

async fn collect_region(ctx: &Ctx, co: &Client, region: &str) -> ComputeOptimizerRegion {
    let (instances, auto_scaling_groups, volumes, lambda_functions) = futures::join!(
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
                    let arn = r.instance_arn().unwrap_or_default().to_string();
                    Recommendation {
                        region: region.to_string(),
                        kind: "AWS::EC2::Instance".into(),
                        name: r
                            .instance_name()
                            .filter(|n| !n.is_empty())
                            .map(str::to_string)
                            .unwrap_or_else(|| name_from_arn(&arn)),
                        finding: normalise(r.finding().map(|f| f.as_str()).unwrap_or_default()),
                        reasons: r
                            .finding_reason_codes()
                            .iter()
                            .map(|c| c.as_str().to_string())
                            .collect(),
                        current: r.current_instance_type().unwrap_or_default().to_string(),
                        recommended: r
                            .recommendation_options()
                            .iter()
                            .find(|o| o.rank() == 1)
                            .and_then(|o| o.instance_type())
                            .map(str::to_string),
                        arn,
                    }
                })
                .collect(),
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
                    let arn = r.auto_scaling_group_arn().unwrap_or_default().to_string();
                    Recommendation {
                        region: region.to_string(),
                        kind: "AWS::AutoScaling::AutoScalingGroup".into(),
                        name: r
                            .auto_scaling_group_name()
                            .map(str::to_string)
                            .unwrap_or_else(|| name_from_arn(&arn)),
                        finding: normalise(r.finding().map(|f| f.as_str()).unwrap_or_default()),
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
                    }
                })
                .collect(),
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
                    let arn = r.volume_arn().unwrap_or_default().to_string();
                    Recommendation {
                        region: region.to_string(),
                        kind: "AWS::EC2::Volume".into(),
                        name: name_from_arn(&arn),
                        finding: normalise(r.finding().map(|f| f.as_str()).unwrap_or_default()),
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
                    }
                })
                .collect(),
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
                    let arn = r.function_arn().unwrap_or_default().to_string();
                    // Function ARNs end with the version: `function:NAME:$LATEST`.
                    let name = arn.split(':').nth(6).unwrap_or(&arn).to_string();
                    Recommendation {
                        region: region.to_string(),
                        kind: "AWS::Lambda::Function".into(),
                        name,
                        finding: normalise(r.finding().map(|f| f.as_str()).unwrap_or_default()),
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
                    }
                })
                .collect(),
            |page| page.next_token(),
        ),
    );
    ComputeOptimizerRegion {
        instances: instances.into(),
        auto_scaling_groups: auto_scaling_groups.into(),
        volumes: volumes.into(),
        lambda_functions: lambda_functions.into(),
    }
}

#[cfg(test)]
mod tests {
    use aws_sdk_computeoptimizer::operation::get_auto_scaling_group_recommendations::GetAutoScalingGroupRecommendationsOutput;
    use aws_sdk_computeoptimizer::operation::get_ebs_volume_recommendations::GetEbsVolumeRecommendationsOutput;
    use aws_sdk_computeoptimizer::operation::get_ec2_instance_recommendations::GetEc2InstanceRecommendationsOutput;
    use aws_sdk_computeoptimizer::operation::get_lambda_function_recommendations::GetLambdaFunctionRecommendationsError;
    use aws_sdk_computeoptimizer::types::{Finding as SdkFinding, InstanceRecommendation};
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
        let client = mock_client!(
            aws_sdk_computeoptimizer,
            RuleMode::MatchAny,
            &[&first, &second, &groups, &volumes, &refused]
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
}
