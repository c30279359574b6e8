//! IAM Access Analyzer, per region: `ListAnalyzers` (paginated), then for each active analyzer
//! `ListFindingsV2` with `status = ACTIVE` (paginated), counted.

use serde::{Deserialize, Serialize};

use super::{Fetched, Resource, ResourceRef, Service, Tags};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AccessAnalyzerRegion {
    pub analyzers: Fetched<Vec<Analyzer>>,
}

impl Default for AccessAnalyzerRegion {
    fn default() -> Self {
        AccessAnalyzerRegion {
            analyzers: Fetched::not_collected(Service::AccessAnalyzer, "ListAnalyzers"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Analyzer {
    pub arn: String,
    pub region: String,
    pub name: String,
    /// `ACCOUNT`, `ORGANIZATION`, `ACCOUNT_UNUSED_ACCESS` or `ORGANIZATION_UNUSED_ACCESS`.
    pub analyzer_type: String,
    /// `ACTIVE`, `CREATING`, `DISABLED` or `FAILED`.
    pub status: String,
    /// How many findings are active (not archived nor resolved).
    pub active_findings: Fetched<usize>,
}

impl Resource for Analyzer {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::AccessAnalyzer::Analyzer".into(),
            id: self.name.clone(),
            name: None,
            region: self.region.clone(),
            tags: Tags::new(),
        }
    }
}
