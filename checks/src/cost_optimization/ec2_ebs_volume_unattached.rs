use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Resource, Service};

declare_check! {
    /// ## What it does
    /// Checks that no EBS volume sits unattached (state `available`). Attached volumes (`in-use`)
    /// pass; volumes being created or deleted give no finding.
    ///
    /// ## Why is this bad?
    /// An unattached volume is billed for its full provisioned size (and IOPS) every month while
    /// serving nothing. They are usually left behind when an instance is terminated without
    /// "delete on termination".
    ///
    /// ## Example
    /// `aws ec2 describe-volumes --filters Name=status,Values=available` lists a 100 GiB gp2
    /// volume. Fix: if its data is needed, keep a snapshot
    /// (`aws ec2 create-snapshot --volume-id vol-…`), then `aws ec2 delete-volume --volume-id vol-…`.
    ///
    /// ## Not evaluated when
    /// The region's volumes could not be read.
    pub EC2_EBS_VOLUME_UNATTACHED = "ec2_ebs_volume_unattached",
    pillar: Pillar::CostOptimization,
    service: Service::Ec2,
    severity: Severity::Medium,
    best_practices: &[direct("COST04-BP03")],
    since: "0.1.0",
    title: "EBS volumes are attached to an instance",
    remediation: "Snapshot the volume if its data is needed (aws ec2 create-snapshot --volume-id VOLUME), then delete it (aws ec2 delete-volume --volume-id VOLUME).",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EC2_EBS_VOLUME_UNATTACHED;
    ctx.each_in_ec2_regions(
        check,
        |ec2| &ec2.volumes,
        |volume| {
            let label = volume.resource().label();
            match volume.state.as_str() {
                "available" => Some(check.fail(
                    volume,
                    format!(
                        "volume {label} is unattached: {} GiB {}",
                        volume.size_gib, volume.volume_type
                    ),
                )),
                "in-use" => Some(check.pass(
                    volume,
                    format!(
                        "volume {label} is attached to {}",
                        volume.attached_to.join(", ")
                    ),
                )),
                _ => None,
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    #[test]
    fn attached_passes_unattached_fails_transient_states_are_skipped() {
        let mut snap = snapshot();
        let mut orphan = volume("orphan-data");
        orphan.state = "available".into();
        orphan.attached_to = vec![];
        orphan.size_gib = 100;
        orphan.volume_type = "gp2".into();
        let mut creating = volume("new");
        creating.state = "creating".into();
        ec2(&mut snap).volumes = Fetched::Ok(vec![volume("root"), orphan, creating]);

        let findings = run(&EC2_EBS_VOLUME_UNATTACHED, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("root", Pass), ("orphan-data", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "volume orphan-data (vol-orphan-data) is unattached: 100 GiB gp2"
        );
    }

    #[test]
    fn unreadable_region_is_not_evaluated() {
        let mut snap = snapshot();
        ec2(&mut snap).volumes = Fetched::Failed(denied("DescribeVolumes"));

        let findings = run(&EC2_EBS_VOLUME_UNATTACHED, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
