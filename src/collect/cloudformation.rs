//! CloudFormation, per region: every live stack (`DescribeStacks`, paginated: drift status,
//! termination protection and rollback triggers come with the listing) and the active StackSets
//! administered from the account (`ListStackSets`, paginated). Two calls a region for most
//! accounts.

use std::collections::BTreeMap;

use aws_sdk_cloudformation::types::StackSetStatus;
use aws_sdk_cloudformation::Client;
use futures::future::join_all;
use wascan_checks::model::cloudformation::*;
use wascan_checks::model::{CloudFormationRegion, Fetched, Gap};

use super::calls::{every, Call, Ctx};
use crate::convert::{self, to_offset};

const CLOUDFORMATION: &str = "cloudformation";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_cloudformation::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, CloudFormationRegion> {
    let per_region = join_all(
        regions
            .iter()
            .map(|region| async move { collect_region(ctx, &client(ctx, region), region).await }),
    )
    .await;
    regions.iter().cloned().zip(per_region).collect()
}

async fn collect_region(ctx: &Ctx, cfn: &Client, region: &str) -> CloudFormationRegion {
    let (stacks, stack_sets) = futures::join!(
        ctx.pages(
            Call::new(CLOUDFORMATION, "DescribeStacks").region(region),
            cfn.describe_stacks().into_paginator().send(),
            |page| page
                .stacks()
                .iter()
                .map(|s| stack(ctx, region, s))
                .collect::<Vec<_>>(),
        ),
        ctx.pages(
            Call::new(CLOUDFORMATION, "ListStackSets").region(region),
            cfn.list_stack_sets()
                .status(StackSetStatus::Active)
                .into_paginator()
                .send(),
            |page| page
                .summaries()
                .iter()
                .map(|s| stack_set(ctx, region, s))
                .collect::<Vec<_>>(),
        ),
    );
    let summaries = every(stack_sets);
    CloudFormationRegion {
        stacks: every(stacks).into(),
        stack_sets: summaries
            .clone()
            .map(|sets| sets.into_iter().map(|set| set.name).collect())
            .into(),
        stack_set_summaries: summaries.into(),
    }
}

/// A StackSet summary; one without its name (always sent) is a gap for the region's list.
fn stack_set(
    ctx: &Ctx,
    region: &str,
    s: &aws_sdk_cloudformation::types::StackSetSummary,
) -> Result<StackSetSummary, Gap> {
    let at = Call::new(CLOUDFORMATION, "ListStackSets").region(region);
    Ok(StackSetSummary {
        name: ctx.required_str(at, "StackSetName", s.stack_set_name())?,
        permission_model: s.permission_model().map(|m| m.as_str().to_string()),
        // `AutoDeployment` is described for service-managed StackSets only (CloudFormation API
        // reference, `StackSetSummary`): absent, it stays unknown.
        auto_deployment: s.auto_deployment().and_then(|a| a.enabled()),
    })
}

/// A stack. One without its name, id (its ARN) or status (all always sent) is a gap for the
/// region's list: dropped (as before), its failing findings were lost; with its name for an
/// ARN it changed finding ids; with an unknown status a deleted stack would be judged.
fn stack(ctx: &Ctx, region: &str, s: &aws_sdk_cloudformation::types::Stack) -> Result<Stack, Gap> {
    let at = Call::new(CLOUDFORMATION, "DescribeStacks").region(region);
    let name = ctx.required_str(at, "StackName", s.stack_name())?;
    let at = at.resource(&name);
    let drift = s.drift_information();
    Ok(Stack {
        arn: ctx.required_str(at, "StackId", s.stack_id())?,
        region: region.to_string(),
        status: ctx.required_str(
            at,
            "StackStatus",
            s.stack_status().map(|status| status.as_str()),
        )?,
        root_id: s.root_id().map(str::to_string),
        termination_protection: s.enable_termination_protection(),
        drift_status: drift
            .and_then(|d| d.stack_drift_status())
            .map(|status| status.as_str().to_string()),
        drift_checked_at: drift
            .and_then(|d| d.last_check_timestamp())
            .and_then(to_offset),
        // A trigger without its alarm's ARN is a gap: dropped, the stack looked unguarded.
        rollback_triggers: s
            .rollback_configuration()
            .map(|config| {
                config
                    .rollback_triggers()
                    .iter()
                    .map(|t| ctx.required_str(at, "RollbackTriggers.Arn", t.arn()))
                    .collect::<Result<Vec<_>, Gap>>()
            })
            .transpose()?,
        tags: convert::tags(s.tags().iter().map(|t| (t.key(), t.value()))),
        // A NoEcho parameter's value reads `****`, which is no secret; the values are dropped
        // here, only masked hits are kept.
        secrets: Fetched::Ok(
            wascan_checks::secrets::scan_named(
                "parameter",
                s.parameters()
                    .iter()
                    .filter_map(|p| Some((p.parameter_key()?, p.parameter_value()?))),
            )
            .into_iter()
            .chain(wascan_checks::secrets::scan_named(
                "output",
                s.outputs()
                    .iter()
                    .filter_map(|o| Some((o.output_key()?, o.output_value()?))),
            ))
            .collect(),
        ),
        name,
    })
}

#[cfg(test)]
mod tests {
    use aws_sdk_cloudformation::operation::describe_stacks::DescribeStacksOutput;
    use aws_sdk_cloudformation::operation::list_stack_sets::{
        ListStackSetsError, ListStackSetsOutput,
    };
    use aws_sdk_cloudformation::types::{
        RollbackConfiguration, RollbackTrigger, Stack as SdkStack, StackDriftInformation,
        StackDriftStatus, StackStatus,
    };
    use aws_smithy_mocks::{mock, mock_client, RuleMode};
    use wascan_checks::model::{ErrorKind, Fetched};

