//! Sustainability: minimise the environmental impact of running cloud workloads.

mod cloudfront_compression;
mod computeoptimizer_asg_optimized;
mod ec2_instance_graviton;
mod lambda_function_arm64;
mod rds_instance_graviton;
mod s3_bucket_lifecycle_rules;
mod s3_bucket_noncurrent_versions_expire;

use crate::check::Check;

pub use cloudfront_compression::CLOUDFRONT_COMPRESSION;
pub use computeoptimizer_asg_optimized::COMPUTEOPTIMIZER_ASG_OPTIMIZED;
pub use ec2_instance_graviton::EC2_INSTANCE_GRAVITON;
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
    &COMPUTEOPTIMIZER_ASG_OPTIMIZED,
    &CLOUDFRONT_COMPRESSION,
];
