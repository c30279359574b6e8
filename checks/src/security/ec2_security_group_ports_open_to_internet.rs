use super::exposure::{describe, has_ports, only_ports_in, users};
use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that no security group opens a port or port range to the whole internet
    /// (`0.0.0.0/0` or `::/0`) beyond the ones meant to be public: TCP 80 and 443 by default
    /// (`public_ports` in the `[settings]` of `wascan.toml`). A rule for all traffic, any UDP
    /// port or any other TCP port fails, and the message names what uses the group: the
    /// instances, databases, load balancers and Lambda functions behind its network interfaces.
    /// ICMP and other protocols without ports are not counted.
    ///
    /// ## Why is this bad?
    /// Every port open to the world is found by internet-wide scanners within hours; a service
    /// listening there that was meant for the inside (an admin console, a metrics endpoint, a
    /// debug port) becomes the way in.
    ///
    /// ## Example
    /// An ingress rule `tcp 8080 0.0.0.0/0`, or `-1 ::/0`. Fix: revoke it
    /// (`aws ec2 revoke-security-group-ingress --group-id sg-… --protocol tcp --port 8080 --cidr 0.0.0.0/0`)
    /// and allow the load balancer's group or a known CIDR instead; add the port to
    /// `public_ports` if it is meant to be public.
    ///
    /// ## Not evaluated when
    /// The region's security groups could not be read (what uses a group, when the network
    /// interfaces could not be read, is said to be unknown in the message, and the verdict
    /// stands).
    pub EC2_SECURITY_GROUP_PORTS_OPEN_TO_INTERNET = "ec2_security_group_ports_open_to_internet",
    pillar: Pillar::Security,
    service: Service::Ec2,
    severity: Severity::High,
    best_practices: &[direct("SEC05-BP02")],
    since: "0.3.0",
    title: "Security groups open only the public ports to the internet",
    remediation: "Revoke the world-open rule (aws ec2 revoke-security-group-ingress) and allow a known CIDR or the load balancer's security group; list ports meant to be public in public_ports.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EC2_SECURITY_GROUP_PORTS_OPEN_TO_INTERNET;
    let public = &ctx.settings.public_ports;
    let mut findings = Vec::new();
    for (region, ec2) in &ctx.snapshot.ec2 {
        let groups = match &ec2.security_groups {
            Fetched::Ok(groups) => groups,
            Fetched::Failed(gap) => {
                findings.push(check.not_evaluated(&ctx.snapshot.account_resource(region), gap));
                continue;
            }
        };
        for group in groups {
            let mut open: Vec<String> = group
                .ingress
                .iter()
                .filter(|rule| rule.open_to_world() && has_ports(rule))
                .filter(|rule| !only_ports_in(rule, public))
                .map(describe)
                .collect();
            open.sort();
            open.dedup();
            findings.push(if open.is_empty() {
                check.pass(
                    group,
                    format!(
                        "security group {} opens no port beyond the public ones to the internet",
                        group.name
                    ),
                )
            } else {
                check.fail(
                    group,
                    format!(
                        "security group {} opens {} to the internet{}",
                        group.name,
                        open.join(", "),
                        users(ec2, &group.id)
                    ),
                )
            });
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::ec2::IngressRule;
    use crate::settings::Settings;
    use crate::testing::*;

    fn all_traffic(cidr: &str) -> IngressRule {
        IngressRule {
            protocol: "-1".into(),
            from_port: None,
            to_port: None,
            ..tcp_from(0, 0, cidr)
        }
    }

    #[test]
    fn ports_beyond_the_public_ones_fail_and_name_what_uses_the_group() {
        let mut snap = snapshot();
        let mut web = security_group("web");
        web.ingress = vec![tcp_from(443, 443, "0.0.0.0/0"), tcp_from(80, 80, "::/0")];
        let mut app = security_group("app");
        app.ingress = vec![
            tcp_from(8080, 8080, "0.0.0.0/0"),
            tcp_from(9000, 9100, "10.0.0.0/8"),
        ];
        let mut open = security_group("open");
        open.ingress = vec![all_traffic("::/0")];
        let mut icmp = security_group("icmp");
        icmp.ingress = vec![IngressRule {
            protocol: "icmp".into(),
            ..tcp_from(-1, -1, "0.0.0.0/0")
        }];
        let region = ec2(&mut snap);
        region.security_groups = Fetched::Ok(vec![web, app, open, icmp]);
        region.network_interfaces = Fetched::Ok(vec![
            eni(
                "eni-1",
                Some("i-1"),
                "Primary network interface",
                &["sg-app"],
            ),
            eni("eni-2", None, "ELB app/front/50dc6c495c0c9188", &["sg-app"]),
            eni(
                "eni-3",
                None,
                "AWS Lambda VPC ENI-orders-2b5e1f4c-6a2b-4c1e-9d3f-123456789abc",
                &["sg-app"],
            ),
        ]);

        let findings = run(&EC2_SECURITY_GROUP_PORTS_OPEN_TO_INTERNET, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("web", Pass), ("app", Fail), ("open", Fail), ("icmp", Pass)])
        );
        assert_eq!(
            findings[1].message,
            "security group app opens tcp 8080 to the internet; used by Lambda function orders, instance i-1, load balancer app/front/50dc6c495c0c9188"
        );
        assert_eq!(
            findings[2].message,
            "security group open opens all traffic to the internet; attached to no network interface"
        );

        // 8080 meant to be public: it passes; the ENIs unreadable: the message says so.
        let settings = Settings {
            public_ports: vec![80, 443, 8080],
            ..Settings::default()
        };
        ec2(&mut snap).network_interfaces = Fetched::Failed(denied("DescribeNetworkInterfaces"));
        let findings = run_with(&EC2_SECURITY_GROUP_PORTS_OPEN_TO_INTERNET, &snap, &settings);
        assert_eq!(findings[1].status, Pass);
        assert!(findings[2].message.contains("what uses it is unknown"));
    }

    #[test]
    fn unreadable_groups_are_not_evaluated() {
        let mut snap = snapshot();
        ec2(&mut snap).security_groups = Fetched::Failed(denied("DescribeSecurityGroups"));
        let findings = run(&EC2_SECURITY_GROUP_PORTS_OPEN_TO_INTERNET, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
