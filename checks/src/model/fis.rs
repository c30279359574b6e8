//! AWS Fault Injection Service, per region: `ListExperimentTemplates` and `ListExperiments`
//! (both paginated).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{Fetched, Service};

/// Everything read from FIS in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct FisRegion {
    /// The ids of the experiment templates.
    pub experiment_templates: Fetched<Vec<String>>,
    pub experiments: Fetched<Vec<Experiment>>,
}

impl Default for FisRegion {
    fn default() -> Self {
        FisRegion {
            experiment_templates: Fetched::not_collected(Service::Fis, "ListExperimentTemplates"),
            experiments: Fetched::not_collected(Service::Fis, "ListExperiments"),
        }
    }
}

/// A fault-injection experiment that was started.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Experiment {
    pub id: String,
    pub template_id: Option<String>,
    /// `completed`, `stopped`, `failed`, `running`, `cancelled`, ...
    pub status: Option<String>,
    #[serde(with = "time::serde::rfc3339::option", default)]
    #[schemars(with = "Option<String>")]
    pub created_at: Option<OffsetDateTime>,
}
