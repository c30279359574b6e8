use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::cloudtrail::Trail;
use crate::model::{Fetched, Gap, Service};

declare_check! {
    /// ## What it does
    /// Checks that the account's logging trails record S3 object-level activity (data events)
    /// in every bucket, both reads (`GetObject`) and writes (`PutObject`, `DeleteObject`). The
    /// reads and writes may come from different trails. One finding for the account.
    ///
    /// ## Why is this bad?
    /// Management events record who changed a bucket, not who read or deleted its objects. When
    /// data leaks or objects disappear, only object-level events say which principal, from
    /// where, touched which object: without them the investigation cannot tell what was taken
    /// (CIS AWS Foundations 3.8 and 3.9). Data events cost per event, so some accounts log only
    /// selected buckets: this check then fails and names the gap, and a suppression records
    /// the decision.
    ///
    /// ## Example
    /// `aws cloudtrail get-event-selectors --trail-name TRAIL` shows no `DataResources` of type
    /// `AWS::S3::Object` with value `arn:aws:s3`. Fix: `aws cloudtrail put-event-selectors
    /// --trail-name TRAIL --event-selectors '[{"ReadWriteType":"All","IncludeManagementEvents":true,
    /// "DataResources":[{"Type":"AWS::S3::Object","Values":["arn:aws:s3"]}]}]'`.
    ///
    /// ## Not evaluated when
    /// The trails of some scanned region, or the status or event selectors of a trail, could
    /// not be read (and the trails that were read do not already pass).
    pub CLOUDTRAIL_S3_DATA_EVENTS = "cloudtrail_s3_data_events",
    pillar: Pillar::Security,
    service: Service::Cloudtrail,
    severity: Severity::Low,
    best_practices: &[direct("SEC04-BP01")],
    since: "0.5.0",
    title: "Trails record S3 object-level reads and writes in every bucket",
    remediation: "aws cloudtrail put-event-selectors --trail-name TRAIL --event-selectors '[{\"ReadWriteType\":\"All\",\"IncludeManagementEvents\":true,\"DataResources\":[{\"Type\":\"AWS::S3::Object\",\"Values\":[\"arn:aws:s3\"]}]}]'",
    evaluate: evaluate,
}

fn logging(trail: &Trail) -> bool {
    matches!(&trail.status, Fetched::Ok(status) if status.is_logging)
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &CLOUDTRAIL_S3_DATA_EVENTS;
    let cloudtrail = &ctx.snapshot.cloudtrail;
    let account = ctx.snapshot.account_resource("global");
    let recording = |pick: fn(&crate::model::cloudtrail::DataEvents) -> bool| {
        cloudtrail
            .trails
            .iter()
            .find(|t| logging(t) && t.data_events.ok().is_some_and(pick))
    };
    let reads = recording(|e| e.s3_read);
    let writes = recording(|e| e.s3_write);
    if let (Some(reads), Some(writes)) = (reads, writes) {
        let by = if reads.arn == writes.arn {
            format!("trail {} records", reads.name)
        } else {
            format!(
                "trails {} (reads) and {} (writes) record",
                reads.name, writes.name
            )
        };
        return vec![check.pass(
            &account,
            format!("{by} S3 object-level reads and writes in every bucket"),
        )];
    }
    let unknown: Option<&Gap> = cloudtrail
        .regions
        .values()
        .find_map(Fetched::gap)
        .or_else(|| {
            cloudtrail
                .trails
                .iter()
                .find_map(|t| t.status.gap().or(t.data_events.gap()))
        });
    if let Some(why) = unknown {
        return vec![check.not_evaluated(&account, why)];
    }
    let missing = match (reads, writes) {
        (None, None) => "reads or writes",
        (Some(_), None) => "writes",
        _ => "reads",
    };
    vec![check.fail(
        &account,
        format!("no logging trail records S3 object-level {missing} in every bucket"),
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::cloudtrail::{DataEvents, TrailStatus};
    use crate::testing::*;

    fn recording(name: &str, s3_read: bool, s3_write: bool) -> Trail {
        let mut trail = multi_region_trail(name);
        trail.data_events = Fetched::Ok(DataEvents {
            s3_read,
            s3_write,
            lambda_invoke: false,
        });
        trail
    }

    #[test]
    fn reads_and_writes_pass_even_from_two_trails() {
        let mut snap = snapshot();
        set_trails(&mut snap, vec![recording("all", true, true)]);
        let findings = run(&CLOUDTRAIL_S3_DATA_EVENTS, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "trail all records S3 object-level reads and writes in every bucket"
        );

        set_trails(
            &mut snap,
            vec![recording("r", true, false), recording("w", false, true)],
        );
        let findings = run(&CLOUDTRAIL_S3_DATA_EVENTS, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
    }

    #[test]
    fn writes_only_or_a_stopped_trail_fail() {
        let mut snap = snapshot();
        let mut stopped = recording("stopped", true, true);
        stopped.status = Fetched::Ok(TrailStatus::default());
        set_trails(&mut snap, vec![recording("w", false, true), stopped]);

        let findings = run(&CLOUDTRAIL_S3_DATA_EVENTS, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Fail)]));
        assert_eq!(
            findings[0].message,
            "no logging trail records S3 object-level reads in every bucket"
        );
    }

    #[test]
    fn unreadable_selectors_are_not_evaluated() {
        let mut snap = snapshot();
        let mut vague = multi_region_trail("vague");
        vague.data_events = Fetched::Failed(denied("GetEventSelectors"));
        set_trails(&mut snap, vec![vague]);
        let findings = run(&CLOUDTRAIL_S3_DATA_EVENTS, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
