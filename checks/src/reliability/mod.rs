//! Reliability: a workload performs its intended function correctly and consistently.

mod s3_bucket_versioning;

use crate::check::Check;

pub use s3_bucket_versioning::S3_BUCKET_VERSIONING;

pub static CHECKS: &[&Check] = &[&S3_BUCKET_VERSIONING];
