use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::alternate_contacts::{account_finding, ContactType};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that the scanned account has a `BILLING` alternate contact
    /// (`account:GetAlternateContact`; `ResourceNotFoundException` means none is set). One
    /// finding for the account. Only whether it is set is read: the contact's name, address and
    /// number stay out of the snapshot.
    ///
    /// ## Why is this bad?
    /// AWS sends invoices, payment problems and billing notices to the billing alternate
    /// contact, else to the root email address. A named billing contact is a small, visible
    /// part of someone owning the account's cost (COST01-BP01), as a proxy: it shows nobody's
    /// cost process, only that billing mail reaches someone.
    ///
    /// ## Example
    /// `aws account get-alternate-contact --alternate-contact-type BILLING` answers
    /// `ResourceNotFoundException`. Fix: `aws account put-alternate-contact
    /// --alternate-contact-type BILLING --name "…" --title "…" --email-address
    /// billing-team@example.com --phone-number "+1 555 0100"` (from the management account,
    /// add `--account-id` for a member account).
    ///
    /// ## Not evaluated when
    /// The contact could not be read (AccessDenied: `account:GetAlternateContact` is not
    /// allowed, or an organization's service control policy refuses it).
    pub ACCOUNT_BILLING_CONTACT = "account_billing_contact",
    pillar: Pillar::CostOptimization,
    service: Service::Account,
    severity: Severity::Low,
    best_practices: &[indirect("COST01-BP01")],
    since: "0.5.0",
    title: "The account names a billing contact for AWS to reach",
    remediation: "aws account put-alternate-contact --alternate-contact-type BILLING --name NAME --title TITLE --email-address ADDRESS --phone-number NUMBER (a team distribution list, not one person)",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    account_finding(&ACCOUNT_BILLING_CONTACT, ctx, ContactType::Billing)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alternate_contacts::testing::assert_contact_check;

    #[test]
    fn set_passes_unset_fails_unreadable_is_not_evaluated() {
        assert_contact_check(&ACCOUNT_BILLING_CONTACT, ContactType::Billing);
    }
}
