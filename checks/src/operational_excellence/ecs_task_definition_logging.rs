use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that every container of the latest active revision of each ECS task definition
    /// family has a log configuration (`awslogs`, `awsfirelens`, `splunk`, ...).
    ///
    /// ## Why is this bad?
    /// A container without a log driver writes its output nowhere anyone can read once the task
    /// stops: on Fargate it is simply lost. Diagnosing a failed deployment or a crash loop then
    /// starts with no evidence.
    ///
    /// ## Example
    /// `aws ecs describe-task-definition --task-definition FAMILY` shows a container definition
    /// without `logConfiguration`. Fix: add `"logConfiguration": {"logDriver": "awslogs",
    /// "options": {"awslogs-group": "/ecs/app", "awslogs-region": "us-east-1",
    /// "awslogs-stream-prefix": "app"}}` and register a new revision.
    ///
    /// ## Not evaluated when
    /// The region's task definitions could not be read (one finding for the region).
    pub ECS_TASK_DEFINITION_LOGGING = "ecs_task_definition_logging",
    pillar: Pillar::OperationalExcellence,
    service: Service::Ecs,
    severity: Severity::Medium,
    best_practices: &[direct("OPS04-BP02")],
    since: "0.2.0",
    title: "ECS containers send their logs somewhere",
    remediation: "Add a logConfiguration (e.g. logDriver awslogs) to every container definition and register a new revision: aws ecs register-task-definition --cli-input-json file://taskdef.json",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &ECS_TASK_DEFINITION_LOGGING;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.ecs,
        |region| &region.task_definitions,
        |task| {
            let label = task.family_revision();
            let silent: Vec<&str> = task
                .containers
                .iter()
                .filter(|c| c.log_driver.is_none())
                .map(|c| c.name.as_str())
                .collect();
            Some(if silent.is_empty() {
                check.pass(
                    task,
                    format!("every container of task definition {label} has a log driver"),
                )
            } else {
                check.fail(
                    task,
                    format!(
                        "task definition {label} has containers without a log driver: {}",
                        silent.join(", ")
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
    fn logged_passes_silent_container_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut silent = task_definition("worker");
        let mut sidecar = container("sidecar");
        sidecar.log_driver = None;
        silent.containers.push(sidecar);
        ecs(&mut snap).task_definitions = Fetched::Ok(vec![task_definition("web"), silent]);

        let findings = run(&ECS_TASK_DEFINITION_LOGGING, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("web:1", Pass), ("worker:1", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "task definition worker:1 has containers without a log driver: sidecar"
        );

        ecs(&mut snap).task_definitions = Fetched::Failed(denied("ListTaskDefinitionFamilies"));
        assert_eq!(
            statuses(&run(&ECS_TASK_DEFINITION_LOGGING, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
