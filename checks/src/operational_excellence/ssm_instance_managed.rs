use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Resource, Service};

declare_check! {
    /// ## What it does
    /// Checks that every running EC2 instance is a Systems Manager managed node whose agent is
    /// online (`DescribeInstanceInformation` lists it with `PingStatus: Online`).
    ///
    /// ## Why is this bad?
    /// An instance SSM does not manage cannot be patched by Patch Manager, inventoried, reached
    /// with Session Manager or changed by Run Command: it is maintained by hand over SSH, if at
    /// all, and drifts from the rest of the fleet.
    ///
    /// ## Example
    /// `aws ssm describe-instance-information` does not list `i-0abc…`. Fix: use an AMI with the
    /// SSM Agent, attach an instance profile with `AmazonSSMManagedInstanceCore` (or turn on
    /// Default Host Management Configuration), and give the instance a route to the SSM
    /// endpoints.
    ///
    /// ## Not evaluated when
    /// The region's instances or managed nodes could not be read (one finding for the region).
    ///
    /// Testing: moto 5.2.5 (the demo emulator) implements neither `DescribeInstanceInformation`
    /// nor `ListResourceComplianceSummaries`; the emulator answers both with empty lists, as AWS
    /// does when no SSM Agent has registered, and the collector is tested with recorded responses
    /// (aws-smithy-mocks).
    pub SSM_INSTANCE_MANAGED = "ssm_instance_managed",
    pillar: Pillar::OperationalExcellence,
    service: Service::Ssm,
    severity: Severity::Medium,
    best_practices: &[indirect("OPS05-BP03")],
    since: "0.2.0",
    title: "EC2 instances are managed by Systems Manager",
    remediation: "Attach an instance profile with AmazonSSMManagedInstanceCore (or enable Default Host Management Configuration), run the SSM Agent and allow it to reach the SSM endpoints",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &SSM_INSTANCE_MANAGED;
    let mut findings = Vec::new();
    for (region, ssm) in &ctx.snapshot.ssm {
        let account = ctx.snapshot.account_resource(region);
        let managed = match &ssm.managed_instances {
            Fetched::Ok(managed) => managed,
            Fetched::Failed(gap) => {
                findings.push(check.not_evaluated(&account, gap));
                continue;
            }
        };
        let instances = match ctx.snapshot.ec2.get(region).map(|ec2| &ec2.instances) {
            Some(Fetched::Ok(instances)) => instances,
            Some(Fetched::Failed(gap)) => {
                findings.push(check.not_evaluated(&account, gap));
                continue;
            }
            // EC2 was not collected in this region: nothing to compare against.
            None => continue,
        };
        for instance in instances.iter().filter(|i| i.is_running()) {
            let label = instance.resource().label();
            let node = managed.iter().find(|m| m.instance_id == instance.id);
            findings.push(match node.and_then(|m| m.ping_status.as_deref()) {
                Some("Online") => check.pass(
                    instance,
                    format!("instance {label} is a managed node, online"),
                ),
                Some(status) => check.fail(
                    instance,
                    format!("instance {label} is a managed node but its agent is {status}"),
                ),
                None if node.is_some() => check.fail(
                    instance,
                    format!("instance {label} is a managed node with no ping status"),
                ),
                None => check.fail(
                    instance,
                    format!("instance {label} is not managed by Systems Manager"),
                ),
            });
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    #[test]
    fn online_passes_lost_or_missing_fails_stopped_skipped() {
        let mut snap = snapshot();
        let mut stopped = instance("spare");
        stopped.state = "stopped".into();
        ec2(&mut snap).instances = Fetched::Ok(vec![
            instance("web"),
            instance("db"),
            instance("pet"),
            stopped,
        ]);
        let mut lost = managed_instance("i-db");
        lost.ping_status = Some("ConnectionLost".into());
        ssm(&mut snap).managed_instances = Fetched::Ok(vec![managed_instance("i-web"), lost]);

        let findings = run(&SSM_INSTANCE_MANAGED, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("web", Pass), ("db", Fail), ("pet", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "instance db (i-db) is a managed node but its agent is ConnectionLost"
        );
        assert_eq!(
            findings[2].message,
            "instance pet (i-pet) is not managed by Systems Manager"
        );
    }

    #[test]
    fn unreadable_nodes_or_instances_are_not_evaluated() {
        let mut snap = snapshot();
        ec2(&mut snap).instances = Fetched::Ok(vec![instance("web")]);
        ssm(&mut snap).managed_instances = Fetched::Failed(denied("DescribeInstanceInformation"));
        assert_eq!(
            statuses(&run(&SSM_INSTANCE_MANAGED, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );

        ssm(&mut snap).managed_instances = Fetched::Ok(vec![]);
        ec2(&mut snap).instances = Fetched::Failed(denied("DescribeInstances"));
        assert_eq!(
            statuses(&run(&SSM_INSTANCE_MANAGED, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
