use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::tags;
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Resource, Service};

declare_check! {
    /// ## What it does
    /// Checks that every EC2 instance that still exists (not terminated) carries the owner tag,
    /// `owner_tag` in the configuration file (`owner` by default), with a non-blank value.
    ///
    /// ## Why is this bad?
    /// When an instance misbehaves, is compromised or costs too much, someone must be found who
    /// can decide what to do with it. An instance with no identified owner waits for that
    /// decision, or is never cleaned up at all.
    ///
    /// ## Example
    /// An instance tagged only `Name=batch-7`. Fix:
    /// `aws ec2 create-tags --resources i-… --tags Key=owner,Value=data-platform`, and require the
    /// tag at launch with a tag policy or an SCP on `ec2:RunInstances`.
    ///
    /// ## Not evaluated when
    /// The region's instances could not be read.
    pub EC2_INSTANCE_OWNER_TAG = "ec2_instance_owner_tag",
    pillar: Pillar::OperationalExcellence,
    service: Service::Ec2,
    severity: Severity::Low,
    best_practices: &[direct("OPS02-BP01")],
    since: "0.1.0",
    title: "EC2 instances have an identified owner",
    remediation: "Tag the instance with its owner: aws ec2 create-tags --resources INSTANCE --tags Key=owner,Value=TEAM (use your owner_tag key).",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EC2_INSTANCE_OWNER_TAG;
    let key = ctx.settings.owner_tag.as_str();
    ctx.each_in_ec2_regions(
        check,
        |ec2| &ec2.instances,
        |instance| {
            instance.exists().then(|| {
                let label = instance.resource().label();
                match instance.tags.get(key) {
                    Some(owner) if tags::has_value(&instance.tags, key) => {
                        check.pass(instance, format!("instance {label} is owned by {owner}"))
                    }
                    _ => check.fail(instance, format!("instance {label} has no `{key}` tag")),
                }
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::settings::Settings;
    use crate::testing::*;

    #[test]
    fn owned_passes_unowned_or_blank_fails_terminated_is_skipped() {
        let mut snap = snapshot();
        let mut stray = instance("stray");
        stray.tags = tags(&[("Name", "stray")]);
        let mut blank = instance("blank");
        blank.tags = tags(&[("Name", "blank"), ("owner", "")]);
        let mut gone = instance("gone");
        gone.state = "terminated".into();
        gone.tags = tags(&[("Name", "gone")]);
        ec2(&mut snap).instances = Fetched::Ok(vec![instance("web"), stray, blank, gone]);

        let findings = run(&EC2_INSTANCE_OWNER_TAG, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("web", Pass), ("stray", Fail), ("blank", Fail)])
        );
        assert_eq!(findings[0].message, "instance web (i-web) is owned by team");
        assert_eq!(
            findings[1].message,
            "instance stray (i-stray) has no `owner` tag"
        );
    }

    #[test]
    fn the_tag_key_comes_from_the_settings() {
        let mut snap = snapshot();
        ec2(&mut snap).instances = Fetched::Ok(vec![instance("web")]);
        let settings = Settings {
            owner_tag: "team".into(),
            ..Settings::default()
        };

        let findings = run_with(&EC2_INSTANCE_OWNER_TAG, &snap, &settings);

        assert_eq!(statuses(&findings), expect(&[("web", Fail)]));
    }

    #[test]
    fn unreadable_region_is_not_evaluated() {
        let mut snap = snapshot();
        ec2(&mut snap).instances = Fetched::Failed(denied("DescribeInstances"));

        let findings = run(&EC2_INSTANCE_OWNER_TAG, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
