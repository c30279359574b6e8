use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that every container of the latest active revision of each ECS task definition
    /// family mounts its root filesystem read-only (`readonlyRootFilesystem: true`).
    ///
    /// ## Why is this bad?
    /// A writable root filesystem lets an attacker who gets code execution in the container
    /// change its binaries and configuration, drop tools and persist until the task is
    /// replaced. A read-only root keeps the running container identical to the image that was
    /// scanned and approved; what the application must write goes to volumes it names.
    ///
    /// ## Example
    /// `aws ecs describe-task-definition --task-definition FAMILY` shows a container without
    /// `"readonlyRootFilesystem": true`. Fix: set it on each container, mount a volume (or a
    /// Fargate ephemeral storage path) for the directories the application writes, such as
    /// `/tmp`, and register a new revision.
    ///
    /// ## Not evaluated when
    /// The region's task definitions could not be read (one finding for the region).
    pub ECS_TASK_DEFINITION_READ_ONLY_ROOT_FILESYSTEM = "ecs_task_definition_read_only_root_filesystem",
    pillar: Pillar::Security,
    service: Service::Ecs,
    severity: Severity::Medium,
    best_practices: &[indirect("SEC06-BP02")],
    since: "0.3.0",
    title: "ECS containers mount their root filesystem read-only",
    remediation: "Set \"readonlyRootFilesystem\": true on each container, mount volumes for the paths it writes, and register a new revision",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &ECS_TASK_DEFINITION_READ_ONLY_ROOT_FILESYSTEM;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.ecs,
        |region| &region.task_definitions,
        |task| {
            let label = task.family_revision();
            let writable: Vec<&str> = task
                .containers
                .iter()
                .filter(|c| !c.readonly_root_filesystem)
                .map(|c| c.name.as_str())
                .collect();
            Some(if writable.is_empty() {
                check.pass(
                    task,
                    format!(
                        "task definition {label}: every container's root filesystem is read-only"
                    ),
                )
            } else {
                check.fail(
                    task,
                    format!(
                        "task definition {label}: writable root filesystem in {}",
                        writable.join(", ")
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
    fn read_only_passes_writable_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut writable = task_definition("worker");
        writable.containers.push(container("sidecar"));
        writable.containers[0].readonly_root_filesystem = false;
        ecs(&mut snap).task_definitions = Fetched::Ok(vec![task_definition("web"), writable]);

        let findings = run(&ECS_TASK_DEFINITION_READ_ONLY_ROOT_FILESYSTEM, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("web:1", Pass), ("worker:1", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "task definition worker:1: writable root filesystem in app"
        );

        ecs(&mut snap).task_definitions = Fetched::Failed(denied("ListTaskDefinitionFamilies"));
        assert_eq!(
            statuses(&run(&ECS_TASK_DEFINITION_READ_ONLY_ROOT_FILESYSTEM, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
