//! What the exposure checks share: which ports a security group opens to the internet, and what
//! uses the group (its network interfaces: instances, databases, load balancers, functions).

use crate::model::ec2::{Ec2Region, IngressRule};
use crate::model::Fetched;

/// One world-open ingress rule, as a reader names it: `tcp 8080`, `udp 53`, `tcp 1000-2000`,
/// `all traffic`.
pub(super) fn describe(rule: &IngressRule) -> String {
    let protocol = match rule.protocol.as_str() {
        "-1" | "all" => return "all traffic".into(),
        "6" => "tcp",
        "17" => "udp",
        other => other,
    };
    match (rule.from_port, rule.to_port) {
        (Some(from), Some(to)) if from == to => format!("{protocol} {from}"),
        (Some(-1), Some(-1)) | (None, None) => format!("{protocol} (all ports)"),
        (Some(from), Some(to)) => format!("{protocol} {from}-{to}"),
        _ => format!("{protocol} (all ports)"),
    }
}

/// Whether a rule is about ports at all (TCP, UDP or every protocol; not ICMP or others).
pub(super) fn has_ports(rule: &IngressRule) -> bool {
    matches!(
        rule.protocol.as_str(),
        "-1" | "all" | "tcp" | "6" | "udp" | "17"
    )
}

/// Whether the rule admits only TCP ports in `allowed`.
pub(super) fn only_ports_in(rule: &IngressRule, allowed: &[i32]) -> bool {
    if !matches!(rule.protocol.as_str(), "tcp" | "6") {
        return false;
    }
    match (rule.from_port, rule.to_port) {
        (Some(from), Some(to)) if from >= 0 && to >= from && to - from < 65_536 => {
            (from..=to).all(|port| allowed.contains(&port))
        }
        _ => false,
    }
}

/// "; used by instance i-1, load balancer app/web/1" for the group `group_id`, or "; attached
/// to no network interface", or why that is unknown.
pub(super) fn users(ec2: &Ec2Region, group_id: &str) -> String {
    match &ec2.network_interfaces {
        Fetched::Ok(interfaces) => {
            let mut users: Vec<String> = interfaces
                .iter()
                .filter(|eni| eni.groups.iter().any(|g| g == group_id))
                .map(|eni| eni.user())
                .collect();
            users.sort();
            users.dedup();
            if users.is_empty() {
                "; attached to no network interface".into()
            } else {
                format!("; used by {}", users.join(", "))
            }
        }
        Fetched::Failed(gap) => format!("; what uses it is unknown ({gap})"),
    }
}

/// A port's usual service, for messages.
pub(super) fn service_of(port: i32) -> Option<&'static str> {
    Some(match port {
        1433 | 1434 => "SQL Server",
        1521 | 2483 | 2484 => "Oracle",
        3306 => "MySQL",
        5432 => "PostgreSQL",
        5439 => "Redshift",
        5601 => "Kibana",
        5984 => "CouchDB",
        6379 => "Redis",
        7000 | 7001 | 7199 | 8888 | 9042 | 9160 => "Cassandra",
        8086 => "InfluxDB",
        8529 => "ArangoDB",
        9092 => "Kafka",
        9200 | 9300 => "Elasticsearch/OpenSearch",
        11211 => "Memcached",
        27017 | 27018 => "MongoDB",
        _ => return None,
    })
}
