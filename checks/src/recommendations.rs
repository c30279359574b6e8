//! Shared by the Compute Optimizer checks: one finding per recommendation of a per-region list,
//! failing those whose finding is in `bad`.

use crate::check::{Check, Context};
use crate::finding::Finding;
use crate::model::computeoptimizer::{ComputeOptimizerRegion, Recommendation};
use crate::model::{Fetched, Resource};

pub(crate) fn each_recommendation(
    ctx: &Context,
    check: &Check,
    list: impl Fn(&ComputeOptimizerRegion) -> &Fetched<Vec<Recommendation>>,
    bad: &[&str],
    what: &str,
) -> Vec<Finding> {
    ctx.each_in_regions(check, &ctx.snapshot.computeoptimizer.regions, list, |r| {
        if r.finding == "UNAVAILABLE" {
            return None;
        }
        let label = r.resource().label();
        let finding = r.finding.to_lowercase().replace('_', "-");
        Some(if bad.contains(&r.finding.as_str()) {
            let reasons = if r.reasons.is_empty() {
                String::new()
            } else {
                format!(" ({})", r.reasons.join(", "))
            };
            let advice = match &r.recommended {
                Some(recommended) => format!("; Compute Optimizer recommends {recommended}"),
                None => String::new(),
            };
            check.fail(
                r,
                format!(
                    "{what} {label} is {finding}{reasons}: {}{advice}",
                    r.current
                ),
            )
        } else {
            check.pass(r, format!("{what} {label} is {finding} ({})", r.current))
        })
    })
}

/// Test support: the test the finding checks over one kind of recommendation share.
#[cfg(test)]
pub(crate) mod testing {
    use crate::check::Check;
    use crate::finding::Status::*;
    use crate::model::computeoptimizer::{ComputeOptimizerRegion, Recommendation};
    use crate::model::Fetched;
    use crate::testing::*;

    /// An optimized resource passes, one Compute Optimizer finds `bad` fails with its advice,
    /// one it finds `other` passes, and a listing that could not be read is not evaluated.
    pub fn assert_flags(
        check: &'static Check,
        list: fn(&mut ComputeOptimizerRegion) -> &mut Fetched<Vec<Recommendation>>,
        kind: &str,
        what: &str,
        bad: &str,
        other: &str,
    ) {
        let mut snap = snapshot();
        let mut flagged = recommendation(kind, "flagged");
        flagged.finding = bad.into();
        flagged.current = "current size".into();
        flagged.recommended = Some("recommended size".into());
        let mut elsewise = recommendation(kind, "other");
        elsewise.finding = other.into();
        *list(compute_optimizer(&mut snap)) =
            Fetched::Ok(vec![recommendation(kind, "fine"), flagged, elsewise]);

        let findings = run(check, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("fine", Pass), ("flagged", Fail), ("other", Pass)])
        );
        assert_eq!(
            findings[1].message,
            format!(
                "{what} flagged is {}: current size; Compute Optimizer recommends recommended size",
                bad.to_lowercase().replace('_', "-")
            )
        );

        *list(compute_optimizer(&mut snap)) = Fetched::Failed(denied("Get"));
        assert_eq!(
            statuses(&run(check, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
