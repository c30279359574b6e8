//! Cost Explorer's cost anomaly detection, account-wide: `GetAnomalyMonitors` and
//! `GetAnomalySubscriptions` (both paginated). Global: collected once.

use serde::{Deserialize, Serialize};

use super::{Fetched, Service};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CostExplorer {
    pub anomaly_monitors: Fetched<Vec<AnomalyMonitor>>,
    pub anomaly_subscriptions: Fetched<Vec<AnomalySubscription>>,
}

impl Default for CostExplorer {
    fn default() -> Self {
        CostExplorer {
            anomaly_monitors: Fetched::not_collected(Service::CostExplorer, "GetAnomalyMonitors"),
            anomaly_subscriptions: Fetched::not_collected(
                Service::CostExplorer,
                "GetAnomalySubscriptions",
            ),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AnomalyMonitor {
    pub arn: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AnomalySubscription {
    pub arn: String,
    pub name: String,
    pub monitor_arns: Vec<String>,
    /// How many email addresses or SNS topics are told of anomalies.
    pub subscribers: usize,
}
