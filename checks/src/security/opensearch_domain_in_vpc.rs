use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that every OpenSearch Service domain has its endpoint inside a VPC
    /// (`VPCOptions`), not on the public internet. Whether a public domain's access policy lets
    /// anyone in is `opensearch_domain_policy_public`'s.
    ///
    /// ## Why is this bad?
    /// A public endpoint is reachable from anywhere, guarded only by its access policy and
    /// fine-grained access control: one permissive statement, or an IP condition that drifts,
    /// exposes the index (logs, customer records) to the internet. Inside a VPC, security
    /// groups and the network layers add a second barrier (SEC05-BP01, as a proxy).
    ///
    /// ## Example
    /// `aws opensearch describe-domain --domain-name D` shows no `VPCOptions`. Fix: the VPC
    /// choice is made at creation: create a VPC domain (`--vpc-options SubnetIds=…,SecurityGroupIds=…`),
    /// restore a snapshot into it, and delete the public one.
    ///
    /// ## Not evaluated when
    /// The region's domains, or this domain's description, could not be read.
    pub OPENSEARCH_DOMAIN_IN_VPC = "opensearch_domain_in_vpc",
    pillar: Pillar::Security,
    service: Service::Opensearch,
    severity: Severity::Medium,
    best_practices: &[indirect("SEC05-BP01"), indirect("SEC05-BP02")],
    since: "0.5.0",
    title: "OpenSearch domains keep their endpoint inside a VPC",
    remediation: "Create the domain with --vpc-options SubnetIds=SUBNETS,SecurityGroupIds=GROUPS, restore a snapshot into it and retire the public domain.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &OPENSEARCH_DOMAIN_IN_VPC;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.opensearch,
        |region| &region.domains,
        |domain| {
            // A domain whose description was not read has no known VPC either: its access
            // policy slot carries the gap.
            if let Fetched::Failed(gap) = &domain.access_policy {
                return Some(check.not_evaluated(domain, gap));
            }
            Some(match &domain.vpc_id {
                Some(vpc) => check.pass(
                    domain,
                    format!("domain {} has its endpoint in {vpc}", domain.name),
                ),
                None => check.fail(
                    domain,
                    format!("domain {} has a public endpoint", domain.name),
                ),
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    #[test]
    fn vpc_passes_public_fails_unread_is_not_evaluated() {
        let mut snap = snapshot();
        let mut private = opensearch_domain("search");
        private.vpc_id = Some("vpc-1".into());
        let public = opensearch_domain("logs");
        let mut cut = opensearch_domain("cut");
        cut.access_policy = Fetched::Failed(denied("DescribeDomains"));
        opensearch(&mut snap).domains = Fetched::Ok(vec![private, public, cut]);

        let findings = run(&OPENSEARCH_DOMAIN_IN_VPC, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("search", Pass), ("logs", Fail), ("cut", NotEvaluated)])
        );
        assert_eq!(findings[1].message, "domain logs has a public endpoint");

        opensearch(&mut snap).domains = Fetched::Failed(denied("ListDomainNames"));
        assert_eq!(
            statuses(&run(&OPENSEARCH_DOMAIN_IN_VPC, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
