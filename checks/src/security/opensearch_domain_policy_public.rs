use super::resource_policy::{judge, Source};
use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that no OpenSearch Service domain with a public endpoint has an access policy that
    /// lets anyone (`"Principal": "*"`, `{"AWS": "*"}`, or an `Allow` with `NotPrincipal`) in
    /// without a condition that restricts who: `aws:SourceIp` (other than `0.0.0.0/0`),
    /// `aws:PrincipalOrgID`, `aws:SourceVpce` and the others of the policy evaluator. A domain
    /// inside a VPC passes: its endpoint is reachable only from the VPC's network.
    ///
    /// ## Why is this bad?
    /// An open domain on a public endpoint gives the whole internet read and write access to
    /// its indices through plain HTTPS: the usual cause of leaked log and customer data.
    ///
    /// ## Example
    /// `aws opensearch describe-domain --domain-name D` shows `AccessPolicies` with
    /// `{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "es:*"}`. Fix: name the roles,
    /// or add `"Condition": {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24"]}}`, with
    /// `aws opensearch update-domain-config --access-policies`; better, move the domain into a VPC.
    ///
    /// ## Not evaluated when
    /// The region's domains, or this domain's configuration, could not be read; the policy is
    /// not JSON, a statement lacks `Effect` or `Principal`, or a `Condition` is malformed.
    pub OPENSEARCH_DOMAIN_POLICY_PUBLIC = "opensearch_domain_policy_public",
    pillar: Pillar::Security,
    service: Service::Opensearch,
    severity: Severity::Critical,
    best_practices: &[direct("SEC03-BP07")],
    since: "0.3.0",
    title: "OpenSearch domains with public endpoints do not let anyone in",
    remediation: "Name the principals or add an aws:SourceIp condition (aws opensearch update-domain-config --access-policies), or move the domain into a VPC.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &OPENSEARCH_DOMAIN_POLICY_PUBLIC;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.opensearch,
        |region| &region.domains,
        |domain| {
            if let Some(vpc) = &domain.vpc_id {
                return Some(check.pass(
                    domain,
                    format!("domain {} is reachable only from {vpc}", domain.name),
                ));
            }
            let source = Source {
                service: Service::Opensearch,
                region: Some(&domain.region),
                operation: "DescribeDomains",
                resource: &domain.name,
            };
            let what = format!("domain {}", domain.name);
            Some(judge(
                check,
                domain,
                &what,
                &domain.access_policy,
                &source,
                &[],
            ))
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    const OPEN: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"es:*","Resource":"arn:aws:es:us-east-1:123456789012:domain/logs/*"}]}"#;
    const OFFICE: &str = r#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"es:*","Condition":{"IpAddress":{"aws:SourceIp":["203.0.113.0/24"]}}}]}"#;

    #[test]
    fn open_public_domain_fails_ip_restricted_or_vpc_passes() {
        let mut snap = snapshot();
        let domain = |name: &str, policy: Option<&str>, vpc: Option<&str>| {
            let mut domain = opensearch_domain(name);
            domain.access_policy = Fetched::Ok(policy.map(str::to_string));
            domain.vpc_id = vpc.map(str::to_string);
            domain
        };
        let mut hidden = opensearch_domain("hidden");
        hidden.access_policy = Fetched::Failed(denied("DescribeDomains"));
        opensearch(&mut snap).domains = Fetched::Ok(vec![
            domain("logs", Some(OPEN), None),
            domain("office", Some(OFFICE), None),
            domain("inside", Some(OPEN), Some("vpc-1")),
            domain("none", None, None),
            hidden,
        ]);

        let findings = run(&OPENSEARCH_DOMAIN_POLICY_PUBLIC, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("logs", Fail),
                ("office", Pass),
                ("inside", Pass),
                ("none", Pass),
                ("hidden", NotEvaluated),
            ])
        );
        assert_eq!(
            findings[0].message,
            "domain logs's policy lets anyone in, with no condition that restricts who: statement #1"
        );
        opensearch(&mut snap).domains = Fetched::Failed(denied("ListDomainNames"));
        assert_eq!(
            statuses(&run(&OPENSEARCH_DOMAIN_POLICY_PUBLIC, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
