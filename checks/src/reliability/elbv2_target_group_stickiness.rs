use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, ResourceRef, Service, Tags};

declare_check! {
    /// ## What it does
    /// Checks whether the target groups load balancers route to pin clients to one target
    /// with sticky sessions (`stickiness.enabled`). One finding per target group a load
    /// balancer routes to.
    ///
    /// ## Why is this bad?
    /// Stickiness is usually there because a target keeps session state in its own memory:
    /// when that target is replaced, scaled in or fails, its users lose their sessions, and
    /// load cannot be spread evenly while sessions stay pinned. Keeping session state in a
    /// shared store (ElastiCache, DynamoDB) makes every target interchangeable. A proxy: a
    /// sticky group suggests state on the targets; a group without stickiness does not prove
    /// the targets are stateless.
    ///
    /// ## Example
    /// `aws elbv2 describe-target-group-attributes --target-group-arn ARN` shows
    /// `stickiness.enabled` `true`. Fix: move session state to a shared store, then `aws elbv2
    /// modify-target-group-attributes --target-group-arn ARN --attributes
    /// Key=stickiness.enabled,Value=false`.
    ///
    /// ## Not evaluated when
    /// The target groups, or this group's attributes, could not be read, or the answer lacked
    /// `stickiness.enabled`.
    pub ELBV2_TARGET_GROUP_STICKINESS = "elbv2_target_group_stickiness",
    pillar: Pillar::Reliability,
    service: Service::Elbv2,
    severity: Severity::Low,
    best_practices: &[indirect("REL05-BP06")],
    since: "0.5.0",
    title: "Load balancer target groups do not pin sessions to one target",
    remediation: "Keep session state in a shared store (ElastiCache, DynamoDB), then turn stickiness off: aws elbv2 modify-target-group-attributes --target-group-arn ARN --attributes Key=stickiness.enabled,Value=false",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &ELBV2_TARGET_GROUP_STICKINESS;
    let snap = ctx.snapshot;
    snap.elbv2
        .iter()
        .flat_map(|(region, elb)| match &elb.target_groups {
            Fetched::Ok(groups) => groups
                .iter()
                .filter(|group| !group.load_balancer_arns.is_empty())
                .map(|group| {
                    let at = ResourceRef {
                        arn: group.arn.clone(),
                        kind: "AWS::ElasticLoadBalancingV2::TargetGroup".into(),
                        id: group.name.clone(),
                        name: None,
                        region: region.clone(),
                        tags: Tags::new(),
                    };
                    let attributes = match &group.attributes {
                        Fetched::Ok(attributes) => attributes,
                        Fetched::Failed(why) => return check.not_evaluated(&at, why),
                    };
                    match attributes.get("stickiness.enabled").map(String::as_str) {
                        Some("true") => {
                            let kind = attributes
                                .get("stickiness.type")
                                .map(|kind| format!(" ({kind})"))
                                .unwrap_or_default();
                            check.fail(&at, format!("sticky sessions are on{kind}"))
                        }
                        Some(_) => check.pass(&at, "no sticky sessions"),
                        None => check.not_evaluated(
                            &at,
                            &crate::model::Gap::missing_on(
                                Service::Elbv2,
                                region,
                                "DescribeTargetGroupAttributes",
                                &group.name,
                                "stickiness.enabled",
                            ),
                        ),
                    }
                })
                .collect(),
            Fetched::Failed(gap) => vec![check.not_evaluated(&snap.account_resource(region), gap)],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    fn with(name: &str, attributes: &[(&str, &str)]) -> crate::model::elbv2::TargetGroup {
        let mut group = target_group(name, "web");
        group.attributes = Fetched::Ok(
            attributes
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        );
        group
    }

    #[test]
    fn sticky_groups_fail_others_pass() {
        let mut snap = snapshot();
        let mut unread = target_group("unread", "web");
        unread.attributes = Fetched::Failed(denied("DescribeTargetGroupAttributes"));
        let mut idle = target_group("idle", "web");
        idle.load_balancer_arns.clear();
        elbv2(&mut snap).target_groups = Fetched::Ok(vec![
            target_group("web-tg", "web"),
            with(
                "sticky",
                &[
                    ("stickiness.enabled", "true"),
                    ("stickiness.type", "lb_cookie"),
                ],
            ),
            with("silent", &[]),
            unread,
            idle,
        ]);
        let findings = run(&ELBV2_TARGET_GROUP_STICKINESS, &snap);
        assert_eq!(
            statuses(&findings),
            expect(&[
                ("web-tg", Pass),
                ("sticky", Fail),
                ("silent", NotEvaluated),
                ("unread", NotEvaluated),
            ])
        );
        assert_eq!(findings[1].message, "sticky sessions are on (lb_cookie)");
    }

    #[test]
    fn unlisted_groups_are_not_evaluated() {
        let mut snap = snapshot();
        elbv2(&mut snap).target_groups = Fetched::Failed(denied("DescribeTargetGroups"));
        assert_eq!(
            statuses(&run(&ELBV2_TARGET_GROUP_STICKINESS, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
