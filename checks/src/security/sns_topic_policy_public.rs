use super::resource_policy::{judge, Source};
use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that no SNS topic's access policy (the topic's `Policy` attribute) lets anyone
    /// (`"Principal": "*"`, `{"AWS": "*"}`, or an `Allow` with `NotPrincipal`) in without a
    /// condition that restricts who: `aws:SourceOwner`, `aws:SourceArn`, `aws:SourceAccount`,
    /// `aws:PrincipalOrgID` and the others of the policy evaluator, under a positive operator
    /// with a value other than `*`.
    ///
    /// ## Why is this bad?
    /// Anyone could publish forged messages to the subscribers, or subscribe an endpoint of
    /// theirs and receive every message.
    ///
    /// ## Example
    /// `{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["SNS:Publish", "SNS:Subscribe"]}`
    /// without a condition. Fix: add `"Condition": {"StringEquals": {"AWS:SourceOwner": "ACCOUNT"}}`
    /// (what the default topic policy does), then `aws sns set-topic-attributes --attribute-name Policy`.
    ///
    /// ## Not evaluated when
    /// The region's topics, or this topic's attributes, could not be read; the policy is not
    /// JSON, a statement lacks `Effect` or `Principal`, or a `Condition` is malformed.
    pub SNS_TOPIC_POLICY_PUBLIC = "sns_topic_policy_public",
    pillar: Pillar::Security,
    service: Service::Sns,
    severity: Severity::High,
    best_practices: &[direct("SEC03-BP07")],
    since: "0.3.0",
    title: "SNS topic policies do not let anyone publish or subscribe",
    remediation: "Add an AWS:SourceOwner, aws:SourceArn or aws:PrincipalOrgID condition, or name the principals, then aws sns set-topic-attributes --attribute-name Policy.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &SNS_TOPIC_POLICY_PUBLIC;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.sns,
        |region| &region.topics,
        |topic| {
            let source = Source {
                service: Service::Sns,
                region: Some(&topic.region),
                operation: "GetTopicAttributes",
                resource: &topic.name,
            };
            let what = format!("topic {}", topic.name);
            Some(judge(check, topic, &what, &topic.policy, &source, &[]))
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    const OPEN: &str =
        r#"{"Statement":[{"Sid":"Everyone","Effect":"Allow","Principal":"*","Action":"*"}]}"#;
    const ORG_ONLY: &str = r#"{"Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-1"}}}}"#;
    const TLS_ONLY: &str = r#"{"Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}}"#;
    const NAMED: &str = r#"{"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"*"}}"#;

    #[test]
    fn open_fails_restricted_named_or_none_passes_unknown_is_not_evaluated() {
        let mut snap = snapshot();
        let item = |name: &str, policy: Fetched<Option<String>>| {
            let mut item = topic(name);
            item.policy = policy;
            item
        };
        sns(&mut snap).topics = Fetched::Ok(vec![
            item("none", Fetched::Ok(None)),
            item("open", Fetched::Ok(Some(OPEN.into()))),
            item("org", Fetched::Ok(Some(ORG_ONLY.into()))),
            item("tls", Fetched::Ok(Some(TLS_ONLY.into()))),
            item("named", Fetched::Ok(Some(NAMED.into()))),
            item("garbled", Fetched::Ok(Some("{not json".into()))),
            item("hidden", Fetched::Failed(denied("GetTopicAttributes"))),
        ]);

        let findings = run(&SNS_TOPIC_POLICY_PUBLIC, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("none", Pass),
                ("open", Fail),
                ("org", Pass),
                ("tls", Fail),
                ("named", Pass),
                ("garbled", NotEvaluated),
                ("hidden", NotEvaluated),
            ])
        );
        assert_eq!(
            findings[1].message,
            "topic open's policy lets anyone in, with no condition that restricts who: statement Everyone"
        );
        assert!(
            findings[5].message.contains("not valid JSON"),
            "{}",
            findings[5].message
        );

        sns(&mut snap).topics = Fetched::Failed(denied("List"));
        assert_eq!(
            statuses(&run(&SNS_TOPIC_POLICY_PUBLIC, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
