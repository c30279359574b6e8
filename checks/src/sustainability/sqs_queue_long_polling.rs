use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Gap, Service};

declare_check! {
    /// ## What it does
    /// Checks that every SQS queue uses long polling by default
    /// (`ReceiveMessageWaitTimeSeconds` of 1 to 20 seconds).
    ///
    /// ## Why is this bad?
    /// With short polling (0 seconds), a `ReceiveMessage` call returns at once, usually empty,
    /// and samples only some of the servers: idle consumers spin in a loop of empty receives
    /// that burn CPU, network and billed requests for nothing, and messages can be missed by a
    /// single call. Long polling waits for a message to arrive, so an idle consumer sleeps.
    ///
    /// ## Example
    /// `aws sqs get-queue-attributes --queue-url URL --attribute-names
    /// ReceiveMessageWaitTimeSeconds` shows `0`. Fix: `aws sqs set-queue-attributes --queue-url
    /// URL --attributes ReceiveMessageWaitTimeSeconds=20` (consumers may still pass their own
    /// `WaitTimeSeconds`).
    ///
    /// ## Not evaluated when
    /// The region's queues could not be listed (one finding for the region), or this queue's
    /// attributes could not be read or do not include the wait time.
    pub SQS_QUEUE_LONG_POLLING = "sqs_queue_long_polling",
    pillar: Pillar::Sustainability,
    service: Service::Sqs,
    severity: Severity::Low,
    best_practices: &[indirect("SUS03-BP01")],
    since: "0.3.0",
    title: "SQS queues use long polling",
    remediation: "aws sqs set-queue-attributes --queue-url URL --attributes ReceiveMessageWaitTimeSeconds=20",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &SQS_QUEUE_LONG_POLLING;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.sqs,
        |region| &region.queues,
        |queue| {
            Some(match &queue.attributes {
                Fetched::Ok(attributes) => match attributes.receive_wait_time_seconds {
                    Some(seconds) if seconds > 0 => check.pass(
                        queue,
                        format!("queue {} long-polls for {seconds} s", queue.name),
                    ),
                    Some(_) => check.fail(
                        queue,
                        format!(
                            "queue {} uses short polling: idle consumers loop on empty receives",
                            queue.name
                        ),
                    ),
                    None => check.not_evaluated(
                        queue,
                        &Gap::missing(
                            Service::Sqs,
                            &queue.region,
                            "GetQueueAttributes",
                            "ReceiveMessageWaitTimeSeconds",
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
    fn long_passes_short_fails_unknown_is_not_evaluated() {
        let mut snap = snapshot();
        let mut short = queue("jobs");
        if let Fetched::Ok(attributes) = &mut short.attributes {
            attributes.receive_wait_time_seconds = Some(0);
        }
        let mut unknown = queue("events");
        if let Fetched::Ok(attributes) = &mut unknown.attributes {
            attributes.receive_wait_time_seconds = None;
        }
        let mut unreadable = queue("audit");
        unreadable.attributes = Fetched::Failed(denied("GetQueueAttributes"));
        sqs(&mut snap).queues = Fetched::Ok(vec![queue("orders"), short, unknown, unreadable]);

        let findings = run(&SQS_QUEUE_LONG_POLLING, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("orders", Pass),
                ("jobs", Fail),
                ("events", NotEvaluated),
                ("audit", NotEvaluated)
            ])
        );
        assert_eq!(
            findings[1].message,
            "queue jobs uses short polling: idle consumers loop on empty receives"
        );
    }
}
