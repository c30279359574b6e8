use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Resource, Service};

declare_check! {
    /// ## What it does
    /// Checks that no EC2 instance (not terminated) has a public IP address on any of its
    /// network interfaces (`Association.PublicIp`, an auto-assigned address or an Elastic IP).
    ///
    /// ## Why is this bad?
    /// An instance with a public address sits on the internet-facing layer itself: its
    /// security groups are the only thing between it and every scanner. Layered networks put
    /// load balancers, NAT gateways and CloudFront in front, and keep instances in private
    /// subnets (SEC05-BP01, as a proxy: some single-tier workloads choose a public instance on
    /// purpose, with the risk accepted).
    ///
    /// ## Example
    /// `aws ec2 describe-network-interfaces --filters Name=attachment.instance-id,Values=i-…`
    /// shows `Association.PublicIp`. Fix: move the instance to a private subnet behind a load
    /// balancer (and a NAT gateway for egress), disassociate its Elastic IP, and turn off
    /// `MapPublicIpOnLaunch` on the subnet.
    ///
    /// ## Not evaluated when
    /// The region's instances or network interfaces could not be read.
    pub EC2_INSTANCE_PUBLIC_IP = "ec2_instance_public_ip",
    pillar: Pillar::Security,
    service: Service::Ec2,
    severity: Severity::Medium,
    best_practices: &[indirect("SEC05-BP01")],
    since: "0.5.0",
    title: "EC2 instances have no public IP address",
    remediation: "Move the instance to a private subnet behind a load balancer, disassociate its public or Elastic IP, and turn off MapPublicIpOnLaunch on public subnets.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EC2_INSTANCE_PUBLIC_IP;
    let mut findings = Vec::new();
    for (region, ec2) in &ctx.snapshot.ec2 {
        let instances = match &ec2.instances {
            Fetched::Ok(instances) => instances,
            Fetched::Failed(gap) => {
                let account = ctx.snapshot.account_resource(region);
                findings.push(check.not_evaluated(&account, gap));
                continue;
            }
        };
        for instance in instances.iter().filter(|i| i.exists()) {
            let label = instance.resource().label();
            findings.push(match &ec2.network_interfaces {
                Fetched::Ok(interfaces) => {
                    let public: Vec<&str> = interfaces
                        .iter()
                        .filter(|eni| eni.instance_id.as_deref() == Some(instance.id.as_str()))
                        .filter(|eni| eni.public_ip)
                        .map(|eni| eni.id.as_str())
                        .collect();
                    if public.is_empty() {
                        check.pass(instance, format!("instance {label} has no public IP"))
                    } else {
                        check.fail(
                            instance,
                            format!("instance {label} has a public IP on {}", public.join(", ")),
                        )
                    }
                }
                Fetched::Failed(gap) => check.not_evaluated(instance, gap),
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
    fn public_interfaces_fail_private_pass_unread_is_not_evaluated() {
        let mut snap = snapshot();
        let mut exposed = eni("eni-1", Some("i-web"), "", &[]);
        exposed.public_ip = true;
        let mut gone = instance("gone");
        gone.state = "terminated".into();
        let region = ec2(&mut snap);
        region.network_interfaces =
            Fetched::Ok(vec![exposed, eni("eni-2", Some("i-app"), "", &[])]);
        region.instances = Fetched::Ok(vec![instance("web"), instance("app"), gone]);

        let findings = run(&EC2_INSTANCE_PUBLIC_IP, &snap);

        assert_eq!(statuses(&findings), expect(&[("web", Fail), ("app", Pass)]));
        assert_eq!(
            findings[0].message,
            "instance web (i-web) has a public IP on eni-1"
        );

        ec2(&mut snap).network_interfaces = Fetched::Failed(denied("DescribeNetworkInterfaces"));
        assert_eq!(
            statuses(&run(&EC2_INSTANCE_PUBLIC_IP, &snap)),
            expect(&[("web", NotEvaluated), ("app", NotEvaluated)])
        );
    }
}
