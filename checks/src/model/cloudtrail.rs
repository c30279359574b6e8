//! CloudTrail: per scanned region `DescribeTrails` (shadow trails included, so a multi-region trail
//! shows up in every region it logs), then once per trail `GetTrailStatus` and `GetEventSelectors`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Fetched, Gap, Known, Resource, ResourceRef, Service, Tags};

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CloudTrail {
    /// Per scanned region, the ARNs of the trails that log there (its own trails and the
    /// multi-region trails of other regions), or why they could not be listed.
    pub regions: BTreeMap<String, Fetched<Vec<String>>>,
    /// Every trail listed in any scanned region, once, sorted by ARN.
    pub trails: Vec<Trail>,
    /// Per scanned region, the CloudTrail Lake event data stores (`ListEventDataStores`), or why
    /// they could not be listed. Empty in snapshots taken before wascan read them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub event_data_stores: BTreeMap<String, Fetched<Vec<EventDataStore>>>,
}

/// A CloudTrail Lake event data store: events kept queryable with SQL for investigations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct EventDataStore {
    pub arn: String,
    pub name: Option<String>,
    /// `ENABLED`, `CREATED`, `PENDING_DELETION`, `STARTING_INGESTION`, `STOPPED_INGESTION`, ...
    pub status: Option<String>,
}

impl CloudTrail {
    pub fn trail(&self, arn: &str) -> Option<&Trail> {
        self.trails.iter().find(|trail| trail.arn == arn)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Trail {
    pub arn: String,
    pub name: String,
    /// The region the trail was created in (and is managed from).
    pub home_region: String,
    /// `None` (here and below) when DescribeTrails did not say.
    pub multi_region: Option<bool>,
    pub organization_trail: Option<bool>,
    /// Whether IAM, STS and CloudFront events (global services) are recorded.
    pub include_global_service_events: Option<bool>,
    pub log_file_validation: Option<bool>,
    pub s3_bucket: Option<String>,
    /// The CloudWatch Logs log group events are also delivered to.
    pub cloudwatch_logs_log_group_arn: Option<String>,
    /// The KMS key the log files are encrypted with (SSE-KMS); `None` means SSE-S3.
    pub kms_key_id: Option<String>,
    pub status: Fetched<TrailStatus>,
    pub management_events: Fetched<ManagementEvents>,
    /// The data events its selectors record (from the same `GetEventSelectors` answer).
    #[serde(default = "data_events_not_collected")]
    pub data_events: Fetched<DataEvents>,
}

fn data_events_not_collected() -> Fetched<DataEvents> {
    Fetched::not_collected(Service::Cloudtrail, "GetEventSelectors")
}

/// Which data events a trail's event selectors (basic or advanced) record for every resource
/// of a type (selectors narrowed to some buckets or functions do not count).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct DataEvents {
    /// S3 object-level reads (`GetObject`, ...) in every bucket.
    pub s3_read: bool,
    /// S3 object-level writes (`PutObject`, `DeleteObject`, ...) in every bucket.
    pub s3_write: bool,
    /// Lambda `Invoke` of every function.
    pub lambda_invoke: bool,
}

impl Trail {
    /// Whether the trail is logging and records both read and write management events.
    pub fn logs_all_management_events(&self) -> Option<bool> {
        match (&self.status, &self.management_events) {
            (Fetched::Ok(status), Fetched::Ok(events)) => {
                Some(status.is_logging && events.read && events.write)
            }
            _ => None,
        }
    }
}

impl Known for Trail {
    fn missing(&self, field: &str) -> Gap {
        Gap::missing_on(
            Service::Cloudtrail,
            &self.home_region,
            "DescribeTrails",
            &self.name,
            field,
        )
    }
}

impl Resource for Trail {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::CloudTrail::Trail".into(),
            id: self.name.clone(),
            name: None,
            region: self.home_region.clone(),
            tags: Tags::new(),
        }
    }
}

/// `GetTrailStatus`, the facts the checks use.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TrailStatus {
    pub is_logging: bool,
    /// The last error delivering log files to S3.
    pub latest_delivery_error: Option<String>,
    /// The last error delivering events to CloudWatch Logs.
    pub latest_cloudwatch_logs_delivery_error: Option<String>,
}

/// Which management events the trail's event selectors (basic or advanced) record.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct ManagementEvents {
    pub read: bool,
    pub write: bool,
}

impl ManagementEvents {
    pub const ALL: ManagementEvents = ManagementEvents {
        read: true,
        write: true,
    };

    pub fn describe(&self) -> &'static str {
        match (self.read, self.write) {
            (true, true) => "all management events",
            (true, false) => "read-only management events",
            (false, true) => "write-only management events",
            (false, false) => "no management events",
        }
    }
}
