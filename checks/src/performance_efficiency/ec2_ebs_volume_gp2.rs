use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Resource, Service};

declare_check! {
    /// ## What it does
    /// Checks that no EBS volume uses the `gp2` type; every other type passes.
    ///
    /// ## Why is this bad?
    /// A gp2 volume's performance is tied to its size (3 IOPS per GiB, bursting to 3,000 below
    /// 1 TiB), so small volumes run out of burst credits and stall. A gp3 volume gives a baseline
    /// of 3,000 IOPS and 125 MiB/s whatever its size, lets IOPS and throughput be raised
    /// separately, and costs about 20% less per GiB.
    ///
    /// ## Example
    /// A 100 GiB gp2 volume: a 300 IOPS baseline. Fix, online and without detaching:
    /// `aws ec2 modify-volume --volume-id vol-… --volume-type gp3` (for a gp2 volume above
    /// 1 TiB, set `--iops` and `--throughput` to at least its current performance).
    ///
    /// ## Not evaluated when
    /// The region's volumes could not be read.
    pub EC2_EBS_VOLUME_GP2 = "ec2_ebs_volume_gp2",
    pillar: Pillar::PerformanceEfficiency,
    service: Service::Ec2,
    severity: Severity::Low,
    best_practices: &[indirect("PERF03-BP02")],
    since: "0.1.0",
    title: "EBS volumes use gp3 rather than gp2",
    remediation: "Convert the volume in place: aws ec2 modify-volume --volume-id VOLUME --volume-type gp3",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EC2_EBS_VOLUME_GP2;
    ctx.each_in_ec2_regions(check, |ec2| &ec2.volumes, |volume| {
        let label = volume.resource().label();
        let size = volume.size_gib;
        Some(if volume.volume_type == "gp2" {
            check.fail(
                volume,
                format!(
                    "volume {label} is gp2 ({size} GiB, {} baseline IOPS): gp3 gives 3,000 IOPS at any size, for less",
                    gp2_baseline_iops(size)
                ),
            )
        } else {
            check.pass(volume, format!("volume {label} is {} ({size} GiB)", volume.volume_type))
        })
    })
}

/// A gp2 volume's baseline: 3 IOPS per GiB, at least 100 and at most 16,000.
fn gp2_baseline_iops(size_gib: i32) -> i64 {
    (i64::from(size_gib) * 3).clamp(100, 16_000)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    #[test]
    fn gp2_fails_other_types_pass() {
        let mut snap = snapshot();
        let mut old = volume("old");
        old.volume_type = "gp2".into();
        old.size_gib = 100;
        let mut fast = volume("fast");
        fast.volume_type = "io2".into();
        ec2(&mut snap).volumes = Fetched::Ok(vec![volume("root"), old, fast]);

        let findings = run(&EC2_EBS_VOLUME_GP2, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("root", Pass), ("old", Fail), ("fast", Pass)])
        );
        assert_eq!(
            findings[1].message,
            "volume old (vol-old) is gp2 (100 GiB, 300 baseline IOPS): gp3 gives 3,000 IOPS at any size, for less"
        );
    }

    #[test]
    fn unreadable_region_is_not_evaluated() {
        let mut snap = snapshot();
        ec2(&mut snap).volumes = Fetched::Failed(denied("DescribeVolumes"));

        let findings = run(&EC2_EBS_VOLUME_GP2, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
