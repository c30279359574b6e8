use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Known, Service};

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
    let check = &NETWORKFIREWALL_POLICY_CHANGE_PROTECTION;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.networkfirewall,
        |region| &region.firewalls,
        |firewall| {
            let details = match &firewall.details {
                Fetched::Ok(details) => details,
                Fetched::Failed(gap) => return Some(check.not_evaluated(firewall, gap)),
            };
            Some(
                match firewall.known(
                    details.policy_change_protection,
                    "FirewallPolicyChangeProtection",
                ) {
                    Ok(true) => check.pass(
                        firewall,
                        format!("firewall {} has policy change protection on", firewall.name),
                    ),
                    Ok(false) => check.fail(
                        firewall,
                        format!(
                            "firewall {} has policy change protection off",
                            firewall.name
                        ),
                    ),
                    Err(gap) => check.not_evaluated(firewall, &gap),
                },
            )
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    #[test]
    fn on_passes_off_fails_unknown_is_not_evaluated() {
        let mut snap = snapshot();
        let with = |name: &str, value: Option<bool>| {
            let mut firewall = network_firewall(name);
            if let Fetched::Ok(details) = &mut firewall.details {
                details.policy_change_protection = value;
            }
            firewall
        };
        let mut hidden = network_firewall("hidden");
        hidden.details = Fetched::Failed(denied("DescribeFirewall"));
        networkfirewall(&mut snap).firewalls = Fetched::Ok(vec![
            with("guarded", Some(true)),
            with("open", Some(false)),
            with("cut", None),
            hidden,
        ]);

        let findings = run(&NETWORKFIREWALL_POLICY_CHANGE_PROTECTION, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("guarded", Pass),
                ("open", Fail),
                ("cut", NotEvaluated),
                ("hidden", NotEvaluated),
            ])
        );
        assert_eq!(
            findings[1].message,
            "firewall open has policy change protection off"
        );

        networkfirewall(&mut snap).firewalls = Fetched::Failed(denied("ListFirewalls"));
        assert_eq!(
            statuses(&run(&NETWORKFIREWALL_POLICY_CHANGE_PROTECTION, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
