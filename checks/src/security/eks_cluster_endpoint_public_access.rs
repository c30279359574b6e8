use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that no EKS cluster's Kubernetes API endpoint is reachable from the whole internet:
    /// the public endpoint is off, or restricted to CIDR blocks other than `0.0.0.0/0`.
    ///
    /// ## Why is this bad?
    /// An API server open to the internet is one leaked kubeconfig, token or unpatched
    /// vulnerability away from the whole cluster, and is probed continuously.
    ///
    /// ## Example
    /// `aws eks describe-cluster --name C` shows `"endpointPublicAccess": true` and
    /// `"publicAccessCidrs": ["0.0.0.0/0"]`. Fix: `aws eks update-cluster-config --name C
    /// --resources-vpc-config endpointPrivateAccess=true,endpointPublicAccess=false` (or
    /// `publicAccessCidrs=203.0.113.0/24` for an office range).
    ///
    /// ## Not evaluated when
    /// The region's clusters could not be listed (one finding for the region), or the answer
    /// lacked the cluster's `resourcesVpcConfig`.
    pub EKS_CLUSTER_ENDPOINT_PUBLIC_ACCESS = "eks_cluster_endpoint_public_access",
    pillar: Pillar::Security,
    service: Service::Eks,
    severity: Severity::High,
    best_practices: &[direct("SEC05-BP02")],
    since: "0.2.0",
    title: "EKS API endpoints are not open to the internet",
    remediation: "aws eks update-cluster-config --name CLUSTER --resources-vpc-config endpointPrivateAccess=true,endpointPublicAccess=false (or restrict publicAccessCidrs)",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EKS_CLUSTER_ENDPOINT_PUBLIC_ACCESS;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.eks,
        |region| &region.clusters,
        |cluster| {
            let name = &cluster.name;
            let public = crate::known!(
                check,
                cluster,
                cluster.endpoint_public_access,
                "resourcesVpcConfig"
            );
            let open_to_all = cluster.public_access_cidrs.is_empty()
                || cluster
                    .public_access_cidrs
                    .iter()
                    .any(|cidr| cidr == "0.0.0.0/0" || cidr == "::/0");
            Some(if !public {
                check.pass(
                    cluster,
                    format!("cluster {name} has no public API endpoint"),
                )
            } else if open_to_all {
                check.fail(
                    cluster,
                    format!("cluster {name} has a public API endpoint open to 0.0.0.0/0"),
                )
            } else {
                check.pass(
                    cluster,
                    format!(
                        "cluster {name} has a public API endpoint restricted to {}",
                        cluster.public_access_cidrs.join(", ")
                    ),
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
    fn private_or_restricted_passes_open_fails_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        let mut open = eks_cluster("open");
        open.endpoint_public_access = Some(true);
        open.public_access_cidrs = vec!["0.0.0.0/0".into()];
        let mut office = eks_cluster("office");
        office.endpoint_public_access = Some(true);
        office.public_access_cidrs = vec!["203.0.113.0/24".into()];
        eks(&mut snap).clusters = Fetched::Ok(vec![eks_cluster("private"), open, office]);

        let findings = run(&EKS_CLUSTER_ENDPOINT_PUBLIC_ACCESS, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("private", Pass), ("open", Fail), ("office", Pass)])
        );
        assert_eq!(
            findings[1].message,
            "cluster open has a public API endpoint open to 0.0.0.0/0"
        );

        eks(&mut snap).clusters = Fetched::Failed(denied("ListClusters"));
        assert_eq!(
            statuses(&run(&EKS_CLUSTER_ENDPOINT_PUBLIC_ACCESS, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }

    /// Issue #14: a cluster whose answer lacked resourcesVpcConfig read as "no public endpoint".
    #[test]
    fn a_cluster_without_vpc_config_is_not_evaluated() {
        let mut snap = snapshot();
        let mut unknown = eks_cluster("prod");
        unknown.endpoint_public_access = None;
        eks(&mut snap).clusters = Fetched::Ok(vec![unknown]);
        let findings = run(&EKS_CLUSTER_ENDPOINT_PUBLIC_ACCESS, &snap);
        assert_eq!(statuses(&findings), expect(&[("prod", NotEvaluated)]));
        assert!(
            findings[0].message.contains("resourcesVpcConfig"),
            "{}",
            findings[0].message
        );
    }
}
