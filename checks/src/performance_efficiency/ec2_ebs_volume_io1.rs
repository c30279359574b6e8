use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Resource, Service};

declare_check! {
    /// ## What it does
    /// Checks that no EBS volume is a Provisioned IOPS SSD of the older `io1` type.
    ///
    /// ## Why is this bad?
    /// `io2` volumes (Block Express) cost the same per GiB and per provisioned IOPS as `io1`, and
    /// give sub-millisecond latency, up to 256,000 IOPS and 4,000 MiB/s per volume, a higher
    /// IOPS-to-size ratio (1,000:1 against 50:1) and 100 times the durability (99.999%). An
    /// `io1` volume pays the same for less.
    ///
    /// ## Example
    /// `aws ec2 describe-volumes` shows `"VolumeType": "io1"`. Fix, online and without
    /// detaching: `aws ec2 modify-volume --volume-id vol-… --volume-type io2`.
    ///
    /// ## Not evaluated when
    /// The region's volumes could not be read (one finding for the region).
    pub EC2_EBS_VOLUME_IO1 = "ec2_ebs_volume_io1",
    pillar: Pillar::PerformanceEfficiency,
    service: Service::Ec2,
    severity: Severity::Low,
    best_practices: &[indirect("PERF03-BP02")],
    since: "0.3.0",
    title: "Provisioned IOPS volumes use io2 rather than io1",
    remediation: "aws ec2 modify-volume --volume-id VOLUME --volume-type io2",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EC2_EBS_VOLUME_IO1;
    ctx.each_in_ec2_regions(
        check,
        |ec2| &ec2.volumes,
        |volume| {
            let label = volume.resource().label();
            Some(match volume.volume_type.as_str() {
                "io1" => check.fail(
                    volume,
                    format!(
                        "volume {label} is io1: io2 gives more IOPS and durability at the same price"
                    ),
                ),
                other => check.pass(volume, format!("volume {label} is {other}")),
            })
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
    fn io1_fails_others_pass_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut old = volume("db-data");
        old.volume_type = "io1".into();
        let mut new = volume("db-logs");
        new.volume_type = "io2".into();
        ec2(&mut snap).volumes = Fetched::Ok(vec![volume("root"), old, new]);

        let findings = run(&EC2_EBS_VOLUME_IO1, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("root", Pass), ("db-data", Fail), ("db-logs", Pass)])
        );

        ec2(&mut snap).volumes = Fetched::Failed(denied("DescribeVolumes"));
        assert_eq!(
            statuses(&run(&EC2_EBS_VOLUME_IO1, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
