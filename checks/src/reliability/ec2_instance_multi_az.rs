use std::collections::{BTreeMap, BTreeSet};

use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::ec2::{Ec2Region, Instance};
use crate::model::{Fetched, Resource, ResourceRef, Service};

declare_check! {
    /// ## What it does
    /// Checks that every VPC running two or more EC2 instances spreads them over at least two
    /// Availability Zones. Only running (or pending) instances count; a VPC with fewer than two
    /// gives no finding.
    ///
    /// ## Why is this bad?
    /// An Availability Zone can fail as a whole (power, network, a bad deployment). When every
    /// instance of a VPC sits in one zone, that one event takes the whole workload down, however
    /// many instances there are.
    ///
    /// ## Example
    /// Three web servers, all in `us-east-1a`. Fix: launch capacity in a second zone, ideally
    /// through an Auto Scaling group spanning subnets of several zones
    /// (`aws autoscaling update-auto-scaling-group --auto-scaling-group-name web --vpc-zone-identifier subnet-a,subnet-b`),
    /// or `aws ec2 run-instances --subnet-id subnet-in-another-az ...`.
    ///
    /// ## Not evaluated when
    /// The region's instances could not be read. (When the VPCs could not be read, findings
    /// still name the VPC by its id.)
    pub EC2_INSTANCE_MULTI_AZ = "ec2_instance_multi_az",
    pillar: Pillar::Reliability,
    service: Service::Ec2,
    severity: Severity::High,
    best_practices: &[direct("REL10-BP01")],
    since: "0.1.0",
    title: "EC2 instances of a VPC span several Availability Zones",
    remediation: "Run the VPC's instances in at least two Availability Zones, e.g. an Auto Scaling group over subnets in several zones (aws autoscaling update-auto-scaling-group --vpc-zone-identifier subnet-a,subnet-b).",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EC2_INSTANCE_MULTI_AZ;
    let snap = ctx.snapshot;
    snap.ec2
        .iter()
        .flat_map(|(region, ec2)| {
            let instances = match &ec2.instances {
                Fetched::Ok(instances) => instances,
                Fetched::Failed(why) => {
                    return vec![check.not_evaluated(&snap.account_resource(region), why)]
                }
            };
            running_by_vpc(instances)
                .into_iter()
                .filter(|(_, running)| running.len() >= 2)
                .filter_map(|(vpc_id, running)| {
                    let vpc = vpc_resource(ctx, region, ec2, vpc_id);
                    let zones: Vec<&str> = running
                        .iter()
                        .filter_map(|instance| instance.availability_zone.as_deref())
                        .collect::<BTreeSet<_>>()
                        .into_iter()
                        .collect();
                    let count = running.len();
                    match zones.as_slice() {
                        [] => None,
                        [zone] => Some(check.fail(
                            &vpc,
                            format!(
                                "VPC {} runs all {count} running instances in one Availability Zone, {zone}",
                                vpc.label()
                            ),
                        )),
                        _ => Some(check.pass(
                            &vpc,
                            format!(
                                "VPC {} spreads {count} running instances over {} Availability Zones ({})",
                                vpc.label(),
                                zones.len(),
                                zones.join(", ")
                            ),
                        )),
                    }
                })
                .collect()
        })
        .collect()
}

/// Running instances grouped by VPC id; instances outside any VPC are left out.
fn running_by_vpc(instances: &[Instance]) -> BTreeMap<&str, Vec<&Instance>> {
    let mut by_vpc: BTreeMap<&str, Vec<&Instance>> = BTreeMap::new();
    for instance in instances.iter().filter(|instance| instance.is_running()) {
        if let Some(vpc_id) = instance.vpc_id.as_deref() {
            by_vpc.entry(vpc_id).or_default().push(instance);
        }
    }
    by_vpc
}

/// The VPC as collected (for its Name tag), or a reference built from its id.
fn vpc_resource(ctx: &Context, region: &str, ec2: &Ec2Region, vpc_id: &str) -> ResourceRef {
    let collected = ec2
        .vpcs
        .ok()
        .and_then(|vpcs| vpcs.iter().find(|vpc| vpc.id == vpc_id));
    match collected {
        Some(vpc) => vpc.resource(),
        None => ResourceRef {
            arn: format!(
                "arn:{}:ec2:{region}:{}:vpc/{vpc_id}",
                ctx.snapshot.partition, ctx.snapshot.account_id
            ),
            kind: "AWS::EC2::VPC".into(),
            id: vpc_id.to_string(),
            name: None,
            region: region.to_string(),
            tags: Default::default(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    fn in_vpc(name: &str, vpc_id: &str, zone: &str) -> Instance {
        let mut instance = instance(name);
        instance.vpc_id = Some(vpc_id.into());
        instance.availability_zone = Some(format!("{REGION}{zone}"));
        instance
    }

    #[test]
    fn two_zones_pass_one_zone_fails_single_instances_give_nothing() {
        let mut snap = snapshot();
        let mut stopped = in_vpc("old", "vpc-prod", "c");
        stopped.state = "stopped".into();
        ec2(&mut snap).vpcs = Fetched::Ok(vec![vpc("prod"), vpc("dev"), vpc("solo")]);
        ec2(&mut snap).instances = Fetched::Ok(vec![
            in_vpc("web-a", "vpc-prod", "a"),
            in_vpc("web-b", "vpc-prod", "b"),
            stopped,
            in_vpc("dev-1", "vpc-dev", "a"),
            in_vpc("dev-2", "vpc-dev", "a"),
            in_vpc("lonely", "vpc-solo", "a"),
        ]);

        let findings = run(&EC2_INSTANCE_MULTI_AZ, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("dev", Fail), ("prod", Pass)])
        );
        assert_eq!(
            findings[0].message,
            "VPC dev (vpc-dev) runs all 2 running instances in one Availability Zone, us-east-1a"
        );
        assert_eq!(findings[0].resource.kind, "AWS::EC2::VPC");
    }

    #[test]
    fn unreadable_vpcs_fall_back_to_the_vpc_id() {
        let mut snap = snapshot();
        ec2(&mut snap).vpcs = Fetched::Failed(denied("DescribeVpcs"));
        ec2(&mut snap).instances =
            Fetched::Ok(vec![in_vpc("a", "vpc-9", "a"), in_vpc("b", "vpc-9", "a")]);

        let findings = run(&EC2_INSTANCE_MULTI_AZ, &snap);

        assert_eq!(statuses(&findings), expect(&[("vpc-9", Fail)]));
        assert_eq!(
            findings[0].resource.arn,
            format!("arn:aws:ec2:{REGION}:{ACCOUNT}:vpc/vpc-9")
        );
    }

    #[test]
    fn unreadable_instances_are_not_evaluated() {
        let mut snap = snapshot();
        ec2(&mut snap).instances = Fetched::Failed(denied("DescribeInstances"));

        let findings = run(&EC2_INSTANCE_MULTI_AZ, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
