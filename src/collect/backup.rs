//! AWS Backup, per region: the backup plans, the vaults and the protected resources (each
//! paginated, all concurrent).

use std::collections::BTreeMap;

use aws_sdk_backup::Client;
use futures::future::join_all;
use wascan_checks::model::backup::*;
use wascan_checks::model::BackupRegion;

use super::calls::{Call, Ctx};

const BACKUP: &str = "backup";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_backup::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, BackupRegion> {
    let per_region = join_all(regions.iter().map(|region| collect_region(ctx, region))).await;
    regions.iter().cloned().zip(per_region).collect()
}

async fn collect_region(ctx: &Ctx, region: &str) -> BackupRegion {
    let backup = client(ctx, region);
    let (plans, vaults, protected_resources) = futures::join!(
        ctx.pages(
            Call::new(BACKUP, "ListBackupPlans").region(region),
            backup.list_backup_plans().into_paginator().send(),
            |page| {
                page.backup_plans_list()
                    .iter()
                    .map(|plan| BackupPlan {
                        arn: plan.backup_plan_arn().unwrap_or_default().to_string(),
                        region: region.to_string(),
                        id: plan.backup_plan_id().unwrap_or_default().to_string(),
                        name: plan.backup_plan_name().unwrap_or_default().to_string(),
                    })
                    .collect()
            },
        ),
        ctx.pages(
            Call::new(BACKUP, "ListBackupVaults").region(region),
            backup.list_backup_vaults().into_paginator().send(),
            |page| {
                page.backup_vault_list()
                    .iter()
                    .map(|vault| BackupVault {
                        arn: vault.backup_vault_arn().unwrap_or_default().to_string(),
                        region: region.to_string(),
                        name: vault.backup_vault_name().unwrap_or_default().to_string(),
                        locked: vault.locked().unwrap_or(false),
                        encryption_key_arn: vault.encryption_key_arn().map(str::to_string),
                        recovery_points: vault.number_of_recovery_points(),
                    })
                    .collect()
            },
        ),
        ctx.pages(
            Call::new(BACKUP, "ListProtectedResources").region(region),
            backup.list_protected_resources().into_paginator().send(),
            |page| {
                page.results()
                    .iter()
                    .filter_map(|resource| resource.resource_arn().map(str::to_string))
                    .collect()
            },
        ),
    );
    BackupRegion {
        plans: plans.into(),
        vaults: vaults.into(),
        protected_resources: protected_resources.into(),
    }
}
