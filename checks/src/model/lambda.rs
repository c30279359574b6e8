//! Lambda, per region: `ListFunctions` and `ListEventSourceMappings` (paginated).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Fetched, Resource, ResourceRef, Service, Tags};
use crate::secrets::SecretHit;

/// Everything read from Lambda in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LambdaRegion {
    pub functions: Fetched<Vec<Function>>,
    /// The event source mappings (`ListEventSourceMappings`, paginated): queues and streams the
    /// functions poll.
    #[serde(default = "event_source_mappings_not_collected")]
    pub event_source_mappings: Fetched<Vec<EventSourceMapping>>,
    /// The code signing of each `Zip` function, keyed by function ARN
    /// (`GetFunctionCodeSigningConfig`, then `GetCodeSigningConfig` once per configuration):
    /// `None` when the function has no code signing configuration. Container-image functions
    /// cannot be code-signed and are not asked about.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub code_signing: BTreeMap<String, Fetched<Option<CodeSigning>>>,
}

/// A function's code signing configuration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CodeSigning {
    pub config_arn: String,
    /// `UntrustedArtifactOnDeployment`: `Enforce` (unsigned or invalid code is refused) or
    /// `Warn` (deployed, with a CloudWatch metric).
    pub untrusted_artifact_on_deployment: Fetched<String>,
}

fn event_source_mappings_not_collected() -> Fetched<Vec<EventSourceMapping>> {
    Fetched::not_collected(Service::Lambda, "ListEventSourceMappings")
}

/// A function polling a queue or stream.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct EventSourceMapping {
    pub arn: String,
    pub region: String,
    pub uuid: String,
    pub function_arn: Option<String>,
    /// The queue or stream: an SQS queue, Kinesis or DynamoDB stream, MSK cluster, ...
    pub source_arn: Option<String>,
    /// `Enabled`, `Disabled`, `Creating`, ...
    pub state: Option<String>,
    /// Stream sources: retries of a failed batch (`-1` or absent: until the records expire,
    /// the documented default).
    pub maximum_retry_attempts: Option<i32>,
    /// Stream sources: the age past which records are discarded (`-1` or absent: never).
    pub maximum_record_age_seconds: Option<i32>,
    /// Where failed batches are sent (`DestinationConfig.OnFailure`).
    pub on_failure_destination: Option<String>,
}

impl EventSourceMapping {
    /// The service of the source ARN: `sqs`, `kinesis`, `dynamodb`, `kafka`, ...
    pub fn source_service(&self) -> Option<&str> {
        self.source_arn.as_deref()?.split(':').nth(2)
    }
}

impl Resource for EventSourceMapping {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::Lambda::EventSourceMapping".into(),
            id: self.uuid.clone(),
            name: self
                .function_arn
                .as_deref()
                .and_then(|f| f.rsplit(':').next())
                .map(|f| {
                    format!(
                        "{f} <- {}",
                        self.source_arn
                            .as_deref()
                            .and_then(|s| s.rsplit([':', '/']).next())
                            .unwrap_or("?")
                    )
                }),
            region: self.region.clone(),
            tags: Tags::new(),
        }
    }
}

impl Default for LambdaRegion {
    fn default() -> Self {
        LambdaRegion {
            functions: Fetched::not_collected(Service::Lambda, "ListFunctions"),
            event_source_mappings: event_source_mappings_not_collected(),
            code_signing: BTreeMap::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
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
    /// The function's resource-based policy (`GetPolicy`), `None` when it has none.
    #[serde(default = "function_policy_not_collected")]
    pub policy: Fetched<Option<String>>,
    /// Secrets found in plain text in its environment variables (`Environment.Variables` of
    /// `ListFunctions`), masked: the values themselves are never kept.
    #[serde(default = "function_environment_not_collected")]
    pub environment_secrets: Fetched<Vec<SecretHit>>,
}

fn function_policy_not_collected() -> Fetched<Option<String>> {
    Fetched::not_collected(Service::Lambda, "GetPolicy")
}

fn function_environment_not_collected() -> Fetched<Vec<SecretHit>> {
    Fetched::not_collected(Service::Lambda, "ListFunctions")
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
