use crate::catalog::Pillar;
use crate::check::{direct, indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Gap, Service};

declare_check! {
    /// ## What it does
    /// Checks that every ECS cluster has CloudWatch Container Insights on (`enabled` or
    /// `enhanced`).
    ///
    /// ## Why is this bad?
    /// Without it, CloudWatch has only cluster- and service-level CPU and memory reservation:
    /// no per-task and per-container CPU, memory, network and storage metrics. Sizing tasks,
    /// finding the container that throttles, or tuning auto scaling is then guesswork.
    ///
    /// ## Example
    /// `aws ecs describe-clusters --clusters C --include SETTINGS` shows `containerInsights`
    /// `disabled`. Fix: `aws ecs update-cluster-settings --cluster C --settings
    /// name=containerInsights,value=enhanced` (and `aws ecs put-account-setting --name
    /// containerInsights --value enhanced` for new clusters).
    ///
    /// ## Not evaluated when
    /// The region's clusters could not be read (one finding for the region), or a cluster's
    /// description came without its `containerInsights` setting.
    pub ECS_CLUSTER_CONTAINER_INSIGHTS = "ecs_cluster_container_insights",
    pillar: Pillar::PerformanceEfficiency,
    service: Service::Ecs,
    severity: Severity::Low,
    best_practices: &[direct("PERF02-BP03"), indirect("PERF05-BP02")],
    since: "0.2.0",
    title: "ECS clusters collect Container Insights metrics",
    remediation: "aws ecs update-cluster-settings --cluster CLUSTER --settings name=containerInsights,value=enhanced",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &ECS_CLUSTER_CONTAINER_INSIGHTS;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.ecs,
        |region| &region.clusters,
        |cluster| {
            let name = &cluster.name;
            Some(match cluster.container_insights.as_deref() {
                Some(setting @ ("enabled" | "enhanced")) => check.pass(
                    cluster,
                    format!("cluster {name} has Container Insights {setting}"),
                ),
                Some(setting) => check.fail(
                    cluster,
                    format!("cluster {name} has Container Insights {setting}"),
                ),
                // DescribeClusters with SETTINGS always reports `containerInsights` (`disabled`
                // when never set): an answer without it says nothing about the cluster.
                None => check.not_evaluated(
                    cluster,
                    &Gap::missing(
                        Service::Ecs,
                        &cluster.region,
                        "DescribeClusters",
                        "containerInsights setting",
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
    fn enabled_passes_disabled_fails_unreported_or_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut dark = ecs_cluster("dark");
        dark.container_insights = Some("disabled".into());
        let mut unset = ecs_cluster("unset");
        unset.container_insights = None;
        let mut enhanced = ecs_cluster("enhanced");
        enhanced.container_insights = Some("enhanced".into());
        ecs(&mut snap).clusters = Fetched::Ok(vec![ecs_cluster("prod"), dark, unset, enhanced]);

        let findings = run(&ECS_CLUSTER_CONTAINER_INSIGHTS, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("prod", Pass),
                ("dark", Fail),
                ("unset", NotEvaluated),
                ("enhanced", Pass)
            ])
        );
        assert_eq!(
            findings[1].message,
            "cluster dark has Container Insights disabled"
        );

        ecs(&mut snap).clusters = Fetched::Failed(denied("ListClusters"));
        assert_eq!(
            statuses(&run(&ECS_CLUSTER_CONTAINER_INSIGHTS, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
