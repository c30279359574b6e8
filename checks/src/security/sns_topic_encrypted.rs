use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that every SNS topic encrypts its messages at rest with a KMS key.
    ///
    /// ## Why is this bad?
    /// SNS stores each message until every subscription has received it, for hours when an
    /// endpoint is down. Without server-side encryption those messages, often alerts with
    /// resource names, order data or personal data, sit on disk unencrypted, and there is no key
    /// policy to control or audit who can read them.
    ///
    /// ## Example
    /// `aws sns get-topic-attributes --topic-arn ARN` shows no `KmsMasterKeyId`. Fix:
    /// `aws sns set-topic-attributes --topic-arn ARN --attribute-name KmsMasterKeyId
    /// --attribute-value alias/aws/sns` (or a customer managed key, which publishers such as
    /// CloudWatch alarms need to be allowed to use).
    ///
    /// ## Not evaluated when
    /// The region's topics could not be listed (one finding for the region), or this topic's
    /// attributes could not be read.
    pub SNS_TOPIC_ENCRYPTED = "sns_topic_encrypted",
    pillar: Pillar::Security,
    service: Service::Sns,
    severity: Severity::Medium,
    best_practices: &[direct("SEC08-BP02")],
    since: "0.2.0",
    title: "SNS topics encrypt messages at rest",
    remediation: "aws sns set-topic-attributes --topic-arn ARN --attribute-name KmsMasterKeyId --attribute-value alias/aws/sns",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &SNS_TOPIC_ENCRYPTED;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.sns,
        |region| &region.topics,
        |topic| {
            Some(match &topic.attributes {
                Fetched::Ok(attributes) => match &attributes.kms_master_key_id {
                    Some(key) => check.pass(
                        topic,
                        format!("topic {} is encrypted with KMS key {key}", topic.name),
                    ),
                    None => check.fail(
                        topic,
                        format!("topic {} stores messages unencrypted", topic.name),
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
    use crate::model::sns::TopicAttributes;
    use crate::testing::*;

    #[test]
    fn kms_passes_plain_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut plain = topic("deploys");
        plain.attributes = Fetched::Ok(TopicAttributes {
            kms_master_key_id: None,
            subscriptions_confirmed: Some(1),
        });
        let mut unreadable = topic("audit");
        unreadable.attributes = Fetched::Failed(denied("GetTopicAttributes"));
        sns(&mut snap).topics = Fetched::Ok(vec![topic("alerts"), plain, unreadable]);

        let findings = run(&SNS_TOPIC_ENCRYPTED, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("alerts", Pass), ("deploys", Fail), ("audit", NotEvaluated)])
        );
        assert_eq!(
            findings[0].message,
            "topic alerts is encrypted with KMS key alias/aws/sns"
        );
        assert_eq!(
            findings[1].message,
            "topic deploys stores messages unencrypted"
        );

        sns(&mut snap).topics = Fetched::Failed(denied("ListTopics"));
        assert_eq!(
            statuses(&run(&SNS_TOPIC_ENCRYPTED, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
