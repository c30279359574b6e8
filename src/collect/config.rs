//! AWS Config, per region, concurrently: the configuration recorders and their status, the
//! conformance packs, and the remediation actions of the Config rules.

use std::collections::BTreeMap;

use aws_sdk_config::Client;
use futures::future::join_all;
use wascan_checks::model::config::*;
use wascan_checks::model::{ConfigRegion, Gap};

use super::calls::{every, Call, Ctx};
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
        recorders: every(recorders.map(|out| {
            out.configuration_recorders()
                .iter()
                .map(|r| recorder(ctx, region, r))
                .collect()
        }))
        .into(),
        statuses: every(statuses.map(|out| {
            out.configuration_recorders_status()
                .iter()
                .map(|s| recorder_status(ctx, region, s))
                .collect()
        }))
        .into(),
    }
}

/// A recorder without its name cannot be matched to its status (it was ""), and one without
/// its recording group (always sent) read as recording nothing: the list fails with the gap.
fn recorder(
    ctx: &Ctx,
    region: &str,
    r: &aws_sdk_config::types::ConfigurationRecorder,
) -> Result<ConfigRecorder, Gap> {
    let at = Call::new(CONFIG, "DescribeConfigurationRecorders").region(region);
    let name = ctx.required_str(at, "name", r.name())?;
    let group = ctx.required(at.resource(&name), "recordingGroup", r.recording_group())?;
    Ok(ConfigRecorder {
        name,
        all_supported: group.all_supported(),
        include_global_resource_types: group.include_global_resource_types(),
        resource_types: group
            .resource_types()
            .iter()
            .map(|t| t.as_str().to_string())
            .collect(),
        service_linked: r.service_principal().is_some_and(|p| !p.is_empty()),
    })
}

/// A status without its recorder's name cannot be matched to it (it was "").
fn recorder_status(
    ctx: &Ctx,
    region: &str,
    s: &aws_sdk_config::types::ConfigurationRecorderStatus,
) -> Result<RecorderStatus, Gap> {
    let at = Call::new(CONFIG, "DescribeConfigurationRecorderStatus").region(region);
    Ok(RecorderStatus {
        name: ctx.required_str(at, "name", s.name())?,
        recording: s.recording(),
        last_status: s.last_status().map(|l| l.as_str().to_string()),
        last_error_code: s
            .last_error_code()
            .filter(|c| !c.is_empty())
            .map(str::to_string),
    })
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
        ConfigRule, ConfigurationRecorder, ConfigurationRecorderStatus, ConformancePackDetail,
        Owner, RecordingGroup, RemediationConfiguration, RemediationTargetType, Source,
    };
    use aws_smithy_mocks::{mock, mock_client, RuleMode};
    use wascan_checks::model::ErrorKind;

    use super::*;
    use crate::collect::tests::test_ctx;

    /// Issue #14: a recorder or status without its name was named "" (and matched nothing), a
    /// recorder without its recording group read as recording nothing.
    #[test]
    fn recorders_and_statuses_without_their_name_or_group_are_gaps() {
        let ctx = test_ctx();
        let full = ConfigurationRecorder::builder()
            .name("default")
            .recording_group(RecordingGroup::builder().all_supported(true).build())
            .build();
        assert!(
            recorder(&ctx, "eu-west-1", &full)
                .expect("complete")
                .all_supported
        );
        let no_group = ConfigurationRecorder::builder().name("default").build();
        let gap = recorder(&ctx, "eu-west-1", &no_group).expect_err("gap");
        assert_eq!(gap.message, "the answer has no recordingGroup");
        let nameless = ConfigurationRecorderStatus::builder()
            .recording(true)
            .build();
        let gap = recorder_status(&ctx, "eu-west-1", &nameless).expect_err("gap");
        assert_eq!(gap.message, "the answer has no name");
        assert_eq!(ctx.take_errors().len(), 2);
    }

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
