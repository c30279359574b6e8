//! Sustainability: minimise the environmental impact of running cloud workloads.

mod autoscaling_group_graviton;
mod cloudfront_compression;
mod computeoptimizer_asg_optimized;
mod computeoptimizer_rds_instance_idle;
mod dataexports_carbon_emissions_export;
mod ec2_instance_graviton;
mod ec2_instance_stopped;
mod ecs_task_definition_graviton;
mod efs_lifecycle_infrequent_access;
mod elasticache_node_graviton;
mod elbv2_internet_facing_cloudfront;
mod elbv2_load_balancer_unused;
mod lambda_function_arm64;
mod opensearch_domain_graviton;
mod rds_instance_graviton;
mod rds_instance_storage_autoscaling;
mod s3_bucket_lifecycle_rules;
mod s3_bucket_noncurrent_versions_expire;
mod sqs_queue_long_polling;

use crate::check::Check;

pub use autoscaling_group_graviton::AUTOSCALING_GROUP_GRAVITON;
pub use cloudfront_compression::CLOUDFRONT_COMPRESSION;
pub use computeoptimizer_asg_optimized::COMPUTEOPTIMIZER_ASG_OPTIMIZED;
pub use computeoptimizer_rds_instance_idle::COMPUTEOPTIMIZER_RDS_INSTANCE_IDLE;
pub use dataexports_carbon_emissions_export::DATAEXPORTS_CARBON_EMISSIONS_EXPORT;
pub use ec2_instance_graviton::EC2_INSTANCE_GRAVITON;
pub use ec2_instance_stopped::EC2_INSTANCE_STOPPED;
pub use ecs_task_definition_graviton::ECS_TASK_DEFINITION_GRAVITON;
pub use efs_lifecycle_infrequent_access::EFS_LIFECYCLE_INFREQUENT_ACCESS;
pub use elasticache_node_graviton::ELASTICACHE_NODE_GRAVITON;
pub use elbv2_internet_facing_cloudfront::ELBV2_INTERNET_FACING_CLOUDFRONT;
pub use elbv2_load_balancer_unused::ELBV2_LOAD_BALANCER_UNUSED;
pub use lambda_function_arm64::LAMBDA_FUNCTION_ARM64;
pub use opensearch_domain_graviton::OPENSEARCH_DOMAIN_GRAVITON;
pub use rds_instance_graviton::RDS_INSTANCE_GRAVITON;
pub use rds_instance_storage_autoscaling::RDS_INSTANCE_STORAGE_AUTOSCALING;
pub use s3_bucket_lifecycle_rules::S3_BUCKET_LIFECYCLE_RULES;
pub use s3_bucket_noncurrent_versions_expire::S3_BUCKET_NONCURRENT_VERSIONS_EXPIRE;
pub use sqs_queue_long_polling::SQS_QUEUE_LONG_POLLING;

pub static CHECKS: &[&Check] = &[
    &S3_BUCKET_LIFECYCLE_RULES,
    &S3_BUCKET_NONCURRENT_VERSIONS_EXPIRE,
    &EC2_INSTANCE_GRAVITON,
    &RDS_INSTANCE_GRAVITON,
    &LAMBDA_FUNCTION_ARM64,
    &RDS_INSTANCE_STORAGE_AUTOSCALING,
    &EC2_INSTANCE_STOPPED,
    &SQS_QUEUE_LONG_POLLING,
    &EFS_LIFECYCLE_INFREQUENT_ACCESS,
    &ELBV2_LOAD_BALANCER_UNUSED,
    &ECS_TASK_DEFINITION_GRAVITON,
    &AUTOSCALING_GROUP_GRAVITON,
    &COMPUTEOPTIMIZER_ASG_OPTIMIZED,
    &CLOUDFRONT_COMPRESSION,
    &ELASTICACHE_NODE_GRAVITON,
    &OPENSEARCH_DOMAIN_GRAVITON,
    &DATAEXPORTS_CARBON_EMISSIONS_EXPORT,
    &ELBV2_INTERNET_FACING_CLOUDFRONT,
    &COMPUTEOPTIMIZER_RDS_INSTANCE_IDLE,
];
