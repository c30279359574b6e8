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
    let (managed_instances, patch_compliance, documents) = futures::join!(
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
        collect_documents(ctx, ssm, region)
    );
    SsmRegion {
        managed_instances: managed_instances.into(),
        patch_compliance: patch_compliance.into(),
        documents: documents.into(),
    }
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
