//! Operational excellence: run and monitor systems, and improve processes and procedures.

mod cloudfront_access_logging;
mod cloudwatch_alarm_insufficient_data;
mod cloudwatch_resource_alarms;
mod ec2_instance_detailed_monitoring;
mod ec2_instance_owner_tag;
mod organizations_tag_policy;
mod rds_owner_tag;
mod s3_bucket_owner_tag;

use crate::check::Check;

pub use cloudfront_access_logging::CLOUDFRONT_ACCESS_LOGGING;
pub use cloudwatch_alarm_insufficient_data::CLOUDWATCH_ALARM_INSUFFICIENT_DATA;
pub use cloudwatch_resource_alarms::CLOUDWATCH_RESOURCE_ALARMS;
pub use ec2_instance_detailed_monitoring::EC2_INSTANCE_DETAILED_MONITORING;
pub use ec2_instance_owner_tag::EC2_INSTANCE_OWNER_TAG;
pub use organizations_tag_policy::ORGANIZATIONS_TAG_POLICY;
pub use rds_owner_tag::RDS_OWNER_TAG;
pub use s3_bucket_owner_tag::S3_BUCKET_OWNER_TAG;

pub static CHECKS: &[&Check] = &[
    &EC2_INSTANCE_OWNER_TAG,
    &S3_BUCKET_OWNER_TAG,
    &EC2_INSTANCE_DETAILED_MONITORING,
    &RDS_OWNER_TAG,
    &CLOUDFRONT_ACCESS_LOGGING,
    &ORGANIZATIONS_TAG_POLICY,
    &CLOUDWATCH_ALARM_INSUFFICIENT_DATA,
    &CLOUDWATCH_RESOURCE_ALARMS,
];
