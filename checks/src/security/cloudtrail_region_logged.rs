use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::cloudtrail::Trail;
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Names, region by region, where the account's API activity is recorded: in every scanned
    /// region, checks that a trail that logs there (a multi-region trail, or one of the region's
    /// own) is logging and records both read and write management events. One finding per
    /// region, about the account.
    ///
    /// ## Why is this bad?
    /// A region no logging trail covers keeps no record of the API calls made in it. Attackers
    /// with stolen keys favour the regions nobody watches (crypto-mining instances in a region
    /// the team never uses are the classic case), and an incident there cannot be investigated.
    /// `cloudtrail_multi_region_trail` says whether one trail covers everything; this check
    /// names each region left out when none does.
    ///
    /// ## Example
    /// `aws cloudtrail describe-trails --include-shadow-trails --region ap-south-1` lists no trail,
    /// or only one whose `get-trail-status` shows `IsLogging: false`. Fix: make the account's
    /// trail multi-region (`aws cloudtrail update-trail --name TRAIL --is-multi-region-trail`), or
    /// create and start one in the region.
    ///
    /// ## Not evaluated when
    /// The region's trails could not be listed, or no trail there qualifies and the status or
    /// event selectors of one of them could not be read.
    pub CLOUDTRAIL_REGION_LOGGED = "cloudtrail_region_logged",
    pillar: Pillar::Security,
    service: Service::Cloudtrail,
    severity: Severity::Medium,
    best_practices: &[direct("SEC04-BP01")],
    since: "0.5.0",
    title: "Every scanned region is covered by a logging trail",
    remediation: "aws cloudtrail update-trail --name TRAIL --is-multi-region-trail (or create and start a trail in the region: aws cloudtrail create-trail ... && aws cloudtrail start-logging --name TRAIL)",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &CLOUDTRAIL_REGION_LOGGED;
    let cloudtrail = &ctx.snapshot.cloudtrail;
    cloudtrail
        .regions
        .iter()
        .map(|(region, listed)| {
            let account = ctx.snapshot.account_resource(region);
            let arns = match listed {
                Fetched::Ok(arns) => arns,
                Fetched::Failed(why) => return check.not_evaluated(&account, why),
            };
            let trails: Vec<&Trail> = arns.iter().filter_map(|a| cloudtrail.trail(a)).collect();
            if let Some(good) = trails
                .iter()
                .find(|t| t.logs_all_management_events() == Some(true))
            {
                let scope = if good.multi_region == Some(true) {
                    "multi-region trail"
                } else {
                    "trail"
                };
                return check.pass(
                    &account,
                    format!(
                        "{region} is covered: {scope} {} is logging all management events",
                        good.name
                    ),
                );
            }
            if let Some(why) = trails
                .iter()
                .find_map(|t| t.status.gap().or(t.management_events.gap()))
            {
                return check.not_evaluated(&account, why);
            }
            if trails.is_empty() {
                return check.fail(&account, format!("no trail logs API activity in {region}"));
            }
            let reasons: Vec<String> = trails.iter().map(|t| shortfall(t)).collect();
            check.fail(
                &account,
                format!(
                    "no trail is logging all management events in {region} ({})",
                    reasons.join("; ")
                ),
            )
        })
        .collect()
}

/// Why `trail` does not cover the region (its status and selectors are known here).
fn shortfall(trail: &Trail) -> String {
    match (&trail.status, &trail.management_events) {
        (Fetched::Ok(status), _) if !status.is_logging => format!("{} is not logging", trail.name),
        (_, Fetched::Ok(events)) => format!("{} records {}", trail.name, events.describe()),
        _ => format!("{} could not be read", trail.name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::{self, *};
    use crate::model::cloudtrail::{ManagementEvents, TrailStatus};
    use crate::testing::*;

    fn by_region(findings: &[Finding]) -> Vec<(&str, Status)> {
        findings
            .iter()
            .map(|f| (f.region.as_str(), f.status))
            .collect()
    }

    #[test]
    fn a_logging_trail_covers_its_regions_and_the_others_are_named() {
        let mut snap = snapshot();
        let org = multi_region_trail("org");
        let mut stopped = trail("eu-only");
        stopped.arn = "arn:aws:cloudtrail:eu-west-1:123456789012:trail/eu-only".into();
        stopped.home_region = "eu-west-1".into();
        stopped.multi_region = Some(false);
        stopped.status = Fetched::Ok(TrailStatus::default());
        let mut reads = trail("reads");
        reads.arn = "arn:aws:cloudtrail:eu-central-1:123456789012:trail/reads".into();
        reads.management_events = Fetched::Ok(ManagementEvents {
            read: true,
            write: false,
        });
        set_trails(&mut snap, vec![org.clone(), stopped.clone(), reads.clone()]);
        let regions = &mut snap.cloudtrail.regions;
        regions.insert("eu-west-1".into(), Fetched::Ok(vec![stopped.arn.clone()]));
        regions.insert("eu-central-1".into(), Fetched::Ok(vec![reads.arn.clone()]));
        regions.insert("ap-south-1".into(), Fetched::Ok(vec![]));
        regions.insert(
            "sa-east-1".into(),
            Fetched::Failed(denied("DescribeTrails")),
        );

        let findings = run(&CLOUDTRAIL_REGION_LOGGED, &snap);

        assert_eq!(
            by_region(&findings),
            [
                ("ap-south-1", Fail),
                ("eu-central-1", Fail),
                ("eu-west-1", Fail),
                ("sa-east-1", NotEvaluated),
                (REGION, Pass),
            ]
        );
        assert_eq!(
            findings[0].message,
            "no trail logs API activity in ap-south-1"
        );
        assert_eq!(
            findings[1].message,
            "no trail is logging all management events in eu-central-1 (reads records read-only management events)"
        );
        assert_eq!(
            findings[2].message,
            "no trail is logging all management events in eu-west-1 (eu-only is not logging)"
        );
        assert_eq!(
            findings[4].message,
            "us-east-1 is covered: multi-region trail org is logging all management events"
        );
    }

    #[test]
    fn an_unreadable_status_is_not_evaluated_unless_another_trail_covers() {
        let mut snap = snapshot();
        let mut vague = trail("vague");
        vague.status = Fetched::Failed(denied("GetTrailStatus"));
        set_trails(&mut snap, vec![vague.clone()]);
        assert_eq!(
            statuses(&run(&CLOUDTRAIL_REGION_LOGGED, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );

        set_trails(&mut snap, vec![vague, trail("good")]);
        assert_eq!(
            statuses(&run(&CLOUDTRAIL_REGION_LOGGED, &snap)),
            expect(&[(ACCOUNT, Pass)])
        );
    }
}
