//! AWS Config, per region, concurrently: the configuration recorders and their status, the
//! conformance packs, and the remediation actions of the Config rules.

use std::collections::BTreeMap;

use aws_sdk_config::Client;
use futures::future::join_all;
use wascan_checks::model::config::*;
use wascan_checks::model::{ConfigRegion, Gap};

use super::calls::{Call, Ctx};
use crate::convert::non_empty;

const CONFIG: &str = "config";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_config::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, ConfigRegion> {
    let per_region = join_all(regions.iter().map(|region| collect_region(ctx, region))).await;
    regions.iter().cloned().zip(per_region).collect()
}

async fn collect_region(ctx: &Ctx, region: &str) -> ConfigRegion {
    let config = client(ctx, region);
    let at = |operation| Call::new(CONFIG, operation).region(region);
    let (recorders, statuses, conformance_packs, remediations) = futures::join!(
        ctx.call(
            at("DescribeConfigurationRecorders"),
            config.describe_configuration_recorders().send()
        ),
        ctx.call(
            at("DescribeConfigurationRecorderStatus"),
            config.describe_configuration_recorder_status().send()
        ),
        conformance_packs(ctx, &config, region),
        remediations(ctx, &config, region),
    );
    ConfigRegion {
        conformance_packs: conformance_packs.into(),
        remediations: remediations.into(),
        recorders: recorders
            .map(|out| {
                out.configuration_recorders()
                    .iter()
                    .map(|r| {
                        let group = r.recording_group();
                        ConfigRecorder {
                            name: r.name().unwrap_or_default().to_string(),
                            all_supported: group.is_some_and(|g| g.all_supported()),
                            include_global_resource_types: group
                                .is_some_and(|g| g.include_global_resource_types()),
                            resource_types: group
                                .map(|g| {
                                    g.resource_types()
                                        .iter()
                                        .map(|t| t.as_str().to_string())
                                        .collect()
                                })
                                .unwrap_or_default(),
                            service_linked: r.service_principal().is_some_and(|p| !p.is_empty()),
                        }
                    })
                    .collect()
            })
            .into(),
        statuses: statuses
            .map(|out| {
                out.configuration_recorders_status()
                    .iter()
                    .map(|s| RecorderStatus {
                        name: s.name().unwrap_or_default().to_string(),
                        recording: s.recording(),
                        last_status: s.last_status().map(|l| l.as_str().to_string()),
                        last_error_code: s
                            .last_error_code()
                            .filter(|c| !c.is_empty())
                            .map(str::to_string),
                    })
                    .collect()
            })
            .into(),
    }
}

pub(crate) async fn conformance_packs(
    ctx: &Ctx,
    config: &Client,
    region: &str,
) -> Result<Vec<ConformancePack>, Gap> {
    let at = Call::new(CONFIG, "DescribeConformancePacks").region(region);
    let packs = ctx
        .pages(
            at,
            config.describe_conformance_packs().into_paginator().send(),
            |page| page.conformance_pack_details().to_vec(),
        )
        .await?;
    packs
        .iter()
        .map(|pack| {
            Ok(ConformancePack {
                // ConformancePackName is required in ConformancePackDetail.
                name: ctx.required_str(
                    at,
                    "ConformancePackName",
                    Some(pack.conformance_pack_name()),
                )?,
                arn: non_empty(Some(pack.conformance_pack_arn())),
            })
        })
        .collect()
}

/// The remediation configurations of every Config rule in the region: the rules first, then
/// their remediations 25 names at a time (the most `DescribeRemediationConfigurations` takes).
pub(crate) async fn remediations(
    ctx: &Ctx,
    config: &Client,
    region: &str,
) -> Result<Vec<Remediation>, Gap> {
    let rules_at = Call::new(CONFIG, "DescribeConfigRules").region(region);
    let rules = ctx
        .pages(
            rules_at,
            config.describe_config_rules().into_paginator().send(),
            |page| page.config_rules().to_vec(),
        )
        .await?;
    let names = rules
        .iter()
        .map(|rule| ctx.required_str(rules_at, "ConfigRuleName", rule.config_rule_name()))
        .collect::<Result<Vec<String>, Gap>>()?;
    let at = Call::new(CONFIG, "DescribeRemediationConfigurations").region(region);
    let mut all = Vec::new();
    for chunk in names.chunks(25) {
        let out = ctx
            .call(
                at,
                config
                    .describe_remediation_configurations()
                    .set_config_rule_names(Some(chunk.to_vec()))
                    .send(),
            )
            .await?;
        for remediation in out.remediation_configurations() {
            all.push(Remediation {
                // ConfigRuleName is required in RemediationConfiguration.
                rule: ctx.required_str(
                    at,
                    "ConfigRuleName",
                    Some(remediation.config_rule_name()),
                )?,
                target: non_empty(Some(remediation.target_id())),
                // `Automatic` has the default false in AWS Config's service model: the SDK's
                // false for an absent member is the documented value (a manual action).
                automatic: Some(remediation.automatic()),
            });
        }
    }
    Ok(all)
}

