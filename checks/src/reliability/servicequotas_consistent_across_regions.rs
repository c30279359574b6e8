use std::collections::BTreeMap;

use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::servicequotas::Quota;
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Compares the applied values of the key quotas (VPCs, security groups and network
    /// interfaces per Region, subnets per VPC, NAT gateways per zone) across the scanned
    /// regions. One finding per quota read in two or more regions: it fails when a region's
    /// value is below another's, naming the regions and values.
    ///
    /// ## Why is this bad?
    /// A quota raised where the workload runs today but left at its default in the region it
    /// fails over to stops the recovery at the worst moment: the standby cannot grow to carry
    /// the load. Quotas are per Region and per account, so an increase has to be requested in
    /// every region the workload may run in (a Service Quotas request template does it for new
    /// accounts of an organization).
    ///
    /// ## Example
    /// VPCs per Region is 20 in us-east-1 and 5 in eu-west-1. Fix: `aws service-quotas
    /// request-service-quota-increase --region eu-west-1 --service-code vpc --quota-code
    /// L-F678F1CE --desired-value 20`.
    ///
    /// ## Not evaluated when
    /// The quota's value could not be read in one of the regions.
    pub SERVICEQUOTAS_CONSISTENT_ACROSS_REGIONS = "servicequotas_consistent_across_regions",
    pillar: Pillar::Reliability,
    service: Service::Servicequotas,
    severity: Severity::Medium,
    best_practices: &[direct("REL01-BP02")],
    since: "0.5.0",
    title: "Key quotas match across the scanned regions",
    remediation: "Request the same quota values in every region the workload may run or fail over to: aws service-quotas request-service-quota-increase --region REGION --service-code SERVICE --quota-code CODE --desired-value N",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &SERVICEQUOTAS_CONSISTENT_ACROSS_REGIONS;
    let snap = ctx.snapshot;
    let mut by_code: BTreeMap<&str, Vec<&Quota>> = BTreeMap::new();
    let mut findings = Vec::new();
    for (region, quotas) in &snap.servicequotas {
        match &quotas.quotas {
            Fetched::Ok(list) => {
                for quota in list {
                    by_code
                        .entry(quota.quota_code.as_str())
                        .or_default()
                        .push(quota);
                }
            }
            Fetched::Failed(why) => {
                findings.push(check.not_evaluated(&snap.account_resource(region), why))
            }
        }
    }
    for quotas in by_code.values() {
        if quotas.len() < 2 {
            continue;
        }
        // The finding is about the quota in the first region, naming all of them.
        let first = quotas[0];
        let mut values = Vec::new();
        let mut gap = None;
        for quota in quotas {
            match &quota.value {
                Fetched::Ok(value) => match value.value {
                    Some(v) => values.push((quota.region.as_str(), v)),
                    None => {
                        gap.get_or_insert(crate::model::Gap::missing_on(
                            Service::Servicequotas,
                            &quota.region,
                            "GetServiceQuota",
                            &quota.quota_code,
                            "Value",
                        ));
                    }
                },
                Fetched::Failed(why) => {
                    gap.get_or_insert(why.clone());
                }
            }
        }
        if let Some(why) = gap {
            findings.push(check.not_evaluated(first, &why));
            continue;
        }
        let highest = values.iter().map(|(_, v)| *v).fold(f64::MIN, f64::max);
        let listed: Vec<String> = values
            .iter()
            .map(|(region, value)| format!("{region} {value}"))
            .collect();
        let lower: Vec<&str> = values
            .iter()
            .filter(|(_, v)| *v < highest)
            .map(|(region, _)| *region)
            .collect();
        findings.push(if lower.is_empty() {
            check.pass(
                first,
                format!("the same in every scanned region: {}", listed.join(", ")),
            )
        } else {
            check.fail(
                first,
                format!(
                    "lower in {} than elsewhere ({})",
                    lower.join(", "),
                    listed.join(", ")
                ),
            )
        });
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::servicequotas::QuotaValue;
    use crate::testing::*;

    fn quota(region: &str, code: &str, value: f64) -> Quota {
        Quota {
            region: region.into(),
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

    fn region(snap: &mut crate::model::Snapshot, name: &str, quotas: Vec<Quota>) {
        snap.servicequotas.entry(name.into()).or_default().quotas = Fetched::Ok(quotas);
    }

    #[test]
    fn a_lower_quota_in_one_region_fails() {
        let mut snap = snapshot();
        region(
            &mut snap,
            "eu-west-1",
            vec![
                quota("eu-west-1", "L-F678F1CE", 5.0),
                quota("eu-west-1", "L-E79EC296", 2500.0),
            ],
        );
        region(
            &mut snap,
            REGION,
            vec![
                quota(REGION, "L-F678F1CE", 20.0),
                quota(REGION, "L-E79EC296", 2500.0),
            ],
        );
        let findings = run(&SERVICEQUOTAS_CONSISTENT_ACROSS_REGIONS, &snap);
        assert_eq!(
            statuses(&findings),
            expect(&[
                ("VPC security groups per Region", Pass),
                ("VPCs per Region", Fail),
            ])
        );
        assert_eq!(
            findings[1].message,
            "lower in eu-west-1 than elsewhere (eu-west-1 5, us-east-1 20)"
        );
    }

    #[test]
    fn one_region_gives_nothing_and_an_unread_value_is_not_evaluated() {
        let mut snap = snapshot();
        region(&mut snap, REGION, vec![quota(REGION, "L-F678F1CE", 20.0)]);
        assert!(run(&SERVICEQUOTAS_CONSISTENT_ACROSS_REGIONS, &snap).is_empty());
        let mut refused = quota("eu-west-1", "L-F678F1CE", 5.0);
        refused.value = Fetched::Failed(denied("GetServiceQuota"));
        region(&mut snap, "eu-west-1", vec![refused]);
        assert_eq!(
            statuses(&run(&SERVICEQUOTAS_CONSISTENT_ACROSS_REGIONS, &snap)),
            expect(&[("VPCs per Region", NotEvaluated)])
        );
    }
}
