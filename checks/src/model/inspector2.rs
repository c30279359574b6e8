//! Amazon Inspector, per region: `BatchGetAccountStatus` for the scanned account, then, where it
//! scans something, its active critical findings (`ListFindings`, filtered, paginated).

use serde::{Deserialize, Serialize};

use super::{Fetched, Service};

/// Everything read from Amazon Inspector in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Inspector2Region {
    pub account: Fetched<AccountStatus>,
    /// The active findings of severity `CRITICAL` (empty where Inspector scans nothing).
    #[serde(default = "critical_not_collected")]
    pub critical_findings: Fetched<Vec<VulnerabilityFinding>>,
}

fn critical_not_collected() -> Fetched<Vec<VulnerabilityFinding>> {
    Fetched::not_collected(Service::Inspector2, "ListFindings")
}

impl Default for Inspector2Region {
    fn default() -> Self {
        Inspector2Region {
            account: Fetched::not_collected(Service::Inspector2, "BatchGetAccountStatus"),
            critical_findings: critical_not_collected(),
        }
    }
}

/// An open vulnerability Inspector found on a resource.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct VulnerabilityFinding {
    /// The affected resource (an instance id, an image or function ARN).
    pub resource_id: String,
    /// `AWS_EC2_INSTANCE`, `AWS_ECR_CONTAINER_IMAGE`, `AWS_LAMBDA_FUNCTION`, ...
    pub resource_type: Option<String>,
    /// The CVE (or other) id of a package vulnerability, else the finding's title.
    pub vulnerability: Option<String>,
}

/// Whether Inspector scans the account, and which resource types. Each status is `ENABLED`,
/// `ENABLING`, `DISABLED`, `DISABLING`, `SUSPENDED` or `SUSPENDING`; `None` when the answer
/// lacked it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AccountStatus {
    pub status: Option<String>,
    /// EC2 instances (package vulnerabilities and network reachability).
    pub ec2: Option<String>,
    /// ECR container images (enhanced scanning).
    pub ecr: Option<String>,
    /// Lambda functions' packages.
    pub lambda: Option<String>,
    /// Lambda functions' own code.
    pub lambda_code: Option<String>,
}

/// A resource type Inspector scans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scanned {
    Ec2,
    Ecr,
    Lambda,
}

impl Scanned {
    pub const ALL: [Scanned; 3] = [Scanned::Ec2, Scanned::Ecr, Scanned::Lambda];

    pub fn name(self) -> &'static str {
        match self {
            Scanned::Ec2 => "EC2",
            Scanned::Ecr => "ECR",
            Scanned::Lambda => "Lambda",
        }
    }
}

impl AccountStatus {
    /// The resource types Inspector scans (`ENABLED`).
    pub fn scanned(&self) -> Vec<Scanned> {
        Scanned::ALL
            .into_iter()
            .filter(|kind| self.of(*kind) == Some("ENABLED"))
            .collect()
    }

    /// The status of the scanning of `kind`.
    pub fn of(&self, kind: Scanned) -> Option<&str> {
        match kind {
            Scanned::Ec2 => self.ec2.as_deref(),
            Scanned::Ecr => self.ecr.as_deref(),
            Scanned::Lambda => self.lambda.as_deref(),
        }
    }
}
