use std::collections::BTreeMap;

use crate::catalog::Pillar;
use crate::check::{direct, indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Ec2Region, Fetched, Gap, Service};

/// Usage above this share of a quota leaves too little room.
const MAX_PERCENT: f64 = 80.0;

declare_check! {
    /// ## What it does
    /// Compares the usage of key quotas with their applied values, in each scanned region:
    /// VPCs, VPC security groups and network interfaces per Region, subnets per VPC (the
    /// fullest VPC) and NAT gateways per Availability Zone (the fullest zone), counted from the
    /// scan's EC2 data. Fails above 80% of the quota. One finding per quota and region.
    ///
    /// ## Why is this bad?
    /// A quota reached stops the workload from growing at the moment it must: scaling out,
    /// replacing instances in another zone (new network interfaces before the old ones are
    /// released), or failing over into a standby network. Increases take time and are not
    /// always granted at once. Keeping a gap between usage and the quota leaves room for
    /// failover and for the resources a recovery creates alongside the failed ones.
    ///
    /// ## Example
    /// 4 VPCs in a region whose quota is 5 (80%) leaves room for one more. Fix: request an
    /// increase ahead of need (`aws service-quotas request-service-quota-increase
    /// --service-code vpc --quota-code L-F678F1CE --desired-value 10`), or consolidate.
    ///
    /// ## Not evaluated when
    /// The quota's value, or the EC2 data its usage is counted from, could not be read.
    pub SERVICEQUOTAS_USAGE_HEADROOM = "servicequotas_usage_headroom",
    pillar: Pillar::Reliability,
    service: Service::Servicequotas,
    severity: Severity::Medium,
    best_practices: &[direct("REL01-BP06"), indirect("REL01-BP01")],
    since: "0.5.0",
    title: "Key quotas leave headroom above current usage",
    remediation: "Request quota increases ahead of need, above what a failover adds: aws service-quotas request-service-quota-increase --service-code SERVICE --quota-code CODE --desired-value N",
    evaluate: evaluate,
}

