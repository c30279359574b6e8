use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Resource, Service};

declare_check! {
    /// ## What it does
    /// Checks that every Elastic IP address is associated with an instance or a network
    /// interface.
    ///
    /// ## Why is this bad?
    /// AWS bills every public IPv4 address by the hour, and an Elastic IP that is allocated but
    /// attached to nothing is pure cost: it is usually left over from a decommissioned server.
    ///
    /// ## Example
    /// `aws ec2 describe-addresses` shows an address with no `AssociationId`. Fix: associate it
    /// where it is needed, or release it:
    /// `aws ec2 release-address --allocation-id eipalloc-…` (the address is then gone for good).
    ///
    /// ## Not evaluated when
    /// The region's Elastic IP addresses could not be read.
    pub EC2_EIP_UNASSOCIATED = "ec2_eip_unassociated",
    pillar: Pillar::CostOptimization,
    service: Service::Ec2,
    severity: Severity::Low,
    best_practices: &[direct("COST04-BP03")],
    since: "0.1.0",
    title: "Elastic IP addresses are in use",
    remediation: "Release the unused address: aws ec2 release-address --allocation-id ALLOCATION_ID (or associate it with aws ec2 associate-address).",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EC2_EIP_UNASSOCIATED;
    ctx.each_in_ec2_regions(
        check,
        |ec2| &ec2.addresses,
        |address| {
            let what = format!(
                "Elastic IP {} at {}",
                address.resource().label(),
                address.public_ip
            );
            Some(if address.is_associated() {
                let target = address
                    .instance_id
                    .as_deref()
                    .or(address.network_interface_id.as_deref())
                    .unwrap_or("a resource");
                check.pass(address, format!("{what} is associated with {target}"))
            } else {
                check.fail(
                    address,
                    format!("{what} is not associated with any instance or network interface"),
                )
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
    fn associated_passes_idle_fails() {
        let mut snap = snapshot();
        let mut idle = address("idle");
        idle.association_id = None;
        idle.instance_id = None;
        idle.network_interface_id = None;
        ec2(&mut snap).addresses = Fetched::Ok(vec![address("web"), idle]);

        let findings = run(&EC2_EIP_UNASSOCIATED, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("web", Pass), ("idle", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "Elastic IP idle (eipalloc-idle) at 203.0.113.10 is not associated with any instance or network interface"
        );
    }

    #[test]
    fn unreadable_region_is_not_evaluated() {
        let mut snap = snapshot();
        ec2(&mut snap).addresses = Fetched::Failed(denied("DescribeAddresses"));

        let findings = run(&EC2_EIP_UNASSOCIATED, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
