use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that every SNS topic has at least one confirmed subscription.
    ///
    /// ## Why is this bad?
    /// Alarms, budgets, backup and deployment notifications are usually published to a topic.
    /// A topic without a confirmed subscription accepts every message and delivers none: the
    /// alert fires and nobody hears it. A subscription left pending (an e-mail never confirmed)
    /// does not count.
    ///
    /// ## Example
    /// `aws sns get-topic-attributes --topic-arn ARN` shows `"SubscriptionsConfirmed": "0"`. Fix:
    /// subscribe the on-call channel (`aws sns subscribe --topic-arn ARN --protocol email
    /// --notification-endpoint oncall@example.com`, then confirm), or delete the topic if
    /// nothing publishes to it.
    ///
    /// ## Not evaluated when
    /// The region's topics could not be listed (one finding for the region), or this topic's
    /// attributes could not be read.
    pub SNS_TOPIC_SUBSCRIBED = "sns_topic_subscribed",
    pillar: Pillar::OperationalExcellence,
    service: Service::Sns,
    severity: Severity::Low,
    best_practices: &[indirect("OPS08-BP04")],
    since: "0.3.0",
    title: "SNS topics deliver to at least one confirmed subscription",
    remediation: "aws sns subscribe --topic-arn ARN --protocol email --notification-endpoint ADDRESS, then confirm the subscription",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &SNS_TOPIC_SUBSCRIBED;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.sns,
        |region| &region.topics,
        |topic| {
            Some(match &topic.attributes {
                Fetched::Ok(attributes) => match attributes.subscriptions_confirmed {
                    Some(count) if count > 0 => check.pass(
                        topic,
                        format!("topic {} has {count} confirmed subscription(s)", topic.name),
                    ),
                    _ => check.fail(
                        topic,
                        format!(
                            "topic {} has no confirmed subscription: its messages reach nobody",
                            topic.name
                        ),
                    ),
                },
                Fetched::Failed(why) => check.not_evaluated(topic, why),
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
    fn subscribed_passes_empty_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut empty = topic("deploys");
        if let Fetched::Ok(attributes) = &mut empty.attributes {
            attributes.subscriptions_confirmed = Some(0);
        }
        let mut unreadable = topic("audit");
        unreadable.attributes = Fetched::Failed(denied("GetTopicAttributes"));
        sns(&mut snap).topics = Fetched::Ok(vec![topic("alerts"), empty, unreadable]);

        let findings = run(&SNS_TOPIC_SUBSCRIBED, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("alerts", Pass), ("deploys", Fail), ("audit", NotEvaluated)])
        );
        assert_eq!(
            findings[1].message,
            "topic deploys has no confirmed subscription: its messages reach nobody"
        );
    }
}
