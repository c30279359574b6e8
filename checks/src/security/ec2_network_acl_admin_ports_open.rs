use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::ec2::NetworkAcl;
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that no network ACL guarding a subnet lets the whole internet (`0.0.0.0/0` or
    /// `::/0`) reach an administrative port (SSH 22, RDP 3389, WinRM 5985/5986 by default:
    /// `admin_ports` in the `[settings]` of `wascan.toml`). The inbound rules are read as AWS
    /// applies them, lowest rule number first: the first rule for traffic from anywhere that
    /// covers the port decides. Network ACLs associated with no subnet are skipped.
    ///
    /// ## Why is this bad?
    /// The network ACL is the subnet's second layer: with it open, one security group rule
    /// added by mistake exposes the port to the world. The default network ACL allows all
    /// traffic, so this fails until a deny rule (or narrower allow rules) is in place.
    ///
    /// ## Example
    /// Inbound rule `100 ALLOW all 0.0.0.0/0` before the final `* DENY`. Fix: add a lower-numbered
    /// deny (`aws ec2 create-network-acl-entry --network-acl-id acl-… --ingress --rule-number 50
    /// --protocol tcp --port-range From=22,To=22 --cidr-block 0.0.0.0/0 --rule-action deny`).
    ///
    /// ## Not evaluated when
    /// The region's network ACLs could not be read.
    pub EC2_NETWORK_ACL_ADMIN_PORTS_OPEN = "ec2_network_acl_admin_ports_open",
    pillar: Pillar::Security,
    service: Service::Ec2,
    severity: Severity::Medium,
    best_practices: &[direct("SEC05-BP02")],
    since: "0.3.0",
    title: "Network ACLs do not admit administrative ports from the internet",
    remediation: "Add a lower-numbered inbound deny rule for the port from 0.0.0.0/0 and ::/0 (aws ec2 create-network-acl-entry --rule-action deny), or narrow the allow rules to known CIDRs.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EC2_NETWORK_ACL_ADMIN_PORTS_OPEN;
    ctx.each_in_ec2_regions(
        check,
        |ec2| &ec2.network_acls,
        |acl| {
            if acl.subnets.is_empty() {
                return None;
            }
            let open: Vec<String> = ctx
                .settings
                .admin_ports
                .iter()
                .filter_map(|port| admits(acl, *port).map(|rule| format!("{port} (rule {rule})")))
                .collect();
            Some(if open.is_empty() {
                check.pass(
                    acl,
                    format!(
                        "network ACL {} admits no administrative port from the internet",
                        acl.id
                    ),
                )
            } else {
                check.fail(
                    acl,
                    format!(
                        "network ACL {} admits port {} from the internet",
                        acl.id,
                        open.join(", ")
                    ),
                )
            })
        },
    )
}

/// The number of the rule that admits TCP `port` from anywhere, if the first rule covering it
/// from anywhere allows it.
fn admits(acl: &NetworkAcl, port: i32) -> Option<i32> {
    let mut inbound: Vec<_> = acl.entries.iter().filter(|e| !e.egress).collect();
    inbound.sort_by_key(|e| e.rule_number);
    inbound
        .into_iter()
        .find(|entry| entry.matches_world_tcp(port))
        .filter(|entry| entry.action.eq_ignore_ascii_case("allow"))
        .map(|entry| entry.rule_number)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::ec2::NetworkAclEntry;
    use crate::model::Fetched;
    use crate::testing::*;

    fn entry(
        number: i32,
        action: &str,
        protocol: &str,
        ports: Option<(i32, i32)>,
    ) -> NetworkAclEntry {
        NetworkAclEntry {
            rule_number: number,
            egress: false,
            protocol: protocol.into(),
            action: action.into(),
            cidr: Some("0.0.0.0/0".into()),
            ipv6_cidr: None,
            from_port: ports.map(|p| p.0),
            to_port: ports.map(|p| p.1),
        }
    }

    fn acl(id: &str, entries: Vec<NetworkAclEntry>) -> NetworkAcl {
        NetworkAcl {
            arn: format!("arn:aws:ec2:{REGION}:{ACCOUNT}:network-acl/{id}"),
            region: REGION.into(),
            id: id.into(),
            vpc_id: Some("vpc-1".into()),
            is_default: Some(false),
            subnets: vec!["subnet-1".into()],
            entries,
            tags: Default::default(),
        }
    }

    #[test]
    fn the_first_matching_rule_decides() {
        let mut snap = snapshot();
        let default = acl(
            "acl-default",
            vec![
                entry(100, "allow", "-1", None),
                entry(32767, "deny", "-1", None),
            ],
        );
        let guarded = acl(
            "acl-guarded",
            vec![
                entry(50, "deny", "6", Some((22, 22))),
                entry(60, "deny", "6", Some((3389, 3389))),
                entry(70, "deny", "6", Some((5985, 5986))),
                entry(100, "allow", "-1", None),
            ],
        );
        let web_only = acl("acl-web", vec![entry(100, "allow", "6", Some((443, 443)))]);
        let mut unused = acl("acl-unused", vec![entry(100, "allow", "-1", None)]);
        unused.subnets.clear();
        ec2(&mut snap).network_acls = Fetched::Ok(vec![default, guarded, web_only, unused]);

        let findings = run(&EC2_NETWORK_ACL_ADMIN_PORTS_OPEN, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("acl-default", Fail),
                ("acl-guarded", Pass),
                ("acl-web", Pass)
            ])
        );
        assert_eq!(
            findings[0].message,
            "network ACL acl-default admits port 22 (rule 100), 3389 (rule 100), 5985 (rule 100), 5986 (rule 100) from the internet"
        );
    }

    #[test]
    fn unreadable_acls_are_not_evaluated() {
        let mut snap = snapshot();
        ec2(&mut snap).network_acls = Fetched::Failed(denied("DescribeNetworkAcls"));
        let findings = run(&EC2_NETWORK_ACL_ADMIN_PORTS_OPEN, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
