//! Security: protect data, systems and assets.

mod ec2_ebs_default_encryption;
mod ec2_ebs_volume_encrypted;
mod ec2_instance_imdsv2;
mod ec2_security_group_admin_ports_open;
mod ec2_vpc_flow_logs;
mod iam_access_key_rotated;
mod iam_password_policy_strong;
mod iam_root_access_keys;
mod iam_root_mfa;
mod iam_unused_credentials;
mod iam_user_administrator_access;
mod iam_user_console_mfa;
mod iam_user_direct_policies;
mod policy;
mod s3_account_public_access_block;
mod s3_bucket_default_encryption;
mod s3_bucket_public_access;
mod s3_bucket_public_access_block;
mod s3_bucket_server_access_logging;

use crate::check::Check;

pub use ec2_ebs_default_encryption::EC2_EBS_DEFAULT_ENCRYPTION;
pub use ec2_ebs_volume_encrypted::EC2_EBS_VOLUME_ENCRYPTED;
pub use ec2_instance_imdsv2::EC2_INSTANCE_IMDSV2;
pub use ec2_security_group_admin_ports_open::EC2_SECURITY_GROUP_ADMIN_PORTS_OPEN;
pub use ec2_vpc_flow_logs::EC2_VPC_FLOW_LOGS;
pub use iam_access_key_rotated::IAM_ACCESS_KEY_ROTATED;
pub use iam_password_policy_strong::IAM_PASSWORD_POLICY_STRONG;
pub use iam_root_access_keys::IAM_ROOT_ACCESS_KEYS;
pub use iam_root_mfa::IAM_ROOT_MFA;
pub use iam_unused_credentials::IAM_UNUSED_CREDENTIALS;
pub use iam_user_administrator_access::IAM_USER_ADMINISTRATOR_ACCESS;
pub use iam_user_console_mfa::IAM_USER_CONSOLE_MFA;
pub use iam_user_direct_policies::IAM_USER_DIRECT_POLICIES;
pub use s3_account_public_access_block::S3_ACCOUNT_PUBLIC_ACCESS_BLOCK;
pub use s3_bucket_default_encryption::S3_BUCKET_DEFAULT_ENCRYPTION;
pub use s3_bucket_public_access::S3_BUCKET_PUBLIC_ACCESS;
pub use s3_bucket_public_access_block::S3_BUCKET_PUBLIC_ACCESS_BLOCK;
pub use s3_bucket_server_access_logging::S3_BUCKET_SERVER_ACCESS_LOGGING;

/// Grouped by theme: identity (root, then users), then network and compute, then data.
pub static CHECKS: &[&Check] = &[
    // Identity and access management.
    &IAM_ROOT_MFA,
    &IAM_ROOT_ACCESS_KEYS,
    &IAM_USER_CONSOLE_MFA,
    &IAM_PASSWORD_POLICY_STRONG,
    &IAM_ACCESS_KEY_ROTATED,
    &IAM_UNUSED_CREDENTIALS,
    &IAM_USER_ADMINISTRATOR_ACCESS,
    &IAM_USER_DIRECT_POLICIES,
    // Detection.
    &EC2_VPC_FLOW_LOGS,
    &S3_BUCKET_SERVER_ACCESS_LOGGING,
    // Infrastructure protection.
    &EC2_SECURITY_GROUP_ADMIN_PORTS_OPEN,
    &EC2_INSTANCE_IMDSV2,
    // Data protection.
    &S3_ACCOUNT_PUBLIC_ACCESS_BLOCK,
    &S3_BUCKET_PUBLIC_ACCESS,
    &S3_BUCKET_PUBLIC_ACCESS_BLOCK,
    &S3_BUCKET_DEFAULT_ENCRYPTION,
    &EC2_EBS_VOLUME_ENCRYPTED,
    &EC2_EBS_DEFAULT_ENCRYPTION,
];
