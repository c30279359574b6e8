use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Resource, Service};

declare_check! {
    /// ## What it does
    /// Checks that no EC2 instance (not terminated) runs in a region's default VPC.
    ///
    /// ## Why is this bad?
    /// The default VPC is built for quick starts: every subnet is public, instances get a public
    /// IP address by default, and the network has no tiers, no private subnets and no flow logs
    /// unless someone added them. A workload placed there skips the network design (public and
    /// private layers, controlled egress) that limits what an exposed instance can reach.
    ///
    /// ## Example
    /// `aws ec2 describe-vpcs --filters Name=is-default,Values=true` returns the VPC that
    /// `aws ec2 describe-instances` shows the instance in. Fix: launch the workload in a VPC
    /// with public and private subnets (from an AMI of the instance), move its traffic, then
    /// terminate the old instance; delete default VPCs nobody uses.
    ///
    /// ## Not evaluated when
    /// The region's instances or VPCs could not be listed (one finding for the region).
    pub EC2_INSTANCE_DEFAULT_VPC = "ec2_instance_default_vpc",
    pillar: Pillar::Security,
    service: Service::Ec2,
    severity: Severity::Medium,
    best_practices: &[indirect("SEC05-BP01")],
    since: "0.3.0",
    title: "EC2 instances do not run in the default VPC",
    remediation: "Relaunch the workload in a VPC with private subnets (from an AMI of the instance), then terminate the instance in the default VPC",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EC2_INSTANCE_DEFAULT_VPC;
    let mut findings = Vec::new();
    for (region, ec2) in &ctx.snapshot.ec2 {
        let (instances, vpcs) = match (&ec2.instances, &ec2.vpcs) {
            (Fetched::Ok(instances), Fetched::Ok(vpcs)) => (instances, vpcs),
            (Fetched::Failed(why), _) | (_, Fetched::Failed(why)) => {
                findings.push(check.not_evaluated(&ctx.snapshot.account_resource(region), why));
                continue;
            }
        };
        for instance in instances.iter().filter(|i| i.exists()) {
            let label = instance.resource().label();
            let Some(vpc_id) = instance.vpc_id.as_deref() else {
                continue;
            };
            let default = vpcs.iter().any(|v| v.id == vpc_id && v.is_default);
            findings.push(if default {
                check.fail(
                    instance,
                    format!("instance {label} runs in the default VPC {vpc_id}"),
                )
            } else {
                check.pass(instance, format!("instance {label} runs in VPC {vpc_id}"))
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
    fn custom_vpc_passes_default_fails_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        let mut app = vpc("app");
        app.id = "vpc-app".into();
        let mut default = vpc("default");
        default.id = "vpc-default".into();
        default.is_default = true;
        let mut web = instance("web");
        web.vpc_id = Some("vpc-app".into());
        let mut test = instance("test");
        test.vpc_id = Some("vpc-default".into());
        ec2(&mut snap).vpcs = Fetched::Ok(vec![app, default]);
        ec2(&mut snap).instances = Fetched::Ok(vec![web, test]);

        let findings = run(&EC2_INSTANCE_DEFAULT_VPC, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("web", Pass), ("test", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "instance test (i-test) runs in the default VPC vpc-default"
        );

        ec2(&mut snap).vpcs = Fetched::Failed(denied("DescribeVpcs"));
        assert_eq!(
            statuses(&run(&EC2_INSTANCE_DEFAULT_VPC, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
