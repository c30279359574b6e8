//! Sustainability: minimise the environmental impact of running cloud workloads.

mod autoscaling_group_graviton;
mod ec2_instance_graviton;
mod ecs_task_definition_graviton;
mod lambda_function_arm64;
mod rds_instance_graviton;
mod s3_bucket_lifecycle_rules;
mod s3_bucket_noncurrent_versions_expire;

use crate::check::Check;

pub use autoscaling_group_graviton::AUTOSCALING_GROUP_GRAVITON;
pub use ec2_instance_graviton::EC2_INSTANCE_GRAVITON;
pub use ecs_task_definition_graviton::ECS_TASK_DEFINITION_GRAVITON;
pub use lambda_function_arm64::LAMBDA_FUNCTION_ARM64;
pub use rds_instance_graviton::RDS_INSTANCE_GRAVITON;
pub use s3_bucket_lifecycle_rules::S3_BUCKET_LIFECYCLE_RULES;
pub use s3_bucket_noncurrent_versions_expire::S3_BUCKET_NONCURRENT_VERSIONS_EXPIRE;

pub static CHECKS: &[&Check] = &[
    &S3_BUCKET_LIFECYCLE_RULES,
    &S3_BUCKET_NONCURRENT_VERSIONS_EXPIRE,
    &EC2_INSTANCE_GRAVITON,
    &RDS_INSTANCE_GRAVITON,
    &LAMBDA_FUNCTION_ARM64,
    &ECS_TASK_DEFINITION_GRAVITON,
    &AUTOSCALING_GROUP_GRAVITON,
];
