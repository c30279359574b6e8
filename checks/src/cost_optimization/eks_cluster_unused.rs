use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that every EKS cluster has somewhere to run pods: at least one managed node group
    /// or Fargate profile.
    ///
    /// ## Why is this bad?
    /// The control plane is billed by the hour ($0.10, about $73 a month, six times that in
    /// extended support) whether or not anything runs on it. A cluster with neither node groups
    /// nor Fargate profiles is usually a leftover test. (Self-managed nodes or Karpenter also
    /// run pods without either: if so, suppress the finding for that cluster.)
    ///
    /// ## Example
    /// `aws eks list-nodegroups --cluster-name C` and `list-fargate-profiles` both answer empty
    /// lists. Fix: `aws eks delete-cluster --name C` once you are sure it is unused.
    ///
    /// ## Not evaluated when
    /// The region's clusters could not be listed (one finding for the region), or this cluster's
    /// node groups or Fargate profiles could not be listed (and the other list was empty).
    pub EKS_CLUSTER_UNUSED = "eks_cluster_unused",
    pillar: Pillar::CostOptimization,
    service: Service::Eks,
    severity: Severity::Low,
    best_practices: &[direct("COST04-BP03")],
    since: "0.2.0",
    title: "EKS clusters have node groups or Fargate profiles",
    remediation: "Delete the unused cluster: aws eks delete-cluster --name CLUSTER (or suppress it if self-managed nodes or Karpenter run its pods)",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EKS_CLUSTER_UNUSED;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.eks,
        |region| &region.clusters,
        |cluster| {
            let name = &cluster.name;
            let capacity = |list: &Fetched<Vec<String>>| list.ok().map(Vec::len);
            Some(
                match (
                    capacity(&cluster.nodegroups),
                    capacity(&cluster.fargate_profiles),
                ) {
                    (Some(groups), Some(profiles)) if groups + profiles == 0 => check.fail(
                        cluster,
                        format!("cluster {name} has no node group and no Fargate profile"),
                    ),
                    (Some(groups), _) if groups > 0 => check.pass(
                        cluster,
                        format!("cluster {name} has {groups} managed node group(s)"),
                    ),
                    (_, Some(profiles)) if profiles > 0 => check.pass(
                        cluster,
                        format!("cluster {name} has {profiles} Fargate profile(s)"),
                    ),
                    _ => {
                        let gap = cluster.nodegroups.gap().or(cluster.fargate_profiles.gap());
                        match gap {
                            Some(gap) => check.not_evaluated(cluster, gap),
                            None => check.fail(
                                cluster,
                                format!("cluster {name} has no node group and no Fargate profile"),
                            ),
                        }
                    }
                },
            )
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    #[test]
    fn capacity_passes_none_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut empty = eks_cluster("leftover");
        empty.nodegroups = Fetched::Ok(vec![]);
        let mut serverless = eks_cluster("serverless");
        serverless.nodegroups = Fetched::Ok(vec![]);
        serverless.fargate_profiles = Fetched::Ok(vec!["default".into()]);
        let mut hidden = eks_cluster("hidden");
        hidden.nodegroups = Fetched::Failed(denied("ListNodegroups"));
        eks(&mut snap).clusters = Fetched::Ok(vec![eks_cluster("prod"), empty, serverless, hidden]);

        let findings = run(&EKS_CLUSTER_UNUSED, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("prod", Pass),
                ("leftover", Fail),
                ("serverless", Pass),
                ("hidden", NotEvaluated)
            ])
        );
        assert_eq!(
            findings[1].message,
            "cluster leftover has no node group and no Fargate profile"
        );

        eks(&mut snap).clusters = Fetched::Failed(denied("ListClusters"));
        assert_eq!(
            statuses(&run(&EKS_CLUSTER_UNUSED, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