/// How much of quota `code` a region uses, counted from its EC2 data, and where (for quotas
/// per VPC or per zone, the fullest one).
fn usage(code: &str, ec2: &Ec2Region) -> Option<Result<(usize, String), Gap>> {
    fn count<T>(list: &Fetched<Vec<T>>) -> Result<(usize, String), Gap> {
        match list {
            Fetched::Ok(items) => Ok((items.len(), String::new())),
            Fetched::Failed(why) => Err(why.clone()),
        }
    }
    fn fullest(counts: BTreeMap<String, usize>, what: &str) -> (usize, String) {
        counts
            .into_iter()
            .max_by_key(|(_, count)| *count)
            .map(|(key, count)| (count, format!(" in {what} {key}")))
            .unwrap_or((0, String::new()))
    }
    Some(match code {
        "L-F678F1CE" => count(&ec2.vpcs),
        "L-E79EC296" => count(&ec2.security_groups),
        "L-DF5E4CA3" => count(&ec2.network_interfaces),
        "L-407747CB" => match &ec2.network.subnets {
            Fetched::Ok(subnets) => {
                let mut per_vpc = BTreeMap::new();
                for subnet in subnets {
                    if let Some(vpc) = &subnet.vpc_id {
                        *per_vpc.entry(vpc.clone()).or_insert(0) += 1;
                    }
                }
                Ok(fullest(per_vpc, "VPC"))
            }
            Fetched::Failed(why) => Err(why.clone()),
        },
        "L-FE5A380F" => match (&ec2.network.nat_gateways, &ec2.network.subnets) {
            (Fetched::Ok(gateways), Fetched::Ok(subnets)) => {
                let zone_of: BTreeMap<&str, &str> = subnets
                    .iter()
                    .filter_map(|s| Some((s.id.as_str(), s.availability_zone.as_deref()?)))
                    .collect();
                let mut per_zone = BTreeMap::new();
                for gateway in gateways {
                    let live = matches!(gateway.state.as_deref(), Some("available" | "pending"));
                    let zone = gateway
                        .subnet_id
                        .as_deref()
                        .and_then(|subnet| zone_of.get(subnet));
                    if let (true, Some(zone)) = (live, zone) {
                        *per_zone.entry((*zone).to_string()).or_insert(0) += 1;
                    }
                }
                Ok(fullest(per_zone, "zone"))
            }
            (Fetched::Failed(why), _) | (_, Fetched::Failed(why)) => Err(why.clone()),
        },
        _ => return None,
    })
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &SERVICEQUOTAS_USAGE_HEADROOM;
    let snap = ctx.snapshot;
    ctx.each_in_regions(
        check,
        &snap.servicequotas,
        |region| &region.quotas,
        |quota| {
            let value = match &quota.value {
                Fetched::Ok(value) => value,
                Fetched::Failed(why) => return Some(check.not_evaluated(quota, why)),
            };
            let Some(limit) = value.value else {
                let why = Gap::missing_on(
                    Service::Servicequotas,
                    &quota.region,
                    "GetServiceQuota",
                    &quota.quota_code,
                    "Value",
                );
                return Some(check.not_evaluated(quota, &why));
            };
            let used = match snap.ec2.get(&quota.region) {
                Some(ec2) => usage(&quota.quota_code, ec2)?,
                None => Err(Gap::not_collected(Service::Ec2, "DescribeVpcs")),
            };
            let (used, place) = match used {
                Ok(used) => used,
                Err(why) => return Some(check.not_evaluated(quota, &why)),
            };
            let kind = if value.applied { "" } else { " (AWS default)" };
            if limit <= 0.0 {
                return Some(check.fail(
                    quota,
                    format!("{used} in use{place}, the quota is {limit}{kind}"),
                ));
            }
            let share = used as f64 * 100.0 / limit;
            let text = format!("{used} of {limit}{kind} in use{place} ({share:.0}%)");
            Some(if share > MAX_PERCENT {
                check.fail(quota, format!("{text}, above {MAX_PERCENT}%"))
            } else {
                check.pass(quota, text)
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::servicequotas::{Quota, QuotaValue};
    use crate::testing::*;

    fn quota(code: &str, value: f64) -> Quota {
        Quota {
            region: REGION.into(),
            service_code: "vpc".into(),
            quota_code: code.into(),
            value: Fetched::Ok(QuotaValue {
                name: None,
                arn: None,
                value: Some(value),
                applied: true,
            }),
        }
    }

    fn quotas(snap: &mut crate::model::Snapshot, list: Vec<Quota>) {
        snap.servicequotas.entry(REGION.into()).or_default().quotas = Fetched::Ok(list);
    }

    #[test]
    fn usage_within_the_quota_passes() {
        let mut snap = snapshot();
        quotas(&mut snap, vec![quota("L-F678F1CE", 5.0)]);
        let findings = run(&SERVICEQUOTAS_USAGE_HEADROOM, &snap);
        assert_eq!(statuses(&findings), expect(&[("VPCs per Region", Pass)]));
        assert_eq!(findings[0].message, "0 of 5 in use (0%)");
    }

    #[test]
    fn the_fullest_vpc_counts_for_subnets_per_vpc() {
        let mut snap = snapshot();
        let subnet = |id: &str, vpc: &str| crate::model::network::Subnet {
            arn: format!("arn:aws:ec2:{REGION}:{ACCOUNT}:subnet/{id}"),
            region: REGION.into(),
            id: id.into(),
            vpc_id: Some(vpc.into()),
            availability_zone: Some("us-east-1a".into()),
            cidr_block: None,
            available_ip_addresses: None,
            tags: Default::default(),
        };
        if let Some(ec2) = snap.ec2.get_mut(REGION) {
            ec2.network.subnets = Fetched::Ok(vec![
                subnet("subnet-1", "vpc-a"),
                subnet("subnet-2", "vpc-a"),
                subnet("subnet-3", "vpc-b"),
            ]);
        }
        quotas(&mut snap, vec![quota("L-407747CB", 2.0)]);
        let findings = run(&SERVICEQUOTAS_USAGE_HEADROOM, &snap);
        assert_eq!(findings[0].status, Fail);
        assert_eq!(
            findings[0].message,
            "2 of 2 in use in VPC vpc-a (100%), above 80%"
        );
    }

    #[test]
    fn unreadable_quotas_or_usage_are_not_evaluated() {
        let mut snap = snapshot();
        let mut refused = quota("L-F678F1CE", 5.0);
        refused.value = Fetched::Failed(denied("GetServiceQuota"));
        quotas(&mut snap, vec![refused, quota("L-E79EC296", 2500.0)]);
        if let Some(ec2) = snap.ec2.get_mut(REGION) {
            ec2.security_groups = Fetched::Failed(denied("DescribeSecurityGroups"));
        }
        let findings = run(&SERVICEQUOTAS_USAGE_HEADROOM, &snap);
        assert_eq!(
            findings.iter().map(|f| f.status).collect::<Vec<_>>(),
            [NotEvaluated, NotEvaluated]
        );
        snap.servicequotas.entry(REGION.into()).or_default().quotas =
            Fetched::Failed(denied("GetServiceQuota"));
        assert_eq!(
            statuses(&run(&SERVICEQUOTAS_USAGE_HEADROOM, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
