use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that every SQS queue encrypts its messages at rest, with SQS-owned keys (SSE-SQS)
    /// or with a KMS key (SSE-KMS).
    ///
    /// ## Why is this bad?
    /// Messages often carry orders, personal data or tokens, and can wait in a queue for up to 14
    /// days. Unencrypted, they sit on disk in the clear; server-side encryption costs nothing
    /// with SSE-SQS and makes access to the data controllable with SSE-KMS.
    ///
    /// ## Example
    /// `aws sqs get-queue-attributes --queue-url URL --attribute-names All` shows
    /// `"SqsManagedSseEnabled": "false"` and no `KmsMasterKeyId`. Fix:
    /// `aws sqs set-queue-attributes --queue-url URL --attributes SqsManagedSseEnabled=true` (or
    /// `KmsMasterKeyId=alias/aws/sqs`, or a customer managed key).
    ///
    /// ## Not evaluated when
    /// The region's queues could not be listed (one finding for the region), or this queue's
    /// attributes could not be read.
    pub SQS_QUEUE_ENCRYPTED = "sqs_queue_encrypted",
    pillar: Pillar::Security,
    service: Service::Sqs,
    severity: Severity::Medium,
    best_practices: &[direct("SEC08-BP02")],
    since: "0.2.0",
    title: "SQS queues encrypt messages at rest",
    remediation: "aws sqs set-queue-attributes --queue-url URL --attributes SqsManagedSseEnabled=true",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &SQS_QUEUE_ENCRYPTED;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.sqs,
        |region| &region.queues,
        |queue| {
            Some(match &queue.attributes {
                Fetched::Ok(attributes) => {
                    match (&attributes.kms_master_key_id, attributes.sqs_managed_sse) {
                        (Some(key), _) => check.pass(
                            queue,
                            format!("queue {} is encrypted with KMS key {key}", queue.name),
                        ),
                        (None, true) => check.pass(
                            queue,
                            format!("queue {} is encrypted with SQS-owned keys", queue.name),
                        ),
                        (None, false) => check.fail(
                            queue,
                            format!("queue {} stores messages unencrypted", queue.name),
                        ),
                    }
                }
                Fetched::Failed(why) => check.not_evaluated(queue, why),
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::sqs::QueueAttributes;
    use crate::testing::*;

    #[test]
    fn sse_passes_plain_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut kms = queue("payments");
        let mut plain = queue("events");
        let mut unreadable = queue("audit");
        if let Fetched::Ok(attributes) = &mut kms.attributes {
            attributes.sqs_managed_sse = false;
            attributes.kms_master_key_id = Some("alias/aws/sqs".into());
        }
        plain.attributes = Fetched::Ok(QueueAttributes {
            sqs_managed_sse: false,
            kms_master_key_id: None,
            dead_letter_target_arn: None,
            receive_wait_time_seconds: Some(20),
        });
        unreadable.attributes = Fetched::Failed(denied("GetQueueAttributes"));
        sqs(&mut snap).queues = Fetched::Ok(vec![queue("orders"), kms, plain, unreadable]);

        let findings = run(&SQS_QUEUE_ENCRYPTED, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("orders", Pass),
                ("payments", Pass),
                ("events", Fail),
                ("audit", NotEvaluated)
            ])
        );
        assert_eq!(
            findings[0].message,
            "queue orders is encrypted with SQS-owned keys"
        );
        assert_eq!(
            findings[1].message,
            "queue payments is encrypted with KMS key alias/aws/sqs"
        );
        assert_eq!(
            findings[2].message,
            "queue events stores messages unencrypted"
        );

        sqs(&mut snap).queues = Fetched::Failed(denied("ListQueues"));
        assert_eq!(
            statuses(&run(&SQS_QUEUE_ENCRYPTED, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
