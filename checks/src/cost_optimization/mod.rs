//! Cost optimization: deliver business value at the lowest price point.

mod budgets_budget_exists;
mod budgets_budget_notifications;
mod computeoptimizer_ec2_instance_over_provisioned;
mod computeoptimizer_lambda_function_memory;
mod costexplorer_anomaly_detection;
mod ec2_cost_allocation_tags;
mod ec2_ebs_volume_unattached;
mod ec2_eip_unassociated;
mod ec2_snapshot_stale;
mod logs_log_group_retention;
mod organizations_in_use;
mod rds_cost_allocation_tags;
mod rds_instance_storage_gp2;
mod s3_bucket_cost_allocation_tags;
pub(crate) mod tags;

use crate::check::Check;

pub use budgets_budget_exists::BUDGETS_BUDGET_EXISTS;
pub use budgets_budget_notifications::BUDGETS_BUDGET_NOTIFICATIONS;
pub use computeoptimizer_ec2_instance_over_provisioned::COMPUTEOPTIMIZER_EC2_INSTANCE_OVER_PROVISIONED;
pub use computeoptimizer_lambda_function_memory::COMPUTEOPTIMIZER_LAMBDA_FUNCTION_MEMORY;
pub use costexplorer_anomaly_detection::COSTEXPLORER_ANOMALY_DETECTION;
pub use ec2_cost_allocation_tags::EC2_COST_ALLOCATION_TAGS;
pub use ec2_ebs_volume_unattached::EC2_EBS_VOLUME_UNATTACHED;
pub use ec2_eip_unassociated::EC2_EIP_UNASSOCIATED;
pub use ec2_snapshot_stale::EC2_SNAPSHOT_STALE;
pub use logs_log_group_retention::LOGS_LOG_GROUP_RETENTION;
pub use organizations_in_use::ORGANIZATIONS_IN_USE;
pub use rds_cost_allocation_tags::RDS_COST_ALLOCATION_TAGS;
pub use rds_instance_storage_gp2::RDS_INSTANCE_STORAGE_GP2;
pub use s3_bucket_cost_allocation_tags::S3_BUCKET_COST_ALLOCATION_TAGS;

pub static CHECKS: &[&Check] = &[
    &EC2_EBS_VOLUME_UNATTACHED,
    &EC2_EIP_UNASSOCIATED,
    &EC2_SNAPSHOT_STALE,
    &EC2_COST_ALLOCATION_TAGS,
    &S3_BUCKET_COST_ALLOCATION_TAGS,
    &RDS_COST_ALLOCATION_TAGS,
    &RDS_INSTANCE_STORAGE_GP2,
    &LOGS_LOG_GROUP_RETENTION,
    &COMPUTEOPTIMIZER_EC2_INSTANCE_OVER_PROVISIONED,
    &COMPUTEOPTIMIZER_LAMBDA_FUNCTION_MEMORY,
    &ORGANIZATIONS_IN_USE,
    &BUDGETS_BUDGET_EXISTS,
    &BUDGETS_BUDGET_NOTIFICATIONS,
    &COSTEXPLORER_ANOMALY_DETECTION,
];
