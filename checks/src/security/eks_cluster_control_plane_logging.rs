use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

/// The control-plane log types a security investigation needs.
const NEEDED: &[&str] = &["api", "audit", "authenticator"];

declare_check! {
    /// ## What it does
    /// Checks that every EKS cluster sends its `api`, `audit` and `authenticator` control-plane
    /// logs to CloudWatch Logs.
    ///
    /// ## Why is this bad?
    /// The Kubernetes audit log is the only record of who read a secret, exec'd into a pod or
    /// changed a role binding; the authenticator log maps those requests to IAM principals.
    /// Control-plane logging is off by default, and what was not logged cannot be investigated.
    ///
    /// ## Example
    /// `aws eks describe-cluster --name C` shows the `audit` type with `"enabled": false`. Fix:
    /// `aws eks update-cluster-config --name C --logging
    /// '{"clusterLogging":[{"types":["api","audit","authenticator"],"enabled":true}]}'`.
    ///
    /// ## Not evaluated when
    /// The region's clusters could not be listed (one finding for the region).
    pub EKS_CLUSTER_CONTROL_PLANE_LOGGING = "eks_cluster_control_plane_logging",
    pillar: Pillar::Security,
    service: Service::Eks,
    severity: Severity::Medium,
    best_practices: &[direct("SEC04-BP01")],
    since: "0.2.0",
    title: "EKS clusters log API, audit and authenticator events",
    remediation: "aws eks update-cluster-config --name CLUSTER --logging '{\"clusterLogging\":[{\"types\":[\"api\",\"audit\",\"authenticator\"],\"enabled\":true}]}'",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EKS_CLUSTER_CONTROL_PLANE_LOGGING;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.eks,
        |region| &region.clusters,
        |cluster| {
            let name = &cluster.name;
            let missing: Vec<&str> = NEEDED
                .iter()
                .copied()
                .filter(|needed| !cluster.enabled_log_types.iter().any(|t| t == needed))
                .collect();
            Some(if missing.is_empty() {
                check.pass(
                    cluster,
                    format!(
                        "cluster {name} logs {}",
                        cluster.enabled_log_types.join(", ")
                    ),
                )
            } else {
                check.fail(
                    cluster,
                    format!("cluster {name} does not log {}", missing.join(", ")),
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
    fn all_needed_types_pass_missing_ones_fail_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        let mut quiet = eks_cluster("quiet");
        quiet.enabled_log_types = vec![];
        let mut partial = eks_cluster("partial");
        partial.enabled_log_types = vec!["api".into(), "scheduler".into()];
        eks(&mut snap).clusters = Fetched::Ok(vec![eks_cluster("prod"), quiet, partial]);

        let findings = run(&EKS_CLUSTER_CONTROL_PLANE_LOGGING, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("prod", Pass), ("quiet", Fail), ("partial", Fail)])
        );
        assert_eq!(
            findings[2].message,
            "cluster partial does not log audit, authenticator"
        );

        eks(&mut snap).clusters = Fetched::Failed(denied("ListClusters"));
        assert_eq!(
            statuses(&run(&EKS_CLUSTER_CONTROL_PLANE_LOGGING, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
