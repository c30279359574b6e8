//! Amazon Detective, per region: `ListGraphs` (paginated).

use serde::{Deserialize, Serialize};

use super::{Fetched, Service};

/// Everything read from Detective in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DetectiveRegion {
    /// The behavior graphs the account administers (Detective is on where there is one).
    pub graphs: Fetched<Vec<Graph>>,
}

impl Default for DetectiveRegion {
    fn default() -> Self {
        DetectiveRegion {
            graphs: Fetched::not_collected(Service::Detective, "ListGraphs"),
        }
    }
}

/// A Detective behavior graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Graph {
    pub arn: String,
    /// When it was created (ISO 8601, as the API gives it).
    pub created: Option<String>,
}
