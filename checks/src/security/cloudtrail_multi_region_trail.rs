use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::cloudtrail::Trail;
use crate::model::{Fetched, Gap, Service};

declare_check! {
    /// ## What it does
    /// Checks that the account has at least one multi-region trail that is logging and records
    /// both read and write management events. One finding for the account.
    ///
    /// ## Why is this bad?
    /// Without such a trail there is no record of who did what through the AWS API: an attacker
    /// working in a region no trail covers, or a change made with read-only logging, leaves no
    /// trace to investigate, alert on or prove compliance with.
    ///
    /// ## Example
    /// `aws cloudtrail describe-trails` shows only single-region trails (`IsMultiRegionTrail:
    /// false`), or `get-trail-status` shows `IsLogging: false`. Fix:
    /// `aws cloudtrail create-trail --name management-events --s3-bucket-name LOG-BUCKET
    /// --is-multi-region-trail --enable-log-file-validation` then
    /// `aws cloudtrail start-logging --name management-events`.
    ///
    /// ## Not evaluated when
    /// No qualifying trail was found and the trails of some scanned region, or the status or event
    /// selectors of a multi-region trail, could not be read.
    pub CLOUDTRAIL_MULTI_REGION_TRAIL = "cloudtrail_multi_region_trail",
    pillar: Pillar::Security,
    service: Service::Cloudtrail,
    severity: Severity::High,
    best_practices: &[direct("SEC04-BP01")],
    since: "0.2.0",
    title: "A multi-region trail logs all management events",
    remediation: "aws cloudtrail create-trail --name management-events --s3-bucket-name LOG-BUCKET --is-multi-region-trail --enable-log-file-validation && aws cloudtrail start-logging --name management-events",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &CLOUDTRAIL_MULTI_REGION_TRAIL;
    let cloudtrail = &ctx.snapshot.cloudtrail;
    let account = ctx.snapshot.account_resource("global");
    let trails = &cloudtrail.trails;
    if let Some(good) = trails
        .iter()
        .find(|t| t.multi_region && t.logs_all_management_events() == Some(true))
    {
        return vec![check.pass(
            &account,
            format!(
                "multi-region trail {} (home region {}) is logging all management events",
                good.name, good.home_region
            ),
        )];
    }
    let unknown: Option<&Gap> = cloudtrail
        .regions
        .values()
        .find_map(Fetched::gap)
        .or_else(|| {
            trails
                .iter()
                .filter(|t| t.multi_region)
                .find_map(|t| t.status.gap().or(t.management_events.gap()))
        });
    if let Some(why) = unknown {
        return vec![check.not_evaluated(&account, why)];
    }
    let mut message = "no multi-region trail is logging all management events".to_string();
    let reasons: Vec<String> = trails.iter().map(shortfall).collect();
    if !reasons.is_empty() {
        message = format!("{message} ({})", reasons.join("; "));
    }
    vec![check.fail(&account, message)]
}

/// Why `trail` does not qualify (its status and selectors are known here, when multi-region).
fn shortfall(trail: &Trail) -> String {
    if !trail.multi_region {
        return format!("{} logs {} only", trail.name, trail.home_region);
    }
    match (&trail.status, &trail.management_events) {
        (Fetched::Ok(status), _) if !status.is_logging => format!("{} is not logging", trail.name),
        (_, Fetched::Ok(events)) => format!("{} records {}", trail.name, events.describe()),
        _ => format!("{} could not be read", trail.name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::cloudtrail::ManagementEvents;
    use crate::testing::*;

    #[test]
    fn a_logging_multi_region_trail_passes() {
        let mut snap = snapshot();
        set_trails(
            &mut snap,
            vec![trail("regional"), multi_region_trail("org")],
        );

        let findings = run(&CLOUDTRAIL_MULTI_REGION_TRAIL, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "multi-region trail org (home region us-east-1) is logging all management events"
        );
        assert_eq!(findings[0].region, "global");
    }

    #[test]
    fn single_region_stopped_or_read_only_trails_fail() {
        let mut snap = snapshot();
        let mut stopped = multi_region_trail("stopped");
        stopped.status = Fetched::Ok(Default::default());
        let mut reads = multi_region_trail("reads");
        reads.management_events = Fetched::Ok(ManagementEvents {
            read: true,
            write: false,
        });
        set_trails(&mut snap, vec![trail("regional"), stopped, reads]);

        let findings = run(&CLOUDTRAIL_MULTI_REGION_TRAIL, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Fail)]));
        assert_eq!(
            findings[0].message,
            "no multi-region trail is logging all management events (regional logs us-east-1 only; stopped is not logging; reads records read-only management events)"
        );
    }

    #[test]
    fn no_trail_at_all_fails() {
        let findings = run(&CLOUDTRAIL_MULTI_REGION_TRAIL, &snapshot());

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Fail)]));
        assert_eq!(
            findings[0].message,
            "no multi-region trail is logging all management events"
        );
    }

    #[test]
    fn unreadable_listing_or_status_is_not_evaluated() {
        let mut snap = snapshot();
        snap.cloudtrail.regions.insert(
            "eu-west-1".into(),
            Fetched::Failed(denied("DescribeTrails")),
        );
        assert_eq!(
            statuses(&run(&CLOUDTRAIL_MULTI_REGION_TRAIL, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );

        let mut snap = snapshot();
        let mut org = multi_region_trail("org");
        org.status = Fetched::Failed(denied("GetTrailStatus"));
        set_trails(&mut snap, vec![org]);
        assert_eq!(
            statuses(&run(&CLOUDTRAIL_MULTI_REGION_TRAIL, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
