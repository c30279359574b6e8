//! Reliability: a workload performs its intended function correctly and consistently.

mod ec2_ebs_volume_snapshot_recent;
mod ec2_instance_multi_az;
mod ec2_snapshot_encrypted;
mod s3_bucket_versioning;

use crate::check::Check;

pub use ec2_ebs_volume_snapshot_recent::EC2_EBS_VOLUME_SNAPSHOT_RECENT;
pub use ec2_instance_multi_az::EC2_INSTANCE_MULTI_AZ;
pub use ec2_snapshot_encrypted::EC2_SNAPSHOT_ENCRYPTED;
pub use s3_bucket_versioning::S3_BUCKET_VERSIONING;

pub static CHECKS: &[&Check] = &[
    &S3_BUCKET_VERSIONING,
    &EC2_INSTANCE_MULTI_AZ,
    &EC2_EBS_VOLUME_SNAPSHOT_RECENT,
    &EC2_SNAPSHOT_ENCRYPTED,
];
