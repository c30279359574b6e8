use crate::catalog::Pillar;
use crate::check::{direct, indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::lambda::EventSourceMapping;
use crate::model::{Fetched, Gap, Service, Snapshot};

declare_check! {
    /// ## What it does
    /// Checks that every enabled Lambda event source mapping gives up on a failing batch: for a
    /// stream (Kinesis, DynamoDB Streams, Kafka), a maximum retry count or record age (the
    /// default, `-1`, retries until the records expire); for an SQS queue, a redrive policy
    /// on the queue sending repeatedly failing messages to a dead-letter queue.
    ///
    /// ## Why is this bad?
    /// A poison record retried without limit blocks its shard for up to a week (streams) or
    /// is received and failed again and again until the retention period ends (queues): the
    /// retries multiply the load on the function and everything it calls, and the records
    /// behind it wait. Bounded retries with a place for failures (an on-failure destination,
    /// a dead-letter queue) keep the pipeline moving and the failure visible. Queues and
    /// streams between components are also how they are loosely coupled.
    ///
    /// ## Example
    /// `aws lambda list-event-source-mappings` shows a Kinesis mapping with
    /// `"MaximumRetryAttempts": -1`. Fix: `aws lambda update-event-source-mapping --uuid UUID
    /// --maximum-retry-attempts 5 --bisect-batch-on-function-error --destination-config
    /// OnFailure={Destination=arn:aws:sqs:...:failed}`; for SQS, a redrive policy on the queue.
    ///
    /// ## Not evaluated when
    /// The region's mappings could not be listed (one finding for the region), or an SQS
    /// source's attributes could not be read (or the queue is not among those listed).
    pub LAMBDA_EVENT_SOURCE_RETRIES_BOUNDED = "lambda_event_source_retries_bounded",
    pillar: Pillar::Reliability,
    service: Service::Lambda,
    severity: Severity::Medium,
    best_practices: &[direct("REL05-BP03"), indirect("REL04-BP02")],
    since: "0.4.0",
    title: "Lambda event source mappings bound their retries",
    remediation: "Streams: aws lambda update-event-source-mapping --uuid UUID --maximum-retry-attempts N --destination-config OnFailure={Destination=ARN}; SQS: set a redrive policy (dead-letter queue, maxReceiveCount) on the queue",
    evaluate: evaluate,
}

/// An SQS queue's dead-letter target, as far as the snapshot knows it.
fn queue_dead_letter<'a>(
    snap: &'a Snapshot,
    queue_arn: &str,
) -> Result<Option<String>, Option<&'a Gap>> {
    for sqs in snap.sqs.values() {
        match &sqs.queues {
            Fetched::Ok(queues) => {
                if let Some(queue) = queues.iter().find(|q| q.arn == queue_arn) {
                    return match &queue.attributes {
                        Fetched::Ok(attributes) => Ok(attributes.dead_letter_target_arn.clone()),
                        Fetched::Failed(gap) => Err(Some(gap)),
                    };
                }
            }
            Fetched::Failed(gap) => return Err(Some(gap)),
        }
    }
    Err(None)
}

fn verdict(snap: &Snapshot, mapping: &EventSourceMapping) -> Option<Finding> {
    let check = &LAMBDA_EVENT_SOURCE_RETRIES_BOUNDED;
    if mapping.state.as_deref() == Some("Disabled") {
        return None;
    }
    let source = mapping.source_arn.as_deref()?;
    let name = source.rsplit([':', '/']).next().unwrap_or(source);
    match mapping.source_service()? {
        "sqs" => Some(match queue_dead_letter(snap, source) {
            Ok(Some(dlq)) => check.pass(
                mapping,
                format!("queue {name} sends repeatedly failing messages to {dlq}"),
            ),
            Ok(None) => check.fail(
                mapping,
                format!("queue {name} has no redrive policy: a failing message is retried until it expires"),
            ),
            Err(Some(gap)) => check.not_evaluated(mapping, gap),
            Err(None) => check.not_evaluated(
                mapping,
                &Gap::missing(Service::Sqs, &mapping.region, "ListQueues", &format!("the queue {name}")),
            ),
        }),
        "kinesis" | "dynamodb" | "kafka" => {
            // Absent means -1, "infinite": the documented default for stream sources.
            let retries = mapping.maximum_retry_attempts.filter(|n| *n >= 0);
            let age = mapping.maximum_record_age_seconds.filter(|s| *s >= 0);
            let destination = mapping
                .on_failure_destination
                .as_deref()
                .map(|d| format!(", failures go to {d}"))
                .unwrap_or_default();
            Some(match (retries, age) {
                (Some(n), _) => check.pass(
                    mapping,
                    format!("stream {name}: a failing batch is retried at most {n} time(s){destination}"),
                ),
                (None, Some(s)) => check.pass(
                    mapping,
                    format!("stream {name}: records older than {s} s are given up{destination}"),
                ),
                (None, None) => check.fail(
                    mapping,
                    format!("stream {name}: a failing batch is retried until its records expire"),
                ),
            })
        }
        _ => None,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &LAMBDA_EVENT_SOURCE_RETRIES_BOUNDED;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.lambda,
        |region| &region.event_source_mappings,
        |mapping| verdict(ctx.snapshot, mapping),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    const STREAM: &str = "arn:aws:kinesis:us-east-1:123456789012:stream/clicks";

    #[test]
    fn bounded_passes_unbounded_fails_unknown_queue_not_evaluated_disabled_skipped() {
        let mut snap = snapshot();
        let mut with_dlq = queue("orders");
        if let Fetched::Ok(attributes) = &mut with_dlq.attributes {
            attributes.dead_letter_target_arn =
                Some("arn:aws:sqs:us-east-1:123456789012:orders-dlq".into());
        }
        let mut bare = queue("emails");
        if let Fetched::Ok(attributes) = &mut bare.attributes {
            attributes.dead_letter_target_arn = None;
        }
        let (with_dlq_arn, bare_arn) = (with_dlq.arn.clone(), bare.arn.clone());
        sqs(&mut snap).queues = Fetched::Ok(vec![with_dlq, bare]);
        let mut bounded = event_source_mapping("m-bounded", STREAM);
        bounded.maximum_retry_attempts = Some(3);
        let mut disabled = event_source_mapping("m-off", STREAM);
        disabled.state = Some("Disabled".into());
        lambda(&mut snap).event_source_mappings = Fetched::Ok(vec![
            bounded,
            event_source_mapping("m-forever", STREAM),
            event_source_mapping("m-dlq", &with_dlq_arn),
            event_source_mapping("m-bare", &bare_arn),
            event_source_mapping("m-lost", "arn:aws:sqs:us-east-1:123456789012:elsewhere"),
            disabled,
        ]);

        let findings = run(&LAMBDA_EVENT_SOURCE_RETRIES_BOUNDED, &snap);
        let found: Vec<_> = findings
            .iter()
            .map(|f| (f.resource.id.as_str(), f.status))
            .collect();
        assert_eq!(
            found,
            [
                ("m-bounded", Pass),
                ("m-forever", Fail),
                ("m-dlq", Pass),
                ("m-bare", Fail),
                ("m-lost", NotEvaluated),
            ]
        );
        assert_eq!(
            findings[1].message,
            "stream clicks: a failing batch is retried until its records expire"
        );

        lambda(&mut snap).event_source_mappings =
            Fetched::Failed(denied("ListEventSourceMappings"));
        assert_eq!(
            statuses(&run(&LAMBDA_EVENT_SOURCE_RETRIES_BOUNDED, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
