//! Systems Manager, per region, concurrently: the managed nodes (`DescribeInstanceInformation`),
//! their patch compliance (`ListResourceComplianceSummaries` filtered to `Patch`), and the
//! documents the account owns (`ListDocuments` with `Owner=Self`), all paginated, then
//! `DescribeDocumentPermission` for each owned document (no bulk form), and the Automation
//! executions started in the 90 days before the scan (`DescribeAutomationExecutions` filtered with
//! `StartTimeAfter`, paginated).
//!
//! moto 5.2.5 implements none of `DescribeInstanceInformation`, `ListResourceComplianceSummaries`
//! and `DescribeAutomationExecutions`: they are tested with recorded responses below.

use std::collections::BTreeMap;

use aws_sdk_ssm::types::{
    AutomationExecutionFilter, AutomationExecutionFilterKey, ComplianceQueryOperatorType,
    ComplianceStringFilter, DocumentKeyValuesFilter, DocumentPermissionType,
};
use aws_sdk_ssm::Client;
use futures::future::join_all;
use wascan_checks::model::ssm::*;
use wascan_checks::model::{Fetched, Gap, SsmRegion};

use super::calls::{every, Call, Ctx};
use crate::convert::to_offset;

const SSM: &str = "ssm";

/// How far back Automation executions are read: what `ssm_automation_runbooks_run` calls recent.
const RECENT_EXECUTIONS: time::Duration = time::Duration::days(90);

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_ssm::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, SsmRegion> {
    let per_region = join_all(
        regions
            .iter()
            .map(|region| async move { collect_region(ctx, &client(ctx, region), region).await }),
    )
    .await;
    regions.iter().cloned().zip(per_region).collect()
}

pub(crate) async fn collect_region(ctx: &Ctx, ssm: &Client, region: &str) -> SsmRegion {
    let (managed_instances, patch_compliance, documents, automation_executions, parameters) = futures::join!(
        ctx.pages(
            Call::new(SSM, "DescribeInstanceInformation").region(region),
            ssm.describe_instance_information().into_paginator().send(),
            |page| {
                page.instance_information_list()
                    .iter()
                    .map(|info| managed_instance(ctx, region, info))
                    .collect::<Vec<_>>()
            },
        ),
        ctx.pages(
            Call::new(SSM, "ListResourceComplianceSummaries").region(region),
            ssm.list_resource_compliance_summaries()
                .filters(
                    ComplianceStringFilter::builder()
                        .key("ComplianceType")
                        .values("Patch")
                        .r#type(ComplianceQueryOperatorType::Equal)
                        .build(),
                )
                .into_paginator()
                .send(),
            |page| {
                page.resource_compliance_summary_items()
                    .iter()
                    .map(|item| patch_summary(ctx, region, item))
                    .collect::<Vec<_>>()
            },
        ),
        collect_documents(ctx, ssm, region),
        collect_executions(ctx, ssm, region),
        collect_parameters(ctx, ssm, region),
    );
    SsmRegion {
        managed_instances: every(managed_instances).into(),
        patch_compliance: every(patch_compliance).into(),
        documents: documents.into(),
        automation_executions: automation_executions.into(),
        parameters: parameters.into(),
    }
}

