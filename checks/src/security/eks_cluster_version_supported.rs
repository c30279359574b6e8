use time::macros::date;
use time::Date;

use crate::catalog::Pillar;
use crate::check::{direct, indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{ErrorKind, Gap, Service};

/// The end of standard support of each Kubernetes minor version on EKS, from the "Amazon EKS
/// Kubernetes release calendar". A version older than the first one here left standard support
/// before it; one newer than the last is treated as supported. Extend it as EKS releases.
const STANDARD_SUPPORT_ENDS: &[(&str, Date)] = &[
    ("1.28", date!(2024 - 11 - 26)),
    ("1.29", date!(2025 - 03 - 23)),
    ("1.30", date!(2025 - 07 - 23)),
    ("1.31", date!(2025 - 11 - 26)),
    ("1.32", date!(2026 - 03 - 23)),
    ("1.33", date!(2026 - 07 - 29)),
    ("1.34", date!(2026 - 12 - 02)),
];

/// `(major, minor)` of a `1.31`-style version.
fn parse(version: &str) -> Option<(u32, u32)> {
    let (major, minor) = version.split_once('.')?;
    Some((major.parse().ok()?, minor.parse().ok()?))
}

/// When standard support of `version` ends: `Ok(Some(date))` known, `Ok(None)` newer than the
/// table (supported), `Err(())` older than the table (already ended).
fn standard_support_end(version: (u32, u32)) -> Result<Option<Date>, ()> {
    if let Some((_, end)) = STANDARD_SUPPORT_ENDS
        .iter()
        .find(|(known, _)| parse(known) == Some(version))
    {
        return Ok(Some(*end));
    }
    let oldest = STANDARD_SUPPORT_ENDS.first().and_then(|(v, _)| parse(v));
    match oldest {
        Some(oldest) if version < oldest => Err(()),
        _ => Ok(None),
    }
}

declare_check! {
    /// ## What it does
    /// Checks that every EKS cluster runs a Kubernetes version still in EKS standard support on
    /// the day of the scan (1.28 to 1.34 are dated by the EKS release calendar; older versions
    /// fail, newer ones pass).
    ///
    /// ## Why is this bad?
    /// After standard support a version gets only extended support: security patches continue
    /// for a year, but the control plane costs six times as much ($0.60 instead of $0.10 an
    /// hour), and when extended support ends EKS upgrades the cluster itself, on its schedule.
    ///
    /// ## Example
    /// `aws eks describe-cluster --name C` shows `"version": "1.29"` in 2026. Fix: upgrade one
    /// minor version at a time (`aws eks update-cluster-version --name C --kubernetes-version
    /// 1.30`), then the node groups and add-ons.
    ///
    /// ## Not evaluated when
    /// The region's clusters could not be listed (one finding for the region), or the cluster
    /// reports no version that can be read.
    pub EKS_CLUSTER_VERSION_SUPPORTED = "eks_cluster_version_supported",
    pillar: Pillar::Security,
    service: Service::Eks,
    severity: Severity::High,
    best_practices: &[indirect("SEC06-BP01"), direct("SUS06-BP03")],
    since: "0.2.0",
    title: "EKS clusters run a Kubernetes version in standard support",
    remediation: "Upgrade one minor version at a time: aws eks update-cluster-version --name CLUSTER --kubernetes-version NEXT, then the node groups and add-ons.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EKS_CLUSTER_VERSION_SUPPORTED;
    let today = ctx.snapshot.collected_at.date();
    ctx.each_in_regions(
        check,
        &ctx.snapshot.eks,
        |region| &region.clusters,
        |cluster| {
            let name = &cluster.name;
            let Some(version) = cluster.version.as_deref().and_then(|v| parse(v).map(|p| (v, p)))
            else {
                let unreadable = Gap {
                    service: "eks".into(),
                    region: Some(cluster.region.clone()),
                    operation: "DescribeCluster".into(),
                    resource: Some(name.clone()),
                    kind: ErrorKind::Other,
                    message: format!("cluster {name} reports no readable Kubernetes version"),
                };
                return Some(check.not_evaluated(cluster, &unreadable));
            };
            let (text, parsed) = version;
            Some(match standard_support_end(parsed) {
                Ok(Some(end)) if end > today => check.pass(
                    cluster,
                    format!("cluster {name} runs Kubernetes {text}, in standard support until {end}"),
                ),
                Ok(Some(end)) => check.fail(
                    cluster,
                    format!("cluster {name} runs Kubernetes {text}, whose standard support ended on {end}"),
                ),
                Ok(None) => check.pass(
                    cluster,
                    format!("cluster {name} runs Kubernetes {text}, newer than any version whose support has ended"),
                ),
                Err(()) => check.fail(
                    cluster,
                    format!("cluster {name} runs Kubernetes {text}, whose standard support ended before 2024-11-26"),
                ),
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

    fn on(name: &str, version: Option<&str>) -> crate::model::eks::Cluster {
        let mut cluster = eks_cluster(name);
        cluster.version = version.map(String::from);
        cluster
    }

    #[test]
    fn supported_passes_ended_fails_unknown_is_not_evaluated() {
        // NOW is 2026-06-01: 1.33 is supported, 1.32 ended in March, 1.25 long ago.
        let mut snap = snapshot();
        eks(&mut snap).clusters = Fetched::Ok(vec![
            on("current", Some("1.33")),
            on("stale", Some("1.32")),
            on("ancient", Some("1.25")),
            on("future", Some("1.36")),
            on("odd", None),
        ]);

        let findings = run(&EKS_CLUSTER_VERSION_SUPPORTED, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("current", Pass),
                ("stale", Fail),
                ("ancient", Fail),
                ("future", Pass),
                ("odd", NotEvaluated)
            ])
        );
        assert_eq!(
            findings[1].message,
            "cluster stale runs Kubernetes 1.32, whose standard support ended on 2026-03-23"
        );
        assert_eq!(
            findings[0].message,
            "cluster current runs Kubernetes 1.33, in standard support until 2026-07-29"
        );

        eks(&mut snap).clusters = Fetched::Failed(denied("ListClusters"));
        assert_eq!(
            statuses(&run(&EKS_CLUSTER_VERSION_SUPPORTED, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
