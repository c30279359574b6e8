use super::resource_policy::{judge, Source};
use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that no customer-managed KMS key's policy (`GetKeyPolicy`) lets anyone
    /// (`"Principal": "*"`, `{"AWS": "*"}`, or an `Allow` with `NotPrincipal`) use or manage the
    /// key without a condition that restricts who: `kms:CallerAccount`, `aws:PrincipalOrgID`,
    /// `aws:SourceAccount`, `aws:SourceVpce` and the others of the policy evaluator, under a
    /// positive operator with a value other than `*`. AWS managed keys (whose policies AWS
    /// writes, with `kms:CallerAccount`) are skipped.
    ///
    /// ## Why is this bad?
    /// Whoever may use the key may decrypt everything encrypted under it (or, with
    /// `kms:PutKeyPolicy`, take it over): encryption then protects nothing.
    ///
    /// ## Example
    /// `{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "kms:Decrypt", "Resource": "*"}`.
    /// Fix: name the account's root and roles (or add `"Condition": {"StringEquals":
    /// {"kms:CallerAccount": "ACCOUNT"}}`), then `aws kms put-key-policy --policy-name default`.
    ///
    /// ## Not evaluated when
    /// The region's keys, a key's description or its policy could not be read; the policy is
    /// not JSON, a statement lacks `Effect` or `Principal`, or a `Condition` is malformed.
    pub KMS_KEY_POLICY_PUBLIC = "kms_key_policy_public",
    pillar: Pillar::Security,
    service: Service::Kms,
    severity: Severity::High,
    best_practices: &[direct("SEC03-BP07")],
    since: "0.3.0",
    title: "KMS key policies do not let anyone use the key",
    remediation: "Name the principals in the key policy, or add a kms:CallerAccount or aws:PrincipalOrgID condition, then aws kms put-key-policy --key-id KEY --policy-name default --policy file://policy.json.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &KMS_KEY_POLICY_PUBLIC;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.kms,
        |region| &region.keys,
        |key| {
            match &key.metadata {
                Fetched::Ok(metadata) if !metadata.is_customer_managed() => return None,
                Fetched::Ok(_) => {}
                Fetched::Failed(gap) => return Some(check.not_evaluated(key, gap)),
            }
            let source = Source {
                service: Service::Kms,
                region: Some(&key.region),
                operation: "GetKeyPolicy",
                resource: &key.id,
            };
            let what = format!("key {}", key.label());
            Some(judge(
                check,
                key,
                &what,
                &key.policy,
                &source,
                &["kms:calleraccount"],
            ))
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    const OPEN: &str = r#"{"Statement":[{"Sid":"Everyone","Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*"}]}"#;
    const CALLER: &str = r#"{"Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:CallerAccount":"123456789012","kms:ViaService":"s3.us-east-1.amazonaws.com"}}}}"#;
    const VIA_ONLY: &str = r#"{"Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"s3.us-east-1.amazonaws.com"}}}}"#;

    #[test]
    fn open_fails_caller_account_passes_aws_managed_is_skipped() {
        let mut snap = snapshot();
        let key = |name: &str, policy: Option<&str>| {
            let mut key = kms_key(name);
            key.policy = Fetched::Ok(policy.map(str::to_string));
            key
        };
        let mut managed = key("aws/s3", Some(OPEN));
        if let Fetched::Ok(metadata) = &mut managed.metadata {
            metadata.manager = "AWS".into();
        }
        let mut hidden = kms_key("hidden");
        hidden.policy = Fetched::Failed(denied("GetKeyPolicy"));
        kms(&mut snap).keys = Fetched::Ok(vec![
            key("open", Some(OPEN)),
            key("caller", Some(CALLER)),
            key("via", Some(VIA_ONLY)),
            managed,
            hidden,
        ]);

        let findings = run(&KMS_KEY_POLICY_PUBLIC, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("alias/open", Fail),
                ("alias/caller", Pass),
                ("alias/via", Fail),
                ("alias/hidden", NotEvaluated),
            ])
        );
        assert_eq!(
            findings[0].message,
            "key alias/open (key-open)'s policy lets anyone in, with no condition that restricts who: statement Everyone"
        );
    }

    #[test]
    fn unreadable_keys_are_not_evaluated() {
        let mut snap = snapshot();
        kms(&mut snap).keys = Fetched::Failed(denied("ListKeys"));
        assert_eq!(
            statuses(&run(&KMS_KEY_POLICY_PUBLIC, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
