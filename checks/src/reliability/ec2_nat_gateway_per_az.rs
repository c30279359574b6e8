use std::collections::{BTreeMap, BTreeSet};

use crate::catalog::Pillar;
use crate::check::{direct, indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Gap, Resource, Service};

declare_check! {
    /// ## What it does
    /// Checks that every subnet routing to the internet through a NAT gateway uses one in its
    /// own Availability Zone (or a regional NAT gateway). A subnet's routes are those of the
    /// route table associated with it, else the VPC's main route table. One finding per VPC
    /// whose subnets route through NAT gateways.
    ///
    /// ## Why is this bad?
    /// A zonal NAT gateway lives in one Availability Zone. When subnets of three zones all send
    /// their outbound traffic through it, the loss of its zone cuts the other two zones off the
    /// internet too (updates, external APIs, AWS endpoints without a VPC endpoint): one zone's
    /// failure becomes the whole workload's. It also adds cross-zone data transfer charges.
    ///
    /// ## Example
    /// The route table of `subnet-b` (us-east-1b) has `0.0.0.0/0 -> nat-1`, and `nat-1` is in a
    /// us-east-1a subnet. Fix: `aws ec2 create-nat-gateway --subnet-id PUBLIC_SUBNET_IN_1B`, then
    /// a route table for the us-east-1b private subnets pointing at it (or a regional NAT
    /// gateway).
    ///
    /// ## Not evaluated when
    /// The region's subnets, NAT gateways or route tables could not be listed (one finding for
    /// the region), or a routed NAT gateway's or subnet's zone is unknown.
    pub EC2_NAT_GATEWAY_PER_AZ = "ec2_nat_gateway_per_az",
    pillar: Pillar::Reliability,
    service: Service::Ec2,
    severity: Severity::Medium,
    best_practices: &[direct("REL10-BP01"), indirect("REL02-BP01")],
    since: "0.4.0",
    title: "Subnets use a NAT gateway in their own Availability Zone",
    remediation: "Create a NAT gateway in each Availability Zone (aws ec2 create-nat-gateway) and route each zone's private subnets to the one in their zone, or use a regional NAT gateway",
    evaluate: evaluate,
}

/// A NAT gateway's zone: `Some(None)` for a regional one, `None` when unknown.
type NatZone<'a> = Option<Option<&'a str>>;

