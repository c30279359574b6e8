use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use super::networkfirewall_protections::per_firewall;
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that each AWS Network Firewall firewall has delete protection on (`DeleteProtection`): the firewall cannot be deleted until
    /// someone turns it off first.
    ///
    /// ## Why is this bad?
    /// Deleting a firewall removes the inspection from every route that points at its
    /// endpoints (traffic then fails or, where routes are changed with it, flows uninspected).
    /// One mistaken or malicious call should not be enough; the protection makes it two, each
    /// logged, and lets an SCP deny the first.
    ///
    /// ## Example
    /// `aws network-firewall describe-firewall --firewall-name F` shows
    /// `"DeleteProtection": false`. Fix: `aws network-firewall update-firewall-delete-protection --delete-protection
    /// --firewall-name F`.
    ///
    /// ## Not evaluated when
    /// The region's firewalls, or this firewall's description, could not be read, or the answer
    /// lacked `DeleteProtection`.
    pub NETWORKFIREWALL_DELETION_PROTECTION = "networkfirewall_deletion_protection",
    pillar: Pillar::Security,
    service: Service::Networkfirewall,
    severity: Severity::Low,
    best_practices: &[indirect("SEC05-BP02")],
    since: "0.5.0",
    title: "Network Firewall firewalls are protected against deletion",
    remediation: "aws network-firewall update-firewall-delete-protection --delete-protection --firewall-name FIREWALL",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    per_firewall(
        &NETWORKFIREWALL_DELETION_PROTECTION,
        ctx,
        |d| d.delete_protection,
        "DeleteProtection",
        "delete protection",
    )
}

#[cfg(test)]
mod tests {
    use super::super::networkfirewall_protections::testing::assert_protection;
    use super::*;

    #[test]
    fn on_passes_off_fails_unknown_is_not_evaluated() {
        assert_protection(&NETWORKFIREWALL_DELETION_PROTECTION, |d, v| d.delete_protection = v, "delete protection");
    }
}
