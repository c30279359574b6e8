//! Operational excellence: run and monitor systems, and improve processes and procedures.

mod ec2_instance_detailed_monitoring;
mod ec2_instance_owner_tag;
mod rds_owner_tag;
mod s3_bucket_owner_tag;

use crate::check::Check;

pub use ec2_instance_detailed_monitoring::EC2_INSTANCE_DETAILED_MONITORING;
pub use ec2_instance_owner_tag::EC2_INSTANCE_OWNER_TAG;
pub use rds_owner_tag::RDS_OWNER_TAG;
pub use s3_bucket_owner_tag::S3_BUCKET_OWNER_TAG;

pub static CHECKS: &[&Check] = &[
    &EC2_INSTANCE_OWNER_TAG,
    &S3_BUCKET_OWNER_TAG,
    &EC2_INSTANCE_DETAILED_MONITORING,
    &RDS_OWNER_TAG,
];
