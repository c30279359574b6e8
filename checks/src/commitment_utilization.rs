//! What the two commitment-utilisation checks share (Reserved Instances, Savings Plans): one
//! finding for the account, from Cost Explorer's utilisation over the 30 days before the scan.

use crate::check::{Check, Context};
use crate::finding::Finding;
use crate::model::costexplorer::Utilization;
use crate::model::Fetched;

/// A kind of commitment, and how findings word it.
pub(crate) struct Commitment {
    /// "Reserved Instances", "Savings Plans".
    pub name: &'static str,
    /// What is left unused: "unused hours", "unused commitment".
    pub unused: &'static str,
}

/// Pass at `commitment_utilization_min_percent` or more (and when none was active: nothing is
/// wasted), fail below it, `not_evaluated` when the utilisation could not be read.
pub(crate) fn per_account(
    check: &Check,
    ctx: &Context,
    utilization: &Fetched<Option<Utilization>>,
    commitment: &Commitment,
) -> Vec<Finding> {
    let account = ctx.snapshot.account_resource("global");
    let utilization = match utilization {
        Fetched::Ok(utilization) => utilization,
        Fetched::Failed(why) => return vec![check.not_evaluated(&account, why)],
    };
    let (name, min) = (
        commitment.name,
        ctx.settings.commitment_utilization_min_percent,
    );
    vec![match utilization {
        None => check.pass(
            &account,
            format!("no {name} were active in the 30 days before the scan"),
        ),
        Some(u) if u.percent >= min as f64 => check.pass(
            &account,
            format!(
                "{name} were {:.0} % used from {} to {} (at least {min} % wanted)",
                u.percent, u.start, u.end
            ),
        ),
        Some(u) => check.fail(
            &account,
            format!(
                "{name} were {:.0} % used from {} to {} ({}: {}; at least {min} % wanted)",
                u.percent, u.start, u.end, commitment.unused, u.unused
            ),
        ),
    }]
}

/// Test support: the test both utilisation checks share.
#[cfg(test)]
pub(crate) mod testing {
    use super::Commitment;
    use crate::check::Check;
    use crate::finding::Status::*;
    use crate::model::costexplorer::Utilization;
    use crate::model::{Fetched, Snapshot};
    use crate::testing::*;

    fn used(percent: f64) -> Fetched<Option<Utilization>> {
        Fetched::Ok(Some(Utilization {
            percent,
            unused: "120.5".into(),
            start: "2026-05-02".into(),
            end: "2026-06-01".into(),
        }))
    }

    /// Well used passes, underused fails with the unused amount in its message, none active
    /// passes, unreadable (`operation` refused) is not evaluated.
    pub fn assert_utilization(
        check: &'static Check,
        set: fn(&mut Snapshot, Fetched<Option<Utilization>>),
        commitment: &Commitment,
        operation: &str,
    ) {
        let mut snap = snapshot();
        set(&mut snap, used(97.0));
        assert_eq!(statuses(&run(check, &snap)), expect(&[(ACCOUNT, Pass)]));
        set(&mut snap, used(61.0));
        let findings = run(check, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Fail)]));
        assert_eq!(
            findings[0].message,
            format!(
                "{} were 61 % used from 2026-05-02 to 2026-06-01 ({}: 120.5; at least 90 % wanted)",
                commitment.name, commitment.unused
            )
        );
        set(&mut snap, Fetched::Ok(None));
        assert_eq!(statuses(&run(check, &snap)), expect(&[(ACCOUNT, Pass)]));
        set(&mut snap, Fetched::Failed(denied(operation)));
        assert_eq!(
            statuses(&run(check, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