/// The parameters (`DescribeParameters`, paginated), then the values of the `String` and
/// `StringList` ones (`GetParameters`, ten names a call, without decryption), scanned for
/// secrets as they are read: only masked hits are kept.
async fn collect_parameters(ctx: &Ctx, ssm: &Client, region: &str) -> Result<Vec<Parameter>, Gap> {
    let at = Call::new(SSM, "DescribeParameters").region(region);
    let listed = ctx
        .pages(
            at,
            ssm.describe_parameters().into_paginator().send(),
            |page| {
                page.parameters()
                    .iter()
                    .map(|p| {
                        let name = ctx.required_str(at, "Name", p.name())?;
                        Ok(Parameter {
                            arn: p.arn().map(str::to_string).unwrap_or_else(|| {
                                let path = if name.starts_with('/') {
                                    name.clone()
                                } else {
                                    format!("/{name}")
                                };
                                ctx.arn(SSM, region, &format!("parameter{path}"))
                            }),
                            region: region.to_string(),
                            parameter_type: p.r#type().map(|t| t.as_str().to_string()),
                            secrets: Fetched::Ok(Vec::new()),
                            name,
                        })
                    })
                    .collect::<Vec<Result<Parameter, Gap>>>()
            },
        )
        .await?
        .into_iter()
        .collect::<Result<Vec<_>, Gap>>()?;
    let plain: Vec<String> = listed
        .iter()
        .filter(|p| p.parameter_type.as_deref() != Some("SecureString"))
        .map(|p| p.name.clone())
        .collect();
    let batches = ctx
        .per_resource(plain.chunks(10).map(|names| async move {
            let at = Call::new(SSM, "GetParameters")
                .region(region)
                .resource(names.first().map_or("", String::as_str));
            let answer = ctx
                .call(
                    at,
                    ssm.get_parameters()
                        .set_names(Some(names.to_vec()))
                        .with_decryption(false)
                        .send(),
                )
                .await;
            (names, answer)
        }))
        .await;
    let mut scanned: BTreeMap<String, Fetched<Vec<wascan_checks::secrets::SecretHit>>> =
        BTreeMap::new();
    for (names, answer) in batches {
        match answer {
            Ok(out) => {
                for p in out.parameters() {
                    if let (Some(name), Some(value)) = (p.name(), p.value()) {
                        let hits = wascan_checks::secrets::scan_named("parameter", [(name, value)]);
                        scanned.insert(name.to_string(), Fetched::Ok(hits));
                    }
                }
            }
            Err(gap) => {
                for name in names {
                    scanned.insert(name.clone(), Fetched::Failed(gap.clone()));
                }
            }
        }
    }
    Ok(listed
        .into_iter()
        .map(|mut p| {
            if p.parameter_type.as_deref() != Some("SecureString") {
                // A name GetParameters did not return (InvalidParameters, or a value missing
                // from the answer) is unknown, not clean.
                p.secrets = scanned.remove(&p.name).unwrap_or_else(|| {
                    Fetched::Failed(ctx.record(Gap::missing_on(
                        wascan_checks::model::Service::Ssm,
                        region,
                        "GetParameters",
                        &p.name,
                        "Parameters.Value",
                    )))
                });
            }
            p
        })
        .collect())
}

/// The Automation executions started in the last 90 days. The filter value is a timestamp
/// (`StartTimeAfter`, API reference: AutomationExecutionFilter); the check also compares each
/// start time, so an execution outside the window never counts.
async fn collect_executions(
    ctx: &Ctx,
    ssm: &Client,
    region: &str,
) -> Result<Vec<AutomationExecution>, Gap> {
    let since = time::OffsetDateTime::now_utc() - RECENT_EXECUTIONS;
    let since = since
        .replace_nanosecond(0)
        .unwrap_or(since)
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    let at = Call::new(SSM, "DescribeAutomationExecutions").region(region);
    // Key and Values are both set, so the builder cannot fail; if it did, the list is a gap.
    let filter = AutomationExecutionFilter::builder()
        .key(AutomationExecutionFilterKey::StartTimeAfter)
        .values(since)
        .build()
        .map_err(|err| ctx.record(at.missing(&format!("a StartTimeAfter filter ({err})"))))?;
    let listed = ctx
        .pages(
            at,
            ssm.describe_automation_executions()
                .filters(filter)
                .into_paginator()
                .send(),
            |page| page.automation_execution_metadata_list().to_vec(),
        )
        .await?;
    listed
        .iter()
        .map(|execution| {
            Ok(AutomationExecution {
                // Both are what names a run; an answer without them cannot be counted.
                id: ctx.required_str(
                    at,
                    "AutomationExecutionId",
                    execution.automation_execution_id(),
                )?,
                document_name: ctx.required_str(at, "DocumentName", execution.document_name())?,
                status: execution
                    .automation_execution_status()
                    .map(|s| s.as_str().to_string()),
                started_at: execution.execution_start_time().and_then(to_offset),
            })
        })
        .collect()
}

