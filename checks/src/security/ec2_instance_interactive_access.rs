use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::ec2::{Ec2Region, Instance};
use crate::model::{Fetched, Gap, Resource, Service, Snapshot};
use crate::settings::Settings;

declare_check! {
    /// ## What it does
    /// Checks how people reach each EC2 instance (not terminated). It fails an instance that a
    /// security group of its network interfaces opens to the whole internet (`0.0.0.0/0` or
    /// `::/0`) on an administrative port (SSH 22, RDP 3389, WinRM 5985/5986 by default:
    /// `admin_ports` in the configuration file), and an instance launched with an SSH key pair
    /// that is not a Systems Manager managed node (so SSH or RDP with that key is the way in).
    /// An instance launched with a key pair that is a managed node passes, with the key named:
    /// the key remains a second way in.
    ///
    /// ## Why is this bad?
    /// SEC06-BP03 asks to manage compute through automation and, where people must get in, through
    /// Systems Manager Session Manager rather than SSH or RDP: sessions are authorised by IAM,
    /// logged, and need no open inbound port nor long-lived key to leak or rotate. An
    /// administrative port open to the world is scanned within minutes; a key pair on a laptop
    /// is access nobody audits.
    ///
    /// ## Example
    /// `aws ec2 describe-instances` shows `KeyName: ops-key` and the instance is missing from
    /// `aws ssm describe-instance-information`. Fix: install the SSM Agent and attach
    /// `AmazonSSMManagedInstanceCore` to the instance role, connect with
    /// `aws ssm start-session --target i-…`, launch new instances without `--key-name`, and
    /// revoke world-open rules on ports 22 and 3389.
    ///
    /// ## Not evaluated when
    /// The region's instances, security groups or network interfaces could not be read, an
    /// instance's key pair is unknown (a snapshot older than this check), or, for an instance
    /// with a key pair and no open port, the region's Systems Manager managed nodes could not be
    /// read.
    pub EC2_INSTANCE_INTERACTIVE_ACCESS = "ec2_instance_interactive_access",
    pillar: Pillar::Security,
    service: Service::Ec2,
    severity: Severity::Medium,
    best_practices: &[direct("SEC06-BP03")],
    since: "0.5.0",
    title: "EC2 instances are reached through Session Manager, not SSH keys or open admin ports",
    remediation: "Manage the instance through Systems Manager (SSM Agent + AmazonSSMManagedInstanceCore, aws ssm start-session), launch without a key pair, and revoke world-open rules on ports 22/3389.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EC2_INSTANCE_INTERACTIVE_ACCESS;
    let mut findings = Vec::new();
    for (region, ec2) in &ctx.snapshot.ec2 {
        let instances = match &ec2.instances {
            Fetched::Ok(instances) => instances,
            Fetched::Failed(gap) => {
                let account = ctx.snapshot.account_resource(region);
                findings.push(check.not_evaluated(&account, gap));
                continue;
            }
        };
        for instance in instances.iter().filter(|i| i.exists()) {
            findings.push(match verdict(ctx.snapshot, ctx.settings, ec2, instance) {
                Ok(Verdict::Open(ports)) => check.fail(
                    instance,
                    format!(
                        "instance {} is reachable from the internet on {}",
                        instance.resource().label(),
                        ports.join(", ")
                    ),
                ),
                Ok(Verdict::KeyOnly(key)) => check.fail(
                    instance,
                    format!(
                        "instance {} was launched with key pair {key} and is not a Systems Manager managed node: people reach it with SSH or RDP keys",
                        instance.resource().label()
                    ),
                ),
                Ok(Verdict::KeyAndSsm(key)) => check.pass(
                    instance,
                    format!(
                        "instance {} is a Systems Manager managed node and opens no administrative port to the internet (it still has key pair {key})",
                        instance.resource().label()
                    ),
                ),
                Ok(Verdict::NoKey) => check.pass(
                    instance,
                    format!(
                        "instance {} has no key pair and opens no administrative port to the internet",
                        instance.resource().label()
                    ),
                ),
                Err(gap) => check.not_evaluated(instance, &gap),
            });
        }
    }
    findings
}

enum Verdict {
    /// World-open administrative ports: "tcp 22 (security group admin-sg)".
    Open(Vec<String>),
    KeyOnly(String),
    KeyAndSsm(String),
    NoKey,
}

