use super::resource_policy::{judge, Source};
use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that no SQS queue policy (the queue's `Policy` attribute) lets anyone
    /// (`"Principal": "*"`, `{"AWS": "*"}`, or an `Allow` with `NotPrincipal`) in without a
    /// condition that restricts who: `aws:SourceArn`, `aws:SourceAccount`, `aws:PrincipalOrgID`,
    /// `aws:SourceVpc(e)`, `aws:SourceIp` and the others of the policy evaluator, under a
    /// positive operator with a value other than `*`.
    ///
    /// ## Why is this bad?
    /// Any AWS account could then read (and delete) the queue's messages or flood it with
    /// forged ones that the consumers trust.
    ///
    /// ## Example
    /// A statement `{"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage"}` with no
    /// condition. Fix: add `"Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:sns:…:topic"}}`
    /// (the sender), or name the accounts, then `aws sqs set-queue-attributes --attributes Policy=…`.
    ///
    /// ## Not evaluated when
    /// The region's queues, or this queue's attributes, could not be read; the policy is not
    /// JSON, a statement lacks `Effect` or `Principal`, or a `Condition` is malformed.
    pub SQS_QUEUE_POLICY_PUBLIC = "sqs_queue_policy_public",
    pillar: Pillar::Security,
    service: Service::Sqs,
    severity: Severity::High,
    best_practices: &[direct("SEC03-BP07")],
    since: "0.3.0",
    title: "SQS queue policies do not let anyone send or receive",
    remediation: "Restrict the statement with an aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID condition, or name the principals, then aws sqs set-queue-attributes --attributes Policy=file://policy.json.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &SQS_QUEUE_POLICY_PUBLIC;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.sqs,
        |region| &region.queues,
        |queue| {
            let source = Source {
                service: Service::Sqs,
                region: Some(&queue.region),
                operation: "GetQueueAttributes",
                resource: &queue.name,
            };
            let what = format!("queue {}", queue.name);
            Some(judge(check, queue, &what, &queue.policy, &source, &[]))
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
            let mut item = queue(name);
            item.policy = policy;
            item
        };
        sqs(&mut snap).queues = Fetched::Ok(vec![
            item("none", Fetched::Ok(None)),
            item("open", Fetched::Ok(Some(OPEN.into()))),
            item("org", Fetched::Ok(Some(ORG_ONLY.into()))),
            item("tls", Fetched::Ok(Some(TLS_ONLY.into()))),
            item("named", Fetched::Ok(Some(NAMED.into()))),
            item("garbled", Fetched::Ok(Some("{not json".into()))),
            item("hidden", Fetched::Failed(denied("GetQueueAttributes"))),
        ]);

        let findings = run(&SQS_QUEUE_POLICY_PUBLIC, &snap);

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
            "queue open's policy lets anyone in, with no condition that restricts who: statement Everyone"
        );
        assert!(
            findings[5].message.contains("not valid JSON"),
            "{}",
            findings[5].message
        );

        sqs(&mut snap).queues = Fetched::Failed(denied("List"));
        assert_eq!(
            statuses(&run(&SQS_QUEUE_POLICY_PUBLIC, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
