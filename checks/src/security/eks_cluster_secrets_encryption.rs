use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that every EKS cluster envelope-encrypts its Kubernetes secrets (and, on 1.28+, all
    /// Kubernetes API data) with a KMS key the account manages (`encryptionConfig` set).
    ///
    /// ## Why is this bad?
    /// Since 2025 EKS envelope-encrypts Kubernetes API data by default, but with a key AWS owns:
    /// its use is not in your CloudTrail, its policy is not yours, and you cannot revoke it to
    /// cut off access to etcd data (backups included). A customer managed key gives you that
    /// audit trail and control over who can decrypt every password and token the cluster holds.
    ///
    /// ## Example
    /// `aws eks describe-cluster --name C` shows no `encryptionConfig`. Fix: `aws eks
    /// associate-encryption-config --cluster-name C --encryption-config
    /// '[{"resources":["secrets"],"provider":{"keyArn":"arn:aws:kms:…"}}]'`.
    ///
    /// ## Not evaluated when
    /// The region's clusters could not be listed (one finding for the region).
    pub EKS_CLUSTER_SECRETS_ENCRYPTION = "eks_cluster_secrets_encryption",
    pillar: Pillar::Security,
    service: Service::Eks,
    severity: Severity::Low,
    best_practices: &[direct("SEC08-BP01")],
    since: "0.2.0",
    title: "EKS clusters encrypt Kubernetes secrets with a customer managed KMS key",
    remediation: "aws eks associate-encryption-config --cluster-name CLUSTER --encryption-config '[{\"resources\":[\"secrets\"],\"provider\":{\"keyArn\":\"KEY_ARN\"}}]'",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EKS_CLUSTER_SECRETS_ENCRYPTION;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.eks,
        |region| &region.clusters,
        |cluster| {
            let name = &cluster.name;
            Some(match &cluster.secrets_key_arn {
                Some(key) => check.pass(
                    cluster,
                    format!("cluster {name} encrypts secrets with KMS key {key}"),
                ),
                None => check.fail(
                    cluster,
                    format!(
                        "cluster {name} does not encrypt its secrets with a KMS key of the account"
                    ),
                ),
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    #[test]
    fn key_passes_none_fails_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        let mut plain = eks_cluster("plain");
        plain.secrets_key_arn = None;
        eks(&mut snap).clusters = Fetched::Ok(vec![eks_cluster("prod"), plain]);

        let findings = run(&EKS_CLUSTER_SECRETS_ENCRYPTION, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("prod", Pass), ("plain", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "cluster plain does not encrypt its secrets with a KMS key of the account"
        );

        eks(&mut snap).clusters = Fetched::Failed(denied("ListClusters"));
        assert_eq!(
            statuses(&run(&EKS_CLUSTER_SECRETS_ENCRYPTION, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
