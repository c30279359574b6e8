use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::ecs::ContainerDefinition;
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that every Linux container of the latest active revision of each ECS task
    /// definition family names a user that is not root (`user` set, and not `root` or uid `0`).
    /// Windows task definitions are skipped: ECS ignores `user` there.
    ///
    /// ## Why is this bad?
    /// A container without `user` runs as the image's default user, which is root unless the
    /// image says otherwise. Root in a container is root on the host's kernel: with a kernel or
    /// runtime flaw, a writable host mount or an added capability, it is one step from the host
    /// and every task on it. Naming a non-root user in the task definition makes the choice
    /// visible and holds whatever the image does.
    ///
    /// ## Example
    /// `aws ecs describe-task-definition --task-definition FAMILY` shows a container without
    /// `"user"`, or with `"user": "root"` or `"0:0"`. Fix: set `"user": "1000:1000"` (any uid the
    /// image's files allow) and register a new revision. A container whose image already runs
    /// as a non-root user fails here until the task definition says so too.
    ///
    /// ## Not evaluated when
    /// The region's task definitions could not be read (one finding for the region).
    pub ECS_TASK_DEFINITION_NON_ROOT_USER = "ecs_task_definition_non_root_user",
    pillar: Pillar::Security,
    service: Service::Ecs,
    severity: Severity::Medium,
    best_practices: &[indirect("SEC06-BP02")],
    since: "0.3.0",
    title: "ECS containers run as a named non-root user",
    remediation: "Set \"user\" to a non-root uid (e.g. \"1000:1000\") on each container and register a new revision",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &ECS_TASK_DEFINITION_NON_ROOT_USER;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.ecs,
        |region| &region.task_definitions,
        |task| {
            if task
                .os_family
                .as_deref()
                .is_some_and(|os| os.starts_with("WINDOWS"))
            {
                return None;
            }
            let label = task.family_revision();
            let problems: Vec<String> = task.containers.iter().filter_map(root_user).collect();
            Some(if problems.is_empty() {
                check.pass(
                    task,
                    format!("task definition {label}: every container runs as a non-root user"),
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

/// Why the container runs as root, if it does: no user named, or root by name or uid.
fn root_user(container: &ContainerDefinition) -> Option<String> {
    let name = &container.name;
    match container.user.as_deref() {
        None => Some(format!(
            "{name} names no user (it runs as the image's default, root unless the image sets one)"
        )),
        Some(user) => {
            let account = user.split(':').next().unwrap_or(user);
            (account == "root" || account == "0").then(|| format!("{name} runs as {user}"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    #[test]
    fn named_users_pass_root_or_unnamed_fail_windows_is_skipped() {
        let mut snap = snapshot();
        let mut rooted = task_definition("agent");
        rooted.containers[0].user = Some("0:0".into());
        let mut unnamed = container("sidecar");
        unnamed.user = None;
        rooted.containers.push(unnamed);
        let mut by_name = task_definition("batch");
        by_name.containers[0].user = Some("root".into());
        let mut windows = task_definition("iis");
        windows.os_family = Some("WINDOWS_SERVER_2022_CORE".into());
        windows.containers[0].user = None;
        ecs(&mut snap).task_definitions =
            Fetched::Ok(vec![task_definition("web"), rooted, by_name, windows]);

        let findings = run(&ECS_TASK_DEFINITION_NON_ROOT_USER, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("web:1", Pass), ("agent:1", Fail), ("batch:1", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "task definition agent:1: app runs as 0:0; sidecar names no user (it runs as the \
             image's default, root unless the image sets one)"
        );
        assert_eq!(
            findings[2].message,
            "task definition batch:1: app runs as root"
        );

        ecs(&mut snap).task_definitions = Fetched::Failed(denied("ListTaskDefinitionFamilies"));
        assert_eq!(
            statuses(&run(&ECS_TASK_DEFINITION_NON_ROOT_USER, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
