use std::collections::{BTreeMap, BTreeSet};

use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that VPCs connected to each other in a region do not form a peering mesh: a group
    /// of three or more VPCs whose active peering connections form a cycle (more connections
    /// than a tree of them needs). One finding per region with active VPC peering connections or
    /// transit gateway attachments; regions with neither are skipped.
    ///
    /// ## Why is this bad?
    /// Peering is not transitive, so connecting N VPCs with peering takes up to N(N-1)/2
    /// connections, each with its own routes on both sides. Such a mesh grows quadratically,
    /// is easy to misroute and hard to change during an incident. A hub (a transit gateway or
    /// Cloud WAN) connects each VPC once and keeps routing in one place.
    ///
    /// ## Example
    /// `aws ec2 describe-vpc-peering-connections` shows `vpc-a`-`vpc-b`, `vpc-b`-`vpc-c` and
    /// `vpc-a`-`vpc-c`, all `active`. Fix: `aws ec2 create-transit-gateway`, attach each VPC
    /// (`create-transit-gateway-vpc-attachment`), move the routes, then delete the peerings.
    ///
    /// ## Not evaluated when
    /// The region's peering connections or transit gateway attachments could not be listed
    /// (one finding for the region).
    pub EC2_VPC_INTERCONNECT_HUB_AND_SPOKE = "ec2_vpc_interconnect_hub_and_spoke",
    pillar: Pillar::Reliability,
    service: Service::Ec2,
    severity: Severity::Low,
    best_practices: &[direct("REL02-BP04")],
    since: "0.4.0",
    title: "VPCs connect through a hub rather than a peering mesh",
    remediation: "Connect the VPCs through a transit gateway (aws ec2 create-transit-gateway, create-transit-gateway-vpc-attachment) and retire the peering mesh",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EC2_VPC_INTERCONNECT_HUB_AND_SPOKE;
    let snap = ctx.snapshot;
    let mut findings = Vec::new();
    for (region, ec2) in &snap.ec2 {
        let net = &ec2.network;
        let account = snap.account_resource(region);
        let (peerings, attachments) =
            match (&net.peering_connections, &net.transit_gateway_attachments) {
                (Fetched::Ok(p), Fetched::Ok(a)) => (p, a),
                (Fetched::Failed(gap), _) | (_, Fetched::Failed(gap)) => {
                    findings.push(check.not_evaluated(&account, gap));
                    continue;
                }
            };
        let mut edges: BTreeSet<(&str, &str)> = BTreeSet::new();
        for p in peerings
            .iter()
            .filter(|p| p.status.as_deref() == Some("active"))
        {
            if let (Some(a), Some(b)) = (p.requester_vpc.as_deref(), p.accepter_vpc.as_deref()) {
                edges.insert(if a <= b { (a, b) } else { (b, a) });
            }
        }
        let hubs: BTreeSet<&str> = attachments
            .iter()
            .filter(|a| matches!(a.state.as_deref(), Some("available") | Some("pending")))
            .filter_map(|a| a.transit_gateway_id.as_deref())
            .collect();
        if edges.is_empty() && hubs.is_empty() {
            continue;
        }
        let meshes = meshes(&edges);
        findings.push(if let Some(mesh) = meshes.first() {
            check.fail(
                &account,
                format!(
                    "{} VPCs are peered in a mesh ({} peering connections among {})",
                    mesh.0.len(),
                    mesh.1,
                    mesh.0.iter().copied().collect::<Vec<_>>().join(", ")
                ),
            )
        } else {
            let hub_note = if hubs.is_empty() {
                String::new()
            } else {
                format!(
                    "; VPCs attach to transit gateway(s) {}",
                    hubs.iter().copied().collect::<Vec<_>>().join(", ")
                )
            };
            check.pass(
                &account,
                format!(
                    "{} active peering connection(s), none forming a mesh{hub_note}",
                    edges.len()
                ),
            )
        });
    }
    findings
}

/// The connected groups of at least three VPCs whose peerings form a cycle (more edges than
/// nodes - 1), with their edge count.
fn meshes<'a>(edges: &BTreeSet<(&'a str, &'a str)>) -> Vec<(BTreeSet<&'a str>, usize)> {
    let mut neighbours: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (a, b) in edges {
        neighbours.entry(a).or_default().push(b);
        neighbours.entry(b).or_default().push(a);
    }
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut out = Vec::new();
    for start in neighbours.keys() {
        if seen.contains(start) {
            continue;
        }
        let mut group = BTreeSet::new();
        let mut stack = vec![*start];
        while let Some(vpc) = stack.pop() {
            if group.insert(vpc) {
                stack.extend(neighbours.get(vpc).into_iter().flatten().copied());
            }
        }
        seen.extend(group.iter().copied());
        let count = edges.iter().filter(|(a, _)| group.contains(a)).count();
        if group.len() >= 3 && count >= group.len() {
            out.push((group, count));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::network::{PeeringConnection, TransitGatewayAttachment};
    use crate::testing::*;

    fn peering(a: &str, b: &str) -> PeeringConnection {
        PeeringConnection {
            id: format!("pcx-{a}-{b}"),
            status: Some("active".into()),
            requester_vpc: Some(a.into()),
            accepter_vpc: Some(b.into()),
        }
    }

    #[test]
    fn triangle_fails_chain_and_hub_pass_nothing_connected_skipped() {
        let mut snap = snapshot();
        assert!(run(&EC2_VPC_INTERCONNECT_HUB_AND_SPOKE, &snap).is_empty());

        network(&mut snap).peering_connections = Fetched::Ok(vec![
            peering("vpc-a", "vpc-b"),
            peering("vpc-b", "vpc-c"),
            peering("vpc-c", "vpc-a"),
        ]);
        let findings = run(&EC2_VPC_INTERCONNECT_HUB_AND_SPOKE, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Fail)]));
        assert_eq!(
            findings[0].message,
            "3 VPCs are peered in a mesh (3 peering connections among vpc-a, vpc-b, vpc-c)"
        );

        network(&mut snap).peering_connections =
            Fetched::Ok(vec![peering("vpc-a", "vpc-b"), peering("vpc-b", "vpc-c")]);
        network(&mut snap).transit_gateway_attachments =
            Fetched::Ok(vec![TransitGatewayAttachment {
                id: "tgw-attach-1".into(),
                transit_gateway_id: Some("tgw-1".into()),
                vpc_id: Some("vpc-d".into()),
                state: Some("available".into()),
            }]);
        let findings = run(&EC2_VPC_INTERCONNECT_HUB_AND_SPOKE, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "2 active peering connection(s), none forming a mesh; VPCs attach to transit gateway(s) tgw-1"
        );

        network(&mut snap).peering_connections =
            Fetched::Failed(denied("DescribeVpcPeeringConnections"));
        assert_eq!(
            statuses(&run(&EC2_VPC_INTERCONNECT_HUB_AND_SPOKE, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
