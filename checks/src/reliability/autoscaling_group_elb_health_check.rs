use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that every EC2 Auto Scaling group attached to a load balancer (a target group or a
    /// Classic Load Balancer) uses the load balancer's health checks (`ELB`, or `VPC_LATTICE`).
    /// Groups with no load balancer give no finding.
    ///
    /// ## Why is this bad?
    /// With the default `EC2` health checks, the group replaces an instance only when the
    /// hypervisor reports it broken. An instance whose application hangs or returns errors fails
    /// the load balancer's checks, gets no traffic, and is kept forever: the group silently runs
    /// with less capacity than it reports.
    ///
    /// ## Example
    /// `aws autoscaling describe-auto-scaling-groups` shows `"HealthCheckType": "EC2"` and a
    /// target group. Fix: `aws autoscaling update-auto-scaling-group --auto-scaling-group-name G
    /// --health-check-type ELB --health-check-grace-period 300`.
    ///
    /// ## Not evaluated when
    /// The region's groups could not be read (one finding for the region).
    pub AUTOSCALING_GROUP_ELB_HEALTH_CHECK = "autoscaling_group_elb_health_check",
    pillar: Pillar::Reliability,
    service: Service::Autoscaling,
    severity: Severity::Medium,
    best_practices: &[direct("REL11-BP03")],
    since: "0.2.0",
    title: "Auto Scaling groups behind a load balancer use its health checks",
    remediation: "aws autoscaling update-auto-scaling-group --auto-scaling-group-name GROUP --health-check-type ELB --health-check-grace-period 300",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &AUTOSCALING_GROUP_ELB_HEALTH_CHECK;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.autoscaling,
        |region| &region.groups,
        |group| {
            if group.load_balancers.is_empty() {
                return None;
            }
            let (name, kind) = (&group.name, &group.health_check_type);
            Some(if group.uses_load_balancer_health_checks() {
                check.pass(
                    group,
                    format!("group {name} replaces instances its load balancer finds unhealthy ({kind} health checks)"),
                )
            } else {
                check.fail(
                    group,
                    format!(
                        "group {name} is behind {} but uses only {kind} health checks",
                        group.load_balancers.join(", ")
                    ),
                )
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    #[test]
    fn elb_checks_pass_ec2_only_fails_no_balancer_skipped_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut blind = auto_scaling_group("blind");
        blind.health_check_type = "EC2".into();
        let mut batch = auto_scaling_group("batch");
        batch.health_check_type = "EC2".into();
        batch.load_balancers = vec![];
        autoscaling(&mut snap).groups = Fetched::Ok(vec![auto_scaling_group("web"), blind, batch]);

        let findings = run(&AUTOSCALING_GROUP_ELB_HEALTH_CHECK, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("web", Pass), ("blind", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "group blind is behind web-tg but uses only EC2 health checks"
        );

        autoscaling(&mut snap).groups = Fetched::Failed(denied("DescribeAutoScalingGroups"));
        assert_eq!(
            statuses(&run(&AUTOSCALING_GROUP_ELB_HEALTH_CHECK, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
