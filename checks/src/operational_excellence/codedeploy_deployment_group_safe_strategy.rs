use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{ErrorKind, Gap, Service};

declare_check! {
    /// ## What it does
    /// Checks that every CodeDeploy deployment group rolls changes out safely: blue/green, or in
    /// place a part of the fleet at a time (`CodeDeployDefault.OneAtATime`, `HalfAtATime`).
    /// Lambda and ECS deployment groups always deploy the new version beside the old one and
    /// shift traffic to it (canary, linear or all at once), so they pass.
    ///
    /// ## Why is this bad?
    /// An in-place deployment to every instance at once (`CodeDeployDefault.AllAtOnce`) puts a
    /// defect in front of every customer at the same moment, and leaves no healthy instance to
    /// fall back to while the old version is redeployed.
    ///
    /// ## Example
    /// `aws deploy get-deployment-group --application-name shop --deployment-group-name prod`
    /// shows `deploymentType: IN_PLACE` with `deploymentConfigName: CodeDeployDefault.AllAtOnce`.
    /// Fix: `aws deploy update-deployment-group ... --deployment-style
    /// deploymentType=BLUE_GREEN,deploymentOption=WITH_TRAFFIC_CONTROL` (or
    /// `--deployment-config-name CodeDeployDefault.OneAtATime`).
    ///
    /// ## Not evaluated when
    /// The deployment groups could not be read, the answer lacked the compute platform, the
    /// deployment type or the deployment configuration, or an in-place group uses a custom
    /// deployment configuration (wascan does not read its minimum healthy hosts).
    pub CODEDEPLOY_DEPLOYMENT_GROUP_SAFE_STRATEGY = "codedeploy_deployment_group_safe_strategy",
    pillar: Pillar::OperationalExcellence,
    service: Service::Codedeploy,
    severity: Severity::Medium,
    best_practices: &[direct("OPS06-BP03")],
    since: "0.4.0",
    title: "CodeDeploy deployment groups roll out blue/green or a part of the fleet at a time",
    remediation: "Deploy blue/green (aws deploy update-deployment-group --deployment-style deploymentType=BLUE_GREEN,deploymentOption=WITH_TRAFFIC_CONTROL) or in place with CodeDeployDefault.OneAtATime or HalfAtATime",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &CODEDEPLOY_DEPLOYMENT_GROUP_SAFE_STRATEGY;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.codedeploy,
        |r| &r.deployment_groups,
        |group| {
            let id = group.id();
            let platform =
                crate::known!(check, group, group.compute_platform.as_deref(), "computePlatform");
            if platform != "Server" {
                return Some(check.pass(
                    group,
                    format!("{id} ({platform}) shifts traffic to a new version beside the old one"),
                ));
            }
            let kind = crate::known!(
                check,
                group,
                group.deployment_type.as_deref(),
                "deploymentStyle.deploymentType"
            );
            if kind == "BLUE_GREEN" {
                return Some(check.pass(group, format!("{id} deploys blue/green")));
            }
            let config = crate::known!(
                check,
                group,
                group.deployment_config_name.as_deref(),
                "deploymentConfigName"
            );
            Some(match config {
                "CodeDeployDefault.AllAtOnce" => check.fail(
                    group,
                    format!("{id} deploys in place to every instance at once ({config})"),
                ),
                "CodeDeployDefault.OneAtATime" | "CodeDeployDefault.HalfAtATime" => check.pass(
                    group,
                    format!("{id} deploys in place a part of the fleet at a time ({config})"),
                ),
                custom => check.not_evaluated(
                    group,
                    &Gap {
                        service: Service::Codedeploy.as_str().to_string(),
                        region: Some(group.region.clone()),
                        operation: "GetDeploymentConfig".into(),
                        resource: Some(custom.to_string()),
                        kind: ErrorKind::NotCollected,
                        message: format!(
                            "{id} uses the custom deployment configuration {custom}, whose minimum healthy hosts wascan does not read"
                        ),
                    },
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
    fn blue_green_rolling_and_lambda_pass_all_at_once_in_place_fails() {
        let mut snap = snapshot();
        let blue_green = deployment_group("shop", "prod");
        let mut rolling = deployment_group("shop", "staging");
        rolling.deployment_type = Some("IN_PLACE".into());
        rolling.deployment_config_name = Some("CodeDeployDefault.HalfAtATime".into());
        let mut all_at_once = deployment_group("legacy", "prod");
        all_at_once.deployment_type = Some("IN_PLACE".into());
        all_at_once.deployment_config_name = Some("CodeDeployDefault.AllAtOnce".into());
        let mut lambda = deployment_group("api", "prod");
        lambda.compute_platform = Some("Lambda".into());
        lambda.deployment_config_name =
            Some("CodeDeployDefault.LambdaCanary10Percent5Minutes".into());
        codedeploy(&mut snap).deployment_groups =
            Fetched::Ok(vec![blue_green, rolling, all_at_once, lambda]);
        let findings = run(&CODEDEPLOY_DEPLOYMENT_GROUP_SAFE_STRATEGY, &snap);
        assert_eq!(
            statuses(&findings),
            expect(&[
                ("shop/prod", Pass),
                ("shop/staging", Pass),
                ("legacy/prod", Fail),
                ("api/prod", Pass),
            ])
        );
        assert_eq!(
            findings[2].message,
            "legacy/prod deploys in place to every instance at once (CodeDeployDefault.AllAtOnce)"
        );
    }

    #[test]
    fn unknown_style_custom_config_or_unlisted_groups_are_not_evaluated() {
        let mut snap = snapshot();
        let mut unknown = deployment_group("shop", "prod");
        unknown.deployment_type = None;
        let mut custom = deployment_group("shop", "canary");
        custom.deployment_type = Some("IN_PLACE".into());
        custom.deployment_config_name = Some("TwoHostsAtATime".into());
        codedeploy(&mut snap).deployment_groups = Fetched::Ok(vec![unknown, custom]);
        let findings = run(&CODEDEPLOY_DEPLOYMENT_GROUP_SAFE_STRATEGY, &snap);
        assert_eq!(
            statuses(&findings),
            expect(&[("shop/prod", NotEvaluated), ("shop/canary", NotEvaluated)])
        );
        assert!(findings[0]
            .message
            .contains("deploymentStyle.deploymentType"));

        codedeploy(&mut snap).deployment_groups = Fetched::Failed(denied("ListApplications"));
        assert_eq!(
            statuses(&run(&CODEDEPLOY_DEPLOYMENT_GROUP_SAFE_STRATEGY, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