fn managed_instance(
    ctx: &Ctx,
    region: &str,
    info: &aws_sdk_ssm::types::InstanceInformation,
) -> Result<ManagedInstance, Gap> {
    // A node without its id cannot be matched to an instance (it was "", and the instance it
    // stands for looked unmanaged): the region's list fails with the gap.
    let instance_id = ctx.required_str(
        Call::new(SSM, "DescribeInstanceInformation").region(region),
        "InstanceId",
        info.instance_id(),
    )?;
    let arn = if instance_id.starts_with("i-") {
        ctx.arn("ec2", region, &format!("instance/{instance_id}"))
    } else {
        ctx.arn(SSM, region, &format!("managed-instance/{instance_id}"))
    };
    Ok(ManagedInstance {
        arn,
        region: region.to_string(),
        ping_status: info.ping_status().map(|s| s.as_str().to_string()),
        computer_name: crate::convert::non_empty(info.computer_name()),
        instance_id,
    })
}

/// A summary without its resource id or status is a gap: the instance's compliance is unknown
/// (it was read as "" and the instance looked unscanned or non-compliant).
fn patch_summary(
    ctx: &Ctx,
    region: &str,
    item: &aws_sdk_ssm::types::ResourceComplianceSummaryItem,
) -> Result<PatchCompliance, Gap> {
    let at = Call::new(SSM, "ListResourceComplianceSummaries").region(region);
    let resource_id = ctx.required_str(at, "ResourceId", item.resource_id())?;
    let at = at.resource(&resource_id);
    let status = ctx.required_str(at, "Status", item.status().map(|s| s.as_str()))?;
    let missing = item.non_compliant_summary();
    let severity = missing.and_then(|m| m.severity_summary());
    Ok(PatchCompliance {
        resource_id,
        status,
        // The counts only explain a NON_COMPLIANT status in the failure message; an absent
        // summary reads as 0 there (the SDK reads absent counts as 0 too).
        non_compliant_critical: severity.map(|s| s.critical_count()).unwrap_or_default(),
        non_compliant_high: severity.map(|s| s.high_count()).unwrap_or_default(),
        non_compliant_total: missing.map(|m| m.non_compliant_count()).unwrap_or_default(),
    })
}

async fn collect_documents(ctx: &Ctx, ssm: &Client, region: &str) -> Result<Vec<Document>, Gap> {
    let owned = ctx
        .pages(
            Call::new(SSM, "ListDocuments").region(region),
            ssm.list_documents()
                .filters(
                    DocumentKeyValuesFilter::builder()
                        .key("Owner")
                        .values("Self")
                        .build(),
                )
                .into_paginator()
                .send(),
            |page| page.document_identifiers().to_vec(),
        )
        .await?;
    // A document without its name cannot be named, nor its permissions asked for.
    let names = owned
        .iter()
        .map(|document| {
            ctx.required_str(
                Call::new(SSM, "ListDocuments").region(region),
                "Name",
                document.name(),
            )
        })
        .collect::<Result<Vec<_>, Gap>>()?;
    Ok(
        join_all(owned.iter().zip(names).map(|(document, name)| async move {
            let shared_with = ctx
                .call(
                    Call::new(SSM, "DescribeDocumentPermission")
                        .region(region)
                        .resource(&name),
                    ssm.describe_document_permission()
                        .name(&name)
                        .permission_type(DocumentPermissionType::Share)
                        .send(),
                )
                .await
                .map(|out| out.account_ids().to_vec());
            Document {
                arn: ctx.arn(SSM, region, &format!("document/{name}")),
                region: region.to_string(),
                document_type: document.document_type().map(|t| t.as_str().to_string()),
                shared_with: Fetched::from(shared_with),
                // An absent Tags list is empty (ListDocuments, DocumentIdentifier).
                tags: document
                    .tags()
                    .iter()
                    .map(|tag| (tag.key().to_string(), tag.value().to_string()))
                    .collect(),
                name,
            }
        }))
        .await,
    )
}

