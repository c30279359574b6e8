use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use super::networkfirewall_protections::per_firewall;
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that each AWS Network Firewall firewall has policy change protection on (`FirewallPolicyChangeProtection`): its firewall
    /// policy cannot be replaced until someone turns the protection off first.
    ///
    /// ## Why is this bad?
    /// Associating another policy with a firewall replaces all its rules at once: an
    /// allow-everything policy turns inspection off without deleting anything. The protection
    /// makes that two logged calls, and lets an SCP deny the first.
    ///
    /// ## Example
    /// `aws network-firewall describe-firewall --firewall-name F` shows
    /// `"FirewallPolicyChangeProtection": false`. Fix: `aws network-firewall update-firewall-policy-change-protection --firewall-policy-change-protection
    /// --firewall-name F`.
    ///
    /// ## Not evaluated when
    /// The region's firewalls, or this firewall's description, could not be read, or the answer
    /// lacked `FirewallPolicyChangeProtection`.
    pub NETWORKFIREWALL_POLICY_CHANGE_PROTECTION = "networkfirewall_policy_change_protection",
    pillar: Pillar::Security,
    service: Service::Networkfirewall,
    severity: Severity::Low,
    best_practices: &[indirect("SEC05-BP02")],
    since: "0.5.0",
    title: "Network Firewall firewalls are protected against policy swaps",
    remediation: "aws network-firewall update-firewall-policy-change-protection --firewall-policy-change-protection --firewall-name FIREWALL",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    per_firewall(
        &NETWORKFIREWALL_POLICY_CHANGE_PROTECTION,
        ctx,
        |d| d.policy_change_protection,
        "FirewallPolicyChangeProtection",
        "policy change protection",
    )
}

#[cfg(test)]
mod tests {
    use super::super::networkfirewall_protections::testing::assert_protection;
    use super::*;

    #[test]
    fn on_passes_off_fails_unknown_is_not_evaluated() {
        assert_protection(&NETWORKFIREWALL_POLICY_CHANGE_PROTECTION, |d, v| d.policy_change_protection = v, "policy change protection");
    }
}
