//! What the per-trail CloudTrail checks share.

use crate::check::{Check, Context};
use crate::finding::Finding;
use crate::model::cloudtrail::Trail;
use crate::model::Fetched;

/// `verdict` on every trail the scan found, then one `not_evaluated` finding for each scanned
/// region whose trails could not be listed.
pub(super) fn each_trail(
    ctx: &Context,
    check: &Check,
    verdict: impl Fn(&Trail) -> Finding,
) -> Vec<Finding> {
    let cloudtrail = &ctx.snapshot.cloudtrail;
    let unlisted = cloudtrail.regions.iter().filter_map(|(region, listed)| {
        let account = ctx.snapshot.account_resource(region);
        match listed {
            Fetched::Ok(_) => None,
            Fetched::Failed(why) => Some(check.not_evaluated(&account, why)),
        }
    });
    cloudtrail
        .trails
        .iter()
        .map(verdict)
        .chain(unlisted)
        .collect()
}
