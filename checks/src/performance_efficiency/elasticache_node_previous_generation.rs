use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::hardware::{self, ELASTICACHE_PREVIOUS_GENERATION};
use crate::model::elasticache::CacheCluster;
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that no ElastiCache cluster runs a previous-generation node type: `cache.t1`, `cache.t2`, `cache.m1`–`cache.m4`, `cache.c1`, `cache.r3`, `cache.r4` (the
    /// families AWS lists as previous generation).
    ///
    /// ## Why is this bad?
    /// Current node types give more memory and throughput per dollar, faster networking, and are
    /// the ones new features and Graviton savings come on; previous-generation types are the
    /// first to lose capacity and support.
    ///
    /// ## Example
    /// A ElastiCache cluster on `cache.m4.large`. Fix: `aws elasticache modify-replication-group --replication-group-id RG --cache-node-type cache.m7g.large --apply-immediately` (or `modify-cache-cluster` for a cluster outside a replication group).
    ///
    /// ## Not evaluated when
    /// The region's clusters could not be read (one finding for the region), or the answer
    /// lacked the cluster's node type.
    pub ELASTICACHE_NODE_PREVIOUS_GENERATION = "elasticache_node_previous_generation",
    pillar: Pillar::PerformanceEfficiency,
    service: Service::Elasticache,
    severity: Severity::Low,
    best_practices: &[indirect("PERF03-BP02")],
    since: "0.5.0",
    title: "ElastiCache clusters use current-generation node types",
    remediation: "Move to the current-generation (ideally Graviton) node type of the same size, e.g. cache.m7g.large",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &ELASTICACHE_NODE_PREVIOUS_GENERATION;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.elasticache,
        |region| &region.clusters,
        |item: &CacheCluster| {
            let node_type = crate::known!(check, item, item.node_type.as_deref(), "CacheNodeType");
            let family = hardware::family(node_type);
            let label = &item.id;
            Some(if ELASTICACHE_PREVIOUS_GENERATION.contains(&family) {
                check.fail(
                    item,
                    format!("ElastiCache cluster {label} runs previous-generation {node_type}"),
                )
            } else {
                check.pass(
                    item,
                    format!("ElastiCache cluster {label} runs {node_type}"),
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
    fn current_passes_previous_fails_unknown_type_is_not_evaluated() {
        let mut snap = snapshot();
        let mut unknown = cache_cluster("unknown", "x");
        unknown.node_type = None;
        elasticache(&mut snap).clusters = Fetched::Ok(vec![
            cache_cluster("current", "cache.m7g.large"),
            cache_cluster("legacy", "cache.m4.large"),
            unknown,
        ]);
        let findings = run(&ELASTICACHE_NODE_PREVIOUS_GENERATION, &snap);
        assert_eq!(
            statuses(&findings),
            expect(&[
                ("current", Pass),
                ("legacy", Fail),
                ("unknown", NotEvaluated)
            ])
        );
        assert_eq!(
            findings[1].message,
            "ElastiCache cluster legacy runs previous-generation cache.m4.large"
        );
        elasticache(&mut snap).clusters = Fetched::Failed(denied("DescribeCacheClusters"));
        assert_eq!(
            statuses(&run(&ELASTICACHE_NODE_PREVIOUS_GENERATION, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
