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
    use super::super::resource_policy::testing::assert_policy_check;
    use super::*;
    use crate::model::Fetched;
    use crate::testing::*;

    #[test]
    fn open_fails_restricted_named_or_none_passes_unknown_is_not_evaluated() {
        assert_policy_check(
            &SNS_TOPIC_POLICY_PUBLIC,
            |snap, items| {
                sns(snap).topics = match items {
                    Fetched::Ok(items) => Fetched::Ok(
                        items
                            .into_iter()
                            .map(|(name, policy)| {
                                let mut item = topic(name);
                                item.policy = policy;
                                item
                            })
                            .collect(),
                    ),
                    Fetched::Failed(gap) => Fetched::Failed(gap),
                }
            },
            "topic",
            "GetTopicAttributes",
        );
    }
}
