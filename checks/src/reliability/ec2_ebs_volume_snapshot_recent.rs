use time::Duration;

use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Resource, Service};

/// A volume in use must have a snapshot started at most this many days before the scan.
const MAX_SNAPSHOT_AGE_DAYS: i64 = 7;

declare_check! {
    /// ## What it does
    /// Checks that every EBS volume in use has a snapshot started within the 7 days before the
    /// scan (a fixed window, not configurable). Snapshots taken by Data Lifecycle Manager or AWS
    /// Backup count: they are EBS snapshots of the volume like any other.
    ///
    /// ## Why is this bad?
    /// A volume with no recent snapshot cannot be restored to a recent point after a failure, a
    /// deletion or a ransomware attack: the data written since the last snapshot is lost.
    ///
    /// ## Example
    /// Volume `vol-0abc` attached to a database server, with its newest snapshot 40 days old.
    /// Fix: back it up on a schedule, with an AWS Backup plan or a Data Lifecycle Manager policy
    /// (`aws dlm create-lifecycle-policy ...` targeting a tag the volume carries); a one-off
    /// `aws ec2 create-snapshot --volume-id vol-0abc` only resets the clock.
    ///
    /// ## Not evaluated when
    /// The region's volumes or snapshots could not be read.
    pub EC2_EBS_VOLUME_SNAPSHOT_RECENT = "ec2_ebs_volume_snapshot_recent",
    pillar: Pillar::Reliability,
    service: Service::Ec2,
    severity: Severity::Medium,
    best_practices: &[indirect("REL09-BP03")],
    since: "0.1.0",
    title: "EBS volumes in use have a snapshot from the last 7 days",
    remediation: "Schedule snapshots with an AWS Backup plan or a Data Lifecycle Manager policy (aws dlm create-lifecycle-policy); aws ec2 create-snapshot --volume-id VOLUME takes one now.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EC2_EBS_VOLUME_SNAPSHOT_RECENT;
    let now = ctx.snapshot.collected_at;
    ctx.snapshot
        .ec2
        .iter()
        .flat_map(|(region, ec2)| {
            let (volumes, snapshots) = match (&ec2.volumes, &ec2.snapshots) {
                (Fetched::Ok(volumes), Fetched::Ok(snapshots)) => (volumes, snapshots),
                (Fetched::Failed(why), _) | (_, Fetched::Failed(why)) => {
                    return vec![check.not_evaluated(&ctx.snapshot.account_resource(region), why)]
                }
            };
            volumes
                .iter()
                .filter(|volume| volume.state == "in-use")
                .map(|volume| {
                    let label = volume.resource().label();
                    let newest = snapshots
                        .iter()
                        .filter(|snapshot| snapshot.volume_id.as_deref() == Some(volume.id.as_str()))
                        .filter_map(|snapshot| snapshot.start_time)
                        .max();
                    match newest {
                        None => check.fail(volume, format!("volume {label} has no snapshot")),
                        Some(started) => {
                            let age = days((now - started).whole_days());
                            if now - started <= Duration::days(MAX_SNAPSHOT_AGE_DAYS) {
                                check.pass(volume, format!("volume {label} has a snapshot {age} old"))
                            } else {
                                check.fail(
                                    volume,
                                    format!(
                                        "volume {label}'s newest snapshot is {age} old (more than {MAX_SNAPSHOT_AGE_DAYS} days)"
                                    ),
                                )
                            }
                        }
                    }
                })
                .collect()
        })
        .collect()
}

fn days(n: i64) -> String {
    if n == 1 {
        "1 day".into()
    } else {
        format!("{n} days")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::ec2::EbsSnapshot;
    use crate::testing::*;

    fn snapshot_of(volume_id: &str, age_days: i64) -> EbsSnapshot {
        let mut snap = ebs_snapshot(&format!("{volume_id}-{age_days}"));
        snap.volume_id = Some(volume_id.into());
        snap.start_time = days_ago(age_days);
        snap
    }

    #[test]
    fn recent_snapshot_passes_old_or_missing_snapshot_fails() {
        let mut snap = snapshot();
        let mut unattached = volume("spare");
        unattached.state = "available".into();
        ec2(&mut snap).volumes = Fetched::Ok(vec![
            volume("db"),
            volume("logs"),
            volume("tmp"),
            unattached,
        ]);
        ec2(&mut snap).snapshots = Fetched::Ok(vec![
            snapshot_of("vol-db", 30),
            snapshot_of("vol-db", 1),
            snapshot_of("vol-logs", 40),
            snapshot_of("vol-logs", 8),
        ]);

        let findings = run(&EC2_EBS_VOLUME_SNAPSHOT_RECENT, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("db", Pass), ("logs", Fail), ("tmp", Fail)])
        );
        assert_eq!(
            findings[0].message,
            "volume db (vol-db) has a snapshot 1 day old"
        );
        assert_eq!(
            findings[1].message,
            "volume logs (vol-logs)'s newest snapshot is 8 days old (more than 7 days)"
        );
        assert_eq!(findings[2].message, "volume tmp (vol-tmp) has no snapshot");
    }

    #[test]
    fn unreadable_snapshots_or_volumes_are_not_evaluated() {
        let mut snap = snapshot();
        ec2(&mut snap).volumes = Fetched::Ok(vec![volume("db")]);
        ec2(&mut snap).snapshots = Fetched::Failed(denied("DescribeSnapshots"));

        let findings = run(&EC2_EBS_VOLUME_SNAPSHOT_RECENT, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
        assert!(findings[0].message.contains("DescribeSnapshots"));

        ec2(&mut snap).volumes = Fetched::Failed(denied("DescribeVolumes"));
        let findings = run(&EC2_EBS_VOLUME_SNAPSHOT_RECENT, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
