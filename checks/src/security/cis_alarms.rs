//! Shared by the CIS monitoring checks: a CloudWatch Logs metric filter whose pattern matches,
//! and a CloudWatch alarm on the metric it publishes, in any scanned region.

use crate::check::Context;
use crate::model::{Fetched, Gap};

/// `Ok(Some((filter, alarm)))` when some region has a metric filter whose pattern (whitespace
/// removed) contains one of `patterns` and an alarm watching one of its metrics; `Ok(None)` when
/// none has; `Err` when none has and some region's filters or alarms could not be read.
pub(crate) fn alarmed_metric_filter<'a>(
    ctx: &Context<'a>,
    patterns: &[&str],
) -> Result<Option<(String, String)>, &'a Gap> {
    let mut gap = None;
    for cloudwatch in ctx.snapshot.cloudwatch.values() {
        let (filters, alarms) = match (&cloudwatch.metric_filters, &cloudwatch.alarms) {
            (Fetched::Ok(filters), Fetched::Ok(alarms)) => (filters, alarms),
            (Fetched::Failed(why), _) | (_, Fetched::Failed(why)) => {
                gap.get_or_insert(why);
                continue;
            }
        };
        for filter in filters {
            let compact: String = filter.pattern.split_whitespace().collect();
            if !patterns.iter().any(|p| compact.contains(p)) {
                continue;
            }
            for (namespace, metric) in &filter.metrics {
                if let Some(alarm) = alarms.iter().find(|a| a.watches(namespace, metric)) {
                    return Ok(Some((filter.name.clone(), alarm.name.clone())));
                }
            }
        }
    }
    match gap {
        Some(gap) => Err(gap),
        None => Ok(None),
    }
}
