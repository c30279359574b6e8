use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::autoscaling::{groups_with_launch_settings, GroupLaunch};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that every EC2 Auto Scaling group launches its instances with IMDSv2 required
    /// (`HttpTokens: required`) or the metadata endpoint disabled, as set in its launch template
    /// version or launch configuration.
    ///
    /// ## Why is this bad?
    /// `ec2_instance_imdsv2` fixes today's instances; the group's next scale-out or instance
    /// refresh brings IMDSv1 back. IMDSv1 answers any request, so a server-side request forgery
    /// in the application hands out the instance role's credentials.
    ///
    /// ## Example
    /// `aws ec2 describe-launch-template-versions --launch-template-id lt-… --versions
    /// '$Default'` shows no `MetadataOptions`, or `"HttpTokens": "optional"`. Fix: create a new
    /// template version with `"MetadataOptions": {"HttpTokens": "required"}`, make it the
    /// default, and start an instance refresh.
    ///
    /// ## Not evaluated when
    /// The region's groups could not be read (one finding for the region), or the group's
    /// launch configuration or template version could not be read (a pinned version other than
    /// `$Default` and `$Latest` is not read).
    pub AUTOSCALING_LAUNCH_IMDSV2 = "autoscaling_launch_imdsv2",
    pillar: Pillar::Security,
    service: Service::Autoscaling,
    severity: Severity::High,
    best_practices: &[indirect("SEC06-BP02")],
    since: "0.2.0",
    title: "Auto Scaling groups launch instances with IMDSv2 required",
    remediation: "Create a launch template version with MetadataOptions HttpTokens=required (aws ec2 create-launch-template-version ... --source-version '$Default'), make it the default, then aws autoscaling start-instance-refresh",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &AUTOSCALING_LAUNCH_IMDSV2;
    groups_with_launch_settings(&ctx.snapshot.autoscaling)
        .into_iter()
        .map(|item| match item {
            GroupLaunch::RegionGap(region, gap) => {
                check.not_evaluated(&ctx.snapshot.account_resource(region), gap)
            }
            GroupLaunch::Group(group, Err(gap)) => check.not_evaluated(group, &gap),
            GroupLaunch::Group(group, Ok(launch)) => {
                let (name, source) = (&group.name, &launch.source);
                match (
                    launch.http_endpoint.as_deref(),
                    launch.http_tokens.as_deref(),
                ) {
                    (Some("disabled"), _) => check.pass(
                        group,
                        format!(
                            "group {name} launches with the metadata endpoint disabled ({source})"
                        ),
                    ),
                    (_, Some("required")) => check.pass(
                        group,
                        format!("group {name} launches with IMDSv2 required ({source})"),
                    ),
                    (_, tokens) => check.fail(
                        group,
                        format!(
                            "group {name} launches with IMDSv1 allowed (HttpTokens {}, {source})",
                            tokens.unwrap_or("not set")
                        ),
                    ),
                }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::autoscaling::{Launch, LaunchConfiguration};
    use crate::model::Fetched;
    use crate::testing::*;

    #[test]
    fn required_passes_optional_fails_unknown_version_is_not_evaluated() {
        let mut snap = snapshot();
        let mut legacy = auto_scaling_group("legacy");
        legacy.launch = Launch::Configuration {
            name: "old-lc".into(),
        };
        let mut pinned = auto_scaling_group("pinned");
        pinned.launch = Launch::Template {
            template: "lt-web".into(),
            version: "7".into(),
            override_types: vec![],
            overrides_incomplete: false,
            uses_spot: false,
        };
        let region = autoscaling(&mut snap);
        region.groups = Fetched::Ok(vec![auto_scaling_group("web"), legacy, pinned]);
        region.launch_template_versions = Fetched::Ok(vec![launch_template_version("web")]);
        region.launch_configurations = Fetched::Ok(vec![LaunchConfiguration {
            name: "old-lc".into(),
            instance_type: Some("m4.large".into()),
            http_tokens: None,
            http_endpoint: None,
        }]);

        let findings = run(&AUTOSCALING_LAUNCH_IMDSV2, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("web", Pass), ("legacy", Fail), ("pinned", NotEvaluated)])
        );
        assert_eq!(
            findings[0].message,
            "group web launches with IMDSv2 required (launch template web version 1)"
        );
        assert_eq!(
            findings[1].message,
            "group legacy launches with IMDSv1 allowed (HttpTokens not set, launch configuration old-lc)"
        );

        autoscaling(&mut snap).launch_template_versions =
            Fetched::Failed(denied("DescribeLaunchTemplateVersions"));
        assert_eq!(
            statuses(&run(&AUTOSCALING_LAUNCH_IMDSV2, &snap))[0],
            ("web".to_string(), NotEvaluated)
        );
        autoscaling(&mut snap).groups = Fetched::Failed(denied("DescribeAutoScalingGroups"));
        assert_eq!(
            statuses(&run(&AUTOSCALING_LAUNCH_IMDSV2, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