/// A subnet's NAT route: (subnet, its zone, NAT gateway, the gateway's zone).
type Route<'a> = (&'a str, Option<&'a str>, &'a str, NatZone<'a>);

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EC2_NAT_GATEWAY_PER_AZ;
    let snap = ctx.snapshot;
    let mut findings = Vec::new();
    for (region, ec2) in &snap.ec2 {
        let net = &ec2.network;
        let (subnets, nats, tables) = match (&net.subnets, &net.nat_gateways, &net.route_tables) {
            (Fetched::Ok(s), Fetched::Ok(n), Fetched::Ok(t)) => (s, n, t),
            (Fetched::Failed(gap), _, _)
            | (_, Fetched::Failed(gap), _)
            | (_, _, Fetched::Failed(gap)) => {
                findings.push(check.not_evaluated(&snap.account_resource(region), gap));
                continue;
            }
        };
        let zone_of_subnet: BTreeMap<&str, Option<&str>> = subnets
            .iter()
            .map(|s| (s.id.as_str(), s.availability_zone.as_deref()))
            .collect();
        // NAT gateways in use, and their zone (`Some(None)`: regional; `None`: unknown zone).
        let nat_zone: BTreeMap<&str, NatZone> = nats
            .iter()
            .filter(|n| n.state.as_deref() != Some("deleted"))
            .map(|n| {
                let zone = match n.subnet_id.as_deref() {
                    None => Some(None),
                    Some(subnet) => zone_of_subnet.get(subnet).copied().flatten().map(Some),
                };
                (n.id.as_str(), zone)
            })
            .collect();
        // Per VPC: (subnet, its zone, NAT, the NAT's zone) for each subnet's NAT route.
        let mut by_vpc: BTreeMap<&str, Vec<Route>> = BTreeMap::new();
        for subnet in subnets {
            let Some(vpc) = subnet.vpc_id.as_deref() else {
                continue;
            };
            let in_vpc = |t: &&crate::model::network::RouteTable| t.vpc_id.as_deref() == Some(vpc);
            let table = tables
                .iter()
                .filter(in_vpc)
                .find(|t| t.subnet_ids.iter().any(|id| id == &subnet.id))
                .or_else(|| tables.iter().filter(in_vpc).find(|t| t.main));
            let Some(table) = table else { continue };
            for nat in &table.nat_gateway_ids {
                // A route to a NAT gateway that no longer exists is a blackhole, not a dependency.
                let Some(zone) = nat_zone.get(nat.as_str()) else {
                    continue;
                };
                by_vpc.entry(vpc).or_default().push((
                    subnet.id.as_str(),
                    subnet.availability_zone.as_deref(),
                    nat.as_str(),
                    *zone,
                ));
            }
        }
        for (vpc_id, routes) in by_vpc {
            let resource = ec2
                .vpcs
                .ok()
                .and_then(|vpcs| vpcs.iter().find(|v| v.id == vpc_id))
                .map(Resource::resource)
                .unwrap_or_else(|| {
                    let mut r = snap.account_resource(region);
                    r.arn = format!(
                        "arn:{}:ec2:{region}:{}:vpc/{vpc_id}",
                        snap.partition, snap.account_id
                    );
                    r.kind = "AWS::EC2::VPC".into();
                    r.id = vpc_id.to_string();
                    r
                });
            let label = resource.label();
            let mut crossing = Vec::new();
            let mut unknown = false;
            for (subnet, subnet_zone, nat, nat_zone) in &routes {
                match (subnet_zone, nat_zone) {
                    (_, Some(None)) => {}
                    (Some(subnet_zone), Some(Some(nat_zone))) if subnet_zone != nat_zone => {
                        crossing.push(format!("{subnet} ({subnet_zone}) -> {nat} ({nat_zone})"));
                    }
                    (Some(_), Some(Some(_))) => {}
                    _ => unknown = true,
                }
            }
            let zones: BTreeSet<&str> = routes.iter().filter_map(|r| r.1).collect();
            findings.push(if !crossing.is_empty() {
                check.fail(
                    &resource,
                    format!(
                        "VPC {label}: subnets route through a NAT gateway in another Availability Zone: {}",
                        crossing.join(", ")
                    ),
                )
            } else if unknown {
                check.not_evaluated(
                    &resource,
                    &Gap::missing(
                        Service::Ec2,
                        region,
                        "DescribeNatGateways",
                        "the Availability Zone of a routed NAT gateway or subnet",
                    ),
                )
            } else {
                check.pass(
                    &resource,
                    format!(
                        "VPC {label}: subnets in {} Availability Zone(s) each use a NAT gateway in their own zone",
                        zones.len()
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
    use crate::testing::*;

    fn topology(snap: &mut crate::model::Snapshot, nat_b_subnet: &str) {
        ec2(snap).vpcs = Fetched::Ok(vec![vpc("main")]);
        let net = network(snap);
        net.subnets = Fetched::Ok(vec![
            subnet("public-a", "us-east-1a"),
            subnet("public-b", "us-east-1b"),
            subnet("private-a", "us-east-1a"),
            subnet("private-b", "us-east-1b"),
        ]);
        net.nat_gateways = Fetched::Ok(vec![
            nat_gateway("nat-a", "public-a"),
            nat_gateway("nat-b", nat_b_subnet),
        ]);
        net.route_tables = Fetched::Ok(vec![
            route_table("rt-a", &["private-a"], &["nat-a"]),
            route_table("rt-b", &["private-b"], &["nat-b"]),
        ]);
    }

    #[test]
    fn nat_per_zone_passes_shared_nat_fails_unlisted_not_evaluated() {
        let mut snap = snapshot();
        topology(&mut snap, "public-b");
        assert_eq!(
            statuses(&run(&EC2_NAT_GATEWAY_PER_AZ, &snap)),
            expect(&[("main", Pass)])
        );

        // nat-b lives in zone a: zone b depends on zone a.
        topology(&mut snap, "public-a");
        let findings = run(&EC2_NAT_GATEWAY_PER_AZ, &snap);
        assert_eq!(statuses(&findings), expect(&[("main", Fail)]));
        assert_eq!(
            findings[0].message,
            "VPC main (vpc-main): subnets route through a NAT gateway in another Availability Zone: private-b (us-east-1b) -> nat-b (us-east-1a)"
        );

        // One NAT for both zones through the main route table: the same failure.
        let net = network(&mut snap);
        let mut main = route_table("rt-main", &[], &["nat-a"]);
        main.main = true;
        net.route_tables = Fetched::Ok(vec![main]);
        let findings = run(&EC2_NAT_GATEWAY_PER_AZ, &snap);
        assert_eq!(statuses(&findings), expect(&[("main", Fail)]));

        // A regional NAT gateway spans the zones.
        let net = network(&mut snap);
        net.nat_gateways = Fetched::Ok(vec![{
            let mut regional = nat_gateway("nat-a", "public-a");
            regional.subnet_id = None;
            regional
        }]);
        assert_eq!(
            statuses(&run(&EC2_NAT_GATEWAY_PER_AZ, &snap)),
            expect(&[("main", Pass)])
        );

        network(&mut snap).route_tables = Fetched::Failed(denied("DescribeRouteTables"));
        assert_eq!(
            statuses(&run(&EC2_NAT_GATEWAY_PER_AZ, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }

    #[test]
    fn no_nat_routes_no_finding() {
        let mut snap = snapshot();
        topology(&mut snap, "public-b");
        network(&mut snap).route_tables = Fetched::Ok(vec![route_table("rt", &["private-a"], &[])]);
        assert!(run(&EC2_NAT_GATEWAY_PER_AZ, &snap).is_empty());
    }
}
