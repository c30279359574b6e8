//! Lambda, per region: `ListFunctions` (paginated).

use serde::{Deserialize, Serialize};

use super::{Fetched, Resource, ResourceRef, Service, Tags};

/// Everything read from Lambda in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LambdaRegion {
    pub functions: Fetched<Vec<Function>>,
}

impl Default for LambdaRegion {
    fn default() -> Self {
        LambdaRegion {
            functions: Fetched::not_collected(Service::Lambda, "ListFunctions"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Function {
    pub arn: String,
    pub region: String,
    pub name: String,
    /// `python3.12`, `nodejs20.x`, ...; `None` for container images (`package_type` `Image`).
    pub runtime: Option<String>,
    /// `Zip` or `Image`.
    pub package_type: Option<String>,
    /// `x86_64` or `arm64` (one of them).
    pub architectures: Vec<String>,
    pub memory_mb: Option<i32>,
    /// The dead-letter queue or topic for failed asynchronous invocations.
    pub dead_letter_target: Option<String>,
    /// The VPC the function is attached to.
    pub vpc_id: Option<String>,
    /// X-Ray tracing: `Active` or `PassThrough`.
    #[serde(default)]
    pub tracing_mode: Option<String>,
    /// The log format of `LoggingConfig`: `Text` or `JSON`.
    #[serde(default)]
    pub log_format: Option<String>,
}

impl Resource for Function {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::Lambda::Function".into(),
            id: self.name.clone(),
            name: None,
            region: self.region.clone(),
            tags: Tags::new(),
        }
    }
}
