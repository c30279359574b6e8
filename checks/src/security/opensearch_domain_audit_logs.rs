use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;
use crate::opensearch_settings::{per_domain, Setting};

declare_check! {
    /// ## What it does
    /// Checks that every OpenSearch Service domain publishes audit logs to CloudWatch Logs
    /// (`LogPublishingOptions` with `AUDIT_LOGS` enabled): who authenticated, and which
    /// indexes and documents they read or changed.
    ///
    /// ## Why is this bad?
    /// CloudTrail records changes to the domain's configuration, not the requests made to it.
    /// Without audit logs, a leaked credential reading an index leaves no trace to investigate
    /// (SEC04-BP01 "Configure service and application logging").
    ///
    /// ## Example
    /// `aws opensearch describe-domain --domain-name D` shows no `AUDIT_LOGS` in
    /// `LogPublishingOptions`. Fix: `aws opensearch update-domain-config --domain-name D
    /// --log-publishing-options AUDIT_LOGS={CloudWatchLogsLogGroupArn=ARN,Enabled=true}` (audit
    /// logs need fine-grained access control, and the log group a resource policy for the
    /// service).
    ///
    /// ## Not evaluated when
    /// The region's domains, or this domain's description, could not be read, or the answer
    /// lacked `LogPublishingOptions`.
    pub OPENSEARCH_DOMAIN_AUDIT_LOGS = "opensearch_domain_audit_logs",
    pillar: Pillar::Security,
    service: Service::Opensearch,
    severity: Severity::Medium,
    best_practices: &[direct("SEC04-BP01")],
    since: "0.5.0",
    title: "OpenSearch domains publish audit logs",
    remediation: "aws opensearch update-domain-config --domain-name DOMAIN --log-publishing-options AUDIT_LOGS={CloudWatchLogsLogGroupArn=LOG_GROUP_ARN,Enabled=true}",
    evaluate: evaluate,
}

const SETTING: Setting = Setting {
    member: "LogPublishingOptions",
    value: |s| s.audit_logs,
    on: "publishes audit logs",
    off: "publishes no audit logs",
};

fn evaluate(ctx: &Context) -> Vec<Finding> {
    per_domain(&OPENSEARCH_DOMAIN_AUDIT_LOGS, ctx, &SETTING)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::opensearch_settings::testing::assert_safeguard;

    #[test]
    fn on_passes_off_fails_unknown_or_unread_is_not_evaluated() {
        assert_safeguard(&OPENSEARCH_DOMAIN_AUDIT_LOGS, |s, v| s.audit_logs = v, SETTING.off);
    }
}
