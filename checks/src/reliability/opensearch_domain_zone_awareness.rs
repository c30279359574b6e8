use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;
use crate::opensearch_settings::{per_domain, Setting};

declare_check! {
    /// ## What it does
    /// Checks that every OpenSearch Service domain has zone awareness on
    /// (`ClusterConfig.ZoneAwarenessEnabled`): its data nodes, and the replicas of each shard,
    /// spread over two or three Availability Zones.
    ///
    /// ## Why is this bad?
    /// A domain in one zone goes down with that zone: searches fail and, without replicas
    /// elsewhere, recent writes may be lost (REL10-BP01 "Deploy the workload to multiple
    /// locations").
    ///
    /// ## Example
    /// `aws opensearch describe-domain --domain-name D` shows `"ZoneAwarenessEnabled": false`.
    /// Fix: `aws opensearch update-domain-config --domain-name D --cluster-config
    /// ZoneAwarenessEnabled=true,ZoneAwarenessConfig={AvailabilityZoneCount=3},InstanceCount=3`
    /// (and one replica per index).
    ///
    /// ## Not evaluated when
    /// The region's domains, or this domain's description, could not be read, or the answer
    /// lacked `ClusterConfig.ZoneAwarenessEnabled`.
    pub OPENSEARCH_DOMAIN_ZONE_AWARENESS = "opensearch_domain_zone_awareness",
    pillar: Pillar::Reliability,
    service: Service::Opensearch,
    severity: Severity::Medium,
    best_practices: &[direct("REL10-BP01")],
    since: "0.5.0",
    title: "OpenSearch domains spread their nodes over several Availability Zones",
    remediation: "aws opensearch update-domain-config --domain-name DOMAIN --cluster-config ZoneAwarenessEnabled=true,ZoneAwarenessConfig={AvailabilityZoneCount=3},InstanceCount=3",
    evaluate: evaluate,
}

const SETTING: Setting = Setting {
    member: "ClusterConfig.ZoneAwarenessEnabled",
    value: |s| s.zone_awareness,
    on: "spreads its nodes over several Availability Zones",
    off: "keeps its nodes in one Availability Zone",
};

fn evaluate(ctx: &Context) -> Vec<Finding> {
    per_domain(&OPENSEARCH_DOMAIN_ZONE_AWARENESS, ctx, &SETTING)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::opensearch_settings::testing::assert_safeguard;

    #[test]
    fn on_passes_off_fails_unknown_or_unread_is_not_evaluated() {
        assert_safeguard(&OPENSEARCH_DOMAIN_ZONE_AWARENESS, |s, v| s.zone_awareness = v, SETTING.off);
    }
}
