//! ElastiCache, per region: `DescribeCacheClusters` (paginated), one entry per cache cluster
//! (a Redis OSS or Valkey replication group lists each of its node groups' clusters).

use serde::{Deserialize, Serialize};

use super::{Fetched, Gap, Known, Resource, ResourceRef, Service, Tags};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ElastiCacheRegion {
    pub clusters: Fetched<Vec<CacheCluster>>,
}

impl Default for ElastiCacheRegion {
    fn default() -> Self {
        ElastiCacheRegion {
            clusters: Fetched::not_collected(Service::Elasticache, "DescribeCacheClusters"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CacheCluster {
    pub arn: String,
    pub region: String,
    pub id: String,
    /// `redis`, `valkey` or `memcached`.
    pub engine: Option<String>,
    /// `cache.r7g.large`, ...
    pub node_type: Option<String>,
    /// `available`, `creating`, `deleting`, ...
    pub status: Option<String>,
    /// The replication group the cluster belongs to, if any.
    pub replication_group_id: Option<String>,
}

impl Known for CacheCluster {
    fn missing(&self, field: &str) -> Gap {
        Gap::missing_on(
            Service::Elasticache,
            &self.region,
            "DescribeCacheClusters",
            &self.id,
            field,
        )
    }
}

impl Resource for CacheCluster {
    fn resource(&self) -> ResourceRef {
        ResourceRef {
            arn: self.arn.clone(),
            kind: "AWS::ElastiCache::CacheCluster".into(),
            id: self.id.clone(),
            name: None,
            region: self.region.clone(),
            tags: Tags::new(),
        }
    }
}
