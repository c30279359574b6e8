//! AWS Systems Manager Incident Manager, per region: `ListResponsePlans` (paginated) and
//! `GetResponsePlan` for each plan; `ListIncidentRecords` (resolved incidents, the first page)
//! and `ListRelatedItems` for each of them.
//!
//! Incident Manager keeps its data in a replication set that spans regions: a response plan's
//! ARN has no region (`arn:aws:ssm-incidents::111122223333:response-plan/sev1`), and the same
//! plan answers in every region of the set. Checks therefore count plans and incidents by ARN.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{Fetched, Resource, ResourceRef, Service, Tags};

/// Everything read from Incident Manager in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SsmIncidentsRegion {
    pub response_plans: Fetched<Vec<ResponsePlan>>,
    /// Resolved incidents, the most recent page of them (at most
    /// [`RESOLVED_INCIDENTS_READ`]).
    pub resolved_incidents: Fetched<Vec<IncidentRecord>>,
}

/// How many resolved incidents a scan reads per region (one page of `ListIncidentRecords`),
/// each with one `ListRelatedItems` call.
pub const RESOLVED_INCIDENTS_READ: i32 = 10;

/// How many response plans a scan reads in full (`GetResponsePlan`) per region; plans beyond
/// it are listed without their details.
pub const RESPONSE_PLANS_READ: usize = 50;

impl Default for SsmIncidentsRegion {
    fn default() -> Self {
        SsmIncidentsRegion {
            response_plans: Fetched::not_collected(Service::Ssmincidents, "ListResponsePlans"),
            resolved_incidents: Fetched::not_collected(
                Service::Ssmincidents,
                "ListIncidentRecords",
            ),
        }
    }
}

/// A response plan: the template Incident Manager starts an incident from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ResponsePlan {
    pub arn: String,
    pub name: String,
    pub display_name: Option<String>,
    /// What `GetResponsePlan` said of it (a plan past [`RESPONSE_PLANS_READ`] is not read).
    pub details: Fetched<ResponsePlanDetails>,
}

/// A response plan's contents (`GetResponsePlan`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ResponsePlanDetails {
    /// `incidentTemplate.impact`: 1 (critical) to 5 (no impact).
    pub impact: i32,
    /// The contacts and escalation plans (`ssm-contacts` ARNs) the plan engages.
    pub engagements: Vec<String>,
    /// The chat channel responders collaborate in: `chatbot_sns` (SNS topics of Amazon Q
    /// Developer in chat applications), `empty` (explicitly none), or absent.
    pub chat_channel: Option<String>,
    /// `incidentTemplate.notificationTargets`: SNS topics told of the incident.
    pub notification_targets: usize,
    /// The Systems Manager Automation runbooks the plan starts (document names).
    pub runbooks: Vec<String>,
    /// Third-party integrations (`pagerDutyConfiguration`: `PagerDuty`).
    pub integrations: Vec<String>,
}

/// An incident record (`ListIncidentRecords`), with what is linked to it (`ListRelatedItems`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct IncidentRecord {
    pub arn: String,
    pub title: String,
    pub region: String,
    pub impact: Option<i32>,
    /// `OPEN` or `RESOLVED`.
    pub status: String,
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[schemars(with = "Option<String>")]
    pub resolved_time: Option<OffsetDateTime>,
    /// The types of the items linked to the incident (`ANALYSIS`, `AUTOMATION`, `METRIC`,
    /// `OTHER`, ...).
    pub related_item_types: Fetched<Vec<String>>,
}

impl Resource for IncidentRecord {
    fn resource(&self) -> ResourceRef {
        let id = self.arn.rsplit('/').next().unwrap_or(&self.arn).to_string();
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::SSMIncidents::IncidentRecord".into(),
            name: Some(self.title.clone()).filter(|title| !title.is_empty() && *title != id),
            id,
            region: self.region.clone(),
            tags: Tags::new(),
        }
    }
}
