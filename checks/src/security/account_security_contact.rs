use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::alternate_contacts::{account_finding, ContactType};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that the scanned account has a `SECURITY` alternate contact
    /// (`account:GetAlternateContact`; `ResourceNotFoundException` means none is set). One
    /// finding for the account. Only whether it is set is read: the contact's name, address and
    /// number stay out of the snapshot.
    ///
    /// ## Why is this bad?
    /// AWS sends security notifications (abuse reports, a leaked access key found on GitHub, a
    /// compromised instance attacking others) to the security alternate contact, and to the
    /// root email address only when none is set: often a mailbox nobody reads, or a person who
    /// left. SEC10-BP01 asks for the contacts of the people who respond to an incident,
    /// including the ones your cloud provider uses; a distribution list owned by the security
    /// team keeps it from depending on one person.
    ///
    /// ## Example
    /// `aws account get-alternate-contact --alternate-contact-type SECURITY` answers
    /// `ResourceNotFoundException`. Fix: `aws account put-alternate-contact
    /// --alternate-contact-type SECURITY --name "…" --title "…" --email-address
    /// security-team@example.com --phone-number "+1 555 0100"` (from the management account,
    /// add `--account-id` for a member account).
    ///
    /// ## Not evaluated when
    /// The contact could not be read (AccessDenied: `account:GetAlternateContact` is not
    /// allowed, or an organization's service control policy refuses it).
    pub ACCOUNT_SECURITY_CONTACT = "account_security_contact",
    pillar: Pillar::Security,
    service: Service::Account,
    severity: Severity::Medium,
    best_practices: &[direct("SEC10-BP01")],
    since: "0.5.0",
    title: "The account names a security contact for AWS to reach",
    remediation: "aws account put-alternate-contact --alternate-contact-type SECURITY --name NAME --title TITLE --email-address ADDRESS --phone-number NUMBER (a team distribution list, not one person)",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    account_finding(&ACCOUNT_SECURITY_CONTACT, ctx, ContactType::Security)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alternate_contacts::testing::assert_contact_check;

    #[test]
    fn set_passes_unset_fails_unreadable_is_not_evaluated() {
        assert_contact_check(&ACCOUNT_SECURITY_CONTACT, ContactType::Security);
    }
}
