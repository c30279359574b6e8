//! Checks whose practice is shown by the presence of something anywhere in the account (a
//! dashboard, a runbook, an experiment, a restore test): one account-wide finding. Found: `pass`,
//! naming what was found. Not found where everything was read: "no evidence found" (teams may
//! meet the practice with tools outside AWS, so absence is not a failure). Not found while some
//! region could not be read: `not_evaluated` with that region's reason.

use std::collections::BTreeMap;

use crate::check::Check;
use crate::finding::Finding;
use crate::model::{Fetched, Snapshot};

/// What a presence check looks for, in words for its messages.
pub struct Looked<'a> {
    /// What was found, plural: "dashboards".
    pub what: &'a str,
    /// The finding when nothing is found: "no CloudWatch dashboard in the account".
    pub none: &'a str,
}

/// One account-wide finding from every region's `list`, counting the items `matches` accepts;
/// `name` names an item in the message (the first three are named).
pub fn across_regions<R, T>(
    check: &Check,
    snap: &Snapshot,
    regions: &BTreeMap<String, R>,
    list: impl Fn(&R) -> &Fetched<Vec<T>>,
    matches: impl Fn(&T) -> bool,
    name: impl Fn(&T) -> String,
    looked: Looked,
) -> Finding {
    let mut found = Vec::new();
    let mut gap = None;
    for (region, data) in regions {
        match list(data) {
            Fetched::Ok(items) => found.extend(
                items
                    .iter()
                    .filter(|item| matches(item))
                    .map(|item| format!("{} ({region})", name(item))),
            ),
            Fetched::Failed(why) => {
                gap.get_or_insert(why);
            }
        }
    }
    from_found(check, snap, found, gap, looked)
}

/// One account-wide finding from names already gathered (`gap`: a part that could not be read).
pub fn from_found(
    check: &Check,
    snap: &Snapshot,
    found: Vec<String>,
    gap: Option<&crate::model::Gap>,
    looked: Looked,
) -> Finding {
    let account = snap.account_resource("global");
    if !found.is_empty() {
        let shown: Vec<&str> = found.iter().take(3).map(String::as_str).collect();
        let more = if found.len() > shown.len() {
            format!(" and {} more", found.len() - shown.len())
        } else {
            String::new()
        };
        return check.pass(
            &account,
            format!(
                "{} {}: {}{more}",
                found.len(),
                looked.what,
                shown.join(", ")
            ),
        );
    }
    match gap {
        Some(why) => check.not_evaluated(&account, why),
        None => check.no_evidence(&account, looked.none),
    }
}
