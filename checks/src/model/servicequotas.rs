//! Service Quotas, per region: `GetServiceQuota` (the applied value; `GetAWSDefaultServiceQuota`
//! when the quota was never changed and only its default is available) for a fixed set of key
//! quotas whose usage the scan can count from what it already collected ([`KEY_QUOTAS`]).

use serde::{Deserialize, Serialize};

use super::{Fetched, Resource, ResourceRef, Service, Tags};

/// The quotas a scan reads in each region: `(service code, quota code, what it limits)`. Their
/// usage is counted from the EC2 data of the same scan (`servicequotas_usage_headroom`).
pub const KEY_QUOTAS: &[(&str, &str, &str)] = &[
    ("vpc", "L-F678F1CE", "VPCs per Region"),
    ("vpc", "L-E79EC296", "VPC security groups per Region"),
    ("vpc", "L-DF5E4CA3", "Network interfaces per Region"),
    ("vpc", "L-407747CB", "Subnets per VPC"),
    ("vpc", "L-FE5A380F", "NAT gateways per Availability Zone"),
];

/// Everything read from Service Quotas in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ServiceQuotasRegion {
    /// One entry per [`KEY_QUOTAS`] quota (there is no listing to fail: each read has its own
    /// outcome).
    pub quotas: Fetched<Vec<Quota>>,
}

impl Default for ServiceQuotasRegion {
    fn default() -> Self {
        ServiceQuotasRegion {
            quotas: Fetched::not_collected(Service::Servicequotas, "GetServiceQuota"),
        }
    }
}

/// One quota of one region, and what Service Quotas said of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Quota {
    pub region: String,
    pub service_code: String,
    pub quota_code: String,
    pub value: Fetched<QuotaValue>,
}

/// A quota's value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct QuotaValue {
    pub name: Option<String>,
    pub arn: Option<String>,
    /// The quota's value (`None`: the answer had none).
    pub value: Option<f64>,
    /// Whether the value is the applied one (`GetServiceQuota`) or only the AWS default
    /// (`GetAWSDefaultServiceQuota`, for a quota never changed whose applied value is not
    /// available).
    pub applied: bool,
}

impl Quota {
    /// The quota's name from the answer, else from [`KEY_QUOTAS`], else its code.
    pub fn label(&self) -> String {
        self.value
            .ok()
            .and_then(|value| value.name.clone())
            .or_else(|| {
                KEY_QUOTAS
                    .iter()
                    .find(|(_, code, _)| *code == self.quota_code)
                    .map(|(_, _, name)| (*name).to_string())
            })
            .unwrap_or_else(|| self.quota_code.clone())
    }
}

impl Resource for Quota {
    fn resource(&self) -> ResourceRef {
        let arn = self
            .value
            .ok()
            .and_then(|value| value.arn.clone())
            .unwrap_or_else(|| {
                format!(
                    "arn:aws:servicequotas:{}::{}/{}",
                    self.region, self.service_code, self.quota_code
                )
            });
        ResourceRef {
            arn,
            kind: "AWS::ServiceQuotas::Quota".into(),
            id: format!("{}/{}", self.service_code, self.quota_code),
            name: Some(self.label()),
            region: self.region.clone(),
            tags: Tags::new(),
        }
    }
}
