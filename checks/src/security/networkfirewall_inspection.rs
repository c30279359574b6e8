use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::networkfirewall::Firewall;
use crate::model::Service;
use crate::presence::{across_regions, Looked};

declare_check! {
    /// ## What it does
    /// Looks for stateful traffic inspection in the network: AWS Network Firewall firewalls in
    /// the scanned regions. One finding for the account.
    ///
    /// ## Why is this bad?
    /// Security groups and network ACLs allow or deny by address and port; they do not look
    /// inside the traffic. SEC05-BP03 asks for inspection at the network layers: intrusion
    /// prevention signatures, domain allow-lists for egress, TLS inspection. Teams may inspect
    /// with third-party appliances behind a Gateway Load Balancer, or centrally in another
    /// account (inspection VPC shared through Transit Gateway), so finding none here is "no
    /// evidence found", not a failure.
    ///
    /// ## Example
    /// `aws network-firewall list-firewalls --region R` lists nothing in any region. Fix:
    /// create a firewall policy with AWS managed threat signature rule groups, then
    /// `aws network-firewall create-firewall --firewall-policy-arn … --vpc-id … --subnet-mappings
    /// SubnetId=…`, and route the VPC's traffic through its endpoints.
    ///
    /// ## Not evaluated when
    /// No firewall was found and the firewalls of some region could not be listed.
    pub NETWORKFIREWALL_INSPECTION = "networkfirewall_inspection",
    pillar: Pillar::Security,
    service: Service::Networkfirewall,
    severity: Severity::Low,
    best_practices: &[direct("SEC05-BP03")],
    since: "0.5.0",
    title: "AWS Network Firewall inspects traffic at the network layer",
    remediation: "aws network-firewall create-firewall --firewall-name NAME --firewall-policy-arn POLICY --vpc-id VPC --subnet-mappings SubnetId=SUBNET, and route traffic through its endpoints.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &NETWORKFIREWALL_INSPECTION;
    vec![across_regions(
        check,
        ctx.snapshot,
        &ctx.snapshot.networkfirewall,
        |region| &region.firewalls,
        |_: &Firewall| true,
        |firewall| format!("firewall {}", firewall.name),
        Looked {
            what: "Network Firewall firewall(s)",
            none: "no AWS Network Firewall firewall in any scanned region",
        },
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    #[test]
    fn a_firewall_passes_none_is_no_evidence_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        networkfirewall(&mut snap).firewalls = Fetched::Ok(vec![network_firewall("egress")]);
        let findings = run(&NETWORKFIREWALL_INSPECTION, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "1 Network Firewall firewall(s): firewall egress (us-east-1)"
        );

        networkfirewall(&mut snap).firewalls = Fetched::Ok(vec![]);
        let findings = run(&NETWORKFIREWALL_INSPECTION, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NoEvidence)]));

        networkfirewall(&mut snap).firewalls = Fetched::Failed(denied("ListFirewalls"));
        let findings = run(&NETWORKFIREWALL_INSPECTION, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
