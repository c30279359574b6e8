use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;
use crate::opensearch_settings::{per_domain, Setting};

declare_check! {
    /// ## What it does
    /// Checks that every OpenSearch Service domain refuses plain HTTP on its endpoint
    /// (`DomainEndpointOptions.EnforceHTTPS`).
    ///
    /// ## Why is this bad?
    /// A domain that accepts HTTP lets clients send queries, documents and credentials (basic
    /// authentication of fine-grained access control) in clear text over the network
    /// (SEC09-BP02 "Enforce encryption in transit").
    ///
    /// ## Example
    /// `aws opensearch describe-domain --domain-name D` shows `"EnforceHTTPS": false`. Fix:
    /// `aws opensearch update-domain-config --domain-name D --domain-endpoint-options
    /// EnforceHTTPS=true,TLSSecurityPolicy=Policy-Min-TLS-1-2-2019-07`.
    ///
    /// ## Not evaluated when
    /// The region's domains, or this domain's description, could not be read, or the answer
    /// lacked `DomainEndpointOptions`.
    pub OPENSEARCH_DOMAIN_HTTPS_ENFORCED = "opensearch_domain_https_enforced",
    pillar: Pillar::Security,
    service: Service::Opensearch,
    severity: Severity::Medium,
    best_practices: &[direct("SEC09-BP02")],
    since: "0.5.0",
    title: "OpenSearch domains accept HTTPS only",
    remediation: "aws opensearch update-domain-config --domain-name DOMAIN --domain-endpoint-options EnforceHTTPS=true,TLSSecurityPolicy=Policy-Min-TLS-1-2-2019-07",
    evaluate: evaluate,
}

const SETTING: Setting = Setting {
    member: "DomainEndpointOptions",
    value: |s| s.https_enforced,
    on: "accepts HTTPS only",
    off: "accepts plain HTTP",
};

fn evaluate(ctx: &Context) -> Vec<Finding> {
    per_domain(&OPENSEARCH_DOMAIN_HTTPS_ENFORCED, ctx, &SETTING)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::opensearch_settings::testing::assert_safeguard;

    #[test]
    fn on_passes_off_fails_unknown_or_unread_is_not_evaluated() {
        assert_safeguard(&OPENSEARCH_DOMAIN_HTTPS_ENFORCED, |s, v| s.https_enforced = v, SETTING.off);
    }
}
