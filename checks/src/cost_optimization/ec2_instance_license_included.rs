use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::ec2::Instance;
use crate::model::Service;

/// The platform of an instance that pays for no operating system or software licence.
const OPEN_SOURCE: &str = "Linux/UNIX";

declare_check! {
    /// ## What it does
    /// Checks the licences every running EC2 instance pays for with its hours, from EC2's
    /// `PlatformDetails`: `Linux/UNIX` and platforms on your own licence (`... BYOL`) pass;
    /// Windows, SQL Server, Red Hat Enterprise Linux, SUSE and the other licence-included
    /// platforms fail, as a cost to review. Instances not running give no finding.
    ///
    /// ## Why is this bad?
    /// A licence-included platform is billed per vCPU-hour on top of the instance: Windows adds
    /// about 45 % to a general-purpose instance in us-east-1, and SQL Server Standard several
    /// times more, growing with the instance size rather than with the work done. Open-source
    /// platforms have no licence cost; where the licensed software is required, licences the
    /// organisation already owns (bring your own licence, on Dedicated Hosts where the vendor
    /// requires it) may cost less.
    ///
    /// ## Example
    /// `aws ec2 describe-instances` shows `"PlatformDetails": "Windows with SQL Server
    /// Standard"`. Fix: move the application to Linux (.NET on Linux, PostgreSQL or Babelfish
    /// instead of SQL Server) or to your own licences (License Manager, Dedicated Hosts).
    ///
    /// ## Not evaluated when
    /// The region's instances could not be read (one finding for the region), or the answer
    /// lacked `PlatformDetails` (moto does not send it).
    pub EC2_INSTANCE_LICENSE_INCLUDED = "ec2_instance_license_included",
    pillar: Pillar::CostOptimization,
    service: Service::Ec2,
    severity: Severity::Low,
    best_practices: &[direct("COST05-BP04")],
    since: "0.6.0",
    title: "Running EC2 instances avoid licence-included platforms",
    remediation: "Move the workload to an open-source platform (Linux, .NET on Linux, PostgreSQL or Babelfish instead of SQL Server), or use licences you own through AWS License Manager (on Dedicated Hosts where the vendor requires it).",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EC2_INSTANCE_LICENSE_INCLUDED;
    ctx.each_in_ec2_regions(
        check,
        |region| &region.instances,
        |instance: &Instance| {
            if instance.state != "running" {
                return None;
            }
            let platform = crate::known!(
                check,
                instance,
                instance.platform_details.as_deref(),
                "PlatformDetails"
            );
            Some(if platform == OPEN_SOURCE {
                check.pass(instance, format!("instance {} runs {platform}", instance.id))
            } else if platform.contains("BYOL") {
                check.pass(
                    instance,
                    format!("instance {} runs {platform} on its own licence", instance.id),
                )
            } else {
                check.fail(
                    instance,
                    format!(
                        "instance {} runs {platform}: its licence is billed with every hour it runs",
                        instance.id
                    ),
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

    fn on(name: &str, platform: Option<&str>) -> Instance {
        let mut i = instance(name);
        i.platform_details = platform.map(str::to_string);
        i
    }

    #[test]
    fn linux_and_byol_pass_licence_included_fails_unknown_not_evaluated() {
        let mut snap = snapshot();
        let mut stopped = on("idle", Some("Windows"));
        stopped.state = "stopped".into();
        ec2(&mut snap).instances = Fetched::Ok(vec![
            on("web", Some("Linux/UNIX")),
            on("ad", Some("Windows BYOL")),
            on("erp", Some("Windows with SQL Server Standard")),
            on("mystery", None),
            stopped,
        ]);

        let findings = run(&EC2_INSTANCE_LICENSE_INCLUDED, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("web", Pass),
                ("ad", Pass),
                ("erp", Fail),
                ("mystery", NotEvaluated)
            ])
        );
        assert_eq!(
            findings[2].message,
            "instance i-erp runs Windows with SQL Server Standard: its licence is billed with every hour it runs"
        );

        ec2(&mut snap).instances = Fetched::Failed(denied("DescribeInstances"));
        assert_eq!(
            statuses(&run(&EC2_INSTANCE_LICENSE_INCLUDED, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
