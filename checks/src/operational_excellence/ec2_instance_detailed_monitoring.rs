use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Resource, Service};

declare_check! {
    /// ## What it does
    /// Checks that every running EC2 instance has detailed monitoring enabled, so CloudWatch
    /// receives its metrics every minute instead of every five.
    ///
    /// ## Why is this bad?
    /// With five-minute metrics, a spike or an outage shorter than five minutes is averaged away,
    /// alarms fire late, and scaling policies react a step behind the load.
    ///
    /// ## Example
    /// `aws ec2 describe-instances` shows `"Monitoring": {"State": "disabled"}`. Fix:
    /// `aws ec2 monitor-instances --instance-ids i-…` (detailed monitoring is billed per metric;
    /// for instances whose metrics nobody watches, basic monitoring may be a deliberate choice).
    ///
    /// ## Not evaluated when
    /// The region's instances could not be read.
    pub EC2_INSTANCE_DETAILED_MONITORING = "ec2_instance_detailed_monitoring",
    pillar: Pillar::OperationalExcellence,
    service: Service::Ec2,
    severity: Severity::Low,
    best_practices: &[indirect("OPS08-BP01")],
    since: "0.1.0",
    title: "Running EC2 instances have detailed monitoring",
    remediation: "Enable one-minute metrics: aws ec2 monitor-instances --instance-ids INSTANCE",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EC2_INSTANCE_DETAILED_MONITORING;
    ctx.each_in_ec2_regions(
        check,
        |ec2| &ec2.instances,
        |instance| {
            instance.is_running().then(|| {
                let label = instance.resource().label();
                match instance.monitoring.as_deref() {
                    Some("enabled") => check.pass(
                        instance,
                        format!("instance {label} has detailed monitoring enabled"),
                    ),
                    state => check.fail(
                        instance,
                        format!(
                            "instance {label} has detailed monitoring {}",
                            state.unwrap_or("unknown")
                        ),
                    ),
                }
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
    fn enabled_passes_disabled_fails_stopped_is_skipped() {
        let mut snap = snapshot();
        let mut basic = instance("basic");
        basic.monitoring = Some("disabled".into());
        let mut stopped = instance("stopped");
        stopped.state = "stopped".into();
        stopped.monitoring = Some("disabled".into());
        ec2(&mut snap).instances = Fetched::Ok(vec![instance("web"), basic, stopped]);

        let findings = run(&EC2_INSTANCE_DETAILED_MONITORING, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("web", Pass), ("basic", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "instance basic (i-basic) has detailed monitoring disabled"
        );
    }

    #[test]
    fn unreadable_region_is_not_evaluated() {
        let mut snap = snapshot();
        ec2(&mut snap).instances = Fetched::Failed(denied("DescribeInstances"));

        let findings = run(&EC2_INSTANCE_DETAILED_MONITORING, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
