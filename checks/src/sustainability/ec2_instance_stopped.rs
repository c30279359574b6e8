use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Gap, Resource, Service};

/// How long an instance may stay stopped before it counts as abandoned.
const MAX_STOPPED_DAYS: i64 = 30;

declare_check! {
    /// ## What it does
    /// Checks that no EC2 instance has been stopped for more than 30 days. Running instances
    /// pass; terminated ones are skipped. The stop date is the one EC2 gives in the instance's
    /// state transition reason.
    ///
    /// ## Why is this bad?
    /// A stopped instance uses no compute, but its EBS volumes, their snapshots and any Elastic
    /// IP address stay allocated, stored and billed, and the instance keeps its place in
    /// inventories, patching scopes and security reviews. One stopped for a month is usually
    /// forgotten rather than paused: the resources it holds are unused assets.
    ///
    /// ## Example
    /// `aws ec2 describe-instances --filters Name=instance-state-name,Values=stopped` shows
    /// `"StateTransitionReason": "User initiated (2025-01-05 10:00:00 GMT)"`. Fix: take an AMI
    /// or a snapshot if the data must be kept (`aws ec2 create-image --instance-id ID --name
    /// NAME`), then `aws ec2 terminate-instances --instance-ids ID`.
    ///
    /// ## Not evaluated when
    /// The region's instances could not be listed (one finding for the region), or a stopped
    /// instance's state transition reason carries no date.
    pub EC2_INSTANCE_STOPPED = "ec2_instance_stopped",
    pillar: Pillar::Sustainability,
    service: Service::Ec2,
    severity: Severity::Low,
    best_practices: &[direct("SUS02-BP03")],
    since: "0.3.0",
    title: "EC2 instances are not left stopped for more than 30 days",
    remediation: "Keep an AMI if needed (aws ec2 create-image), then aws ec2 terminate-instances --instance-ids ID",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EC2_INSTANCE_STOPPED;
    let now = ctx.snapshot.collected_at;
    ctx.each_in_ec2_regions(
        check,
        |ec2| &ec2.instances,
        |instance| {
            let label = instance.resource().label();
            if instance.is_running() {
                return Some(
                    check.pass(instance, format!("instance {label} is {}", instance.state)),
                );
            }
            if instance.state != "stopped" {
                return None;
            }
            Some(match instance.state_since {
                Some(since) => {
                    let days = (now - since).whole_days();
                    if days > MAX_STOPPED_DAYS {
                        check.fail(
                            instance,
                            format!(
                                "instance {label} has been stopped for {days} days (since {})",
                                since.date()
                            ),
                        )
                    } else {
                        check.pass(
                            instance,
                            format!("instance {label} has been stopped for {days} day(s)"),
                        )
                    }
                }
                None => check.not_evaluated(
                    instance,
                    &Gap::missing(
                        Service::Ec2,
                        &instance.region,
                        "DescribeInstances",
                        "date in StateTransitionReason",
                    ),
                ),
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

    fn stopped(name: &str, days: Option<i64>) -> crate::model::ec2::Instance {
        let mut instance = instance(name);
        instance.state = "stopped".into();
        instance.state_since = days.and_then(days_ago);
        instance
    }

    #[test]
    fn running_and_recent_pass_long_stopped_fails_undated_is_not_evaluated() {
        let mut snap = snapshot();
        let mut gone = instance("old");
        gone.state = "terminated".into();
        ec2(&mut snap).instances = Fetched::Ok(vec![
            instance("web"),
            stopped("batch", Some(3)),
            stopped("legacy", Some(200)),
            stopped("mystery", None),
            gone,
        ]);

        let findings = run(&EC2_INSTANCE_STOPPED, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("web", Pass),
                ("batch", Pass),
                ("legacy", Fail),
                ("mystery", NotEvaluated)
            ])
        );
        assert_eq!(
            findings[2].message,
            "instance legacy (i-legacy) has been stopped for 200 days (since 2025-11-13)"
        );

        ec2(&mut snap).instances = Fetched::Failed(denied("DescribeInstances"));
        assert_eq!(
            statuses(&run(&EC2_INSTANCE_STOPPED, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
