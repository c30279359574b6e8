//! Systems Manager, per region, concurrently: the managed nodes (`DescribeInstanceInformation`),
//! their patch compliance (`ListResourceComplianceSummaries` filtered to `Patch`), and the
//! documents the account owns (`ListDocuments` with `Owner=Self`), all paginated, then
//! `DescribeDocumentPermission` for each owned document (no bulk form).
//!
//! moto 5.2.5 implements neither `DescribeInstanceInformation` nor
//! `ListResourceComplianceSummaries`: they are tested with recorded responses below.

use std::collections::BTreeMap;

use aws_sdk_ssm::types::{
    ComplianceQueryOperatorType, ComplianceStringFilter, DocumentKeyValuesFilter,
    DocumentPermissionType,
};
use aws_sdk_ssm::Client;
use futures::future::join_all;
use wascan_checks::model::ssm::*;
use wascan_checks::model::{Fetched, Gap, SsmRegion};

use super::calls::{Call, Ctx};

const SSM: &str = "ssm";

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
    let (managed_instances, patch_compliance, documents, parameters) = futures::join!(
        ctx.pages(
            Call::new(SSM, "DescribeInstanceInformation").region(region),
            ssm.describe_instance_information().into_paginator().send(),
            |page| {
                page.instance_information_list()
                    .iter()
                    .map(|info| managed_instance(ctx, region, info))
                    .collect()
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
                    .map(patch_summary)
                    .collect()
            },
        ),
        collect_documents(ctx, ssm, region),
        collect_parameters(ctx, ssm, region)
    );
    SsmRegion {
        managed_instances: managed_instances.into(),
        patch_compliance: patch_compliance.into(),
        documents: documents.into(),
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

fn managed_instance(
    ctx: &Ctx,
    region: &str,
    info: &aws_sdk_ssm::types::InstanceInformation,
) -> ManagedInstance {
    let instance_id = info.instance_id().unwrap_or_default().to_string();
    let arn = if instance_id.starts_with("i-") {
        ctx.arn("ec2", region, &format!("instance/{instance_id}"))
    } else {
        ctx.arn(SSM, region, &format!("managed-instance/{instance_id}"))
    };
    ManagedInstance {
        arn,
        region: region.to_string(),
        ping_status: info.ping_status().map(|s| s.as_str().to_string()),
        computer_name: crate::convert::non_empty(info.computer_name()),
        instance_id,
    }
}

fn patch_summary(item: &aws_sdk_ssm::types::ResourceComplianceSummaryItem) -> PatchCompliance {
    let missing = item.non_compliant_summary();
    let severity = missing.and_then(|m| m.severity_summary());
    PatchCompliance {
        resource_id: item.resource_id().unwrap_or_default().to_string(),
        status: item
            .status()
            .map(|s| s.as_str().to_string())
            .unwrap_or_default(),
        non_compliant_critical: severity.map(|s| s.critical_count()).unwrap_or_default(),
        non_compliant_high: severity.map(|s| s.high_count()).unwrap_or_default(),
        non_compliant_total: missing.map(|m| m.non_compliant_count()).unwrap_or_default(),
    }
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
    Ok(join_all(owned.iter().map(|document| async move {
        let name = document.name().unwrap_or_default().to_string();
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
            name,
        }
    }))
    .await)
}

/// moto 5.2.5 lacks `DescribeInstanceInformation` and `ListResourceComplianceSummaries`, so the
/// collector is tested here against recorded-shape responses.
#[cfg(test)]
mod tests {
    use std::time::Duration;

    use aws_sdk_ssm::error::ErrorMetadata;
    use aws_sdk_ssm::operation::describe_document_permission::DescribeDocumentPermissionOutput;
    use aws_sdk_ssm::operation::describe_instance_information::{
        DescribeInstanceInformationError, DescribeInstanceInformationOutput,
    };
    use aws_sdk_ssm::operation::list_documents::ListDocumentsOutput;
    use aws_sdk_ssm::operation::list_resource_compliance_summaries::ListResourceComplianceSummariesOutput;
    use aws_sdk_ssm::types::{
        ComplianceStatus, DocumentIdentifier, DocumentType, InstanceInformation,
        NonCompliantSummary, PingStatus, ResourceComplianceSummaryItem, SeveritySummary,
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
        let client = mock_client!(
            aws_sdk_ssm,
            RuleMode::MatchAny,
            &[&nodes, &compliance, &documents, &permission]
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
        let client = mock_client!(
            aws_sdk_ssm,
            RuleMode::MatchAny,
            &[&nodes, &compliance, &documents]
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
        assert_eq!(ctx.take_errors().len(), 1);
    }
}
