use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::ec2::EbsSnapshot;
use crate::model::{Fetched, Resource, Service};

/// The volume id EC2 reports for snapshots made by `CopySnapshot`: they have no source volume.
const COPIED_SNAPSHOT_VOLUME: &str = "vol-ffffffff";

declare_check! {
    /// ## What it does
    /// Checks that no EBS snapshot the account owns is stale (older than `snapshot_max_age_days`
    /// in the configuration file, 365 by default) or orphaned (the volume it was taken from no
    /// longer exists in the region).
    ///
    /// Copies (`aws ec2 copy-snapshot`) report the placeholder volume `vol-ffffffff` and are only
    /// judged by age. A snapshot that backs a registered AMI is orphaned once its source volume is
    /// gone, yet still needed by the AMI: deregister unused AMIs before deleting their snapshots.
    ///
    /// ## Why is this bad?
    /// Snapshots are billed per GiB-month for as long as they exist. Old and orphaned snapshots
    /// pile up when nothing enforces a retention period, costing money for data nobody will
    /// restore.
    ///
    /// ## Example
    /// A two-year-old snapshot of a volume deleted last year. Fix: delete it
    /// (`aws ec2 delete-snapshot --snapshot-id snap-…`), or archive it if it must be kept
    /// (`aws ec2 modify-snapshot-tier --snapshot-id snap-… --storage-tier archive`), and set a
    /// retention period in a Data Lifecycle Manager policy or an AWS Backup plan.
    ///
    /// ## Not evaluated when
    /// The region's snapshots could not be read; or, for a snapshot young enough to pass on age,
    /// the region's volumes could not be read (so whether it is orphaned is unknown).
    pub EC2_SNAPSHOT_STALE = "ec2_snapshot_stale",
    pillar: Pillar::CostOptimization,
    service: Service::Ec2,
    severity: Severity::Low,
    best_practices: &[direct("COST04-BP05")],
    since: "0.1.0",
    title: "EBS snapshots are neither stale nor orphaned",
    remediation: "Delete the snapshot (aws ec2 delete-snapshot --snapshot-id SNAPSHOT) or archive it (aws ec2 modify-snapshot-tier --storage-tier archive), and enforce retention with a Data Lifecycle Manager policy or AWS Backup plan.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EC2_SNAPSHOT_STALE;
    let snap = ctx.snapshot;
    let max_age = ctx.settings.snapshot_max_age_days;
    snap.ec2
        .iter()
        .flat_map(|(region, ec2)| {
            let snapshots = match &ec2.snapshots {
                Fetched::Ok(snapshots) => snapshots,
                Fetched::Failed(why) => {
                    return vec![check.not_evaluated(&snap.account_resource(region), why)]
                }
            };
            snapshots
                .iter()
                .map(|snapshot| {
                    let label = snapshot.resource().label();
                    let age = snapshot
                        .start_time
                        .map(|started| (snap.collected_at - started).whole_days());
                    // 1. Too old: fails whatever its source volume.
                    if let Some(age) = age.filter(|age| *age > max_age) {
                        return check.fail(
                            snapshot,
                            format!("snapshot {label} is {} old (limit {max_age} days)", days(age)),
                        );
                    }
                    let age_text = age.map_or("of unknown age".to_string(), |age| format!("{} old", days(age)));
                    // 2. Orphaned: its source volume is gone.
                    let Some(volume_id) = source_volume(snapshot) else {
                        return check.pass(snapshot, format!("snapshot {label} is {age_text}"));
                    };
                    match &ec2.volumes {
                        Fetched::Ok(volumes) if volumes.iter().any(|v| v.id == volume_id) => check
                            .pass(
                                snapshot,
                                format!("snapshot {label} is {age_text} and its volume {volume_id} exists"),
                            ),
                        Fetched::Ok(_) => check.fail(
                            snapshot,
                            format!("snapshot {label} is orphaned: its volume {volume_id} no longer exists"),
                        ),
                        Fetched::Failed(why) => check.not_evaluated(snapshot, why),
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

/// The volume the snapshot was taken from, unless it is a copy (which has none).
fn source_volume(snapshot: &EbsSnapshot) -> Option<&str> {
    snapshot
        .volume_id
        .as_deref()
        .filter(|id| !id.is_empty() && *id != COPIED_SNAPSHOT_VOLUME)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::settings::Settings;
    use crate::testing::*;

    fn taken(name: &str, volume_id: &str, age_days: i64) -> EbsSnapshot {
        let mut snapshot = ebs_snapshot(name);
        snapshot.volume_id = Some(volume_id.into());
        snapshot.start_time = days_ago(age_days);
        snapshot
    }

    #[test]
    fn old_or_orphaned_snapshots_fail_recent_ones_of_live_volumes_pass() {
        let mut snap = snapshot();
        ec2(&mut snap).volumes = Fetched::Ok(vec![volume("data")]);
        ec2(&mut snap).snapshots = Fetched::Ok(vec![
            taken("daily", "vol-data", 3),
            taken("ancient", "vol-data", 400),
            taken("orphan", "vol-gone", 30),
            taken("copy", COPIED_SNAPSHOT_VOLUME, 30),
        ]);

        let findings = run(&EC2_SNAPSHOT_STALE, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("daily", Pass),
                ("ancient", Fail),
                ("orphan", Fail),
                ("copy", Pass)
            ])
        );
        assert_eq!(
            findings[1].message,
            "snapshot ancient (snap-ancient) is 400 days old (limit 365 days)"
        );
        assert_eq!(
            findings[2].message,
            "snapshot orphan (snap-orphan) is orphaned: its volume vol-gone no longer exists"
        );
    }

    #[test]
    fn the_age_limit_comes_from_the_settings() {
        let mut snap = snapshot();
        ec2(&mut snap).volumes = Fetched::Ok(vec![volume("data")]);
        ec2(&mut snap).snapshots = Fetched::Ok(vec![taken("month", "vol-data", 40)]);
        let settings = Settings {
            snapshot_max_age_days: 30,
            ..Settings::default()
        };

        let findings = run_with(&EC2_SNAPSHOT_STALE, &snap, &settings);

        assert_eq!(statuses(&findings), expect(&[("month", Fail)]));
    }

    #[test]
    fn unreadable_volumes_leave_only_young_snapshots_not_evaluated() {
        let mut snap = snapshot();
        ec2(&mut snap).volumes = Fetched::Failed(denied("DescribeVolumes"));
        ec2(&mut snap).snapshots = Fetched::Ok(vec![
            taken("young", "vol-data", 3),
            taken("ancient", "vol-data", 400),
        ]);

        let findings = run(&EC2_SNAPSHOT_STALE, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("young", NotEvaluated), ("ancient", Fail)])
        );
    }

    #[test]
    fn unreadable_snapshots_are_not_evaluated() {
        let mut snap = snapshot();
        ec2(&mut snap).snapshots = Fetched::Failed(denied("DescribeSnapshots"));

        let findings = run(&EC2_SNAPSHOT_STALE, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
