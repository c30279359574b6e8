use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};
use crate::presence::{from_found, Looked};

declare_check! {
    /// ## What it does
    /// Looks for a cache in front of data stores or origins: an ElastiCache cluster (not being
    /// deleted), an API Gateway stage with its cache enabled (`cacheClusterEnabled`), or a
    /// CloudFront distribution with a behavior that caches (a cache policy other than the
    /// managed `CachingDisabled`, or legacy settings with a non-zero `MaxTTL`). One finding for
    /// the account.
    ///
    /// ## Why is this bad?
    /// Reads served from a cache do not reach the database or the origin: lower latency for the
    /// user, and less capacity to provision behind it. Teams may cache inside the application or
    /// in a data store's own cache (DAX, a read replica), so finding none is "no evidence found",
    /// not a failure.
    ///
    /// ## Example
    /// A database serving every read. Fix: a cache-aside ElastiCache cluster
    /// (`aws elasticache create-serverless-cache --serverless-cache-name app --engine valkey`),
    /// an API Gateway stage cache (`aws apigateway update-stage ... op=replace,
    /// path=/cacheClusterEnabled,value=true`), or CloudFront with the `CachingOptimized` policy.
    ///
    /// ## Not evaluated when
    /// No cache was found and some region's clusters or API stages, or the distributions,
    /// could not be read.
    pub ELASTICACHE_CACHING_IN_USE = "elasticache_caching_in_use",
    pillar: Pillar::PerformanceEfficiency,
    service: Service::Elasticache,
    severity: Severity::Low,
    best_practices: &[direct("PERF03-BP05")],
    since: "0.5.0",
    title: "A cache serves reads in front of data stores or origins",
    remediation: "Put a cache in front of read-heavy data: an ElastiCache (Valkey) cache, an API Gateway stage cache, or CloudFront with a caching policy",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &ELASTICACHE_CACHING_IN_USE;
    let snap = ctx.snapshot;
    let mut found = Vec::new();
    let mut gap = None;
    for (region, data) in &snap.elasticache {
        match &data.clusters {
            Fetched::Ok(clusters) => found.extend(
                clusters
                    .iter()
                    .filter(|c| !matches!(c.status.as_deref(), Some("deleting" | "deleted")))
                    .map(|c| format!("ElastiCache cluster {} ({region})", c.id)),
            ),
            Fetched::Failed(why) => {
                gap.get_or_insert(why);
            }
        }
    }
    for (region, data) in &snap.apigateway {
        match &data.rest_apis {
            Fetched::Ok(apis) => {
                for api in apis {
                    match &api.stages {
                        Fetched::Ok(stages) => found.extend(
                            stages
                                .iter()
                                .filter(|s| s.cache_cluster_enabled == Some(true))
                                .map(|s| {
                                    format!(
                                        "API Gateway stage {}/{} ({region})",
                                        api.name.as_deref().unwrap_or(&api.id),
                                        s.name
                                    )
                                }),
                        ),
                        Fetched::Failed(why) => {
                            gap.get_or_insert(why);
                        }
                    }
                }
            }
            Fetched::Failed(why) => {
                gap.get_or_insert(why);
            }
        }
    }
    match &snap.cloudfront.distributions {
        Fetched::Ok(distributions) => found.extend(
            distributions
                .iter()
                .filter(|d| d.caches == Some(true))
                .map(|d| format!("CloudFront distribution {}", d.id)),
        ),
        Fetched::Failed(why) => {
            gap.get_or_insert(why);
        }
    }
    vec![from_found(
        check,
        snap,
        found,
        gap,
        Looked {
            what: "cache(s)",
            none:
                "no ElastiCache cluster, API Gateway stage cache or caching CloudFront distribution",
        },
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    #[test]
    fn any_cache_passes_none_is_no_evidence_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut uncached = distribution("E1");
        uncached.caches = Some(false);
        snap.cloudfront.distributions = Fetched::Ok(vec![uncached]);
        let mut api = rest_api("a1");
        api.stages = Fetched::Ok(vec![api_stage("a1", "prod")]);
        apigateway(&mut snap).rest_apis = Fetched::Ok(vec![api.clone()]);
        assert_eq!(
            statuses(&run(&ELASTICACHE_CACHING_IN_USE, &snap)),
            expect(&[(ACCOUNT, NoEvidence)])
        );

        let mut cached_stage = api_stage("a1", "prod");
        cached_stage.cache_cluster_enabled = Some(true);
        api.stages = Fetched::Ok(vec![cached_stage]);
        apigateway(&mut snap).rest_apis = Fetched::Ok(vec![api]);
        elasticache(&mut snap).clusters =
            Fetched::Ok(vec![cache_cluster("sessions", "cache.r7g.large")]);
        let findings = run(&ELASTICACHE_CACHING_IN_USE, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "2 cache(s): ElastiCache cluster sessions (us-east-1), API Gateway stage a1-api/prod (us-east-1)"
        );

        elasticache(&mut snap).clusters = Fetched::Failed(denied("DescribeCacheClusters"));
        apigateway(&mut snap).rest_apis = Fetched::Ok(vec![]);
        assert_eq!(
            statuses(&run(&ELASTICACHE_CACHING_IN_USE, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
