use super::policy::Policy;
use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{ErrorKind, Fetched, Gap, Service};

declare_check! {
    /// ## What it does
    /// Checks that every S3 bucket refuses requests over plain HTTP: its bucket policy has a
    /// statement that denies `s3:*` (or `*`) to everyone when `aws:SecureTransport` is
    /// `false`.
    ///
    /// ## Why is this bad?
    /// S3 answers on HTTP as well as HTTPS. Without the deny, a misconfigured client, an old SDK
    /// or a script with an `http://` endpoint sends credentials-signed requests and data in
    /// clear text, readable and alterable on the path. SEC09-BP02 asks to enforce encryption in
    /// transit, not to hope for it.
    ///
    /// ## Example
    /// `aws s3api get-bucket-policy --bucket B` has no `aws:SecureTransport` condition. Fix: add
    /// `{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource":
    /// ["arn:aws:s3:::B", "arn:aws:s3:::B/*"], "Condition": {"Bool": {"aws:SecureTransport":
    /// "false"}}}` with `aws s3api put-bucket-policy`.
    ///
    /// ## Not evaluated when
    /// The bucket list, or this bucket's policy, could not be read, or the policy is not JSON.
    pub S3_BUCKET_SECURE_TRANSPORT = "s3_bucket_secure_transport",
    pillar: Pillar::Security,
    service: Service::S3,
    severity: Severity::Medium,
    best_practices: &[direct("SEC09-BP02")],
    since: "0.5.0",
    title: "S3 buckets refuse requests over plain HTTP",
    remediation: "Add a Deny of s3:* to \"*\" with \"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"false\"}} to the bucket policy (aws s3api put-bucket-policy).",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &S3_BUCKET_SECURE_TRANSPORT;
    ctx.each_bucket(check, |bucket| {
        let document = match &bucket.policy {
            Fetched::Ok(Some(document)) => document,
            Fetched::Ok(None) => {
                return Some(check.fail(
                    bucket,
                    format!(
                        "bucket {} has no bucket policy, so nothing refuses plain HTTP",
                        bucket.name
                    ),
                ))
            }
            Fetched::Failed(gap) => return Some(check.not_evaluated(bucket, gap)),
        };
        Some(match Policy::parse(document) {
            Ok(policy) if policy.statements().any(|s| s.denies_insecure_transport()) => check.pass(
                bucket,
                format!("bucket {} denies requests over plain HTTP", bucket.name),
            ),
            Ok(_) => check.fail(
                bucket,
                format!(
                    "bucket {}'s policy does not deny requests over plain HTTP",
                    bucket.name
                ),
            ),
            Err(error) => check.not_evaluated(
                bucket,
                &Gap {
                    service: "s3".into(),
                    region: Some(bucket.region.clone()),
                    operation: "GetBucketPolicy".into(),
                    resource: Some(bucket.name.clone()),
                    kind: ErrorKind::Other,
                    message: format!("the policy is not valid JSON ({error})"),
                },
            ),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    #[test]
    fn a_secure_transport_deny_passes_others_fail_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let with = |name: &str, policy: Option<&str>| {
            let mut bucket = bucket(name);
            bucket.policy = Fetched::Ok(policy.map(str::to_string));
            bucket
        };
        let tls = r#"{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}"#;
        let tls_bool = r#"{"Statement":[{"Effect":"Deny","Principal":{"AWS":"*"},"Action":["*"],"Resource":"*","Condition":{"Bool":{"aws:SecureTransport":false}}}]}"#;
        let narrow = r#"{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}"#;
        let allow = r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}"#;
        let mut hidden = bucket("hidden");
        hidden.policy = Fetched::Failed(denied("GetBucketPolicy"));
        snap.s3.buckets = Fetched::Ok(vec![
            with("tls", Some(tls)),
            with("tls-bool", Some(tls_bool)),
            with("narrow", Some(narrow)),
            with("open", Some(allow)),
            with("none", None),
            with("garbled", Some("{")),
            hidden,
        ]);

        let findings = run(&S3_BUCKET_SECURE_TRANSPORT, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("tls", Pass),
                ("tls-bool", Pass),
                ("narrow", Fail),
                ("open", Fail),
                ("none", Fail),
                ("garbled", NotEvaluated),
                ("hidden", NotEvaluated),
            ])
        );
    }
}
