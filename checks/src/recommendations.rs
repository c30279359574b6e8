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
