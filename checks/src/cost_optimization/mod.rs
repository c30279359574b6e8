//! Cost optimization: deliver business value at the lowest price point.

mod account_billing_contact;
mod autoscaling_group_spot;
mod autoscaling_scheduled_scaling;
mod budgets_budget_exists;
mod budgets_budget_notifications;
mod computeoptimizer_ec2_instance_over_provisioned;
mod computeoptimizer_lambda_function_memory;
mod costexplorer_anomaly_detection;
mod costexplorer_cost_allocation_tags_active;
mod costexplorer_cost_categories;
mod costexplorer_reservation_utilization;
mod costexplorer_savings_plans_coverage;
mod costexplorer_savings_plans_utilization;
mod dataexports_cost_and_usage_export;
mod ec2_cost_allocation_tags;
mod ec2_ebs_volume_unattached;
mod ec2_eip_unassociated;
mod ec2_nat_gateway_gateway_endpoints;
mod ec2_snapshot_stale;
mod ec2_vpc_s3_gateway_endpoint;
mod ecr_repository_lifecycle_policy;
mod eks_cluster_unused;
mod logs_log_group_retention;
mod organizations_in_use;
mod rds_copy_tags_to_snapshot;
mod rds_cost_allocation_tags;
mod rds_instance_storage_gp2;
mod s3_bucket_abort_incomplete_uploads;
mod s3_bucket_cost_allocation_tags;
mod secretsmanager_secret_unused;
pub(crate) mod tags;

use crate::check::Check;

pub use account_billing_contact::ACCOUNT_BILLING_CONTACT;
pub use autoscaling_group_spot::AUTOSCALING_GROUP_SPOT;
pub use autoscaling_scheduled_scaling::AUTOSCALING_SCHEDULED_SCALING;
pub use budgets_budget_exists::BUDGETS_BUDGET_EXISTS;
pub use budgets_budget_notifications::BUDGETS_BUDGET_NOTIFICATIONS;
pub use computeoptimizer_ec2_instance_over_provisioned::COMPUTEOPTIMIZER_EC2_INSTANCE_OVER_PROVISIONED;
pub use computeoptimizer_lambda_function_memory::COMPUTEOPTIMIZER_LAMBDA_FUNCTION_MEMORY;
pub use costexplorer_anomaly_detection::COSTEXPLORER_ANOMALY_DETECTION;
pub use costexplorer_cost_allocation_tags_active::COSTEXPLORER_COST_ALLOCATION_TAGS_ACTIVE;
pub use costexplorer_cost_categories::COSTEXPLORER_COST_CATEGORIES;
pub use costexplorer_reservation_utilization::COSTEXPLORER_RESERVATION_UTILIZATION;
pub use costexplorer_savings_plans_coverage::COSTEXPLORER_SAVINGS_PLANS_COVERAGE;
pub use costexplorer_savings_plans_utilization::COSTEXPLORER_SAVINGS_PLANS_UTILIZATION;
pub use dataexports_cost_and_usage_export::DATAEXPORTS_COST_AND_USAGE_EXPORT;
pub use ec2_cost_allocation_tags::EC2_COST_ALLOCATION_TAGS;
pub use ec2_ebs_volume_unattached::EC2_EBS_VOLUME_UNATTACHED;
pub use ec2_eip_unassociated::EC2_EIP_UNASSOCIATED;
pub use ec2_nat_gateway_gateway_endpoints::EC2_NAT_GATEWAY_GATEWAY_ENDPOINTS;
pub use ec2_snapshot_stale::EC2_SNAPSHOT_STALE;
pub use ec2_vpc_s3_gateway_endpoint::EC2_VPC_S3_GATEWAY_ENDPOINT;
pub use ecr_repository_lifecycle_policy::ECR_REPOSITORY_LIFECYCLE_POLICY;
pub use eks_cluster_unused::EKS_CLUSTER_UNUSED;
pub use logs_log_group_retention::LOGS_LOG_GROUP_RETENTION;
pub use organizations_in_use::ORGANIZATIONS_IN_USE;
pub use rds_copy_tags_to_snapshot::RDS_COPY_TAGS_TO_SNAPSHOT;
pub use rds_cost_allocation_tags::RDS_COST_ALLOCATION_TAGS;
pub use rds_instance_storage_gp2::RDS_INSTANCE_STORAGE_GP2;
pub use s3_bucket_abort_incomplete_uploads::S3_BUCKET_ABORT_INCOMPLETE_UPLOADS;
pub use s3_bucket_cost_allocation_tags::S3_BUCKET_COST_ALLOCATION_TAGS;
pub use secretsmanager_secret_unused::SECRETSMANAGER_SECRET_UNUSED;

pub static CHECKS: &[&Check] = &[
    &EC2_EBS_VOLUME_UNATTACHED,
    &EC2_EIP_UNASSOCIATED,
    &EC2_SNAPSHOT_STALE,
    &EC2_COST_ALLOCATION_TAGS,
    &S3_BUCKET_COST_ALLOCATION_TAGS,
    &RDS_COST_ALLOCATION_TAGS,
    &RDS_INSTANCE_STORAGE_GP2,
    &LOGS_LOG_GROUP_RETENTION,
    &SECRETSMANAGER_SECRET_UNUSED,
    &RDS_COPY_TAGS_TO_SNAPSHOT,
    &EC2_VPC_S3_GATEWAY_ENDPOINT,
    &S3_BUCKET_ABORT_INCOMPLETE_UPLOADS,
    &ECR_REPOSITORY_LIFECYCLE_POLICY,
    &EKS_CLUSTER_UNUSED,
    &COMPUTEOPTIMIZER_EC2_INSTANCE_OVER_PROVISIONED,
    &COMPUTEOPTIMIZER_LAMBDA_FUNCTION_MEMORY,
    &ORGANIZATIONS_IN_USE,
    &BUDGETS_BUDGET_EXISTS,
    &BUDGETS_BUDGET_NOTIFICATIONS,
    &COSTEXPLORER_ANOMALY_DETECTION,
    &COSTEXPLORER_COST_ALLOCATION_TAGS_ACTIVE,
    &COSTEXPLORER_COST_CATEGORIES,
    &COSTEXPLORER_SAVINGS_PLANS_COVERAGE,
    &COSTEXPLORER_SAVINGS_PLANS_UTILIZATION,
    &COSTEXPLORER_RESERVATION_UTILIZATION,
    &DATAEXPORTS_COST_AND_USAGE_EXPORT,
    &EC2_NAT_GATEWAY_GATEWAY_ENDPOINTS,
    &AUTOSCALING_SCHEDULED_SCALING,
    &AUTOSCALING_GROUP_SPOT,
    &ACCOUNT_BILLING_CONTACT,
];
