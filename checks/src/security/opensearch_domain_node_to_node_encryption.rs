use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;
use crate::opensearch_settings::{per_domain, Setting};

declare_check! {
    /// ## What it does
    /// Checks that every OpenSearch Service domain encrypts the traffic between its nodes with TLS
    /// (`NodeToNodeEncryptionOptions.Enabled`).
    ///
    /// ## Why is this bad?
    /// Without it, shard replication and queries travel between the nodes in clear text inside the
    /// VPC: anyone who can capture traffic there reads the documents (SEC09-BP02 "Enforce
    /// encryption in transit").
    ///
    /// ## Example
    /// `aws opensearch describe-domain --domain-name D` shows `"NodeToNodeEncryptionOptions":
    /// {"Enabled": false}`. Fix: `aws opensearch update-domain-config --domain-name D
    /// --node-to-node-encryption-options Enabled=true` (engine 6.7 or later).
    ///
    /// ## Not evaluated when
    /// The region's domains, or this domain's description, could not be read, or the answer
    /// lacked `NodeToNodeEncryptionOptions`.
    pub OPENSEARCH_DOMAIN_NODE_TO_NODE_ENCRYPTION = "opensearch_domain_node_to_node_encryption",
    pillar: Pillar::Security,
    service: Service::Opensearch,
    severity: Severity::Medium,
    best_practices: &[direct("SEC09-BP02")],
    since: "0.5.0",
    title: "OpenSearch domains encrypt traffic between their nodes",
    remediation: "aws opensearch update-domain-config --domain-name DOMAIN --node-to-node-encryption-options Enabled=true",
    evaluate: evaluate,
}

const SETTING: Setting = Setting {
    member: "NodeToNodeEncryptionOptions",
    value: |s| s.node_to_node_encryption,
    on: "encrypts traffic between its nodes",
    off: "sends traffic between its nodes unencrypted",
};

fn evaluate(ctx: &Context) -> Vec<Finding> {
    per_domain(&OPENSEARCH_DOMAIN_NODE_TO_NODE_ENCRYPTION, ctx, &SETTING)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::opensearch_settings::testing::assert_safeguard;

    #[test]
    fn on_passes_off_fails_unknown_or_unread_is_not_evaluated() {
        assert_safeguard(&OPENSEARCH_DOMAIN_NODE_TO_NODE_ENCRYPTION, |s, v| s.node_to_node_encryption = v, SETTING.off);
    }
}
