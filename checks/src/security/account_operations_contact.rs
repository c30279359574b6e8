use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::alternate_contacts::{account_finding, ContactType};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that the scanned account has a `OPERATIONS` alternate contact
    /// (`account:GetAlternateContact`; `ResourceNotFoundException` means none is set). One
    /// finding for the account. Only whether it is set is read: the contact's name, address and
    /// number stay out of the snapshot.
    ///
    /// ## Why is this bad?
    /// AWS sends operational notices (scheduled maintenance and retirements, service events
    /// that need action) to the operations alternate contact, else to the root email address.
    /// The people who run the workload learn of them late, or never: part of knowing whom to
    /// reach in an incident (SEC10-BP01), as a proxy.
    ///
    /// ## Example
    /// `aws account get-alternate-contact --alternate-contact-type OPERATIONS` answers
    /// `ResourceNotFoundException`. Fix: `aws account put-alternate-contact
    /// --alternate-contact-type OPERATIONS --name "…" --title "…" --email-address
    /// operations-team@example.com --phone-number "+1 555 0100"` (from the management account,
    /// add `--account-id` for a member account).
    ///
    /// ## Not evaluated when
    /// The contact could not be read (AccessDenied: `account:GetAlternateContact` is not
    /// allowed, or an organization's service control policy refuses it).
    pub ACCOUNT_OPERATIONS_CONTACT = "account_operations_contact",
    pillar: Pillar::Security,
    service: Service::Account,
    severity: Severity::Low,
    best_practices: &[indirect("SEC10-BP01")],
    since: "0.5.0",
    title: "The account names an operations contact for AWS to reach",
    remediation: "aws account put-alternate-contact --alternate-contact-type OPERATIONS --name NAME --title TITLE --email-address ADDRESS --phone-number NUMBER (a team distribution list, not one person)",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    account_finding(&ACCOUNT_OPERATIONS_CONTACT, ctx, ContactType::Operations)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alternate_contacts::testing::assert_contact_check;

    #[test]
    fn set_passes_unset_fails_unreadable_is_not_evaluated() {
        assert_contact_check(&ACCOUNT_OPERATIONS_CONTACT, ContactType::Operations);
    }
}
