use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that every CodeDeploy deployment group deploys onto new infrastructure rather than
    /// changing the running one: EC2/on-premises groups deploy blue/green (a replacement fleet,
    /// then traffic moves to it). Lambda and ECS groups always deploy a new version or task set
    /// beside the old one, so they pass.
    ///
    /// ## Why is this bad?
    /// An in-place deployment modifies the instances serving customers. When it fails, the
    /// instances are left in a mixed state and the old version has to be redeployed over them;
    /// with a blue/green deployment the old fleet is untouched and traffic simply moves back.
    ///
    /// ## Example
    /// `aws deploy get-deployment-group ...` shows `deploymentStyle.deploymentType: IN_PLACE`.
    /// Fix: `aws deploy update-deployment-group ... --deployment-style
    /// deploymentType=BLUE_GREEN,deploymentOption=WITH_TRAFFIC_CONTROL
    /// --blue-green-deployment-configuration file://blue-green.json`.
    ///
    /// ## Not evaluated when
    /// The deployment groups could not be read, or the answer lacked the compute platform or
    /// (for EC2/on-premises groups) the deployment type.
    pub CODEDEPLOY_DEPLOYMENT_GROUP_BLUE_GREEN = "codedeploy_deployment_group_blue_green",
    pillar: Pillar::Reliability,
    service: Service::Codedeploy,
    severity: Severity::Medium,
    best_practices: &[direct("REL08-BP04")],
    since: "0.4.0",
    title: "CodeDeploy deployment groups deploy onto new infrastructure (blue/green)",
    remediation: "Switch EC2/on-premises deployment groups to blue/green: aws deploy update-deployment-group --deployment-style deploymentType=BLUE_GREEN,deploymentOption=WITH_TRAFFIC_CONTROL",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &CODEDEPLOY_DEPLOYMENT_GROUP_BLUE_GREEN;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.codedeploy,
        |r| &r.deployment_groups,
        |group| {
            let id = group.id();
            let platform = crate::known!(
                check,
                group,
                group.compute_platform.as_deref(),
                "computePlatform"
            );
            if platform != "Server" {
                return Some(check.pass(
                    group,
                    format!("{id} ({platform}) deploys a new version beside the running one"),
                ));
            }
            let kind = crate::known!(
                check,
                group,
                group.deployment_type.as_deref(),
                "deploymentStyle.deploymentType"
            );
            Some(if kind == "BLUE_GREEN" {
                check.pass(
                    group,
                    format!("{id} deploys blue/green onto a replacement fleet"),
                )
            } else {
                check.fail(
                    group,
                    format!("{id} deploys in place ({kind}) onto running instances"),
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
    fn blue_green_and_ecs_pass_in_place_fails_unknown_is_not_evaluated() {
        let mut snap = snapshot();
        let mut in_place = deployment_group("legacy", "prod");
        in_place.deployment_type = Some("IN_PLACE".into());
        let mut ecs = deployment_group("shop", "ecs");
        ecs.compute_platform = Some("ECS".into());
        let mut unknown = deployment_group("shop", "unknown");
        unknown.compute_platform = None;
        codedeploy(&mut snap).deployment_groups = Fetched::Ok(vec![
            deployment_group("shop", "prod"),
            in_place,
            ecs,
            unknown,
        ]);
        let findings = run(&CODEDEPLOY_DEPLOYMENT_GROUP_BLUE_GREEN, &snap);
        assert_eq!(
            statuses(&findings),
            expect(&[
                ("shop/prod", Pass),
                ("legacy/prod", Fail),
                ("shop/ecs", Pass),
                ("shop/unknown", NotEvaluated),
            ])
        );
        assert_eq!(
            findings[1].message,
            "legacy/prod deploys in place (IN_PLACE) onto running instances"
        );
        codedeploy(&mut snap).deployment_groups = Fetched::Failed(denied("ListApplications"));
        assert_eq!(
            statuses(&run(&CODEDEPLOY_DEPLOYMENT_GROUP_BLUE_GREEN, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
