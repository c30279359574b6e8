use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that each ECS service rolled out by ECS itself (the `ECS` deployment controller)
    /// rolls a failed deployment back automatically: its deployment circuit breaker is enabled
    /// with `rollback`, or its deployment alarms are enabled with `rollback`. One finding per
    /// such service; services deployed by CodeDeploy or an external controller are left to
    /// those (`codedeploy_deployment_group_auto_rollback`).
    ///
    /// ## Why is this bad?
    /// Without automatic rollback, a task definition whose tasks never become healthy keeps
    /// the deployment retrying (for hours with the default settings) and, once it replaces
    /// the old tasks, leaves the service running a broken version until someone notices and
    /// redeploys the last good one by hand. The circuit breaker stops a failing deployment and
    /// returns the service to its last completed deployment; alarm-based rollback does the
    /// same when a CloudWatch alarm fires during the rollout.
    ///
    /// ## Example
    /// `aws ecs describe-services --cluster shop --services checkout` shows
    /// `"deploymentCircuitBreaker": {"enable": false, "rollback": false}`. Fix: `aws ecs
    /// update-service --cluster shop --service checkout --deployment-configuration
    /// 'deploymentCircuitBreaker={enable=true,rollback=true}'`.
    ///
    /// ## Not evaluated when
    /// The services could not be listed or described, or the answer lacked the service's
    /// deployment configuration.
    pub ECS_SERVICE_DEPLOYMENT_ROLLBACK = "ecs_service_deployment_rollback",
    pillar: Pillar::OperationalExcellence,
    service: Service::Ecs,
    severity: Severity::Medium,
    best_practices: &[direct("OPS06-BP04")],
    since: "0.5.0",
    title: "ECS services roll back failed deployments automatically",
    remediation: "aws ecs update-service --cluster CLUSTER --service SERVICE --deployment-configuration 'deploymentCircuitBreaker={enable=true,rollback=true}'",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &ECS_SERVICE_DEPLOYMENT_ROLLBACK;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.ecs,
        |region| &region.services,
        |service| {
            // Absent: ECS ("If a deployment controller is not specified, the default value of
            // ECS is used", DeploymentController, ECS API reference).
            if service.deployment_controller.as_deref().unwrap_or("ECS") != "ECS" {
                return None;
            }
            let breaker = service.circuit_breaker;
            let alarms = service.alarms;
            Some(match (breaker, alarms) {
                (Some((true, true)), _) => {
                    check.pass(service, "the deployment circuit breaker rolls back")
                }
                (_, Some((true, true))) => {
                    check.pass(service, "deployment alarms roll back")
                }
                (None, None) => {
                    let why = crate::model::Gap::missing_on(
                        Service::Ecs,
                        &service.region,
                        "DescribeServices",
                        &format!("{}/{}", service.cluster, service.name),
                        "deploymentConfiguration.deploymentCircuitBreaker",
                    );
                    check.not_evaluated(service, &why)
                }
                (Some((true, false)), _) => check.fail(
                    service,
                    "the circuit breaker stops a failing deployment but does not roll it back",
                ),
                _ => check.fail(
                    service,
                    "neither the circuit breaker nor deployment alarms roll a failed deployment back",
                ),
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
    fn a_breaker_or_alarms_that_roll_back_pass() {
        let mut snap = snapshot();
        let mut by_alarm = ecs_service("by-alarm");
        by_alarm.circuit_breaker = Some((false, false));
        by_alarm.alarms = Some((true, true));
        let mut stop_only = ecs_service("stop-only");
        stop_only.circuit_breaker = Some((true, false));
        let mut none = ecs_service("none");
        none.circuit_breaker = Some((false, false));
        let mut unknown = ecs_service("unknown");
        unknown.circuit_breaker = None;
        let mut blue_green = ecs_service("blue-green");
        blue_green.deployment_controller = Some("CODE_DEPLOY".into());
        blue_green.circuit_breaker = None;
        ecs(&mut snap).services = Fetched::Ok(vec![
            ecs_service("checkout"),
            by_alarm,
            stop_only,
            none,
            unknown,
            blue_green,
        ]);
        let findings = run(&ECS_SERVICE_DEPLOYMENT_ROLLBACK, &snap);
        assert_eq!(
            statuses(&findings),
            expect(&[
                ("shop/checkout", Pass),
                ("shop/by-alarm", Pass),
                ("shop/stop-only", Fail),
                ("shop/none", Fail),
                ("shop/unknown", NotEvaluated),
            ])
        );
    }

    #[test]
    fn unlisted_services_are_not_evaluated() {
        let mut snap = snapshot();
        ecs(&mut snap).services = Fetched::Failed(denied("ListServices"));
        assert_eq!(
            statuses(&run(&ECS_SERVICE_DEPLOYMENT_ROLLBACK, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
