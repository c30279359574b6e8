//! S3: `ListBuckets`, per bucket `GetBucketLocation`, `GetBucketEncryption`, `GetBucketVersioning`,
//! `GetPublicAccessBlock`, `GetBucketPolicy`, `GetBucketAcl`, `GetBucketLogging`,
//! `GetBucketLifecycleConfiguration`, `GetBucketTagging`; and S3 Control's account-level
//! `GetPublicAccessBlock`.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{Fetched, Gap, Resource, ResourceRef, Service, Tags};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct S3 {
    /// The account-wide block; `None` when none is configured.
    pub account_public_access_block: Fetched<Option<PublicAccessBlock>>,
    pub buckets: Fetched<Vec<Bucket>>,
    /// Listed buckets whose region could not be read (ListBuckets did not say, and neither
    /// GetBucketLocation nor HeadBucket answered): their checks are `not_evaluated` with the
    /// reason, never evaluated as if they were in some region.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unlocated_buckets: Vec<UnlocatedBucket>,
}

/// A bucket whose region is unknown, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct UnlocatedBucket {
    pub name: String,
    pub why: Gap,
}

impl Resource for UnlocatedBucket {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: format!("arn:aws:s3:::{}", self.name),
            kind: "AWS::S3::Bucket".into(),
            id: self.name.clone(),
            name: None,
            region: "unknown".into(),
            tags: Tags::new(),
        }
    }
}

impl Default for S3 {
    fn default() -> Self {
        S3 {
            account_public_access_block: Fetched::not_collected(
                Service::S3,
                "s3control:GetPublicAccessBlock",
            ),
            buckets: Fetched::not_collected(Service::S3, "ListBuckets"),
            unlocated_buckets: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Bucket {
    pub name: String,
    pub region: String,
    #[serde(with = "time::serde::rfc3339::option", default)]
    #[schemars(with = "Option<String>")]
    pub created: Option<OffsetDateTime>,
    /// The default encryption; `None` when the bucket has none configured.
    pub encryption: Fetched<Option<BucketEncryption>>,
    pub versioning: Fetched<Versioning>,
    /// The bucket's own public access block; `None` when none is configured.
    pub public_access_block: Fetched<Option<PublicAccessBlock>>,
    /// The bucket policy document (JSON); `None` when the bucket has no policy.
    pub policy: Fetched<Option<String>>,
    pub acl_grants: Fetched<Vec<Grant>>,
    /// Where server access logs go; `None` when logging is off.
    pub logging: Fetched<Option<LoggingTarget>>,
    pub lifecycle_rules: Fetched<Vec<LifecycleRule>>,
    pub tags: Fetched<Tags>,
}

impl Resource for Bucket {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: format!("arn:aws:s3:::{}", self.name),
            kind: "AWS::S3::Bucket".into(),
            id: self.name.clone(),
            name: None,
            region: self.region.clone(),
            tags: self.tags.ok().cloned().unwrap_or_default(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct BucketEncryption {
    /// `AES256`, `aws:kms` or `aws:kms:dsse`.
    pub algorithm: String,
    pub kms_key_id: Option<String>,
    pub bucket_key_enabled: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Versioning {
    Enabled,
    Suspended,
    NeverEnabled,
}

impl std::fmt::Display for Versioning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Versioning::Enabled => "enabled",
            Versioning::Suspended => "suspended",
            Versioning::NeverEnabled => "never enabled",
        })
    }
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct PublicAccessBlock {
    pub block_public_acls: bool,
    pub ignore_public_acls: bool,
    pub block_public_policy: bool,
    pub restrict_public_buckets: bool,
}

impl PublicAccessBlock {
    pub const ALL: PublicAccessBlock = PublicAccessBlock {
        block_public_acls: true,
        ignore_public_acls: true,
        block_public_policy: true,
        restrict_public_buckets: true,
    };

    pub fn blocks_all(&self) -> bool {
        *self == Self::ALL
    }

    /// Whether public ACLs are neutralised (they are ignored).
    pub fn neutralises_acls(&self) -> bool {
        self.ignore_public_acls
    }

    /// Whether public policies are neutralised (access through them is restricted).
    pub fn neutralises_policies(&self) -> bool {
        self.restrict_public_buckets
    }

    /// The settings that are off, by their API names.
    pub fn missing_settings(&self) -> Vec<&'static str> {
        [
            (self.block_public_acls, "BlockPublicAcls"),
            (self.ignore_public_acls, "IgnorePublicAcls"),
            (self.block_public_policy, "BlockPublicPolicy"),
            (self.restrict_public_buckets, "RestrictPublicBuckets"),
        ]
        .into_iter()
        .filter(|(on, _)| !on)
        .map(|(_, name)| name)
        .collect()
    }
}

/// One ACL grant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Grant {
    /// `CanonicalUser`, `Group` or `AmazonCustomerByEmail` (the grantee's `xsi:type`); `None`
    /// when the answer did not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grantee_type: Option<String>,
    /// For `Group` grantees, the group URI (AllUsers, AuthenticatedUsers, LogDelivery).
    pub grantee_uri: Option<String>,
    pub grantee_id: Option<String>,
    /// `READ`, `WRITE`, `READ_ACP`, `WRITE_ACP`, `FULL_CONTROL`.
    pub permission: String,
}

impl Grant {
    /// Whether the grant is to everyone, or to every AWS account holder.
    pub fn is_public(&self) -> bool {
        matches!(
            self.grantee_uri.as_deref(),
            Some(
                "http://acs.amazonaws.com/groups/global/AllUsers"
                    | "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"
            )
        )
    }

    /// What the answer left out that would say who the grantee is: a `Group` grantee without its
    /// URI, or a grant naming no grantee at all. `None` when the grantee is known.
    pub fn unknown_grantee(&self) -> Option<&'static str> {
        if self.grantee_uri.is_some() {
            return None;
        }
        match self.grantee_type.as_deref() {
            Some("Group") => Some("an ACL grant to a Group has no URI"),
            None if self.grantee_id.is_none() => Some("an ACL grant names no grantee"),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LoggingTarget {
    pub target_bucket: String,
    pub target_prefix: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LifecycleRule {
    pub id: Option<String>,
    pub enabled: bool,
    /// The rule expires current objects.
    pub expires_objects: bool,
    /// The rule transitions objects to another storage class.
    pub transitions: bool,
    /// The rule expires or transitions noncurrent versions.
    pub manages_noncurrent_versions: bool,
    /// The rule aborts incomplete multipart uploads.
    pub aborts_incomplete_uploads: bool,
}
