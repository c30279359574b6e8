use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that no container of the latest active revision of each ECS task definition family
    /// runs privileged, and that the task does not share the host's network namespace
    /// (`networkMode: host`).
    ///
    /// ## Why is this bad?
    /// A privileged container has every Linux capability and all host devices: escaping to the
    /// EC2 host, and from there to every other task on it and to the instance role, is trivial.
    /// Host networking lets a container bind any host port and reach services listening on the
    /// host's loopback, including the instance metadata service.
    ///
    /// ## Example
    /// `aws ecs describe-task-definition --task-definition FAMILY` shows `"privileged": true` or
    /// `"networkMode": "host"`. Fix: grant only the capabilities needed
    /// (`linuxParameters.capabilities.add`), use `awsvpc` networking, and register a new revision.
    ///
    /// ## Not evaluated when
    /// The region's task definitions could not be read (one finding for the region).
    pub ECS_TASK_DEFINITION_PRIVILEGED = "ecs_task_definition_privileged",
    pillar: Pillar::Security,
    service: Service::Ecs,
    severity: Severity::High,
    best_practices: &[indirect("SEC03-BP02")],
    since: "0.2.0",
    title: "ECS tasks run no privileged containers and not in host network mode",
    remediation: "Remove \"privileged\": true (add only needed capabilities via linuxParameters), use networkMode awsvpc, and register a new revision",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &ECS_TASK_DEFINITION_PRIVILEGED;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.ecs,
        |region| &region.task_definitions,
        |task| {
            let label = task.family_revision();
            let mut problems: Vec<String> = task
                .containers
                .iter()
                .filter(|c| c.privileged)
                .map(|c| format!("container {} is privileged", c.name))
                .collect();
            if task.network_mode.as_deref() == Some("host") {
                problems.push("it uses host network mode".into());
            }
            Some(if problems.is_empty() {
                check.pass(
                    task,
                    format!("task definition {label} has no privileged container and no host networking"),
                )
            } else {
                check.fail(
                    task,
                    format!("task definition {label}: {}", problems.join("; ")),
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
    fn confined_passes_privileged_or_host_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut root = task_definition("agent");
        root.containers[0].privileged = true;
        root.network_mode = Some("host".into());
        let mut host = task_definition("proxy");
        host.network_mode = Some("host".into());
        ecs(&mut snap).task_definitions = Fetched::Ok(vec![task_definition("web"), root, host]);

        let findings = run(&ECS_TASK_DEFINITION_PRIVILEGED, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("web:1", Pass), ("agent:1", Fail), ("proxy:1", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "task definition agent:1: container app is privileged; it uses host network mode"
        );

        ecs(&mut snap).task_definitions = Fetched::Failed(denied("ListTaskDefinitionFamilies"));
        assert_eq!(
            statuses(&run(&ECS_TASK_DEFINITION_PRIVILEGED, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
