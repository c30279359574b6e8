use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::hardware;
use crate::model::elasticache::CacheCluster;
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that every ElastiCache cluster runs on Graviton node types
    /// (`cache.m7g`, `cache.r7g`, `cache.t4g`, `cache.c7gn`, ...). Every engine (Valkey, Redis
    /// OSS, Memcached) runs on Graviton node types.
    ///
    /// ## Why is this bad?
    /// Graviton node types use up to 60 % less energy than comparable x86 ones for the same work
    /// and cost less; for a managed cache or search domain the move is a node type change, with
    /// no application change.
    ///
    /// ## Example
    /// A ElastiCache cluster on `cache.m5.large`. Fix: `aws elasticache modify-replication-group --replication-group-id RG --cache-node-type cache.m7g.large --apply-immediately`.
    ///
    /// ## Not evaluated when
    /// The region's clusters could not be read (one finding for the region), or the answer
    /// lacked the node type.
    pub ELASTICACHE_NODE_GRAVITON = "elasticache_node_graviton",
    pillar: Pillar::Sustainability,
    service: Service::Elasticache,
    severity: Severity::Low,
    best_practices: &[direct("SUS05-BP02")],
    since: "0.5.0",
    title: "ElastiCache clusters run on Graviton",
    remediation: "Move to the Graviton node type of the same size, e.g. cache.m7g.large",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &ELASTICACHE_NODE_GRAVITON;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.elasticache,
        |region| &region.clusters,
        |item: &CacheCluster| {
            let node_type = crate::known!(check, item, item.node_type.as_deref(), "CacheNodeType");
            let family = hardware::family(node_type);
            let label = &item.id;
            if hardware::is_graviton(family) {
                return Some(check.pass(
                    item,
                    format!("ElastiCache cluster {label} runs on Graviton ({node_type})"),
                ));
            }

            let advice = hardware::graviton_equivalent(hardware::family_class(family))
                .filter(|g| matches!(*g, "m7g" | "r7g" | "t4g"))
                .map(|g| format!(": consider cache.{g}"))
                .unwrap_or_default();
            Some(check.fail(
                item,
                format!("ElastiCache cluster {label} runs on {node_type}, not Graviton{advice}"),
            ))
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
    fn graviton_passes_x86_fails_unknown_type_is_not_evaluated() {
        let mut snap = snapshot();
        let mut unknown = cache_cluster("unknown", "x");
        unknown.node_type = None;
        elasticache(&mut snap).clusters = Fetched::Ok(vec![
            cache_cluster("arm", "cache.m7g.large"),
            cache_cluster("x86", "cache.m5.large"),
            unknown,
        ]);
        let findings = run(&ELASTICACHE_NODE_GRAVITON, &snap);
        assert_eq!(
            statuses(&findings),
            expect(&[("arm", Pass), ("x86", Fail), ("unknown", NotEvaluated)])
        );
        elasticache(&mut snap).clusters = Fetched::Failed(denied("DescribeCacheClusters"));
        assert_eq!(
            statuses(&run(&ELASTICACHE_NODE_GRAVITON, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
