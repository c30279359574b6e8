use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::instance_types::EC2_PREVIOUS_GENERATION;
use crate::finding::{Finding, Severity};
use crate::model::autoscaling::{groups_with_launch_settings, GroupLaunch, LaunchSettings};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that no EC2 Auto Scaling group launches a previous-generation instance family
    /// (the list of `ec2_instance_previous_generation`), from its launch configuration, launch
    /// template version or mixed-instances overrides. Groups using attribute-based instance
    /// selection give no finding.
    ///
    /// ## Why is this bad?
    /// Every instance the group launches, today and at each scale-out, gets older processors
    /// with less performance per dollar, and the group is the first to hit capacity shortages
    /// as AWS retires those families.
    ///
    /// ## Example
    /// A launch configuration with `"InstanceType": "m4.large"`. Fix: a launch template version
    /// with a current type (`m7i.large`, or `m7g.large` with an arm64 AMI), then an instance
    /// refresh.
    ///
    /// ## Not evaluated when
    /// The region's groups could not be read (one finding for the region), or the group's
    /// launch configuration or template version could not be read, or lacked the instance type
    /// (a launch configuration without `InstanceType`, an override with neither type nor
    /// requirements).
    pub AUTOSCALING_GROUP_PREVIOUS_GENERATION = "autoscaling_group_previous_generation",
    pillar: Pillar::PerformanceEfficiency,
    service: Service::Autoscaling,
    severity: Severity::Medium,
    best_practices: &[indirect("PERF02-BP01")],
    since: "0.2.0",
    title: "Auto Scaling groups launch current-generation instance types",
    remediation: "Create a launch template version with a current-generation type, make it the default, then aws autoscaling start-instance-refresh --auto-scaling-group-name GROUP",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &AUTOSCALING_GROUP_PREVIOUS_GENERATION;
    groups_with_launch_settings(&ctx.snapshot.autoscaling)
        .into_iter()
        .filter_map(|item| match item {
            GroupLaunch::RegionGap(region, gap) => {
                Some(check.not_evaluated(&ctx.snapshot.account_resource(region), gap))
            }
            GroupLaunch::Group(group, Err(gap)) => Some(check.not_evaluated(group, &gap)),
            GroupLaunch::Group(
                group,
                Ok(LaunchSettings {
                    instance_types_unknown: Some(gap),
                    ..
                }),
            ) => Some(check.not_evaluated(group, &gap)),
            GroupLaunch::Group(_, Ok(launch)) if launch.instance_types.is_empty() => None,
            GroupLaunch::Group(group, Ok(launch)) => {
                let name = &group.name;
                let old: Vec<&str> = launch
                    .instance_types
                    .iter()
                    .map(String::as_str)
                    .filter(|t| {
                        EC2_PREVIOUS_GENERATION.contains(&t.split('.').next().unwrap_or_default())
                    })
                    .collect();
                Some(if old.is_empty() {
                    check.pass(
                        group,
                        format!(
                            "group {name} launches current-generation {}",
                            launch.instance_types.join(", ")
                        ),
                    )
                } else {
                    check.fail(
                        group,
                        format!(
                            "group {name} launches previous-generation {} ({})",
                            old.join(", "),
                            launch.source
                        ),
                    )
                })
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::autoscaling::Launch;
    use crate::model::Fetched;
    use crate::testing::*;

    #[test]
    fn current_passes_old_override_fails_attribute_based_skipped() {
        let mut snap = snapshot();
        let mut mixed = auto_scaling_group("mixed");
        mixed.launch = Launch::Template {
            template: "lt-web".into(),
            version: "$Latest".into(),
            override_types: vec!["m7i.large".into(), "m4.large".into()],
            overrides_incomplete: false,
            uses_spot: true,
        };
        let mut flexible = auto_scaling_group("flexible");
        flexible.launch = Launch::Template {
            template: "lt-any".into(),
            version: "$Default".into(),
            override_types: vec![],
            overrides_incomplete: false,
            uses_spot: false,
        };
        let mut any = launch_template_version("any");
        any.instance_type = None;
        any.uses_instance_requirements = true;
        let region = autoscaling(&mut snap);
        region.groups = Fetched::Ok(vec![auto_scaling_group("web"), mixed, flexible]);
        region.launch_template_versions = Fetched::Ok(vec![launch_template_version("web"), any]);

        let findings = run(&AUTOSCALING_GROUP_PREVIOUS_GENERATION, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("web", Pass), ("mixed", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "group mixed launches previous-generation m4.large (launch template web version 1)"
        );

        autoscaling(&mut snap).groups = Fetched::Failed(denied("DescribeAutoScalingGroups"));
        assert_eq!(
            statuses(&run(&AUTOSCALING_GROUP_PREVIOUS_GENERATION, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }

    #[test]
    fn a_launch_configuration_without_instance_type_is_not_evaluated() {
        let mut snap = snapshot();
        let mut legacy = auto_scaling_group("legacy");
        legacy.launch = Launch::Configuration {
            name: "old-lc".into(),
        };
        let region = autoscaling(&mut snap);
        region.groups = Fetched::Ok(vec![legacy]);
        region.launch_configurations =
            Fetched::Ok(vec![crate::model::autoscaling::LaunchConfiguration {
                name: "old-lc".into(),
                instance_type: None,
                http_tokens: None,
                http_endpoint: None,
            }]);

        let findings = run(&AUTOSCALING_GROUP_PREVIOUS_GENERATION, &snap);

        assert_eq!(statuses(&findings), expect(&[("legacy", NotEvaluated)]));
        assert!(
            findings[0].message.contains("InstanceType"),
            "{}",
            findings[0].message
        );
    }

    #[test]
    fn an_override_without_type_or_requirements_is_not_evaluated() {
        let mut snap = snapshot();
        let mut mixed = auto_scaling_group("mixed");
        mixed.launch = Launch::Template {
            template: "lt-web".into(),
            version: "$Latest".into(),
            override_types: vec!["m7i.large".into()],
            overrides_incomplete: true,
            uses_spot: true,
        };
        let region = autoscaling(&mut snap);
        region.groups = Fetched::Ok(vec![mixed]);
        region.launch_template_versions = Fetched::Ok(vec![launch_template_version("web")]);

        let findings = run(&AUTOSCALING_GROUP_PREVIOUS_GENERATION, &snap);

        assert_eq!(statuses(&findings), expect(&[("mixed", NotEvaluated)]));
    }
}