/// moto 5.2.5 lacks `DescribeInstanceInformation`, `ListResourceComplianceSummaries` and
/// `DescribeAutomationExecutions`, so the collector is tested here against recorded-shape responses.
#[cfg(test)]
mod tests {
    use std::time::Duration;

    use aws_sdk_ssm::error::ErrorMetadata;
    use aws_sdk_ssm::operation::describe_automation_executions::DescribeAutomationExecutionsOutput;
    use aws_sdk_ssm::operation::describe_document_permission::DescribeDocumentPermissionOutput;
    use aws_sdk_ssm::operation::describe_instance_information::{
        DescribeInstanceInformationError, DescribeInstanceInformationOutput,
    };
    use aws_sdk_ssm::operation::list_documents::ListDocumentsOutput;
    use aws_sdk_ssm::operation::list_resource_compliance_summaries::ListResourceComplianceSummariesOutput;
    use aws_sdk_ssm::types::{
        AutomationExecutionMetadata, AutomationExecutionStatus, ComplianceStatus,
        DocumentIdentifier, DocumentType, InstanceInformation, NonCompliantSummary, PingStatus,
        ResourceComplianceSummaryItem, SeveritySummary,
    };
    use aws_smithy_mocks::{mock, mock_client, RuleMode};
    use wascan_checks::model::ErrorKind;

    use super::*;
    use crate::collect::{CallCounter, CallerIdentity, CollectOptions};

    fn ctx() -> Ctx {
        let identity = CallerIdentity {
            account_id: "123456789012".into(),
            arn: "arn:aws:iam::123456789012:root".into(),
            partition: "aws".into(),
        };
        let options = CollectOptions {
            call_timeout: Duration::from_secs(5),
            ..CollectOptions::default()
        };
        Ctx::new(
            aws_types::SdkConfig::builder().build(),
            &identity,
            CallCounter::default(),
            &options,
        )
    }

