use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that the latest active revision of each Linux Fargate task definition family runs
    /// on Graviton (`runtimePlatform.cpuArchitecture: ARM64`). Task definitions for EC2 capacity
    /// (whose architecture is the instance's) and Windows ones (x86 only) are skipped.
    ///
    /// ## Why is this bad?
    /// For the same work, Graviton uses up to 60% less energy than comparable x86 processors,
    /// and Fargate ARM64 is about 20% cheaper per vCPU-hour. Most interpreted and JVM workloads
    /// only need a multi-architecture image.
    ///
    /// ## Example
    /// `aws ecs describe-task-definition --task-definition FAMILY` shows no `runtimePlatform`,
    /// or `"cpuArchitecture": "X86_64"`. Fix: build a multi-arch image (`docker buildx build
    /// --platform linux/amd64,linux/arm64`), set `"runtimePlatform": {"cpuArchitecture":
    /// "ARM64", "operatingSystemFamily": "LINUX"}` and register a new revision.
    ///
    /// ## Not evaluated when
    /// The region's task definitions could not be read (one finding for the region).
    pub ECS_TASK_DEFINITION_GRAVITON = "ecs_task_definition_graviton",
    pillar: Pillar::Sustainability,
    service: Service::Ecs,
    severity: Severity::Low,
    best_practices: &[direct("SUS05-BP02")],
    since: "0.2.0",
    title: "Fargate tasks run on Graviton (ARM64)",
    remediation: "Build a multi-architecture image, set runtimePlatform {cpuArchitecture: ARM64, operatingSystemFamily: LINUX} and register a new revision",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &ECS_TASK_DEFINITION_GRAVITON;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.ecs,
        |region| &region.task_definitions,
        |task| {
            let fargate = task.requires_compatibilities.iter().any(|c| c == "FARGATE");
            let windows = task
                .os_family
                .as_deref()
                .is_some_and(|os| os.starts_with("WINDOWS"));
            if !fargate || windows {
                return None;
            }
            let label = task.family_revision();
            Some(match task.cpu_architecture.as_deref() {
                Some("ARM64") => check.pass(
                    task,
                    format!("Fargate task definition {label} runs on ARM64 (Graviton)"),
                ),
                architecture => check.fail(
                    task,
                    format!(
                        "Fargate task definition {label} runs on {}",
                        architecture.unwrap_or("X86_64 (the default)")
                    ),
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
    fn arm_passes_x86_fails_ec2_and_windows_skipped_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut x86 = task_definition("legacy");
        x86.cpu_architecture = None;
        let mut on_ec2 = task_definition("daemon");
        on_ec2.cpu_architecture = None;
        on_ec2.requires_compatibilities = vec!["EC2".into()];
        let mut windows = task_definition("iis");
        windows.cpu_architecture = Some("X86_64".into());
        windows.os_family = Some("WINDOWS_SERVER_2022_CORE".into());
        ecs(&mut snap).task_definitions =
            Fetched::Ok(vec![task_definition("web"), x86, on_ec2, windows]);

        let findings = run(&ECS_TASK_DEFINITION_GRAVITON, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("web:1", Pass), ("legacy:1", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "Fargate task definition legacy:1 runs on X86_64 (the default)"
        );

        ecs(&mut snap).task_definitions = Fetched::Failed(denied("ListTaskDefinitionFamilies"));
        assert_eq!(
            statuses(&run(&ECS_TASK_DEFINITION_GRAVITON, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
