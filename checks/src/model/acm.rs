//! ACM, per region: `ListCertificates` (paginated, every key type), whose summaries carry the
//! status, key algorithm, expiry and use of every certificate.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{Fetched, Resource, ResourceRef, Service};

/// Everything read from ACM in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AcmRegion {
    pub certificates: Fetched<Vec<Certificate>>,
}

impl Default for AcmRegion {
    fn default() -> Self {
        AcmRegion {
            certificates: Fetched::not_collected(Service::Acm, "ListCertificates"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Certificate {
    pub arn: String,
    pub region: String,
    pub domain_name: Option<String>,
    /// `PENDING_VALIDATION`, `ISSUED`, `INACTIVE`, `EXPIRED`, `VALIDATION_TIMED_OUT`, `REVOKED`,
    /// `FAILED`.
    pub status: Option<String>,
    /// `AMAZON_ISSUED`, `IMPORTED` or `PRIVATE`.
    pub certificate_type: Option<String>,
    /// `RSA_1024`, `RSA_2048`, `RSA_3072`, `RSA_4096`, `EC_prime256v1`, `EC_secp384r1`, ...
    pub key_algorithm: Option<String>,
    #[serde(with = "time::serde::rfc3339::option", default)]
    #[schemars(with = "Option<String>")]
    pub not_after: Option<OffsetDateTime>,
    /// Whether an AWS resource (a load balancer, a CloudFront distribution...) uses it.
    pub in_use: Option<bool>,
}

impl Certificate {
    /// The certificate id: the last part of its ARN.
    pub fn id(&self) -> &str {
        self.arn.rsplit('/').next().unwrap_or(&self.arn)
    }
}

impl Resource for Certificate {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::CertificateManager::Certificate".into(),
            id: self.id().to_string(),
            name: self.domain_name.clone(),
            region: self.region.clone(),
            tags: Default::default(),
        }
    }
}
