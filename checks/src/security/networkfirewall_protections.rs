//! What the Network Firewall protection checks share: one finding per firewall, from one of the
//! protection flags `DescribeFirewall` reports.

use crate::check::{Check, Context};
use crate::finding::Finding;
use crate::model::networkfirewall::FirewallDetails;
use crate::model::{Fetched, Known};

/// Pass when the protection is on, fail when off, `not_evaluated` when the firewall could not
/// be described or the answer lacked `member`. `what` names it in messages ("delete
/// protection").
pub(super) fn per_firewall(
    check: &Check,
    ctx: &Context,
    value: fn(&FirewallDetails) -> Option<bool>,
    member: &str,
    what: &str,
) -> Vec<Finding> {
    ctx.each_in_regions(
        check,
        &ctx.snapshot.networkfirewall,
        |region| &region.firewalls,
        |firewall| {
            let details = match &firewall.details {
                Fetched::Ok(details) => details,
                Fetched::Failed(gap) => return Some(check.not_evaluated(firewall, gap)),
            };
            Some(match firewall.known(value(details), member) {
                Ok(true) => check.pass(
                    firewall,
                    format!("firewall {} has {what} on", firewall.name),
                ),
                Ok(false) => check.fail(
                    firewall,
                    format!("firewall {} has {what} off", firewall.name),
                ),
                Err(gap) => check.not_evaluated(firewall, &gap),
            })
        },
    )
}

/// Test support: the test both protection checks share.
#[cfg(test)]
pub(super) mod testing {
    use crate::check::Check;
    use crate::finding::Status::*;
    use crate::model::networkfirewall::FirewallDetails;
    use crate::model::Fetched;
    use crate::testing::*;

    /// On passes, off fails naming `what`, unknown or undescribed is not evaluated, and so is a
    /// region whose firewalls could not be listed.
    pub fn assert_protection(
        check: &'static Check,
        set: fn(&mut FirewallDetails, Option<bool>),
        what: &str,
    ) {
        let mut snap = snapshot();
        let with = |name: &str, value: Option<bool>| {
            let mut firewall = network_firewall(name);
            if let Fetched::Ok(details) = &mut firewall.details {
                set(details, value);
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

        let findings = run(check, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("guarded", Pass),
                ("open", Fail),
                ("cut", NotEvaluated),
                ("hidden", NotEvaluated),
            ])
        );
        assert_eq!(findings[1].message, format!("firewall open has {what} off"));

        networkfirewall(&mut snap).firewalls = Fetched::Failed(denied("ListFirewalls"));
        assert_eq!(
            statuses(&run(check, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
