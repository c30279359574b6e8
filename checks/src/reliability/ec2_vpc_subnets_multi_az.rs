use std::collections::BTreeSet;

use crate::catalog::Pillar;
use crate::check::{direct, indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Resource, Service};

declare_check! {
    /// ## What it does
    /// Checks that every VPC with subnets has them in at least two Availability Zones. VPCs
    /// without subnets are skipped.
    ///
    /// ## Why is this bad?
    /// A VPC whose subnets are all in one Availability Zone can only run its workload there:
    /// load balancers, Auto Scaling groups and Multi-AZ databases need subnets in several zones,
    /// and the loss of that one zone takes everything in the VPC down with it.
    ///
    /// ## Example
    /// `aws ec2 describe-subnets --filters Name=vpc-id,Values=vpc-1` lists only
    /// `us-east-1a` subnets. Fix: `aws ec2 create-subnet --vpc-id vpc-1 --availability-zone
    /// us-east-1b --cidr-block ...` for each tier, and spread the workload over them.
    ///
    /// ## Not evaluated when
    /// The region's VPCs or subnets could not be listed (one finding for the region).
    pub EC2_VPC_SUBNETS_MULTI_AZ = "ec2_vpc_subnets_multi_az",
    pillar: Pillar::Reliability,
    service: Service::Ec2,
    severity: Severity::Medium,
    best_practices: &[direct("REL02-BP03"), indirect("REL10-BP01")],
    since: "0.4.0",
    title: "VPCs have subnets in more than one Availability Zone",
    remediation: "aws ec2 create-subnet --vpc-id VPC --availability-zone ZONE --cidr-block CIDR in a second zone, for each tier",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EC2_VPC_SUBNETS_MULTI_AZ;
    let snap = ctx.snapshot;
    snap.ec2
        .iter()
        .flat_map(|(region, ec2)| {
            let (vpcs, subnets) = match (&ec2.vpcs, &ec2.network.subnets) {
                (Fetched::Ok(vpcs), Fetched::Ok(subnets)) => (vpcs, subnets),
                (Fetched::Failed(gap), _) | (_, Fetched::Failed(gap)) => {
                    return vec![check.not_evaluated(&snap.account_resource(region), gap)]
                }
            };
            vpcs.iter()
                .filter_map(|vpc| {
                    let zones: BTreeSet<&str> = subnets
                        .iter()
                        .filter(|s| s.vpc_id.as_deref() == Some(vpc.id.as_str()))
                        .filter_map(|s| s.availability_zone.as_deref())
                        .collect();
                    let label = vpc.resource().label();
                    let listed = zones.iter().copied().collect::<Vec<_>>().join(", ");
                    match zones.len() {
                        0 => None,
                        1 => Some(check.fail(
                            vpc,
                            format!(
                                "VPC {label} has subnets in one Availability Zone only ({listed})"
                            ),
                        )),
                        n => Some(check.pass(
                            vpc,
                            format!("VPC {label} has subnets in {n} Availability Zones ({listed})"),
                        )),
                    }
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    #[test]
    fn spread_passes_one_zone_fails_empty_vpc_skipped_unlisted_not_evaluated() {
        let mut snap = snapshot();
        ec2(&mut snap).vpcs = Fetched::Ok(vec![vpc("main"), vpc("single"), vpc("empty")]);
        let in_vpc = |id: &str, zone: &str, vpc: &str| {
            let mut s = subnet(id, zone);
            s.vpc_id = Some(format!("vpc-{vpc}"));
            s
        };
        network(&mut snap).subnets = Fetched::Ok(vec![
            in_vpc("subnet-a", "us-east-1a", "main"),
            in_vpc("subnet-b", "us-east-1b", "main"),
            in_vpc("subnet-c", "us-east-1a", "single"),
            in_vpc("subnet-d", "us-east-1a", "single"),
        ]);

        let findings = run(&EC2_VPC_SUBNETS_MULTI_AZ, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("main", Pass), ("single", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "VPC single (vpc-single) has subnets in one Availability Zone only (us-east-1a)"
        );

        network(&mut snap).subnets = Fetched::Failed(denied("DescribeSubnets"));
        assert_eq!(
            statuses(&run(&EC2_VPC_SUBNETS_MULTI_AZ, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
