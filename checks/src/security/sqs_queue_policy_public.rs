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
    use super::super::resource_policy::testing::assert_policy_check;
    use super::*;
    use crate::model::Fetched;
    use crate::testing::*;

    #[test]
    fn open_fails_restricted_named_or_none_passes_unknown_is_not_evaluated() {
        assert_policy_check(
            &SQS_QUEUE_POLICY_PUBLIC,
            |snap, items| {
                sqs(snap).queues = match items {
                    Fetched::Ok(items) => Fetched::Ok(
                        items
                            .into_iter()
                            .map(|(name, policy)| {
                                let mut item = queue(name);
                                item.policy = policy;
                                item
                            })
                            .collect(),
                    ),
                    Fetched::Failed(gap) => Fetched::Failed(gap),
                }
            },
            "queue",
            "GetQueueAttributes",
        );
    }
}
