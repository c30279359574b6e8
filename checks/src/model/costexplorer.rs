//! Cost Explorer, account-wide (global: collected once): cost anomaly detection
//! (`GetAnomalyMonitors`, `GetAnomalySubscriptions`), the active user-defined cost allocation tags
//! (`ListCostAllocationTags`), the cost categories (`ListCostCategoryDefinitions`), all
//! paginated, and commitment coverage and utilisation over the 30 days before the scan
//! (`GetSavingsPlansCoverage`, `GetSavingsPlansUtilization`, `GetReservationUtilization`), and
//! the Savings Plans purchase recommendation (`GetSavingsPlansPurchaseRecommendation`).

use serde::{Deserialize, Serialize};

use super::{Fetched, Service};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CostExplorer {
    pub anomaly_monitors: Fetched<Vec<AnomalyMonitor>>,
    pub anomaly_subscriptions: Fetched<Vec<AnomalySubscription>>,
    /// The keys of the user-defined tags activated as cost allocation tags (`Status=Active`).
    #[serde(default = "active_tags_not_collected")]
    pub active_cost_allocation_tags: Fetched<Vec<String>>,
    #[serde(default = "cost_categories_not_collected")]
    pub cost_categories: Fetched<Vec<CostCategory>>,
    /// Savings Plans coverage of the eligible spend over the 30 days before the scan.
    #[serde(default = "sp_coverage_not_collected")]
    pub savings_plans_coverage: Fetched<SpendCoverage>,
    /// Savings Plans utilisation over the 30 days before the scan; `None`: no Savings Plan was
    /// active in that period.
    #[serde(default = "sp_utilization_not_collected")]
    pub savings_plans_utilization: Fetched<Option<Utilization>>,
    /// Reserved Instance utilisation (all services) over the 30 days before the scan; `None`: no
    /// reservation was active in that period.
    #[serde(default = "ri_utilization_not_collected")]
    pub reservation_utilization: Fetched<Option<Utilization>>,
    /// Cost Explorer's Compute Savings Plans purchase recommendation (one year, no upfront,
    /// from the 30 days before the scan); `None`: it recommends no purchase.
    #[serde(default = "sp_recommendation_not_collected")]
    pub savings_plans_recommendation: Fetched<Option<SavingsPlansRecommendation>>,
}

fn sp_recommendation_not_collected() -> Fetched<Option<SavingsPlansRecommendation>> {
    Fetched::not_collected(
        Service::CostExplorer,
        "GetSavingsPlansPurchaseRecommendation",
    )
}

/// What buying the recommended Savings Plan would save, in the payer's currency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SavingsPlansRecommendation {
    /// `COMPUTE_SP`, `EC2_INSTANCE_SP`, ...
    pub savings_plans_type: String,
    pub estimated_monthly_savings: f64,
    /// Of the On-Demand cost the plan would cover.
    pub estimated_savings_percent: f64,
    /// The commitment recommended, per hour.
    pub hourly_commitment: f64,
    /// `USD` unless the payer pays in another currency.
    pub currency: Option<String>,
}

fn active_tags_not_collected() -> Fetched<Vec<String>> {
    Fetched::not_collected(Service::CostExplorer, "ListCostAllocationTags")
}

fn cost_categories_not_collected() -> Fetched<Vec<CostCategory>> {
    Fetched::not_collected(Service::CostExplorer, "ListCostCategoryDefinitions")
}

fn sp_coverage_not_collected() -> Fetched<SpendCoverage> {
    Fetched::not_collected(Service::CostExplorer, "GetSavingsPlansCoverage")
}

fn sp_utilization_not_collected() -> Fetched<Option<Utilization>> {
    Fetched::not_collected(Service::CostExplorer, "GetSavingsPlansUtilization")
}

fn ri_utilization_not_collected() -> Fetched<Option<Utilization>> {
    Fetched::not_collected(Service::CostExplorer, "GetReservationUtilization")
}

impl Default for CostExplorer {
    fn default() -> Self {
        CostExplorer {
            anomaly_monitors: Fetched::not_collected(Service::CostExplorer, "GetAnomalyMonitors"),
            anomaly_subscriptions: Fetched::not_collected(
                Service::CostExplorer,
                "GetAnomalySubscriptions",
            ),
            active_cost_allocation_tags: active_tags_not_collected(),
            cost_categories: cost_categories_not_collected(),
            savings_plans_coverage: sp_coverage_not_collected(),
            savings_plans_utilization: sp_utilization_not_collected(),
            reservation_utilization: ri_utilization_not_collected(),
            savings_plans_recommendation: sp_recommendation_not_collected(),
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

/// A cost category (`CostCategoryReference`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CostCategory {
    pub arn: String,
    pub name: String,
    /// Set when the category's current version has ended (it no longer applies).
    pub effective_end: Option<String>,
    /// How many rules sort cost into its values; `None` when the answer did not say.
    pub rules: Option<i32>,
}

/// Spend eligible for Savings Plans over a period, in the payer's currency: how much was covered
/// by Savings Plans and how much was paid On-Demand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SpendCoverage {
    pub covered: f64,
    pub on_demand: f64,
    /// The period, `YYYY-MM-DD` to `YYYY-MM-DD` (end exclusive).
    pub start: String,
    pub end: String,
}

impl SpendCoverage {
    /// The covered share of the eligible spend, in percent; `None` when nothing was eligible.
    pub fn percent(&self) -> Option<f64> {
        let total = self.covered + self.on_demand;
        (total > 0.0).then(|| 100.0 * self.covered / total)
    }
}

/// How much of a commitment was used over a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Utilization {
    /// `UtilizationPercentage` as Cost Explorer computes it.
    pub percent: f64,
    /// What went unused: the unused commitment (Savings Plans, in currency) or the unused hours
    /// (reservations), as Cost Explorer reports it.
    pub unused: String,
    pub start: String,
    pub end: String,
}
