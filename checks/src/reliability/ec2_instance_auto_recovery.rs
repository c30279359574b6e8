use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Gap, Resource, Service};

declare_check! {
    /// ## What it does
    /// Checks that no EC2 instance has simplified automatic recovery turned off
    /// (`MaintenanceOptions.AutoRecovery` is `default`, not `disabled`). Terminated instances are
    /// skipped.
    ///
    /// ## Why is this bad?
    /// When the underlying host fails a system status check (power, network, hardware), EC2
    /// moves an instance with automatic recovery to healthy hardware, keeping its id, IP
    /// addresses, EBS volumes and metadata. With recovery disabled, the instance stays impaired
    /// until someone notices and stops and starts it by hand.
    ///
    /// ## Example
    /// `aws ec2 describe-instances --instance-ids ID` shows `"MaintenanceOptions":
    /// {"AutoRecovery": "disabled"}`. Fix: `aws ec2 modify-instance-maintenance-options
    /// --instance-id ID --auto-recovery default`.
    ///
    /// ## Not evaluated when
    /// The region's instances could not be listed (one finding for the region), or the listing
    /// does not report the instance's maintenance options.
    pub EC2_INSTANCE_AUTO_RECOVERY = "ec2_instance_auto_recovery",
    pillar: Pillar::Reliability,
    service: Service::Ec2,
    severity: Severity::Low,
    best_practices: &[direct("REL11-BP03")],
    since: "0.3.0",
    title: "EC2 instances recover automatically from host failures",
    remediation: "aws ec2 modify-instance-maintenance-options --instance-id ID --auto-recovery default",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EC2_INSTANCE_AUTO_RECOVERY;
    ctx.each_in_ec2_regions(
        check,
        |ec2| &ec2.instances,
        |instance| {
            if !instance.exists() {
                return None;
            }
            let label = instance.resource().label();
            Some(match instance.auto_recovery.as_deref() {
                Some("disabled") => check.fail(
                    instance,
                    format!("instance {label} has automatic recovery disabled"),
                ),
                Some(setting) => check.pass(
                    instance,
                    format!("instance {label} has automatic recovery {setting}"),
                ),
                None => check.not_evaluated(
                    instance,
                    &Gap::missing(
                        Service::Ec2,
                        &instance.region,
                        "DescribeInstances",
                        "MaintenanceOptions.AutoRecovery",
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

    #[test]
    fn default_passes_disabled_fails_unknown_is_not_evaluated() {
        let mut snap = snapshot();
        let mut disabled = instance("batch");
        disabled.auto_recovery = Some("disabled".into());
        let mut unknown = instance("legacy");
        unknown.auto_recovery = None;
        let mut gone = instance("old");
        gone.state = "terminated".into();
        gone.auto_recovery = Some("disabled".into());
        ec2(&mut snap).instances = Fetched::Ok(vec![instance("web"), disabled, unknown, gone]);

        let findings = run(&EC2_INSTANCE_AUTO_RECOVERY, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("web", Pass), ("batch", Fail), ("legacy", NotEvaluated)])
        );
        assert_eq!(
            findings[1].message,
            "instance batch (i-batch) has automatic recovery disabled"
        );

        ec2(&mut snap).instances = Fetched::Failed(denied("DescribeInstances"));
        assert_eq!(
            statuses(&run(&EC2_INSTANCE_AUTO_RECOVERY, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
