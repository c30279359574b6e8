//! Cost optimization: deliver business value at the lowest price point.

mod ec2_cost_allocation_tags;
mod ec2_ebs_volume_unattached;
mod ec2_eip_unassociated;
mod ec2_snapshot_stale;
mod ecr_repository_lifecycle_policy;
mod eks_cluster_unused;
mod logs_log_group_retention;
mod rds_cost_allocation_tags;
mod rds_instance_storage_gp2;
mod s3_bucket_cost_allocation_tags;
pub(crate) mod tags;

use crate::check::Check;

pub use ec2_cost_allocation_tags::EC2_COST_ALLOCATION_TAGS;
pub use ec2_ebs_volume_unattached::EC2_EBS_VOLUME_UNATTACHED;
pub use ec2_eip_unassociated::EC2_EIP_UNASSOCIATED;
pub use ec2_snapshot_stale::EC2_SNAPSHOT_STALE;
pub use ecr_repository_lifecycle_policy::ECR_REPOSITORY_LIFECYCLE_POLICY;
pub use eks_cluster_unused::EKS_CLUSTER_UNUSED;
pub use logs_log_group_retention::LOGS_LOG_GROUP_RETENTION;
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
    &ECR_REPOSITORY_LIFECYCLE_POLICY,
    &EKS_CLUSTER_UNUSED,
];
