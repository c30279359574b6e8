use super::exposure::describe;
use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that every VPC's default security group (the group named `default`) admits no
    /// inbound traffic. AWS creates it with a rule admitting everything from members of the
    /// group itself; CIS and AWS Security Hub ask to remove it (and the egress rule, which
    /// wascan does not read).
    ///
    /// ## Why is this bad?
    /// Anything launched without a security group chosen lands in the default one: a database,
    /// a test instance, a Lambda function in the VPC. With its self-referencing rule, every
    /// such resource can reach every other on every port. An empty default group makes
    /// forgetting to choose a group fail closed (SEC05-BP02).
    ///
    /// ## Example
    /// `aws ec2 describe-security-groups --filters Name=group-name,Values=default` shows an
    /// `IpPermissions` entry. Fix: `aws ec2 revoke-security-group-ingress --group-id sg-…
    /// --ip-permissions '[{"IpProtocol":"-1","UserIdGroupPairs":[{"GroupId":"sg-…"}]}]'`, and
    /// give every resource a purpose-made group.
    ///
    /// ## Not evaluated when
    /// The region's security groups could not be read.
    pub EC2_SECURITY_GROUP_DEFAULT_NO_INGRESS = "ec2_security_group_default_no_ingress",
    pillar: Pillar::Security,
    service: Service::Ec2,
    severity: Severity::Medium,
    best_practices: &[direct("SEC05-BP02")],
    since: "0.5.0",
    title: "Default security groups admit no inbound traffic",
    remediation: "Revoke every ingress rule of the default security group (aws ec2 revoke-security-group-ingress) and give resources purpose-made groups.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EC2_SECURITY_GROUP_DEFAULT_NO_INGRESS;
    ctx.each_in_ec2_regions(
        check,
        |ec2| &ec2.security_groups,
        |group| {
            if group.name != "default" {
                return None;
            }
            let vpc = group.vpc_id.as_deref().unwrap_or("no VPC");
            Some(if group.ingress.is_empty() {
                check.pass(
                    group,
                    format!("default security group {} ({vpc}) admits nothing", group.id),
                )
            } else {
                let rules: Vec<String> = group
                    .ingress
                    .iter()
                    .map(|rule| {
                        let from = if rule.source_groups.is_empty() {
                            String::new()
                        } else {
                            format!(" from {}", rule.source_groups.join(", "))
                        };
                        format!("{}{from}", describe(rule))
                    })
                    .collect();
                check.fail(
                    group,
                    format!(
                        "default security group {} ({vpc}) admits {}",
                        group.id,
                        rules.join("; ")
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
    use crate::model::ec2::IngressRule;
    use crate::model::Fetched;
    use crate::testing::*;

    #[test]
    fn an_empty_default_group_passes_one_with_rules_fails() {
        let mut snap = snapshot();
        let mut open = security_group("default");
        open.id = "sg-open".into();
        open.ingress = vec![IngressRule {
            protocol: "-1".into(),
            from_port: None,
            to_port: None,
            ipv4_ranges: vec![],
            ipv6_ranges: vec![],
            source_groups: vec!["sg-open".into()],
            prefix_lists: vec![],
        }];
        let mut empty = security_group("default");
        empty.id = "sg-empty".into();
        let mut web = security_group("web");
        web.ingress = vec![tcp_from(443, 443, "0.0.0.0/0")];
        ec2(&mut snap).security_groups = Fetched::Ok(vec![open, empty, web]);

        let findings = run(&EC2_SECURITY_GROUP_DEFAULT_NO_INGRESS, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("default", Fail), ("default", Pass)])
        );
        assert_eq!(
            findings[0].message,
            "default security group sg-open (vpc-1) admits all traffic from sg-open"
        );

        ec2(&mut snap).security_groups = Fetched::Failed(denied("DescribeSecurityGroups"));
        assert_eq!(
            statuses(&run(&EC2_SECURITY_GROUP_DEFAULT_NO_INGRESS, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