    #[tokio::test]
    async fn nodes_patch_compliance_and_documents_are_read(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let nodes = mock!(Client::describe_instance_information).then_output(|| {
            DescribeInstanceInformationOutput::builder()
                .instance_information_list(
                    InstanceInformation::builder()
                        .instance_id("i-0web")
                        .ping_status(PingStatus::Online)
                        .computer_name("web-1")
                        .build(),
                )
                .instance_information_list(
                    InstanceInformation::builder()
                        .instance_id("mi-0hybrid")
                        .ping_status(PingStatus::ConnectionLost)
                        .build(),
                )
                .build()
        });
        let compliance = mock!(Client::list_resource_compliance_summaries)
            .match_requests(|req| {
                req.filters().iter().any(|f| {
                    f.key() == Some("ComplianceType") && f.values() == ["Patch".to_string()]
                })
            })
            .then_output(|| {
                ListResourceComplianceSummariesOutput::builder()
                    .resource_compliance_summary_items(
                        ResourceComplianceSummaryItem::builder()
                            .compliance_type("Patch")
                            .resource_id("i-0web")
                            .status(ComplianceStatus::NonCompliant)
                            .non_compliant_summary(
                                NonCompliantSummary::builder()
                                    .non_compliant_count(4)
                                    .severity_summary(
                                        SeveritySummary::builder()
                                            .critical_count(2)
                                            .high_count(1)
                                            .build(),
                                    )
                                    .build(),
                            )
                            .build(),
                    )
                    .build()
            });
        let documents = mock!(Client::list_documents)
            .match_requests(|req| {
                req.filters()
                    .iter()
                    .any(|f| f.key() == Some("Owner") && f.values() == ["Self".to_string()])
            })
            .then_output(|| {
                ListDocumentsOutput::builder()
                    .document_identifiers(
                        DocumentIdentifier::builder()
                            .name("bootstrap")
                            .document_type(DocumentType::Command)
                            .build(),
                    )
                    .build()
            });
        let permission = mock!(Client::describe_document_permission)
            .match_requests(|req| req.name() == Some("bootstrap"))
            .then_output(|| {
                DescribeDocumentPermissionOutput::builder()
                    .account_ids("all")
                    .build()
            });
        let executions = mock!(Client::describe_automation_executions)
            .match_requests(|req| {
                req.filters()
                    .iter()
                    .any(|f| f.key() == &AutomationExecutionFilterKey::StartTimeAfter)
            })
            .then_output(|| {
                DescribeAutomationExecutionsOutput::builder()
                    .automation_execution_metadata_list(
                        AutomationExecutionMetadata::builder()
                            .automation_execution_id("e-1")
                            .document_name("restart-web")
                            .automation_execution_status(AutomationExecutionStatus::Success)
                            .execution_start_time(aws_smithy_types::DateTime::from_secs(
                                1_780_000_000,
                            ))
                            .build(),
                    )
                    .build()
            });
        let parameters = mock!(Client::describe_parameters).then_output(|| {
            aws_sdk_ssm::operation::describe_parameters::DescribeParametersOutput::builder().build()
        });
        let client = mock_client!(
            aws_sdk_ssm,
            RuleMode::MatchAny,
            &[
                &nodes,
                &compliance,
                &documents,
                &permission,
                &executions,
                &parameters
            ]
        );
        let ctx = ctx();

        let region = collect_region(&ctx, &client, "us-east-1").await;

        let nodes = region.managed_instances.ok().ok_or("nodes not read")?;
        assert_eq!(nodes.len(), 2);
        assert_eq!(nodes[0].instance_id, "i-0web");
        assert_eq!(
            nodes[0].arn,
            "arn:aws:ec2:us-east-1:123456789012:instance/i-0web"
        );
        assert_eq!(nodes[0].ping_status.as_deref(), Some("Online"));
        assert_eq!(nodes[0].computer_name.as_deref(), Some("web-1"));
        assert_eq!(
            nodes[1].arn,
            "arn:aws:ssm:us-east-1:123456789012:managed-instance/mi-0hybrid"
        );
        assert_eq!(nodes[1].ping_status.as_deref(), Some("ConnectionLost"));

        let compliance = region.patch_compliance.ok().ok_or("compliance not read")?;
        assert_eq!(
            compliance,
            &vec![PatchCompliance {
                resource_id: "i-0web".into(),
                status: "NON_COMPLIANT".into(),
                non_compliant_critical: 2,
                non_compliant_high: 1,
                non_compliant_total: 4,
            }]
        );

        let documents = region.documents.ok().ok_or("documents not read")?;
        assert_eq!(documents.len(), 1);
        assert_eq!(documents[0].name, "bootstrap");
        assert_eq!(documents[0].document_type.as_deref(), Some("Command"));
        assert_eq!(
            documents[0].shared_with,
            Fetched::Ok(vec!["all".to_string()])
        );
        let executions = region
            .automation_executions
            .ok()
            .ok_or("executions not read")?;
        assert_eq!(executions.len(), 1);
        assert_eq!(executions[0].document_name, "restart-web");
        assert_eq!(executions[0].status.as_deref(), Some("Success"));
        assert!(executions[0].started_at.is_some());
        assert!(ctx.take_errors().is_empty());
        Ok(())
    }

