//! AWS Well-Architected Tool, per region: `ListWorkloads` (paginated), then for the workloads
//! updated in the [`RECENT_DAYS`] before the scan (at most [`MAX_WORKLOADS_READ`] of them per
//! region) `ListMilestones` (paginated) and `GetLensReview` of the `wellarchitected` lens.
//!
//! The Tool keeps workloads per region: a workload is listed only in the region it was created in.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{Fetched, Resource, ResourceRef, Service, Tags};

/// Workloads updated within this many days before the scan are read in depth (milestones, lens
/// review); a review older than that is not "regular".
pub const RECENT_DAYS: i64 = 365;

/// At most this many recently updated workloads per region are read in depth (two calls or more
/// each), newest first; the rest keep a `not_collected`-style gap saying so.
pub const MAX_WORKLOADS_READ: usize = 20;

/// Everything read from the Well-Architected Tool in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct WellArchitectedRegion {
    /// The workloads defined in this region.
    pub workloads: Fetched<Vec<Workload>>,
}

impl Default for WellArchitectedRegion {
    fn default() -> Self {
        WellArchitectedRegion {
            workloads: Fetched::not_collected(Service::Wellarchitected, "ListWorkloads"),
        }
    }
}

/// A workload defined in the Well-Architected Tool.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Workload {
    pub id: String,
    pub arn: String,
    pub name: String,
    pub region: String,
    /// When the workload (its answers, notes or properties) last changed.
    #[serde(with = "time::serde::rfc3339::option", default)]
    #[schemars(with = "Option<String>")]
    pub updated_at: Option<OffsetDateTime>,
    /// The workload's risk counts over all its lenses (`HIGH`, `MEDIUM`, `NONE`, `UNANSWERED`,
    /// `NOT_APPLICABLE`), as `ListWorkloads` gives them.
    pub risk_counts: BTreeMap<String, i32>,
    /// The lenses the workload is reviewed with (aliases or ARNs).
    pub lenses: Vec<String>,
    /// The milestones (saved snapshots of the review), read for recently updated workloads only.
    pub milestones: Fetched<Vec<Milestone>>,
    /// Risk counts per pillar id (`security`, `costOptimization`, ...) of the `wellarchitected`
    /// lens review, read for recently updated workloads reviewed with that lens only.
    pub pillar_risks: Fetched<BTreeMap<String, BTreeMap<String, i32>>>,
}

/// A milestone: the review as it stood when it was recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Milestone {
    pub number: i32,
    pub name: Option<String>,
    #[serde(with = "time::serde::rfc3339::option", default)]
    #[schemars(with = "Option<String>")]
    pub recorded_at: Option<OffsetDateTime>,
}

impl Resource for Workload {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::WellArchitected::Workload".into(),
            id: self.id.clone(),
            name: Some(self.name.clone()),
            region: self.region.clone(),
            tags: Tags::new(),
        }
    }
}

/// The alias of the Well-Architected Framework's own lens.
pub const FRAMEWORK_LENS: &str = "wellarchitected";

/// Whether `lens` (an alias or an ARN, as `ListWorkloads` gives it) is the framework's lens.
pub fn is_framework_lens(lens: &str) -> bool {
    lens == FRAMEWORK_LENS || lens.ends_with(&format!("lens/{FRAMEWORK_LENS}"))
}

impl Workload {
    /// Whether the workload is reviewed with the framework's lens.
    pub fn has_framework_lens(&self) -> bool {
        self.lenses.iter().any(|lens| is_framework_lens(lens))
    }
}
