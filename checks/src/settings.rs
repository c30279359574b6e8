//! Thresholds the checks use, with defaults; the `wascan` binary reads overrides from a TOML file.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Access keys older than this many days fail `iam_access_key_rotated`.
    pub access_key_max_age_days: i64,
    /// Passwords and access keys unused for this many days fail `iam_unused_credentials`.
    pub credential_unused_days: i64,
    /// Tags every taggable resource must carry (`ec2_cost_allocation_tags`, `s3_bucket_cost_allocation_tags`).
    pub required_tags: Vec<String>,
    /// The tag that names a resource's owner (`ec2_instance_owner_tag`).
    pub owner_tag: String,
    /// TCP ports that must never be open to the internet.
    pub admin_ports: Vec<i32>,
    /// TCP ports meant to be open to the internet (`ec2_security_group_ports_open_to_internet`
    /// passes a group that opens only these).
    pub public_ports: Vec<i32>,
    /// Ports of databases, caches and data stores: open to the internet, they fail
    /// `ec2_security_group_database_ports_open` (critical).
    pub database_ports: Vec<i32>,
    /// Snapshots older than this many days are reported by `ec2_snapshot_stale`.
    pub snapshot_max_age_days: i64,
    /// The minimum acceptable password length.
    pub password_min_length: i32,
    /// The share of Savings Plans-eligible spend (percent) commitments should cover
    /// (`costexplorer_savings_plans_coverage`).
    pub commitment_coverage_min_percent: i64,
    /// The share of purchased commitments (percent) that should be used
    /// (`costexplorer_savings_plans_utilization`, `costexplorer_reservation_utilization`).
    pub commitment_utilization_min_percent: i64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            access_key_max_age_days: 90,
            credential_unused_days: 90,
            required_tags: vec!["owner".into(), "cost-center".into()],
            owner_tag: "owner".into(),
            admin_ports: vec![22, 3389, 5985, 5986],
            public_ports: vec![80, 443],
            database_ports: vec![
                1433, 1434, 1521, 2483, 2484, 3306, 5432, 5439, 5601, 5984, 6379, 7000, 7001, 7199,
                8086, 8529, 8888, 9042, 9092, 9160, 9200, 9300, 11211, 27017, 27018,
            ],
            snapshot_max_age_days: 365,
            password_min_length: 14,
            commitment_coverage_min_percent: 70,
            commitment_utilization_min_percent: 90,
        }
    }
}