    #[tokio::test]
    async fn a_denied_listing_is_a_gap_and_the_rest_is_still_read() {
        let nodes = mock!(Client::describe_instance_information).then_error(|| {
            DescribeInstanceInformationError::generic(
                ErrorMetadata::builder()
                    .code("AccessDeniedException")
                    .message("not authorized to perform ssm:DescribeInstanceInformation")
                    .build(),
            )
        });
        let compliance = mock!(Client::list_resource_compliance_summaries)
            .then_output(|| ListResourceComplianceSummariesOutput::builder().build());
        let documents =
            mock!(Client::list_documents).then_output(|| ListDocumentsOutput::builder().build());
        // An execution without the runbook it ran cannot be counted: the list is a gap.
        let executions = mock!(Client::describe_automation_executions).then_output(|| {
            DescribeAutomationExecutionsOutput::builder()
                .automation_execution_metadata_list(
                    AutomationExecutionMetadata::builder()
                        .automation_execution_id("e-2")
                        .build(),
                )
                .build()
        });
        let parameters = mock!(Client::describe_parameters).then_output(|| {
            aws_sdk_ssm::operation::describe_parameters::DescribeParametersOutput::builder().build()
        });
        let client = mock_client!(
            aws_sdk_ssm,
            RuleMode::MatchAny,
            &[&nodes, &compliance, &documents, &executions, &parameters]
        );
        let ctx = ctx();

        let region = collect_region(&ctx, &client, "eu-west-1").await;

        let gap = region.managed_instances.gap().cloned();
        assert_eq!(gap.as_ref().map(|g| g.kind), Some(ErrorKind::AccessDenied));
        assert_eq!(
            gap.as_ref().map(|g| g.operation.as_str()),
            Some("DescribeInstanceInformation")
        );
        assert_eq!(region.patch_compliance, Fetched::Ok(vec![]));
        assert_eq!(region.documents, Fetched::Ok(vec![]));
        let gap = region.automation_executions.gap().cloned();
        assert_eq!(gap.as_ref().map(|g| g.kind), Some(ErrorKind::Incomplete));
        assert_eq!(ctx.take_errors().len(), 2);
    }

    /// Issue #14: a node, summary or document without its id or name became one named "" (the
    /// instance it stands for looked unmanaged), a summary without Status read as "".
    #[tokio::test]
    async fn nodes_summaries_and_documents_without_their_ids_are_gaps() {
        let nodes = mock!(Client::describe_instance_information).then_output(|| {
            DescribeInstanceInformationOutput::builder()
                .instance_information_list(
                    InstanceInformation::builder()
                        .ping_status(PingStatus::Online)
                        .build(),
                )
                .build()
        });
        let compliance = mock!(Client::list_resource_compliance_summaries).then_output(|| {
            ListResourceComplianceSummariesOutput::builder()
                .resource_compliance_summary_items(
                    ResourceComplianceSummaryItem::builder()
                        .resource_id("i-0web")
                        .build(),
                )
                .build()
        });
        let documents = mock!(Client::list_documents).then_output(|| {
            ListDocumentsOutput::builder()
                .document_identifiers(
                    DocumentIdentifier::builder()
                        .document_type(DocumentType::Automation)
                        .build(),
                )
                .build()
        });
        let parameters = mock!(Client::describe_parameters).then_output(|| {
            aws_sdk_ssm::operation::describe_parameters::DescribeParametersOutput::builder().build()
        });
        let executions = mock!(Client::describe_automation_executions)
            .then_output(|| aws_sdk_ssm::operation::describe_automation_executions::DescribeAutomationExecutionsOutput::builder().build());
        let client = mock_client!(
            aws_sdk_ssm,
            RuleMode::MatchAny,
            &[&nodes, &compliance, &documents, &executions, &parameters]
        );
        let ctx = ctx();

        let region = collect_region(&ctx, &client, "eu-west-1").await;

        let message = |gap: Option<&Gap>| gap.map(|g| format!("{:?} {}", g.resource, g.message));
        assert_eq!(
            message(region.managed_instances.gap()).as_deref(),
            Some("None the answer has no InstanceId")
        );
        assert_eq!(
            message(region.patch_compliance.gap()).as_deref(),
            Some("Some(\"i-0web\") the answer has no Status")
        );
        assert_eq!(
            message(region.documents.gap()).as_deref(),
            Some("None the answer has no Name")
        );
        assert_eq!(ctx.take_errors().len(), 3);
    }
}
