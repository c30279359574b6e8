//! Cost optimization: deliver business value at the lowest price point.

crate::register_checks! {
    ec2_ebs_volume_unattached::EC2_EBS_VOLUME_UNATTACHED,
    ec2_eip_unassociated::EC2_EIP_UNASSOCIATED,
    ec2_snapshot_stale::EC2_SNAPSHOT_STALE,
    ec2_cost_allocation_tags::EC2_COST_ALLOCATION_TAGS,
    s3_bucket_cost_allocation_tags::S3_BUCKET_COST_ALLOCATION_TAGS,
    rds_cost_allocation_tags::RDS_COST_ALLOCATION_TAGS,
    rds_instance_storage_gp2::RDS_INSTANCE_STORAGE_GP2,
    logs_log_group_retention::LOGS_LOG_GROUP_RETENTION,
    secretsmanager_secret_unused::SECRETSMANAGER_SECRET_UNUSED,
    rds_copy_tags_to_snapshot::RDS_COPY_TAGS_TO_SNAPSHOT,
    ec2_vpc_s3_gateway_endpoint::EC2_VPC_S3_GATEWAY_ENDPOINT,
    s3_bucket_abort_incomplete_uploads::S3_BUCKET_ABORT_INCOMPLETE_UPLOADS,
    ecr_repository_lifecycle_policy::ECR_REPOSITORY_LIFECYCLE_POLICY,
    eks_cluster_unused::EKS_CLUSTER_UNUSED,
    computeoptimizer_ec2_instance_over_provisioned::COMPUTEOPTIMIZER_EC2_INSTANCE_OVER_PROVISIONED,
    computeoptimizer_lambda_function_memory::COMPUTEOPTIMIZER_LAMBDA_FUNCTION_MEMORY,
    organizations_in_use::ORGANIZATIONS_IN_USE,
    budgets_budget_exists::BUDGETS_BUDGET_EXISTS,
    budgets_budget_notifications::BUDGETS_BUDGET_NOTIFICATIONS,
    costexplorer_anomaly_detection::COSTEXPLORER_ANOMALY_DETECTION,
}
