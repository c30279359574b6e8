//! RDS, per region: DB instances and DB clusters, both paginated and concurrent.

use std::collections::BTreeMap;

use aws_sdk_rds::types::Tag;
use aws_sdk_rds::Client;
use futures::future::join_all;
use wascan_checks::model::rds::*;
use wascan_checks::model::{Gap, RdsRegion, Tags};

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
        instances: instances.and_then(|all| all.into_iter().collect()).into(),
        clusters: clusters.and_then(|all| all.into_iter().collect()).into(),
    }
}

fn tags(tags: &[Tag]) -> Tags {
    convert::tags(tags.iter().map(|tag| (tag.key(), tag.value())))
}

/// One DB instance. Without an identifier it cannot be named in a finding: the region's list
/// fails with the recorded gap. Every other member AWS always sends is an `Option` here, `None`
/// when the answer lacked it, so the checks that need it are `not_evaluated`.
fn instance(
    ctx: &Ctx,
    region: &str,
    db: &aws_sdk_rds::types::DbInstance,
) -> Result<DbInstance, Gap> {
    let at = Call::new(RDS, "DescribeDBInstances").region(region);
    let id = ctx.required_str(at, "DBInstanceIdentifier", db.db_instance_identifier())?;
    Ok(DbInstance {
        arn: non_empty(db.db_instance_arn())
            .unwrap_or_else(|| ctx.arn(RDS, region, &format!("db:{id}"))),
        region: region.to_string(),
        engine: non_empty(db.engine()),
        engine_version: non_empty(db.engine_version()),
        instance_class: non_empty(db.db_instance_class()),
        status: non_empty(db.db_instance_status()),
        cluster_id: non_empty(db.db_cluster_identifier()),
        replica_source: non_empty(db.read_replica_source_db_instance_identifier())
            .or_else(|| non_empty(db.read_replica_source_db_cluster_identifier())),
        storage_type: non_empty(db.storage_type()),
        allocated_storage_gib: db.allocated_storage(),
        storage_encrypted: db.storage_encrypted(),
        kms_key_id: non_empty(db.kms_key_id()),
        multi_az: db.multi_az(),
        availability_zone: non_empty(db.availability_zone()),
        publicly_accessible: db.publicly_accessible(),
        deletion_protection: db.deletion_protection(),
        backup_retention_days: db.backup_retention_period(),
        auto_minor_version_upgrade: db.auto_minor_version_upgrade(),
        performance_insights_enabled: db.performance_insights_enabled(),
        monitoring_interval_s: db.monitoring_interval(),
        // An absent list is an empty one (no log type exported).
        log_exports: db.enabled_cloudwatch_logs_exports().to_vec(),
        max_allocated_storage_gib: db.max_allocated_storage(),
        copy_tags_to_snapshot: db.copy_tags_to_snapshot(),
        iam_auth: db.iam_database_authentication_enabled(),
        license_model: non_empty(db.license_model()),
        tags: tags(db.tag_list()),
        id,
    })
}

fn cluster(ctx: &Ctx, region: &str, c: &aws_sdk_rds::types::DbCluster) -> Result<DbCluster, Gap> {
    let at = Call::new(RDS, "DescribeDBClusters").region(region);
    let id = ctx.required_str(at, "DBClusterIdentifier", c.db_cluster_identifier())?;
    Ok(DbCluster {
        arn: non_empty(c.db_cluster_arn())
            .unwrap_or_else(|| ctx.arn(RDS, region, &format!("cluster:{id}"))),
        region: region.to_string(),
        engine: non_empty(c.engine()),
        engine_version: non_empty(c.engine_version()),
        engine_mode: non_empty(c.engine_mode()),
        status: non_empty(c.status()),
        storage_encrypted: c.storage_encrypted(),
        multi_az: c.multi_az(),
        deletion_protection: c.deletion_protection(),
        backup_retention_days: c.backup_retention_period(),
        members: c
            .db_cluster_members()
            .iter()
            .filter_map(|m| non_empty(m.db_instance_identifier()))
            .collect(),
        log_exports: c.enabled_cloudwatch_logs_exports().to_vec(),
        copy_tags_to_snapshot: c.copy_tags_to_snapshot(),
        iam_auth: c.iam_database_authentication_enabled(),
        tags: tags(c.tag_list()),
        id,
    })
}

#[cfg(test)]
mod tests {
    use aws_sdk_rds::types::DbInstance as SdkInstance;

    use super::*;
    use crate::collect::tests::test_ctx;

    /// Issue #14: a DescribeDBInstances entry that lacked PubliclyAccessible, DeletionProtection,
    /// MultiAZ, Engine or StorageType became `false`/"" (private, unprotected, single-AZ, skipped).
    #[test]
    fn members_the_answer_lacks_stay_unknown() {
        let ctx = test_ctx();
        let bare = SdkInstance::builder()
            .db_instance_identifier("orders-db")
            .build();
        let db = instance(&ctx, "eu-west-1", &bare).expect("identified");
        assert_eq!(db.id, "orders-db");
        assert_eq!(
            (db.publicly_accessible, db.deletion_protection, db.multi_az),
            (None, None, None)
        );
        assert_eq!((db.engine, db.storage_type), (None, None));
        assert_eq!(db.backup_retention_days, None);
        assert!(ctx.take_errors().is_empty());
    }

    /// An instance without an identifier is not a resource named "": its list fails, recorded.
    #[test]
    fn an_instance_without_an_identifier_is_a_collection_error() {
        let ctx = test_ctx();
        let anonymous = SdkInstance::builder().engine("postgres").build();
        let gap = instance(&ctx, "eu-west-1", &anonymous).expect_err("unidentified");
        assert_eq!(
            gap.to_string(),
            "rds:DescribeDBInstances in eu-west-1 failed (incomplete answer): the answer has no DBInstanceIdentifier"
        );
        assert_eq!(ctx.take_errors(), [gap]);
    }
}
