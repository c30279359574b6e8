use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Gap, Resource, Service};

/// Below this share of its usable addresses free, a subnet fails.
const MIN_FREE_PERCENT: u64 = 10;

declare_check! {
    /// ## What it does
    /// Checks that every IPv4 subnet keeps at least 10% of its usable addresses free
    /// (`AvailableIpAddressCount` against the subnet's size less the five addresses AWS
    /// reserves). One finding per subnet with an IPv4 CIDR block.
    ///
    /// ## Why is this bad?
    /// A subnet that runs out of addresses cannot take the instances, tasks, Lambda network
    /// interfaces or load balancer nodes that scaling or a failover from another zone adds:
    /// the launch fails exactly when capacity is needed. Subnets should be sized for growth and
    /// for the extra load of a lost Availability Zone.
    ///
    /// ## Example
    /// `aws ec2 describe-subnets` shows `"CidrBlock": "10.0.1.0/24"` with
    /// `"AvailableIpAddressCount": 9` (9 of 251 free). Fix: add subnets with larger blocks
    /// (`aws ec2 associate-vpc-cidr-block` for room, then `create-subnet`) and move capacity to
    /// them, or free unused network interfaces.
    ///
    /// ## Not evaluated when
    /// The region's subnets could not be listed (one finding for the region), or the listing
    /// does not give the subnet's free address count.
    pub EC2_SUBNET_FREE_ADDRESSES = "ec2_subnet_free_addresses",
    pillar: Pillar::Reliability,
    service: Service::Ec2,
    severity: Severity::Medium,
    best_practices: &[direct("REL02-BP03")],
    since: "0.4.0",
    title: "Subnets keep free IP addresses for scaling and failover",
    remediation: "Add larger subnets (aws ec2 associate-vpc-cidr-block, aws ec2 create-subnet) and move capacity to them, or release unused network interfaces",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EC2_SUBNET_FREE_ADDRESSES;
    ctx.each_in_ec2_regions(
        check,
        |ec2| &ec2.network.subnets,
        |subnet| {
            let usable = subnet.usable_addresses()?;
            let label = subnet.resource().label();
            Some(match subnet.available_ip_addresses {
                None => check.not_evaluated(
                    subnet,
                    &Gap::missing(
                        Service::Ec2,
                        &subnet.region,
                        "DescribeSubnets",
                        "AvailableIpAddressCount",
                    ),
                ),
                Some(free) => {
                    let free = u64::try_from(free).unwrap_or(0);
                    let message = format!(
                        "subnet {label} ({}) has {free} of {usable} usable addresses free",
                        subnet.cidr_block.as_deref().unwrap_or_default()
                    );
                    if free * 100 < usable * MIN_FREE_PERCENT {
                        check.fail(subnet, message)
                    } else {
                        check.pass(subnet, message)
                    }
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
    fn roomy_passes_nearly_full_fails_unknown_count_not_evaluated_ipv6_only_skipped() {
        let mut snap = snapshot();
        let roomy = subnet("subnet-roomy", "us-east-1a");
        let mut full = subnet("subnet-full", "us-east-1b");
        full.available_ip_addresses = Some(24); // 24 of 251: under 10 %
        let mut edge = subnet("subnet-edge", "us-east-1b");
        edge.available_ip_addresses = Some(26); // 26 of 251: just over
        let mut unknown = subnet("subnet-unknown", "us-east-1c");
        unknown.available_ip_addresses = None;
        let mut ipv6 = subnet("subnet-v6", "us-east-1c");
        ipv6.cidr_block = None;
        network(&mut snap).subnets = Fetched::Ok(vec![roomy, full, edge, unknown, ipv6]);

        let findings = run(&EC2_SUBNET_FREE_ADDRESSES, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("subnet-roomy", Pass),
                ("subnet-full", Fail),
                ("subnet-edge", Pass),
                ("subnet-unknown", NotEvaluated),
            ])
        );
        assert_eq!(
            findings[1].message,
            "subnet subnet-full (10.0.0.0/24) has 24 of 251 usable addresses free"
        );

        network(&mut snap).subnets = Fetched::Failed(denied("DescribeSubnets"));
        assert_eq!(
            statuses(&run(&EC2_SUBNET_FREE_ADDRESSES, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
