use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;
use crate::opensearch_settings::{per_domain, Setting};

declare_check! {
    /// ## What it does
    /// Checks that every OpenSearch Service domain encrypts its indexes, logs and automated
    /// snapshots at rest (`EncryptionAtRestOptions.Enabled`).
    ///
    /// ## Why is this bad?
    /// An unencrypted domain keeps its documents (often logs with personal data, or customer
    /// records) readable to anyone who reaches the underlying storage or a snapshot, and outside
    /// the access control and audit trail KMS gives (SEC08-BP02 "Enforce encryption at rest").
    ///
    /// ## Example
    /// `aws opensearch describe-domain --domain-name D` shows `"EncryptionAtRestOptions":
    /// {"Enabled": false}`. Fix: `aws opensearch update-domain-config --domain-name D
    /// --encryption-at-rest-options Enabled=true` (engine 6.7 or later; older domains need a new
    /// domain and a snapshot restore).
    ///
    /// ## Not evaluated when
    /// The region's domains, or this domain's description, could not be read, or the answer
    /// lacked `EncryptionAtRestOptions`.
    pub OPENSEARCH_DOMAIN_ENCRYPTED_AT_REST = "opensearch_domain_encrypted_at_rest",
    pillar: Pillar::Security,
    service: Service::Opensearch,
    severity: Severity::High,
    best_practices: &[direct("SEC08-BP02")],
    since: "0.5.0",
    title: "OpenSearch domains encrypt their data at rest",
    remediation: "aws opensearch update-domain-config --domain-name DOMAIN --encryption-at-rest-options Enabled=true",
    evaluate: evaluate,
}

const SETTING: Setting = Setting {
    member: "EncryptionAtRestOptions",
    value: |s| s.encrypted_at_rest,
    on: "encrypts its data at rest",
    off: "stores its data unencrypted",
};

fn evaluate(ctx: &Context) -> Vec<Finding> {
    per_domain(&OPENSEARCH_DOMAIN_ENCRYPTED_AT_REST, ctx, &SETTING)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::opensearch_settings::testing::assert_safeguard;

    #[test]
    fn on_passes_off_fails_unknown_or_unread_is_not_evaluated() {
        assert_safeguard(&OPENSEARCH_DOMAIN_ENCRYPTED_AT_REST, |s, v| s.encrypted_at_rest = v, SETTING.off);
    }
}
