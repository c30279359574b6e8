use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::config::ConformancePack;
use crate::model::Service;
use crate::presence::{across_regions, Looked};

declare_check! {
    /// ## What it does
    /// Looks for AWS Config conformance packs: sets of Config rules (and their remediations)
    /// that encode a framework's control objectives, such as the "Operational Best Practices
    /// for CIS AWS Foundations" or for NIST 800-53 templates. One finding for the account.
    ///
    /// ## Why is this bad?
    /// Control objectives written in a document are validated once a year by an auditor;
    /// deployed as a conformance pack they are evaluated against every resource as it changes,
    /// with a compliance score per pack. Teams may validate their objectives with Security Hub
    /// standards (`securityhub_standards_enabled`) or another tool instead, so finding none here
    /// is "no evidence found", not a failure.
    ///
    /// ## Example
    /// `aws configservice describe-conformance-packs` lists nothing in any region. Fix: deploy
    /// the pack that matches your framework, e.g. `aws configservice put-conformance-pack
    /// --conformance-pack-name cis-level-1 --template-s3-uri
    /// s3://BUCKET/Operational-Best-Practices-for-CIS-AWS-v1.4-Level1.yaml`.
    ///
    /// ## Not evaluated when
    /// No pack was found and the conformance packs of some region could not be listed.
    pub CONFIG_CONFORMANCE_PACKS = "config_conformance_packs",
    pillar: Pillar::Security,
    service: Service::Config,
    severity: Severity::Low,
    best_practices: &[direct("SEC01-BP03")],
    since: "0.5.0",
    title: "Control objectives are validated by AWS Config conformance packs",
    remediation: "aws configservice put-conformance-pack --conformance-pack-name NAME --template-s3-uri s3://BUCKET/TEMPLATE.yaml (templates: github.com/awslabs/aws-config-rules/tree/master/aws-config-conformance-packs)",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &CONFIG_CONFORMANCE_PACKS;
    vec![across_regions(
        check,
        ctx.snapshot,
        &ctx.snapshot.config,
        |region| &region.conformance_packs,
        |_: &ConformancePack| true,
        |pack| pack.name.clone(),
        Looked {
            what: "conformance pack(s)",
            none: "no AWS Config conformance pack in any scanned region",
        },
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    fn pack(name: &str) -> ConformancePack {
        ConformancePack {
            name: name.into(),
            arn: None,
        }
    }

    #[test]
    fn a_pack_passes_none_is_no_evidence_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        let mut region = recording_config();
        region.conformance_packs = Fetched::Ok(vec![pack("cis-level-1")]);
        snap.config.insert(REGION.into(), region);
        let findings = run(&CONFIG_CONFORMANCE_PACKS, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "1 conformance pack(s): cis-level-1 (us-east-1)"
        );

        let mut snap = snapshot();
        snap.config.insert(REGION.into(), recording_config());
        let findings = run(&CONFIG_CONFORMANCE_PACKS, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NoEvidence)]));

        let mut region = recording_config();
        region.conformance_packs = Fetched::Failed(denied("DescribeConformancePacks"));
        snap.config.insert("eu-west-1".into(), region);
        let findings = run(&CONFIG_CONFORMANCE_PACKS, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
