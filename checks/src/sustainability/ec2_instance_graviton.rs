use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::instance_types::{family_class, graviton_equivalent, NO_GRAVITON_ALTERNATIVE};
use crate::finding::{Finding, Severity};
use crate::model::{Resource, Service};

declare_check! {
    /// ## What it does
    /// Checks that EC2 instances (not terminated) run on AWS Graviton (`arm64`). x86 instances
    /// fail, naming a Graviton family to consider.
    ///
    /// x86 instances of families with no Graviton counterpart (Mac, the GPU and ML accelerator
    /// families `p`, `g`, `gr`, `inf`, `trn`, `dl`, FPGA `f`, video `vt`, High Memory `u-`) and
    /// instances whose architecture is unknown give no finding.
    ///
    /// ## Why is this bad?
    /// Graviton instances use up to 60% less energy than comparable x86 instances for the same
    /// performance, and cost about 20% less. Most Linux workloads (interpreted languages, JVM,
    /// containers with multi-arch images) move without code changes.
    ///
    /// ## Example
    /// An `m5.large` (x86_64). Fix: rebuild or pick an arm64 AMI and relaunch as `m7g.large`
    /// (`aws ec2 run-instances --image-id ami-arm64… --instance-type m7g.large ...`, or change the
    /// launch template of the Auto Scaling group).
    ///
    /// ## Not evaluated when
    /// The region's instances could not be read.
    /// Or the answer lacked a value the check reads (the reason names it).
    pub EC2_INSTANCE_GRAVITON = "ec2_instance_graviton",
    pillar: Pillar::Sustainability,
    service: Service::Ec2,
    severity: Severity::Low,
    best_practices: &[direct("SUS05-BP02")],
    since: "0.1.0",
    title: "EC2 instances run on Graviton (arm64)",
    remediation: "Move the workload to an arm64 AMI on the Graviton equivalent family (e.g. m7g for m5), via the launch template or aws ec2 run-instances --instance-type m7g.large.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EC2_INSTANCE_GRAVITON;
    ctx.each_in_ec2_regions(
        check,
        |ec2| &ec2.instances,
        |instance| {
            if !instance.exists() {
                return None;
            }
            let family = instance.family();
            let class = family_class(family);
            let label = instance.resource().label();
            match crate::known!(
                check,
                instance,
                instance.architecture.as_deref(),
                "Architecture"
            ) {
                "arm64" => Some(check.pass(
                    instance,
                    format!("instance {label} runs on Graviton ({family})"),
                )),
                _ if NO_GRAVITON_ALTERNATIVE.contains(&class) => None,
                architecture => {
                    let advice = match graviton_equivalent(class) {
                        Some(graviton) => format!(
                            "consider the Graviton equivalent, e.g. {graviton} for {family}"
                        ),
                        None => "consider a Graviton (arm64) family".to_string(),
                    };
                    Some(check.fail(
                        instance,
                        format!("instance {label} runs {family} on {architecture}: {advice}"),
                    ))
                }
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::ec2::Instance;
    use crate::model::Fetched;
    use crate::testing::*;

    fn x86(name: &str, instance_type: &str) -> Instance {
        let mut instance = instance(name);
        instance.instance_type = instance_type.into();
        instance.architecture = Some("x86_64".into());
        instance
    }

    #[test]
    fn arm64_passes_x86_fails_families_without_graviton_give_nothing() {
        let mut snap = snapshot();
        let mut unknown = x86("unknown", "m5.large");
        unknown.architecture = None;
        let mut graviton_gpu = instance("arm-gpu");
        graviton_gpu.instance_type = "g5g.xlarge".into();
        ec2(&mut snap).instances = Fetched::Ok(vec![
            instance("web"),
            graviton_gpu,
            x86("app", "m5.large"),
            x86("db", "z1d.large"),
            x86("gpu", "p4d.24xlarge"),
            x86("render", "g5.xlarge"),
            x86("build", "mac1.metal"),
            x86("sap", "u-6tb1.metal"),
            unknown,
        ]);

        let findings = run(&EC2_INSTANCE_GRAVITON, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("web", Pass),
                ("arm-gpu", Pass),
                ("app", Fail),
                ("db", Fail),
                // Issue #14: an answer without Architecture made the instance vanish.
                ("unknown", NotEvaluated)
            ])
        );
        assert_eq!(
            findings[2].message,
            "instance app (i-app) runs m5 on x86_64: consider the Graviton equivalent, e.g. m7g for m5"
        );
        assert_eq!(
            findings[3].message,
            "instance db (i-db) runs z1d on x86_64: consider a Graviton (arm64) family"
        );
    }

    #[test]
    fn unreadable_region_is_not_evaluated() {
        let mut snap = snapshot();
        ec2(&mut snap).instances = Fetched::Failed(denied("DescribeInstances"));

        let findings = run(&EC2_INSTANCE_GRAVITON, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
