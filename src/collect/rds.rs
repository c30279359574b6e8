//! RDS, per region: DB instances and DB clusters, both paginated and concurrent.

use std::collections::BTreeMap;

use aws_sdk_rds::types::Tag;
use aws_sdk_rds::Client;
use futures::future::join_all;
use wascan_checks::model::rds::*;
use wascan_checks::model::{RdsRegion, Tags};

use super::calls::{Call, Ctx};
use crate::convert::{self, non_empty};

const RDS: &str = "rds";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_rds::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, RdsRegion> {
    let per_region = join_all(regions.iter().map(|region| collect_region(ctx, region))).await;
    regions.iter().cloned().zip(per_region).collect()
}

async fn collect_region(ctx: &Ctx, region: &str) -> RdsRegion {
    let rds = client(ctx, region);
    let at = |operation| Call::new(RDS, operation).region(region);
    let (instances, clusters) = futures::join!(
        ctx.pages(
            at("DescribeDBInstances"),
            rds.describe_db_instances().into_paginator().send(),
            |page| page
                .db_instances()
                .iter()
                .map(|db| instance(ctx, region, db))
                .collect(),
        ),
        ctx.pages(
            at("DescribeDBClusters"),
            rds.describe_db_clusters().into_paginator().send(),
            |page| page
                .db_clusters()
                .iter()
                .map(|c| cluster(ctx, region, c))
                .collect(),
        ),
    );
    RdsRegion {
        instances: instances.into(),
        clusters: clusters.into(),
    }
}

fn tags(tags: &[Tag]) -> Tags {
    convert::tags(tags.iter().map(|tag| (tag.key(), tag.value())))
}

fn instance(ctx: &Ctx, region: &str, db: &aws_sdk_rds::types::DbInstance) -> DbInstance {
    let id = db.db_instance_identifier().unwrap_or_default().to_string();
    DbInstance {
        arn: non_empty(db.db_instance_arn())
            .unwrap_or_else(|| ctx.arn(RDS, region, &format!("db:{id}"))),
        region: region.to_string(),
        engine: db.engine().unwrap_or_default().to_string(),
        engine_version: non_empty(db.engine_version()),
        instance_class: db.db_instance_class().unwrap_or_default().to_string(),
        status: db.db_instance_status().unwrap_or_default().to_string(),
        cluster_id: non_empty(db.db_cluster_identifier()),
        replica_source: non_empty(db.read_replica_source_db_instance_identifier())
            .or_else(|| non_empty(db.read_replica_source_db_cluster_identifier())),
        storage_type: non_empty(db.storage_type()),
        allocated_storage_gib: db.allocated_storage(),
        storage_encrypted: db.storage_encrypted().unwrap_or(false),
        kms_key_id: non_empty(db.kms_key_id()),
        multi_az: db.multi_az().unwrap_or(false),
        availability_zone: non_empty(db.availability_zone()),
        publicly_accessible: db.publicly_accessible().unwrap_or(false),
        deletion_protection: db.deletion_protection().unwrap_or(false),
        backup_retention_days: db.backup_retention_period().unwrap_or(0),
        auto_minor_version_upgrade: db.auto_minor_version_upgrade().unwrap_or(false),
        performance_insights_enabled: db.performance_insights_enabled().unwrap_or(false),
        monitoring_interval_s: db.monitoring_interval(),
        log_exports: db.enabled_cloudwatch_logs_exports().to_vec(),
        max_allocated_storage_gib: db.max_allocated_storage(),
        copy_tags_to_snapshot: db.copy_tags_to_snapshot().unwrap_or(false),
        iam_auth: db.iam_database_authentication_enabled().unwrap_or(false),
        tags: tags(db.tag_list()),
        id,
    }
}

fn cluster(ctx: &Ctx, region: &str, c: &aws_sdk_rds::types::DbCluster) -> DbCluster {
    let id = c.db_cluster_identifier().unwrap_or_default().to_string();
    DbCluster {
        arn: non_empty(c.db_cluster_arn())
            .unwrap_or_else(|| ctx.arn(RDS, region, &format!("cluster:{id}"))),
        region: region.to_string(),
        engine: c.engine().unwrap_or_default().to_string(),
        engine_version: non_empty(c.engine_version()),
        engine_mode: non_empty(c.engine_mode()),
        status: c.status().unwrap_or_default().to_string(),
        storage_encrypted: c.storage_encrypted().unwrap_or(false),
        multi_az: c.multi_az().unwrap_or(false),
        deletion_protection: c.deletion_protection().unwrap_or(false),
        backup_retention_days: c.backup_retention_period().unwrap_or(0),
        members: c
            .db_cluster_members()
            .iter()
            .filter_map(|m| non_empty(m.db_instance_identifier()))
            .collect(),
        log_exports: c.enabled_cloudwatch_logs_exports().to_vec(),
        copy_tags_to_snapshot: c.copy_tags_to_snapshot().unwrap_or(false),
        iam_auth: c.iam_database_authentication_enabled().unwrap_or(false),
        tags: tags(c.tag_list()),
        id,
    }
}
