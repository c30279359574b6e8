use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::instance_types::{
    family_class, graviton_equivalent, is_graviton_type, NO_GRAVITON_ALTERNATIVE,
};
use crate::finding::{Finding, Severity};
use crate::model::autoscaling::{groups_with_launch_settings, GroupLaunch, LaunchSettings};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that every EC2 Auto Scaling group launches Graviton (arm64) instance types, from
    /// its launch configuration, launch template version or mixed-instances overrides. Groups
    /// using attribute-based selection, and groups whose x86 types all belong to families with
    /// no Graviton counterpart (GPU, ML accelerators, Mac, ...), give no finding.
    ///
    /// ## Why is this bad?
    /// Graviton uses up to 60% less energy than comparable x86 instances for the same
    /// performance and costs about 20% less; a group is where a fleet's instance type is decided.
    ///
    /// ## Example
    /// A launch template version with `"InstanceType": "m5.large"`. Fix: a version with an arm64
    /// AMI and `m7g.large`, then an instance refresh.
    ///
    /// ## Not evaluated when
    /// The region's groups could not be read (one finding for the region), or the group's
    /// launch configuration or template version could not be read, or lacked the instance type
    /// (a launch configuration without `InstanceType`, an override with neither type nor
    /// requirements).
    pub AUTOSCALING_GROUP_GRAVITON = "autoscaling_group_graviton",
    pillar: Pillar::Sustainability,
    service: Service::Autoscaling,
    severity: Severity::Low,
    best_practices: &[direct("SUS05-BP02")],
    since: "0.2.0",
    title: "Auto Scaling groups launch Graviton instances",
    remediation: "Create a launch template version with an arm64 AMI and a Graviton type (e.g. m7g for m5), make it the default, then aws autoscaling start-instance-refresh",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &AUTOSCALING_GROUP_GRAVITON;
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
            GroupLaunch::Group(group, Ok(launch)) => {
                let name = &group.name;
                let x86: Vec<&str> = launch
                    .instance_types
                    .iter()
                    .map(String::as_str)
                    .filter(|t| !is_graviton_type(t))
                    .filter(|t| {
                        let family = t.split('.').next().unwrap_or_default();
                        !NO_GRAVITON_ALTERNATIVE.contains(&family_class(family))
                    })
                    .collect();
                if launch.instance_types.is_empty()
                    || (x86.is_empty() && !launch.instance_types.iter().any(|t| is_graviton_type(t)))
                {
                    return None;
                }
                Some(match x86.first() {
                    None => check.pass(
                        group,
                        format!(
                            "group {name} launches Graviton {}",
                            launch.instance_types.join(", ")
                        ),
                    ),
                    Some(first) => {
                        let class = family_class(first.split('.').next().unwrap_or_default());
                        let advice = match graviton_equivalent(class) {
                            Some(graviton) => format!("consider {graviton}"),
                            None => "consider a Graviton family".to_string(),
                        };
                        check.fail(
                            group,
                            format!(
                                "group {name} launches x86 {} ({}): {advice}",
                                x86.join(", "),
                                launch.source
                            ),
                        )
                    }
                })
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    #[test]
    fn graviton_types_are_recognised() {
        for graviton in [
            "m7g.large",
            "c7gn.xlarge",
            "x2gd.large",
            "is4gen.large",
            "a1.medium",
            "t4g.micro",
            "g5g.xlarge",
        ] {
            assert!(is_graviton_type(graviton), "{graviton}");
        }
        for x86 in [
            "m5.large",
            "g4dn.xlarge",
            "m7i.large",
            "c6a.large",
            "u-6tb1.metal",
        ] {
            assert!(!is_graviton_type(x86), "{x86}");
        }
    }

    #[test]
    fn graviton_passes_x86_fails_gpu_skipped_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut x86 = launch_template_version("x86");
        x86.instance_type = Some("m5.large".into());
        let mut gpu = launch_template_version("gpu");
        gpu.instance_type = Some("p4d.24xlarge".into());
        let region = autoscaling(&mut snap);
        region.groups = Fetched::Ok(vec![
            auto_scaling_group("web"),
            auto_scaling_group("x86"),
            auto_scaling_group("gpu"),
        ]);
        region.launch_template_versions =
            Fetched::Ok(vec![launch_template_version("web"), x86, gpu]);

        let findings = run(&AUTOSCALING_GROUP_GRAVITON, &snap);

        assert_eq!(statuses(&findings), expect(&[("web", Pass), ("x86", Fail)]));
        assert_eq!(
            findings[1].message,
            "group x86 launches x86 m5.large (launch template x86 version 1): consider m7g"
        );

        autoscaling(&mut snap).groups = Fetched::Failed(denied("DescribeAutoScalingGroups"));
        assert_eq!(
            statuses(&run(&AUTOSCALING_GROUP_GRAVITON, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
