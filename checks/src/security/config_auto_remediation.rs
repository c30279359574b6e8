use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::config::Remediation;
use crate::model::Service;
use crate::presence::{across_regions, Looked};

declare_check! {
    /// ## What it does
    /// Looks for AWS Config rules that remediate non-compliant resources by themselves: rules
    /// with a remediation action set to run automatically (an SSM Automation document such as
    /// `AWS-ConfigureS3BucketPublicAccessBlock`). One finding for the account.
    ///
    /// ## Why is this bad?
    /// A detective control that only reports leaves the exposure in place until someone acts:
    /// a public bucket stays public through the night. Automatic remediation closes the gap in
    /// minutes, the same way every time. Teams may remediate with other tools (EventBridge rules
    /// and Lambda, Security Hub automation, a SOAR), so finding none here is "no evidence
    /// found", not a failure; manual remediation actions do not count.
    ///
    /// ## Example
    /// `aws configservice describe-remediation-configurations --config-rule-names RULE` shows no
    /// configuration with `"Automatic": true`. Fix: `aws configservice
    /// put-remediation-configurations --remediation-configurations
    /// ConfigRuleName=RULE,TargetType=SSM_DOCUMENT,TargetId=AWS-ConfigureS3BucketPublicAccessBlock,Automatic=true,MaximumAutomaticAttempts=3,RetryAttemptSeconds=60,Parameters=...`.
    ///
    /// ## Not evaluated when
    /// No automatic remediation was found and the Config rules or remediation configurations of
    /// some region could not be read.
    pub CONFIG_AUTO_REMEDIATION = "config_auto_remediation",
    pillar: Pillar::Security,
    service: Service::Config,
    severity: Severity::Low,
    best_practices: &[direct("SEC04-BP04")],
    since: "0.5.0",
    title: "Non-compliant resources are remediated automatically by AWS Config",
    remediation: "aws configservice put-remediation-configurations --remediation-configurations ConfigRuleName=RULE,TargetType=SSM_DOCUMENT,TargetId=AWS-ConfigureS3BucketPublicAccessBlock,Automatic=true,MaximumAutomaticAttempts=3,RetryAttemptSeconds=60,Parameters=...",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &CONFIG_AUTO_REMEDIATION;
    vec![across_regions(
        check,
        ctx.snapshot,
        &ctx.snapshot.config,
        |region| &region.remediations,
        |remediation: &Remediation| remediation.automatic == Some(true),
        |remediation| match &remediation.target {
            Some(target) => format!("{} by {target}", remediation.rule),
            None => remediation.rule.clone(),
        },
        Looked {
            what: "Config rule(s) remediated automatically",
            none: "no AWS Config rule has an automatic remediation action",
        },
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    fn remediation(rule: &str, automatic: Option<bool>) -> Remediation {
        Remediation {
            rule: rule.into(),
            target: Some("AWS-ConfigureS3BucketPublicAccessBlock".into()),
            automatic,
        }
    }

    #[test]
    fn automatic_passes_manual_only_is_no_evidence_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut region = recording_config();
        region.remediations = Fetched::Ok(vec![
            remediation("manual", Some(false)),
            remediation("s3-public", Some(true)),
        ]);
        snap.config.insert(REGION.into(), region);
        let findings = run(&CONFIG_AUTO_REMEDIATION, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "1 Config rule(s) remediated automatically: s3-public by AWS-ConfigureS3BucketPublicAccessBlock (us-east-1)"
        );

        let mut region = recording_config();
        region.remediations = Fetched::Ok(vec![remediation("manual", Some(false))]);
        snap.config.insert(REGION.into(), region);
        let findings = run(&CONFIG_AUTO_REMEDIATION, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NoEvidence)]));

        let mut region = recording_config();
        region.remediations = Fetched::Failed(denied("DescribeRemediationConfigurations"));
        snap.config.insert("eu-west-1".into(), region);
        let findings = run(&CONFIG_AUTO_REMEDIATION, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
