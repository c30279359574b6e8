use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::instance_types::EC2_PREVIOUS_GENERATION;
use crate::finding::{Finding, Severity};
use crate::model::{Resource, Service};

declare_check! {
    /// ## What it does
    /// Checks that no EC2 instance (not terminated) runs a previous-generation instance family:
    /// t1, t2, m1–m4, c1, c3, c4, cc1, cc2, cg1, cr1, r3, r4, i2, d2, g2, g3, p2, x1, x1e, hs1 or
    /// hi1 (the families on the EC2 "Previous Generation Instances" page).
    ///
    /// ## Why is this bad?
    /// Previous-generation instances run older processors, mostly on the Xen hypervisor rather
    /// than Nitro: they give less performance per dollar, lack enhanced networking and newer
    /// EBS features, and are the first to face capacity shortages and retirement.
    ///
    /// ## Example
    /// An `m4.large`. Fix: stop the instance and change its type to the current equivalent
    /// (`aws ec2 modify-instance-attribute --instance-id i-… --instance-type "{\"Value\": \"m7i.large\"}"`),
    /// after checking the AMI has the ENA and NVMe drivers Nitro needs.
    ///
    /// ## Not evaluated when
    /// The region's instances could not be read.
    pub EC2_INSTANCE_PREVIOUS_GENERATION = "ec2_instance_previous_generation",
    pillar: Pillar::PerformanceEfficiency,
    service: Service::Ec2,
    severity: Severity::Medium,
    best_practices: &[indirect("PERF02-BP01")],
    since: "0.1.0",
    title: "EC2 instances use a current-generation instance family",
    remediation: "Stop the instance and move it to a current-generation type (aws ec2 modify-instance-attribute --instance-id INSTANCE --instance-type TYPE), checking the AMI supports Nitro (ENA, NVMe).",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EC2_INSTANCE_PREVIOUS_GENERATION;
    ctx.each_in_ec2_regions(
        check,
        |ec2| &ec2.instances,
        |instance| {
            instance.exists().then(|| {
                let label = instance.resource().label();
                let family = instance.family();
                if EC2_PREVIOUS_GENERATION.contains(&family) {
                    check.fail(
                        instance,
                        format!(
                            "instance {label} runs {}, of the previous-generation family {family}",
                            instance.instance_type
                        ),
                    )
                } else {
                    check.pass(
                        instance,
                        format!(
                            "instance {label} runs {}, of the current family {family}",
                            instance.instance_type
                        ),
                    )
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
    use crate::testing::*;

    fn of_type(name: &str, instance_type: &str) -> crate::model::ec2::Instance {
        let mut instance = instance(name);
        instance.instance_type = instance_type.into();
        instance
    }

    #[test]
    fn current_families_pass_previous_ones_fail() {
        let mut snap = snapshot();
        let mut gone = of_type("gone", "m1.small");
        gone.state = "terminated".into();
        ec2(&mut snap).instances = Fetched::Ok(vec![
            of_type("web", "m7g.large"),
            of_type("legacy", "m4.large"),
            of_type("tiny", "t1.micro"),
            of_type("ml", "p2.xlarge"),
            of_type("modern-gpu", "g5.xlarge"),
            gone,
        ]);

        let findings = run(&EC2_INSTANCE_PREVIOUS_GENERATION, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("web", Pass),
                ("legacy", Fail),
                ("tiny", Fail),
                ("ml", Fail),
                ("modern-gpu", Pass)
            ])
        );
        assert_eq!(
            findings[1].message,
            "instance legacy (i-legacy) runs m4.large, of the previous-generation family m4"
        );
        assert_eq!(
            findings[0].message,
            "instance web (i-web) runs m7g.large, of the current family m7g"
        );
    }

    #[test]
    fn unreadable_region_is_not_evaluated() {
        let mut snap = snapshot();
        ec2(&mut snap).instances = Fetched::Failed(denied("DescribeInstances"));

        let findings = run(&EC2_INSTANCE_PREVIOUS_GENERATION, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
