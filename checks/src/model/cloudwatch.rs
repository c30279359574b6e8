//! CloudWatch, per region: `DescribeAlarms` (metric and composite alarms, paginated) and CloudWatch
//! Logs' `DescribeMetricFilters` (paginated), which turn log events into the metrics alarms watch.

use serde::{Deserialize, Serialize};

use super::{Fetched, Gap, Known, Resource, ResourceRef, Service, Tags};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CloudWatchRegion {
    pub alarms: Fetched<Vec<Alarm>>,
    pub metric_filters: Fetched<Vec<MetricFilter>>,
}

impl Default for CloudWatchRegion {
    fn default() -> Self {
        CloudWatchRegion {
            alarms: Fetched::not_collected(Service::Cloudwatch, "DescribeAlarms"),
            metric_filters: Fetched::not_collected(Service::Cloudwatch, "DescribeMetricFilters"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Alarm {
    pub arn: String,
    pub region: String,
    pub name: String,
    pub composite: bool,
    /// `OK`, `ALARM` or `INSUFFICIENT_DATA`; `None` when the answer lacked `StateValue`.
    pub state: Option<String>,
    pub actions_enabled: bool,
    /// What the alarm does on entering `ALARM` (SNS topics, Auto Scaling, EC2 or SSM actions).
    pub alarm_actions: Vec<String>,
    /// The metric a single-metric alarm watches (empty for metric-math and composite alarms).
    pub namespace: Option<String>,
    pub metric_name: Option<String>,
    /// The metric's dimensions, `(name, value)`; for metric-math alarms, those of every metric.
    pub dimensions: Vec<(String, String)>,
    /// `(namespace, metric name)` of every metric a metric-math alarm reads.
    #[serde(default)]
    pub math_metrics: Vec<(String, String)>,
}

/// Metrics that measure a workload's performance or the load it is under (CPU, memory,
/// latency, duration, throttling, queue depth and age, consumed capacity, requests per target),
/// whatever their namespace.
pub const PERFORMANCE_METRICS: &[&str] = &[
    "CPUUtilization",
    "EngineCPUUtilization",
    "MemoryUtilization",
    "TargetResponseTime",
    "Latency",
    "IntegrationLatency",
    "ReadLatency",
    "WriteLatency",
    "SuccessfulRequestLatency",
    "Duration",
    "ConcurrentExecutions",
    "Throttles",
    "ThrottledRequests",
    "ReadThrottleEvents",
    "WriteThrottleEvents",
    "ConsumedReadCapacityUnits",
    "ConsumedWriteCapacityUnits",
    "DBLoad",
    "DBLoadCPU",
    "RequestCountPerTarget",
    "ApproximateNumberOfMessagesVisible",
    "ApproximateAgeOfOldestMessage",
    "IteratorAge",
];

/// Whether an alarm action acts rather than notifies: an Auto Scaling policy, an EC2 action
/// (`arn:aws:automate:...`: recover, reboot, stop, terminate) or a Lambda function.
pub fn automates(action: &str) -> bool {
    let service = action.split(':').nth(2).unwrap_or_default();
    matches!(service, "autoscaling" | "automate" | "lambda")
}

impl Alarm {
    /// Whether the alarm, when it fires, acts (see [`automates`]) with its actions enabled.
    pub fn acts(&self) -> bool {
        self.actions_enabled && self.alarm_actions.iter().any(|a| automates(a))
    }

    /// The performance metric (see [`PERFORMANCE_METRICS`]) the alarm reads, directly or in
    /// metric math.
    pub fn performance_metric(&self) -> Option<&str> {
        self.metric_name
            .as_deref()
            .into_iter()
            .chain(self.math_metrics.iter().map(|(_, name)| name.as_str()))
            .find(|name| PERFORMANCE_METRICS.contains(name))
    }

    /// Whether the alarm reads `namespace`/`metric_name`, directly or in metric math.
    pub fn watches(&self, namespace: &str, metric_name: &str) -> bool {
        (self.namespace.as_deref() == Some(namespace)
            && self.metric_name.as_deref() == Some(metric_name))
            || self
                .math_metrics
                .iter()
                .any(|(ns, name)| ns == namespace && name == metric_name)
    }
}

impl Known for Alarm {
    fn missing(&self, field: &str) -> Gap {
        Gap::missing_on(
            Service::Cloudwatch,
            &self.region,
            "DescribeAlarms",
            &self.name,
            field,
        )
    }
}

impl Resource for Alarm {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: if self.composite {
                "AWS::CloudWatch::CompositeAlarm".into()
            } else {
                "AWS::CloudWatch::Alarm".into()
            },
            id: self.name.clone(),
            name: None,
            region: self.region.clone(),
            tags: Tags::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct MetricFilter {
    pub name: String,
    pub log_group: String,
    pub pattern: String,
    /// `(namespace, metric name)` of every metric the filter publishes.
    pub metrics: Vec<(String, String)>,
}

/// A CloudWatch dashboard (`ListDashboards`). Dashboards are global, not regional: they are read
/// once, in the scan's home region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Dashboard {
    pub arn: String,
    pub name: String,
    #[serde(with = "time::serde::rfc3339::option", default)]
    #[schemars(with = "Option<String>")]
    pub last_modified: Option<time::OffsetDateTime>,
}

/// The dashboards slot of a snapshot that did not collect them.
pub fn dashboards_not_collected() -> Fetched<Vec<Dashboard>> {
    Fetched::not_collected(Service::Cloudwatch, "ListDashboards")
}
