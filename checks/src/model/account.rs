//! AWS Account Management (global, collected once): `GetAlternateContact` for the security,
//! operations and billing contacts of the scanned account. Only whether each is set is kept:
//! names, email addresses and phone numbers are personal data and stay out of the snapshot.

use serde::{Deserialize, Serialize};

use super::{Fetched, Service};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Account {
    /// Whether a `SECURITY` alternate contact is set (`ResourceNotFoundException`: not set).
    pub security_contact: Fetched<bool>,
    /// Whether an `OPERATIONS` alternate contact is set.
    pub operations_contact: Fetched<bool>,
    /// Whether a `BILLING` alternate contact is set.
    pub billing_contact: Fetched<bool>,
}

impl Default for Account {
    fn default() -> Self {
        let not_collected = || Fetched::not_collected(Service::Account, "GetAlternateContact");
        Account {
            security_contact: not_collected(),
            operations_contact: not_collected(),
            billing_contact: not_collected(),
        }
    }
}
