use std::collections::BTreeMap;

use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::network::cidrs_overlap;
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that the VPCs attached to one transit gateway have no overlapping IPv4 CIDR blocks
    /// (primary and secondary). One finding per transit gateway with VPC attachments in the
    /// region. VPCs of other accounts attached to a shared gateway are not compared (their
    /// blocks are not this account's to read); the message says how many.
    ///
    /// ## Why is this bad?
    /// Overlapping address ranges on one routing domain make addresses ambiguous: the transit
    /// gateway can route a prefix to only one attachment, so one of the VPCs becomes unreachable
    /// from the others, and the conflict has to be fixed by renumbering under pressure. (AWS
    /// already refuses VPC peering between overlapping VPCs; a transit gateway does not.)
    ///
    /// ## Example
    /// `vpc-a` (10.0.0.0/16) and `vpc-b` (10.0.128.0/20) are both attached to `tgw-1`. Fix: plan
    /// non-overlapping ranges (Amazon VPC IP Address Manager), renumber one VPC, or put the
    /// overlapping one behind a NAT or PrivateLink instead of a routed attachment.
    ///
    /// ## Not evaluated when
    /// The region's VPCs or transit gateway attachments could not be listed (one finding for the
    /// region), or an attached VPC of this account has no CIDR blocks on record.
    pub EC2_TRANSIT_GATEWAY_CIDRS_OVERLAP = "ec2_transit_gateway_cidrs_overlap",
    pillar: Pillar::Reliability,
    service: Service::Ec2,
    severity: Severity::Medium,
    best_practices: &[direct("REL02-BP05")],
    since: "0.4.0",
    title: "VPCs on one transit gateway have non-overlapping address ranges",
    remediation: "Renumber one of the overlapping VPCs (plan ranges with VPC IPAM), or connect it through NAT or PrivateLink instead of a routed attachment",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EC2_TRANSIT_GATEWAY_CIDRS_OVERLAP;
    let snap = ctx.snapshot;
    let mut findings = Vec::new();
    for (region, ec2) in &snap.ec2 {
        let (vpcs, attachments) = match (&ec2.vpcs, &ec2.network.transit_gateway_attachments) {
            (Fetched::Ok(v), Fetched::Ok(a)) => (v, a),
            (Fetched::Failed(gap), _) | (_, Fetched::Failed(gap)) => {
                findings.push(check.not_evaluated(&snap.account_resource(region), gap));
                continue;
            }
        };
        let mut by_gateway: BTreeMap<&str, (_, Vec<&str>)> = BTreeMap::new();
        for attachment in attachments
            .iter()
            .filter(|a| matches!(a.state.as_deref(), Some("available") | Some("pending")))
        {
            let (Some(gateway), Some(vpc)) = (
                attachment.transit_gateway_id.as_deref(),
                attachment.vpc_id.as_deref(),
            ) else {
                continue;
            };
            let entry = by_gateway
                .entry(gateway)
                .or_insert_with(|| (attachment, Vec::new()));
            if !entry.1.contains(&vpc) {
                entry.1.push(vpc);
            }
        }
        for (gateway, (attachment, attached)) in by_gateway {
            // The gateway as listed (with its tags), else as its attachments name it.
            let listed = ec2
                .network
                .transit_gateways
                .ok()
                .and_then(|gateways| gateways.iter().find(|g| g.id == gateway))
                .map(crate::model::Resource::resource);
            let Some(resource) = listed.or_else(|| attachment.transit_gateway(snap, region)) else {
                continue;
            };
            // Each attached VPC of this account with its CIDR blocks.
            let mut known: Vec<(&str, Vec<&str>)> = Vec::new();
            let mut foreign = 0;
            let mut blind = Vec::new();
            for vpc_id in attached {
                match vpcs.iter().find(|v| v.id == vpc_id) {
                    None => foreign += 1,
                    Some(vpc) => {
                        let mut blocks: Vec<&str> = vpc
                            .cidr_blocks
                            .iter()
                            .flatten()
                            .map(String::as_str)
                            .chain(vpc.cidr_block.as_deref())
                            .collect();
                        blocks.sort_unstable();
                        blocks.dedup();
                        if blocks.is_empty() {
                            blind.push(vpc_id);
                        }
                        known.push((vpc_id, blocks));
                    }
                }
            }
            let mut overlaps = Vec::new();
            for (i, (a, a_blocks)) in known.iter().enumerate() {
                for (b, b_blocks) in &known[i + 1..] {
                    for x in a_blocks {
                        for y in b_blocks {
                            if cidrs_overlap(x, y) == Some(true) {
                                overlaps.push(format!("{a} {x} / {b} {y}"));
                            }
                        }
                    }
                }
            }
            let others = if foreign > 0 {
                format!(" ({foreign} VPC(s) of other accounts not compared)")
            } else {
                String::new()
            };
            findings.push(if !overlaps.is_empty() {
                check.fail(
                    &resource,
                    format!(
                        "transit gateway {gateway} connects VPCs with overlapping ranges: {}{others}",
                        overlaps.join(", ")
                    ),
                )
            } else if let Some(vpc) = blind.first() {
                check.not_evaluated(
                    &resource,
                    &crate::model::Gap::missing(
                        Service::Ec2,
                        region,
                        "DescribeVpcs",
                        &format!("CIDR blocks of {vpc}"),
                    ),
                )
            } else {
                check.pass(
                    &resource,
                    format!(
                        "transit gateway {gateway}: the {} attached VPC(s) of this account have distinct ranges{others}",
                        known.len()
                    ),
                )
            });
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::network::TransitGatewayAttachment;
    use crate::testing::*;

    fn attach(gateway: &str, vpc: &str) -> TransitGatewayAttachment {
        TransitGatewayAttachment {
            id: format!("tgw-attach-{vpc}"),
            transit_gateway_id: Some(gateway.into()),
            vpc_id: Some(vpc.into()),
            state: Some("available".into()),
        }
    }

    fn vpc_with(name: &str, blocks: &[&str]) -> crate::model::ec2::Vpc {
        let mut v = vpc(name);
        v.cidr_block = blocks.first().map(|b| b.to_string());
        v.cidr_blocks = Some(blocks.iter().map(|b| b.to_string()).collect());
        v
    }

    #[test]
    fn distinct_passes_overlap_fails_unknown_blocks_not_evaluated() {
        let mut snap = snapshot();
        ec2(&mut snap).vpcs = Fetched::Ok(vec![
            vpc_with("a", &["10.0.0.0/16"]),
            vpc_with("b", &["10.1.0.0/16", "10.0.128.0/20"]),
            vpc_with("c", &["10.2.0.0/16"]),
            vpc_with("d", &[]),
        ]);
        network(&mut snap).transit_gateway_attachments = Fetched::Ok(vec![
            attach("tgw-bad", "vpc-a"),
            attach("tgw-bad", "vpc-b"),
            attach("tgw-good", "vpc-a"),
            attach("tgw-good", "vpc-c"),
            attach("tgw-good", "vpc-other-account"),
            attach("tgw-blind", "vpc-a"),
            attach("tgw-blind", "vpc-d"),
        ]);

        let findings = run(&EC2_TRANSIT_GATEWAY_CIDRS_OVERLAP, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("tgw-bad", Fail),
                ("tgw-blind", NotEvaluated),
                ("tgw-good", Pass)
            ])
        );
        assert_eq!(
            findings[0].message,
            "transit gateway tgw-bad connects VPCs with overlapping ranges: vpc-a 10.0.0.0/16 / vpc-b 10.0.128.0/20"
        );
        assert_eq!(
            findings[2].message,
            "transit gateway tgw-good: the 2 attached VPC(s) of this account have distinct ranges (1 VPC(s) of other accounts not compared)"
        );

        ec2(&mut snap).vpcs = Fetched::Failed(denied("DescribeVpcs"));
        assert_eq!(
            statuses(&run(&EC2_TRANSIT_GATEWAY_CIDRS_OVERLAP, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
