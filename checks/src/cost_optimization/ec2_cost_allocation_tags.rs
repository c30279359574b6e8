use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Resource, Service};

use crate::tags;

declare_check! {
    /// ## What it does
    /// Checks that every EC2 instance (not terminated) and every EBS volume carries each tag of
    /// `required_tags` in the configuration file (by default `owner` and `cost-center`), with a
    /// non-blank value.
    ///
    /// ## Why is this bad?
    /// Cost allocation tags are how a bill is split by team, product or environment. Untagged
    /// instances and volumes end up as unattributed spend that nobody owns, optimises or
    /// turns off.
    ///
    /// A pass means the resource is tagged, not that the bill shows it: a tag counts in Cost
    /// Explorer and the cost and usage reports only once its key is activated as a cost
    /// allocation tag in the Billing console, which this check does not read. That is why it is
    /// only indirect evidence for COST03-BP02.
    ///
    /// ## Example
    /// An instance tagged only `Name=web`. Fix:
    /// `aws ec2 create-tags --resources i-… vol-… --tags Key=owner,Value=payments Key=cost-center,Value=cc-42`,
    /// activate the keys as cost allocation tags in the Billing console, and enforce them with a
    /// tag policy in AWS Organizations.
    ///
    /// ## Not evaluated when
    /// The region's instances or volumes could not be read (one finding for each list).
    pub EC2_COST_ALLOCATION_TAGS = "ec2_cost_allocation_tags",
    pillar: Pillar::CostOptimization,
    service: Service::Ec2,
    severity: Severity::Low,
    best_practices: &[indirect("COST03-BP02")],
    since: "0.1.0",
    title: "EC2 instances and EBS volumes carry the required cost allocation tags",
    remediation: "Tag the resource: aws ec2 create-tags --resources ID --tags Key=KEY,Value=VALUE; activate the keys as cost allocation tags and enforce them with a tag policy.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EC2_COST_ALLOCATION_TAGS;
    let required = &ctx.settings.required_tags;
    let mut findings = ctx.each_in_ec2_regions(
        check,
        |ec2| &ec2.instances,
        |instance| {
            instance.exists().then(|| {
                let missing = tags::missing(&instance.tags, required);
                let what = format!("instance {}", instance.resource().label());
                verdict(
                    instance,
                    tags::message(&what, &missing, required),
                    missing.is_empty(),
                )
            })
        },
    );
    findings.extend(ctx.each_in_ec2_regions(
        check,
        |ec2| &ec2.volumes,
        |volume| {
            let missing = tags::missing(&volume.tags, required);
            let what = format!("volume {}", volume.resource().label());
            Some(verdict(
                volume,
                tags::message(&what, &missing, required),
                missing.is_empty(),
            ))
        },
    ));
    findings
}

fn verdict(resource: &impl Resource, message: String, ok: bool) -> Finding {
    let check = &EC2_COST_ALLOCATION_TAGS;
    if ok {
        check.pass(resource, message)
    } else {
        check.fail(resource, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    #[test]
    fn tagged_resources_pass_untagged_fail_terminated_instances_are_skipped() {
        let mut snap = snapshot();
        let mut bare = instance("bare");
        bare.tags = tags(&[("Name", "bare"), ("owner", "team")]);
        let mut gone = instance("gone");
        gone.state = "terminated".into();
        gone.tags = tags(&[("Name", "gone")]);
        let mut scratch = volume("scratch");
        scratch.tags = tags(&[("Name", "scratch")]);
        ec2(&mut snap).instances = Fetched::Ok(vec![instance("web"), bare, gone]);
        ec2(&mut snap).volumes = Fetched::Ok(vec![volume("data"), scratch]);

        let findings = run(&EC2_COST_ALLOCATION_TAGS, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("web", Pass),
                ("bare", Fail),
                ("data", Pass),
                ("scratch", Fail)
            ])
        );
        assert_eq!(
            findings[1].message,
            "instance bare (i-bare) lacks required tags: cost-center"
        );
        assert_eq!(
            findings[3].message,
            "volume scratch (vol-scratch) lacks required tags: owner, cost-center"
        );
    }

    #[test]
    fn unreadable_lists_are_not_evaluated() {
        let mut snap = snapshot();
        ec2(&mut snap).instances = Fetched::Failed(denied("DescribeInstances"));
        ec2(&mut snap).volumes = Fetched::Ok(vec![volume("data")]);

        let findings = run(&EC2_COST_ALLOCATION_TAGS, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[(ACCOUNT, NotEvaluated), ("data", Pass)])
        );
    }
}