/// moto 5.2.5 implements neither `DescribeConformancePacks` nor
/// `DescribeRemediationConfigurations`: recorded responses.
#[cfg(test)]
mod tests {
    use aws_sdk_config::operation::describe_config_rules::DescribeConfigRulesOutput;
    use aws_sdk_config::operation::describe_conformance_packs::{
        DescribeConformancePacksError, DescribeConformancePacksOutput,
    };
    use aws_sdk_config::operation::describe_remediation_configurations::DescribeRemediationConfigurationsOutput;
    use aws_sdk_config::types::{
        ConfigRule, ConformancePackDetail, Owner, RemediationConfiguration, RemediationTargetType,
        Source,
    };
    use aws_smithy_mocks::{mock, mock_client, RuleMode};
    use wascan_checks::model::ErrorKind;

    use super::*;
    use crate::collect::tests::test_ctx;

    fn pack(name: &str) -> ConformancePackDetail {
        ConformancePackDetail::builder()
            .conformance_pack_name(name)
            .conformance_pack_arn(format!(
                "arn:aws:config:us-east-1:123456789012:conformance-pack/{name}"
            ))
            .conformance_pack_id(name)
            .build()
            .expect("a pack")
    }

    #[tokio::test]
    async fn packs_over_pages_and_a_refusal_is_a_gap() {
        let page1 = mock!(Client::describe_conformance_packs)
            .match_requests(|r| r.next_token().is_none())
            .then_output(|| {
                DescribeConformancePacksOutput::builder()
                    .conformance_pack_details(pack("cis-level-1"))
                    .next_token("p2")
                    .build()
            });
        let page2 = mock!(Client::describe_conformance_packs)
            .match_requests(|r| r.next_token() == Some("p2"))
            .then_output(|| {
                DescribeConformancePacksOutput::builder()
                    .conformance_pack_details(pack("fsbp"))
                    .build()
            });
        let client = mock_client!(aws_sdk_config, RuleMode::MatchAny, &[&page1, &page2]);
        let packs = conformance_packs(&test_ctx(), &client, "us-east-1")
            .await
            .expect("packs");
        let names: Vec<&str> = packs.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["cis-level-1", "fsbp"]);

        let refused = mock!(Client::describe_conformance_packs).then_error(|| {
            DescribeConformancePacksError::generic(
                aws_smithy_types::error::ErrorMetadata::builder()
                    .code("AccessDeniedException")
                    .build(),
            )
        });
        let client = mock_client!(aws_sdk_config, RuleMode::MatchAny, &[&refused]);
        let gap = conformance_packs(&test_ctx(), &client, "us-east-1")
            .await
            .expect_err("a gap");
        assert_eq!(gap.kind, ErrorKind::AccessDenied);
    }

    #[tokio::test]
    async fn remediations_are_asked_for_every_rule_25_at_a_time() {
        let rules = mock!(Client::describe_config_rules).then_output(|| {
            let mut out = DescribeConfigRulesOutput::builder();
            for i in 0..30 {
                out = out.config_rules(
                    ConfigRule::builder()
                        .config_rule_name(format!("rule-{i:02}"))
                        .source(
                            Source::builder()
                                .owner(Owner::Aws)
                                .source_identifier("S3_BUCKET_PUBLIC_READ_PROHIBITED")
                                .build()
                                .expect("a source"),
                        )
                        .build(),
                );
            }
            out.build()
        });
        let first = mock!(Client::describe_remediation_configurations)
            .match_requests(|r| r.config_rule_names().len() == 25)
            .then_output(|| {
                DescribeRemediationConfigurationsOutput::builder()
                    .remediation_configurations(
                        RemediationConfiguration::builder()
                            .config_rule_name("rule-03")
                            .target_type(RemediationTargetType::SsmDocument)
                            .target_id("AWS-ConfigureS3BucketPublicAccessBlock")
                            .automatic(true)
                            .build()
                            .expect("a remediation"),
                    )
                    .build()
            });
        let rest = mock!(Client::describe_remediation_configurations)
            .match_requests(|r| r.config_rule_names().len() == 5)
            .then_output(|| DescribeRemediationConfigurationsOutput::builder().build());
        let client = mock_client!(aws_sdk_config, RuleMode::MatchAny, &[&rules, &first, &rest]);
        let found = remediations(&test_ctx(), &client, "us-east-1")
            .await
            .expect("remediations");
        assert_eq!(
            found,
            [Remediation {
                rule: "rule-03".into(),
                target: Some("AWS-ConfigureS3BucketPublicAccessBlock".into()),
                automatic: Some(true),
            }]
        );
        assert_eq!(first.num_calls(), 1);
        assert_eq!(rest.num_calls(), 1);
    }
}
