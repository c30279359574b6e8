//! AWS Budgets, account-wide: `DescribeBudgets` (paginated), then
//! `DescribeNotificationsForBudget` for each budget. Global: collected once.

use serde::{Deserialize, Serialize};

use super::{Fetched, Resource, ResourceRef, Service, Tags};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Budgets {
    pub budgets: Fetched<Vec<Budget>>,
}

impl Default for Budgets {
    fn default() -> Self {
        Budgets {
            budgets: Fetched::not_collected(Service::Budgets, "DescribeBudgets"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Budget {
    pub arn: String,
    pub name: String,
    /// `COST`, `USAGE`, `RI_UTILIZATION`, ...
    pub budget_type: String,
    /// The notifications (actual or forecasted, over a threshold) the budget sends.
    pub notifications: Fetched<Vec<BudgetNotification>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct BudgetNotification {
    /// `ACTUAL` or `FORECASTED`.
    pub notification_type: String,
    pub threshold: f64,
}

impl Resource for Budget {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::Budgets::Budget".into(),
            id: self.name.clone(),
            name: None,
            region: "global".into(),
            tags: Tags::new(),
        }
    }
}
