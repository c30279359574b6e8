//! Performance efficiency: use computing resources efficiently as demand changes.

mod cloudfront_http2;
mod computeoptimizer_ebs_volume_optimized;
mod computeoptimizer_ec2_instance_under_provisioned;
mod computeoptimizer_enrolled;
mod ec2_ebs_volume_gp2;
mod ec2_instance_previous_generation;
mod rds_instance_performance_insights;
mod rds_instance_previous_generation;

use crate::check::Check;

pub use cloudfront_http2::CLOUDFRONT_HTTP2;
pub use computeoptimizer_ebs_volume_optimized::COMPUTEOPTIMIZER_EBS_VOLUME_OPTIMIZED;
pub use computeoptimizer_ec2_instance_under_provisioned::COMPUTEOPTIMIZER_EC2_INSTANCE_UNDER_PROVISIONED;
pub use computeoptimizer_enrolled::COMPUTEOPTIMIZER_ENROLLED;
pub use ec2_ebs_volume_gp2::EC2_EBS_VOLUME_GP2;
pub use ec2_instance_previous_generation::EC2_INSTANCE_PREVIOUS_GENERATION;
pub use rds_instance_performance_insights::RDS_INSTANCE_PERFORMANCE_INSIGHTS;
pub use rds_instance_previous_generation::RDS_INSTANCE_PREVIOUS_GENERATION;

pub static CHECKS: &[&Check] = &[
    &EC2_INSTANCE_PREVIOUS_GENERATION,
    &EC2_EBS_VOLUME_GP2,
    &RDS_INSTANCE_PREVIOUS_GENERATION,
    &RDS_INSTANCE_PERFORMANCE_INSIGHTS,
    &COMPUTEOPTIMIZER_EC2_INSTANCE_UNDER_PROVISIONED,
    &COMPUTEOPTIMIZER_EBS_VOLUME_OPTIMIZED,
    &CLOUDFRONT_HTTP2,
    &COMPUTEOPTIMIZER_ENROLLED,
];
