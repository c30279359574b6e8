//! AWS Network Firewall, per region: `ListFirewalls` (paginated), then for each firewall
//! `DescribeFirewall` and `DescribeLoggingConfiguration`.

use serde::{Deserialize, Serialize};

use super::{Fetched, Gap, Known, Resource, ResourceRef, Service, Tags};

/// Everything read from Network Firewall in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct NetworkFirewallRegion {
    pub firewalls: Fetched<Vec<Firewall>>,
}

impl Default for NetworkFirewallRegion {
    fn default() -> Self {
        NetworkFirewallRegion {
            firewalls: Fetched::not_collected(Service::Networkfirewall, "ListFirewalls"),
        }
    }
}

/// A firewall, with what `DescribeFirewall` and `DescribeLoggingConfiguration` say of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Firewall {
    pub arn: String,
    pub region: String,
    pub name: String,
    /// Its configuration (`DescribeFirewall`).
    pub details: Fetched<FirewallDetails>,
    /// The log types it sends somewhere (`FLOW`, `ALERT`, `TLS`; empty: no logging).
    pub log_types: Fetched<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct FirewallDetails {
    pub vpc_id: Option<String>,
    /// `DeleteProtection`: the firewall cannot be deleted until it is turned off.
    pub delete_protection: Option<bool>,
    /// `FirewallPolicyChangeProtection`: its policy cannot be swapped until it is turned off.
    pub policy_change_protection: Option<bool>,
    #[serde(default)]
    pub tags: Tags,
}

impl Resource for Firewall {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::NetworkFirewall::Firewall".into(),
            id: self.name.clone(),
            name: Some(self.name.clone()),
            region: self.region.clone(),
            tags: self
                .details
                .ok()
                .map(|details| details.tags.clone())
                .unwrap_or_default(),
        }
    }
}

impl Known for Firewall {
    fn missing(&self, field: &str) -> Gap {
        Gap::missing_on(
            Service::Networkfirewall,
            &self.region,
            "DescribeFirewall",
            &self.name,
            field,
        )
    }
}
