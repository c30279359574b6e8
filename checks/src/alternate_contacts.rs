//! What the alternate-contact checks share: one finding for the account, from whether
//! `GetAlternateContact` found a contact of one type.

use crate::check::{Check, Context};
use crate::finding::Finding;
use crate::model::account::Account;
use crate::model::Fetched;

/// The alternate contact types AWS writes to (`AlternateContactType`).
#[derive(Debug, Clone, Copy)]
pub(crate) enum ContactType {
    Security,
    Operations,
    Billing,
}

impl ContactType {
    /// As findings name it, with its article: "a security", "an operations".
    fn named(self) -> &'static str {
        match self {
            ContactType::Security => "a security",
            ContactType::Operations => "an operations",
            ContactType::Billing => "a billing",
        }
    }

    fn name(self) -> &'static str {
        match self {
            ContactType::Security => "security",
            ContactType::Operations => "operations",
            ContactType::Billing => "billing",
        }
    }

    pub(crate) fn of(self, account: &Account) -> &Fetched<bool> {
        match self {
            ContactType::Security => &account.security_contact,
            ContactType::Operations => &account.operations_contact,
            ContactType::Billing => &account.billing_contact,
        }
    }

    #[cfg(test)]
    pub(crate) fn of_mut(self, account: &mut Account) -> &mut Fetched<bool> {
        match self {
            ContactType::Security => &mut account.security_contact,
            ContactType::Operations => &mut account.operations_contact,
            ContactType::Billing => &mut account.billing_contact,
        }
    }
}

/// Pass when the account has a contact of `kind`, fail when it has none, `not_evaluated` when
/// it could not be read.
pub(crate) fn account_finding(check: &Check, ctx: &Context, kind: ContactType) -> Vec<Finding> {
    let account = ctx.snapshot.account_resource("global");
    vec![match kind.of(&ctx.snapshot.account) {
        Fetched::Ok(true) => check.pass(
            &account,
            format!("{} alternate contact is set", kind.named()),
        ),
        Fetched::Ok(false) => check.fail(
            &account,
            format!("no {} alternate contact is set", kind.name()),
        ),
        Fetched::Failed(gap) => check.not_evaluated(&account, gap),
    }]
}

/// Test support: the test every alternate-contact check shares.
#[cfg(test)]
pub(crate) mod testing {
    use super::ContactType;
    use crate::check::Check;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    /// Set passes, unset fails naming the type, unreadable is not evaluated.
    pub fn assert_contact_check(check: &'static Check, kind: ContactType) {
        let mut snap = snapshot();
        *kind.of_mut(&mut snap.account) = Fetched::Ok(true);
        assert_eq!(statuses(&run(check, &snap)), expect(&[(ACCOUNT, Pass)]));

        *kind.of_mut(&mut snap.account) = Fetched::Ok(false);
        let findings = run(check, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Fail)]));
        assert_eq!(
            findings[0].message,
            format!("no {} alternate contact is set", kind.name())
        );

        *kind.of_mut(&mut snap.account) = Fetched::Failed(denied("GetAlternateContact"));
        assert_eq!(
            statuses(&run(check, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