    use super::*;
    use crate::collect::tests::test_ctx;

    #[tokio::test]
    async fn stacks_with_drift_and_triggers_are_read_and_a_refused_listing_is_a_gap() {
        let stacks = mock!(Client::describe_stacks).then_output(|| {
            DescribeStacksOutput::builder()
                .stacks(
                    SdkStack::builder()
                        .stack_name("web")
                        .stack_id("arn:aws:cloudformation:us-east-1:123456789012:stack/web/1")
                        .stack_status(StackStatus::UpdateComplete)
                        .enable_termination_protection(true)
                        .drift_information(
                            StackDriftInformation::builder()
                                .stack_drift_status(StackDriftStatus::Drifted)
                                .last_check_timestamp(aws_smithy_types::DateTime::from_secs(
                                    1_780_000_000,
                                ))
                                .build(),
                        )
                        .rollback_configuration(
                            RollbackConfiguration::builder()
                                .rollback_triggers(
                                    RollbackTrigger::builder()
                                        .arn("arn:aws:cloudwatch:us-east-1:123456789012:alarm:5xx")
                                        .r#type("AWS::CloudWatch::Alarm")
                                        .build(),
                                )
                                .build(),
                        )
                        .build(),
                )
                .stacks(
                    SdkStack::builder()
                        .stack_name("bare")
                        .stack_id("arn:aws:cloudformation:us-east-1:123456789012:stack/bare/2")
                        .stack_status(StackStatus::CreateComplete)
                        .build(),
                )
                .build()
        });
        let refused = mock!(Client::list_stack_sets).then_error(|| {
            ListStackSetsError::generic(
                aws_smithy_types::error::ErrorMetadata::builder()
                    .code("AccessDenied")
                    .message("not allowed")
                    .build(),
            )
        });
        let client = mock_client!(
            aws_sdk_cloudformation,
            RuleMode::MatchAny,
            &[&stacks, &refused]
        );
        let ctx = test_ctx();

        let region = collect_region(&ctx, &client, "us-east-1").await;

        let Fetched::Ok(stacks) = &region.stacks else {
            panic!("stacks not read: {:?}", region.stacks)
        };
        assert_eq!(stacks[0].name, "web");
        assert_eq!(stacks[0].status, "UPDATE_COMPLETE");
        assert_eq!(stacks[0].drift_status.as_deref(), Some("DRIFTED"));
        assert!(stacks[0].drift_checked_at.is_some());
        assert_eq!(
            stacks[0].rollback_triggers,
            Some(vec![
                "arn:aws:cloudwatch:us-east-1:123456789012:alarm:5xx".to_string()
            ])
        );
        // What the answer did not say stays unknown.
        assert_eq!(stacks[1].drift_status, None);
        assert_eq!(stacks[1].rollback_triggers, None);
        assert_eq!(stacks[1].termination_protection, None);
        let Fetched::Failed(gap) = &region.stack_sets else {
            panic!("a gap")
        };
        assert_eq!(gap.kind, ErrorKind::AccessDenied);
        assert_eq!(gap.operation, "ListStackSets");
    }

    #[tokio::test]
    async fn active_stack_sets_are_listed() {
        let stacks =
            mock!(Client::describe_stacks).then_output(|| DescribeStacksOutput::builder().build());
        let sets = mock!(Client::list_stack_sets)
            .match_requests(|r| r.status() == Some(&StackSetStatus::Active))
            .then_output(|| {
                ListStackSetsOutput::builder()
                    .summaries(
                        aws_sdk_cloudformation::types::StackSetSummary::builder()
                            .stack_set_name("baseline")
                            .permission_model(
                                aws_sdk_cloudformation::types::PermissionModels::ServiceManaged,
                            )
                            .auto_deployment(
                                aws_sdk_cloudformation::types::AutoDeployment::builder()
                                    .enabled(true)
                                    .build(),
                            )
                            .build(),
                    )
                    .build()
            });
        let client = mock_client!(
            aws_sdk_cloudformation,
            RuleMode::MatchAny,
            &[&stacks, &sets]
        );
        let region = collect_region(&test_ctx(), &client, "us-east-1").await;
        assert_eq!(region.stacks, Fetched::Ok(vec![]));
        assert_eq!(region.stack_sets, Fetched::Ok(vec!["baseline".to_string()]));
        assert_eq!(
            region.stack_set_summaries,
            Fetched::Ok(vec![StackSetSummary {
                name: "baseline".into(),
                permission_model: Some("SERVICE_MANAGED".into()),
                auto_deployment: Some(true),
            }])
        );
    }

    /// Issue #14: a stack without its name was dropped (its failing findings lost), one
    /// without StackId got its name for an ARN, one without StackStatus read as "UNKNOWN".
    #[test]
    fn a_stack_without_its_name_id_or_status_is_a_gap() {
        let ctx = test_ctx();
        let full = || {
            SdkStack::builder()
                .stack_name("web")
                .stack_id("arn:aws:cloudformation:us-east-1:123456789012:stack/web/1")
                .stack_status(StackStatus::CreateComplete)
        };
        assert!(stack(&ctx, "us-east-1", &full().build()).is_ok());
        for (s, expected) in [
            (
                full().set_stack_name(None).build(),
                "the answer has no StackName",
            ),
            (
                full().set_stack_id(None).build(),
                "the answer has no StackId",
            ),
            (
                full().set_stack_status(None).build(),
                "the answer has no StackStatus",
            ),
        ] {
            assert_eq!(
                stack(&ctx, "us-east-1", &s).expect_err("gap").message,
                expected
            );
        }
        assert_eq!(ctx.take_errors().len(), 3);
    }
}
