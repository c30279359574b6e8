use super::exposure::{service_of, users};
use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that no security group opens a database, cache or data-store port to the whole
    /// internet (`0.0.0.0/0` or `::/0`): MySQL 3306, PostgreSQL 5432, SQL Server 1433, Oracle
    /// 1521, Redis 6379, Memcached 11211, MongoDB 27017, Elasticsearch/OpenSearch 9200,
    /// Cassandra 9042, Kafka 9092 and the others of `database_ports` in the `[settings]` of
    /// `wascan.toml`. The message names the databases, instances and other resources whose
    /// network interfaces use the group.
    ///
    /// ## Why is this bad?
    /// A data store reachable from the internet is one weak or default password, or one
    /// unauthenticated cache (Redis, Memcached, Elasticsearch), away from a data breach or
    /// ransom; these ports are scanned for continuously.
    ///
    /// ## Example
    /// An ingress rule `tcp 5432 0.0.0.0/0` on the group of an RDS instance. Fix: revoke it and
    /// allow only the application's security group
    /// (`aws ec2 authorize-security-group-ingress --group-id sg-db --protocol tcp --port 5432 --source-group sg-app`).
    ///
    /// ## Not evaluated when
    /// The region's security groups could not be read.
    pub EC2_SECURITY_GROUP_DATABASE_PORTS_OPEN = "ec2_security_group_database_ports_open",
    pillar: Pillar::Security,
    service: Service::Ec2,
    severity: Severity::Critical,
    best_practices: &[direct("SEC05-BP02")],
    since: "0.3.0",
    title: "Security groups do not open database or cache ports to the internet",
    remediation: "Revoke the world-open rule (aws ec2 revoke-security-group-ingress) and admit only the application's security group on the database port.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EC2_SECURITY_GROUP_DATABASE_PORTS_OPEN;
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
            let open: Vec<String> = ctx
                .settings
                .database_ports
                .iter()
                .filter(|port| {
                    group
                        .ingress
                        .iter()
                        .any(|rule| rule.open_to_world() && rule.admits_tcp_port(**port))
                })
                .map(|port| match service_of(*port) {
                    Some(service) => format!("{port} ({service})"),
                    None => port.to_string(),
                })
                .collect();
            findings.push(if open.is_empty() {
                check.pass(
                    group,
                    format!(
                        "security group {} opens no database port to the internet",
                        group.name
                    ),
                )
            } else {
                check.fail(
                    group,
                    format!(
                        "security group {} opens database port {} to the internet{}",
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
    use crate::model::ec2::NetworkInterface;
    use crate::testing::*;

    #[test]
    fn world_open_database_ports_fail_naming_the_database() {
        let mut snap = snapshot();
        let mut web = security_group("web");
        web.ingress = vec![
            tcp_from(443, 443, "0.0.0.0/0"),
            tcp_from(5432, 5432, "10.0.0.0/8"),
        ];
        let mut db = security_group("db");
        db.ingress = vec![tcp_from(5432, 5432, "0.0.0.0/0")];
        let mut cache = security_group("cache");
        cache.ingress = vec![tcp_from(6000, 7000, "::/0")];
        let region = ec2(&mut snap);
        region.security_groups = Fetched::Ok(vec![web, db, cache]);
        region.network_interfaces = Fetched::Ok(vec![NetworkInterface {
            requester_id: Some("amazon-rds".into()),
            ..eni("eni-9", None, "RDSNetworkInterface", &["sg-db"])
        }]);

        let findings = run(&EC2_SECURITY_GROUP_DATABASE_PORTS_OPEN, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("web", Pass), ("db", Fail), ("cache", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "security group db opens database port 5432 (PostgreSQL) to the internet; used by RDS database (eni-9)"
        );
        assert!(findings[2]
            .message
            .contains("6379 (Redis), 7000 (Cassandra)"));
    }

    #[test]
    fn unreadable_groups_are_not_evaluated() {
        let mut snap = snapshot();
        ec2(&mut snap).security_groups = Fetched::Failed(denied("DescribeSecurityGroups"));
        let findings = run(&EC2_SECURITY_GROUP_DATABASE_PORTS_OPEN, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