fn verdict(
    snap: &Snapshot,
    settings: &Settings,
    ec2: &Ec2Region,
    instance: &Instance,
) -> Result<Verdict, Gap> {
    let interfaces = match &ec2.network_interfaces {
        Fetched::Ok(interfaces) => interfaces,
        Fetched::Failed(gap) => return Err(gap.clone()),
    };
    let groups = match &ec2.security_groups {
        Fetched::Ok(groups) => groups,
        Fetched::Failed(gap) => return Err(gap.clone()),
    };
    let mut own: Vec<&str> = interfaces
        .iter()
        .filter(|eni| eni.instance_id.as_deref() == Some(instance.id.as_str()))
        .flat_map(|eni| eni.groups.iter().map(String::as_str))
        .collect();
    own.sort_unstable();
    own.dedup();
    let mut open = Vec::new();
    for group in groups.iter().filter(|g| own.contains(&g.id.as_str())) {
        for port in &settings.admin_ports {
            if group
                .ingress
                .iter()
                .any(|rule| rule.open_to_world() && rule.admits_tcp_port(*port))
            {
                open.push(format!("tcp {port} (security group {})", group.name));
            }
        }
    }
    if !open.is_empty() {
        return Ok(Verdict::Open(open));
    }
    let key = match &instance.key_name {
        Fetched::Ok(key) => key,
        Fetched::Failed(gap) => return Err(gap.clone()),
    };
    let Some(key) = key else {
        return Ok(Verdict::NoKey);
    };
    let nodes = match snap
        .ssm
        .get(&instance.region)
        .map(|ssm| &ssm.managed_instances)
    {
        Some(Fetched::Ok(nodes)) => nodes,
        Some(Fetched::Failed(gap)) => return Err(gap.clone()),
        None => {
            return Err(Gap::not_collected(
                Service::Ssm,
                "DescribeInstanceInformation",
            ))
        }
    };
    Ok(
        if nodes.iter().any(|node| node.instance_id == instance.id) {
            Verdict::KeyAndSsm(key.clone())
        } else {
            Verdict::KeyOnly(key.clone())
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    fn keyed(name: &str, key: Option<&str>) -> Instance {
        let mut instance = instance(name);
        instance.key_name = Fetched::Ok(key.map(str::to_string));
        instance
    }

    #[test]
    fn open_admin_ports_and_keys_without_ssm_fail_managed_or_keyless_pass() {
        let mut snap = snapshot();
        let mut ssh = security_group("admin-sg");
        ssh.ingress = vec![tcp_from(22, 22, "0.0.0.0/0")];
        let mut web = security_group("web-sg");
        web.ingress = vec![
            tcp_from(443, 443, "0.0.0.0/0"),
            tcp_from(22, 22, "10.0.0.0/8"),
        ];
        let mut gone = keyed("gone", Some("old-key"));
        gone.state = "terminated".into();
        let region = ec2(&mut snap);
        region.security_groups = Fetched::Ok(vec![ssh, web]);
        region.network_interfaces = Fetched::Ok(vec![
            eni("eni-1", Some("i-bastion"), "", &["sg-admin-sg"]),
            eni("eni-2", Some("i-keyed"), "", &["sg-web-sg"]),
            eni("eni-3", Some("i-managed"), "", &["sg-web-sg"]),
            eni("eni-4", Some("i-clean"), "", &["sg-web-sg"]),
        ]);
        region.instances = Fetched::Ok(vec![
            keyed("bastion", None),
            keyed("keyed", Some("ops-key")),
            keyed("managed", Some("ops-key")),
            keyed("clean", None),
            gone,
        ]);
        ssm(&mut snap).managed_instances = Fetched::Ok(vec![managed_instance("i-managed")]);

        let findings = run(&EC2_INSTANCE_INTERACTIVE_ACCESS, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("bastion", Fail),
                ("keyed", Fail),
                ("managed", Pass),
                ("clean", Pass),
            ])
        );
        assert_eq!(
            findings[0].message,
            "instance bastion (i-bastion) is reachable from the internet on tcp 22 (security group admin-sg)"
        );
        assert!(findings[1].message.contains("key pair ops-key"));
    }

    #[test]
    fn unknowns_are_not_evaluated() {
        let mut snap = snapshot();
        ec2(&mut snap).instances = Fetched::Ok(vec![
            keyed("keyed", Some("ops-key")),
            Instance {
                key_name: Fetched::not_collected(Service::Ec2, "DescribeInstances"),
                ..instance("old")
            },
        ]);
        ssm(&mut snap).managed_instances = Fetched::Failed(denied("DescribeInstanceInformation"));
        assert_eq!(
            statuses(&run(&EC2_INSTANCE_INTERACTIVE_ACCESS, &snap)),
            expect(&[("keyed", NotEvaluated), ("old", NotEvaluated)])
        );

        ec2(&mut snap).network_interfaces = Fetched::Failed(denied("DescribeNetworkInterfaces"));
        ec2(&mut snap).instances = Fetched::Ok(vec![keyed("clean", None)]);
        assert_eq!(
            statuses(&run(&EC2_INSTANCE_INTERACTIVE_ACCESS, &snap)),
            expect(&[("clean", NotEvaluated)])
        );

        ec2(&mut snap).instances = Fetched::Failed(denied("DescribeInstances"));
        assert_eq!(
            statuses(&run(&EC2_INSTANCE_INTERACTIVE_ACCESS, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
