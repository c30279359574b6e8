use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that no security group admits traffic from the whole internet (`0.0.0.0/0` or
    /// `::/0`) to an administrative port: SSH (22), RDP (3389) or WinRM (5985, 5986) by default
    /// (`admin_ports` in the configuration file).
    ///
    /// ## Why is this bad?
    /// Administrative ports open to the world are scanned and brute-forced within minutes of
    /// exposure; one weak password or unpatched service gives an attacker a shell.
    ///
    /// ## Example
    /// An ingress rule `tcp 22 0.0.0.0/0`. Fix: remove it
    /// (`aws ec2 revoke-security-group-ingress --group-id sg-… --protocol tcp --port 22 --cidr 0.0.0.0/0`)
    /// and reach instances through Systems Manager Session Manager, or allow only a known CIDR.
    ///
    /// ## Not evaluated when
    /// The region's security groups could not be read.
    pub EC2_SECURITY_GROUP_ADMIN_PORTS_OPEN = "ec2_security_group_admin_ports_open",
    pillar: Pillar::Security,
    service: Service::Ec2,
    severity: Severity::High,
    best_practices: &[direct("SEC05-BP02")],
    since: "0.1.0",
    title: "Security groups do not open administrative ports to the internet",
    remediation: "Revoke the world-open rule (aws ec2 revoke-security-group-ingress) and use Session Manager or a restricted CIDR instead.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EC2_SECURITY_GROUP_ADMIN_PORTS_OPEN;
    ctx.each_in_ec2_regions(
        check,
        |ec2| &ec2.security_groups,
        |group| {
            let open: Vec<String> = ctx
                .settings
                .admin_ports
                .iter()
                .filter(|port| {
                    group
                        .ingress
                        .iter()
                        .any(|rule| rule.open_to_world() && rule.admits_tcp_port(**port))
                })
                .map(|port| port.to_string())
                .collect();
            Some(if open.is_empty() {
                check.pass(
                    group,
                    format!(
                        "security group {} opens no administrative port to the internet",
                        group.name
                    ),
                )
            } else {
                check.fail(
                    group,
                    format!(
                        "security group {} opens port {} to the internet",
                        group.name,
                        open.join(", ")
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

    #[test]
    fn world_open_admin_ports_fail_restricted_or_web_ports_pass() {
        let mut snap = snapshot();
        let mut web = security_group("web");
        web.ingress = vec![
            tcp_from(443, 443, "0.0.0.0/0"),
            tcp_from(22, 22, "10.0.0.0/8"),
        ];
        let mut ssh = security_group("ssh");
        ssh.ingress = vec![tcp_from(22, 22, "0.0.0.0/0")];
        let mut rdp6 = security_group("rdp6");
        rdp6.ingress = vec![tcp_from(3000, 4000, "::/0")];
        ec2(&mut snap).security_groups = Fetched::Ok(vec![web, ssh, rdp6]);

        let findings = run(&EC2_SECURITY_GROUP_ADMIN_PORTS_OPEN, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("web", Pass), ("ssh", Fail), ("rdp6", Fail)])
        );
        assert_eq!(
            findings[2].message,
            "security group rdp6 opens port 3389 to the internet"
        );
    }

    #[test]
    fn unreadable_region_is_not_evaluated() {
        let mut snap = snapshot();
        ec2(&mut snap).security_groups = Fetched::Failed(denied("DescribeSecurityGroups"));

        let findings = run(&EC2_SECURITY_GROUP_ADMIN_PORTS_OPEN, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
        assert_eq!(findings[0].region, REGION);
    }
}
