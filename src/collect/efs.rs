//! EFS, per region: the file systems (paginated), then for every one `DescribeBackupPolicy`, all
//! concurrent.

use std::collections::BTreeMap;

use aws_sdk_efs::types::Status;
use aws_sdk_efs::Client;
use futures::future::join_all;
use wascan_checks::model::efs::*;
use wascan_checks::model::{EfsRegion, Fetched};

use super::calls::{Call, Ctx};

const EFS: &str = "efs";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_efs::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, EfsRegion> {
    let per_region = join_all(regions.iter().map(|region| collect_region(ctx, region))).await;
    regions.iter().cloned().zip(per_region).collect()
}

async fn collect_region(ctx: &Ctx, region: &str) -> EfsRegion {
    let efs = client(ctx, region);
    let listed = ctx
        .pages(
            Call::new(EFS, "DescribeFileSystems").region(region),
            efs.describe_file_systems().into_paginator().send(),
            |page| page.file_systems().to_vec(),
        )
        .await;
    let file_systems = match listed {
        Ok(listed) => Fetched::Ok(
            ctx.per_resource(
                listed
                    .iter()
                    .map(|fs| collect_file_system(ctx, &efs, region, fs)),
            )
            .await,
        ),
        Err(gap) => Fetched::Failed(gap),
    };
    EfsRegion { file_systems }
}

async fn collect_file_system(
    ctx: &Ctx,
    efs: &Client,
    region: &str,
    fs: &aws_sdk_efs::types::FileSystemDescription,
) -> FileSystem {
    let id = fs.file_system_id().to_string();
    let at = |operation| Call::new(EFS, operation).region(region).resource(&id);
    let (policy, lifecycle) = futures::join!(
        ctx.call_or_absent(
            at("DescribeBackupPolicy"),
            &["PolicyNotFound"],
            efs.describe_backup_policy().file_system_id(&id).send(),
        ),
        ctx.call(
            at("DescribeLifecycleConfiguration"),
            efs.describe_lifecycle_configuration()
                .file_system_id(&id)
                .send(),
        ),
    );
    FileSystem {
        arn: fs
            .file_system_arn()
            .map(str::to_string)
            .unwrap_or_else(|| ctx.arn("elasticfilesystem", region, &format!("file-system/{id}"))),
        region: region.to_string(),
        name: fs.name().filter(|n| !n.is_empty()).map(str::to_string),
        // Always sent; absent reads as unencrypted, which can only fail efs_encrypted.
        encrypted: fs.encrypted().unwrap_or(false),
        kms_key_id: fs
            .kms_key_id()
            .filter(|k| !k.is_empty())
            .map(str::to_string),
        automatic_backups: policy
            .map(|out| {
                // PolicyNotFound (None) is "no automatic backups"; an answer without the policy
                // or its status reads the same, which can only fail the backup check.
                out.and_then(|o| o.backup_policy().map(|p| p.status() == &Status::Enabled))
                    .unwrap_or(false)
            })
            .into(),
        throughput_mode: fs.throughput_mode().map(|m| m.as_str().to_string()),
        one_zone: fs
            .availability_zone_name()
            .filter(|z| !z.is_empty())
            .map(str::to_string),
        transition_to_ia: lifecycle
            .map(|out| {
                out.lifecycle_policies()
                    .iter()
                    .find_map(|p| p.transition_to_ia())
                    .map(|t| t.as_str().to_string())
            })
            .into(),
        tags: fs
            .tags()
            .iter()
            .map(|t| (t.key().to_string(), t.value().to_string()))
            .collect(),
        id,
    }
}
