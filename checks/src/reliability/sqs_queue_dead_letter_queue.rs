use std::collections::BTreeSet;

use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that every SQS queue has a redrive policy sending messages that keep failing to a
    /// dead-letter queue. A queue that is itself the dead-letter queue of another passes.
    ///
    /// ## Why is this bad?
    /// Without a dead-letter queue, a message its consumers can never process (a poison message)
    /// is received and retried until its retention period ends, using consumer capacity and
    /// hiding the failure; then it silently disappears. A dead-letter queue caps the retries,
    /// keeps the failed messages for inspection and redrive, and gives a depth to alarm on.
    ///
    /// ## Example
    /// `aws sqs get-queue-attributes --queue-url URL --attribute-names RedrivePolicy` returns no
    /// attribute. Fix: create a queue `NAME-dlq`, then
    /// `aws sqs set-queue-attributes --queue-url URL --attributes
    /// '{"RedrivePolicy":"{\"deadLetterTargetArn\":\"DLQ_ARN\",\"maxReceiveCount\":\"5\"}"}'`,
    /// and alarm on the dead-letter queue's `ApproximateNumberOfMessagesVisible`.
    ///
    /// ## Not evaluated when
    /// The region's queues could not be listed (one finding for the region), or this queue's
    /// attributes could not be read.
    pub SQS_QUEUE_DEAD_LETTER_QUEUE = "sqs_queue_dead_letter_queue",
    pillar: Pillar::Reliability,
    service: Service::Sqs,
    severity: Severity::Low,
    best_practices: &[direct("REL05-BP04")],
    since: "0.2.0",
    title: "SQS queues send failed messages to a dead-letter queue",
    remediation: "aws sqs set-queue-attributes --queue-url URL --attributes '{\"RedrivePolicy\":\"{\\\"deadLetterTargetArn\\\":\\\"DLQ_ARN\\\",\\\"maxReceiveCount\\\":\\\"5\\\"}\"}'",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &SQS_QUEUE_DEAD_LETTER_QUEUE;
    let dead_letter_queues: BTreeSet<&str> = ctx
        .snapshot
        .sqs
        .values()
        .filter_map(|region| region.queues.ok())
        .flatten()
        .filter_map(|queue| queue.attributes.ok())
        .filter_map(|attributes| attributes.dead_letter_target_arn.as_deref())
        .collect();
    ctx.each_in_regions(
        check,
        &ctx.snapshot.sqs,
        |region| &region.queues,
        |queue| {
            Some(match &queue.attributes {
                Fetched::Ok(attributes) => match &attributes.dead_letter_target_arn {
                    Some(target) => check.pass(
                        queue,
                        format!("queue {} redrives failed messages to {target}", queue.name),
                    ),
                    None if dead_letter_queues.contains(queue.arn.as_str()) => check.pass(
                        queue,
                        format!("queue {} is a dead-letter queue", queue.name),
                    ),
                    None => check.fail(
                        queue,
                        format!(
                            "queue {} has no dead-letter queue: failed messages are retried until they expire",
                            queue.name
                        ),
                    ),
                },
                Fetched::Failed(why) => check.not_evaluated(queue, why),
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    #[test]
    fn redrive_passes_dead_letter_queue_passes_none_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut dlq = queue("orders-dlq");
        let mut events = queue("events");
        let mut unreadable = queue("audit");
        for q in [&mut dlq, &mut events] {
            if let Fetched::Ok(attributes) = &mut q.attributes {
                attributes.dead_letter_target_arn = None;
            }
        }
        unreadable.attributes = Fetched::Failed(denied("GetQueueAttributes"));
        sqs(&mut snap).queues = Fetched::Ok(vec![queue("orders"), dlq, events, unreadable]);

        let findings = run(&SQS_QUEUE_DEAD_LETTER_QUEUE, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("orders", Pass),
                ("orders-dlq", Pass),
                ("events", Fail),
                ("audit", NotEvaluated)
            ])
        );
        assert_eq!(
            findings[0].message,
            "queue orders redrives failed messages to arn:aws:sqs:us-east-1:123456789012:orders-dlq"
        );
        assert_eq!(
            findings[1].message,
            "queue orders-dlq is a dead-letter queue"
        );
        assert_eq!(
            findings[2].message,
            "queue events has no dead-letter queue: failed messages are retried until they expire"
        );

        sqs(&mut snap).queues = Fetched::Failed(denied("ListQueues"));
        assert_eq!(
            statuses(&run(&SQS_QUEUE_DEAD_LETTER_QUEUE, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
