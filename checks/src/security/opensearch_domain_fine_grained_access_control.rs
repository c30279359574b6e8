use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;
use crate::opensearch_settings::{per_domain, Setting};

declare_check! {
    /// ## What it does
    /// Checks that every OpenSearch Service domain has fine-grained access control on
    /// (`AdvancedSecurityOptions.Enabled`), which grants access per index, document and field.
    ///
    /// ## Why is this bad?
    /// Without it, whoever the domain's access policy lets in can read and write every index:
    /// there is no way to give a dashboard user one index, or hide a field holding personal data.
    /// It is a means to least privilege (SEC03-BP02, as a proxy: the roles it defines are
    /// not read).
    ///
    /// ## Example
    /// `aws opensearch describe-domain --domain-name D` shows `"AdvancedSecurityOptions":
    /// {"Enabled": false}`. Fix: `aws opensearch update-domain-config --domain-name D
    /// --advanced-security-options Enabled=true,MasterUserOptions={MasterUserARN=ROLE}` (needs
    /// HTTPS, node-to-node encryption and encryption at rest).
    ///
    /// ## Not evaluated when
    /// The region's domains, or this domain's description, could not be read, or the answer
    /// lacked `AdvancedSecurityOptions`.
    pub OPENSEARCH_DOMAIN_FINE_GRAINED_ACCESS_CONTROL = "opensearch_domain_fine_grained_access_control",
    pillar: Pillar::Security,
    service: Service::Opensearch,
    severity: Severity::Medium,
    best_practices: &[indirect("SEC03-BP02")],
    since: "0.5.0",
    title: "OpenSearch domains use fine-grained access control",
    remediation: "aws opensearch update-domain-config --domain-name DOMAIN --advanced-security-options Enabled=true,MasterUserOptions={MasterUserARN=ROLE_ARN}",
    evaluate: evaluate,
}

const SETTING: Setting = Setting {
    member: "AdvancedSecurityOptions",
    value: |s| s.fine_grained_access_control,
    on: "uses fine-grained access control",
    off: "has no fine-grained access control",
};

fn evaluate(ctx: &Context) -> Vec<Finding> {
    per_domain(&OPENSEARCH_DOMAIN_FINE_GRAINED_ACCESS_CONTROL, ctx, &SETTING)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::opensearch_settings::testing::assert_safeguard;

    #[test]
    fn on_passes_off_fails_unknown_or_unread_is_not_evaluated() {
        assert_safeguard(&OPENSEARCH_DOMAIN_FINE_GRAINED_ACCESS_CONTROL, |s, v| s.fine_grained_access_control = v, SETTING.off);
    }
}
