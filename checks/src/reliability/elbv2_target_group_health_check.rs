use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::elbv2::TargetGroup;
use crate::model::{ResourceRef, Service, Tags};

declare_check! {
    /// ## What it does
    /// Checks that every target group attached to a load balancer has health checks enabled
    /// (`HealthCheckEnabled`). Target groups attached to no load balancer are skipped: nothing
    /// routes to them. (Instance, IP and ALB target groups always have health checks; Lambda
    /// target groups have them off unless turned on.)
    ///
    /// ## Why is this bad?
    /// Without a health check the load balancer cannot tell a failed target from a healthy one:
    /// it keeps sending requests to the failed one, and an Auto Scaling group using ELB health
    /// checks never replaces it. Health checks are how component failures are detected.
    ///
    /// ## Example
    /// `aws elbv2 describe-target-groups` shows `"HealthCheckEnabled": false`. Fix: `aws elbv2
    /// modify-target-group --target-group-arn ARN --health-check-enabled --health-check-path
    /// /health`.
    ///
    /// ## Not evaluated when
    /// The region's target groups could not be listed (one finding for the region), or the
    /// listing does not say whether health checks are enabled.
    pub ELBV2_TARGET_GROUP_HEALTH_CHECK = "elbv2_target_group_health_check",
    pillar: Pillar::Reliability,
    service: Service::Elbv2,
    severity: Severity::Medium,
    best_practices: &[direct("REL11-BP01")],
    since: "0.4.0",
    title: "Load balancer target groups check their targets' health",
    remediation: "aws elbv2 modify-target-group --target-group-arn ARN --health-check-enabled --health-check-path /health",
    evaluate: evaluate,
}

fn resource(group: &TargetGroup, region: &str) -> ResourceRef {
    ResourceRef {
        arn: group.arn.clone(),
        kind: "AWS::ElasticLoadBalancingV2::TargetGroup".into(),
        id: group.name.clone(),
        name: None,
        region: region.to_string(),
        tags: Tags::new(),
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &ELBV2_TARGET_GROUP_HEALTH_CHECK;
    let snap = ctx.snapshot;
    snap.elbv2
        .iter()
        .flat_map(|(region, elb)| match &elb.target_groups {
            crate::model::Fetched::Ok(groups) => groups
                .iter()
                .filter(|group| !group.load_balancer_arns.is_empty())
                .map(|group| {
                    let at = resource(group, region);
                    match group.health_check_enabled {
                        Some(true) => {
                            let how = match (&group.health_check_protocol, &group.health_check_path)
                            {
                                (Some(protocol), Some(path)) => format!(" ({protocol} {path})"),
                                (Some(protocol), None) => format!(" ({protocol})"),
                                _ => String::new(),
                            };
                            check.pass(
                                &at,
                                format!(
                                    "target group {} checks its targets' health{how}",
                                    group.name
                                ),
                            )
                        }
                        Some(false) => check.fail(
                            &at,
                            format!("target group {} has health checks disabled", group.name),
                        ),
                        None => check.not_evaluated(
                            &at,
                            &crate::model::Gap::missing(
                                Service::Elbv2,
                                region,
                                "DescribeTargetGroups",
                                "HealthCheckEnabled",
                            ),
                        ),
                    }
                })
                .collect(),
            crate::model::Fetched::Failed(gap) => {
                vec![check.not_evaluated(&snap.account_resource(region), gap)]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    #[test]
    fn enabled_passes_disabled_fails_unknown_not_evaluated_unattached_skipped() {
        let mut snap = snapshot();
        let mut lambda = target_group("fn-targets", "web");
        lambda.target_type = Some("lambda".into());
        lambda.health_check_enabled = Some(false);
        let mut unknown = target_group("old", "web");
        unknown.health_check_enabled = None;
        let mut idle = target_group("idle", "web");
        idle.load_balancer_arns.clear();
        idle.health_check_enabled = Some(false);
        elbv2(&mut snap).target_groups = Fetched::Ok(vec![
            target_group("web-targets", "web"),
            lambda,
            unknown,
            idle,
        ]);

        let findings = run(&ELBV2_TARGET_GROUP_HEALTH_CHECK, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("web-targets", Pass),
                ("fn-targets", Fail),
                ("old", NotEvaluated)
            ])
        );
        assert_eq!(
            findings[0].message,
            "target group web-targets checks its targets' health (HTTP /health)"
        );

        elbv2(&mut snap).target_groups = Fetched::Failed(denied("DescribeTargetGroups"));
        assert_eq!(
            statuses(&run(&ELBV2_TARGET_GROUP_HEALTH_CHECK, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
