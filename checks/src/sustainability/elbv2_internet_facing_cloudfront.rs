use crate::catalog::Pillar;
use crate::check::{direct, indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::elbv2::LoadBalancer;
use crate::model::{Fetched, Gap, Service};

declare_check! {
    /// ## What it does
    /// Checks that every internet-facing Application Load Balancer is served through CloudFront:
    /// some distribution has the load balancer's DNS name as an origin. Internal load balancers
    /// and Network or Gateway Load Balancers give no finding. An origin that names the load
    /// balancer by a domain of your own (a Route 53 alias) is not recognised: the finding says so.
    ///
    /// ## Why is this bad?
    /// Without an edge in front, every request crosses the internet to the load balancer's Region
    /// and every response is built there, however far away the user and however often the same
    /// answer is sent. CloudFront ends the connection at the edge near the user, caches what can
    /// be cached and keeps the long haul on AWS's network: less latency, less data moved and
    /// fewer requests for the origin to serve.
    ///
    /// ## Example
    /// An internet-facing ALB `web` that no distribution uses. Fix: create a distribution with
    /// the load balancer as origin (`aws cloudfront create-distribution --origin-domain-name
    /// DNS-NAME`), point the site's DNS at the distribution, and restrict the load balancer to
    /// CloudFront (the `com.amazonaws.global.cloudfront.origin-facing` prefix list).
    ///
    /// ## Not evaluated when
    /// The region's load balancers, or the CloudFront distributions, could not be read, or the
    /// answer lacked the load balancer's DNS name.
    pub ELBV2_INTERNET_FACING_CLOUDFRONT = "elbv2_internet_facing_cloudfront",
    pillar: Pillar::Sustainability,
    service: Service::Elbv2,
    severity: Severity::Low,
    best_practices: &[direct("SUS02-BP04"), indirect("PERF04-BP06")],
    since: "0.6.0",
    title: "Internet-facing Application Load Balancers are served through CloudFront",
    remediation: "Put a CloudFront distribution in front of the load balancer (aws cloudfront create-distribution --origin-domain-name ALB-DNS-NAME), point the site's DNS at it, and allow only CloudFront's origin-facing prefix list on the load balancer.",
    evaluate: evaluate,
}

/// `dualstack.NAME` and `NAME.` name the same load balancer.
fn normalise(name: &str) -> String {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name.strip_prefix("dualstack.")
        .map(str::to_string)
        .unwrap_or(name)
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &ELBV2_INTERNET_FACING_CLOUDFRONT;
    let origins: Result<Vec<(String, String)>, &Gap> = match &ctx.snapshot.cloudfront.distributions
    {
        Fetched::Ok(distributions) => Ok(distributions
            .iter()
            .flat_map(|d| {
                d.origins
                    .iter()
                    .map(|o| (normalise(&o.domain_name), d.id.clone()))
            })
            .collect()),
        Fetched::Failed(why) => Err(why),
    };
    ctx.each_in_regions(
        check,
        &ctx.snapshot.elbv2,
        |region| &region.load_balancers,
        |lb: &LoadBalancer| {
            if !lb.is_application() || lb.scheme.as_deref() != Some("internet-facing") {
                return None;
            }
            let origins = match &origins {
                Ok(origins) => origins,
                Err(why) => return Some(check.not_evaluated(lb, why)),
            };
            let Some(dns_name) = lb.dns_name.as_deref() else {
                let why = Gap::missing_on(
                    Service::Elbv2,
                    &lb.region,
                    "DescribeLoadBalancers",
                    &lb.name,
                    "DNSName",
                );
                return Some(check.not_evaluated(lb, &why));
            };
            let dns_name = normalise(dns_name);
            Some(
                match origins.iter().find(|(origin, _)| *origin == dns_name) {
                    Some((_, distribution)) => check.pass(
                        lb,
                        format!(
                            "load balancer {} is an origin of CloudFront distribution {distribution}",
                            lb.name
                        ),
                    ),
                    None => check.fail(
                        lb,
                        format!(
                            "internet-facing load balancer {} is no CloudFront distribution's origin (by its DNS name {dns_name}; an origin naming it by your own domain is not recognised)",
                            lb.name
                        ),
                    ),
                },
            )
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::cloudfront::Origin;
    use crate::testing::*;

    #[test]
    fn fronted_passes_bare_fails_internal_skipped_unknown_not_evaluated() {
        let mut snap = snapshot();
        let mut fronted = distribution("E1");
        fronted.origins.push(Origin {
            id: "alb".into(),
            domain_name: format!("dualstack.WEB-1.{REGION}.elb.amazonaws.com"),
            protocol_policy: Some("https-only".into()),
        });
        snap.cloudfront.distributions = Fetched::Ok(vec![fronted]);
        let mut internal = load_balancer("internal");
        internal.scheme = Some("internal".into());
        let mut nameless = load_balancer("nameless");
        nameless.dns_name = None;
        elbv2(&mut snap).load_balancers = Fetched::Ok(vec![
            load_balancer("web"),
            load_balancer("api"),
            internal,
            nameless,
        ]);

        let findings = run(&ELBV2_INTERNET_FACING_CLOUDFRONT, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("web", Pass), ("api", Fail), ("nameless", NotEvaluated)])
        );
        assert_eq!(
            findings[0].message,
            "load balancer web is an origin of CloudFront distribution E1"
        );

        snap.cloudfront.distributions = Fetched::Failed(denied("ListDistributions"));
        assert_eq!(
            statuses(&run(&ELBV2_INTERNET_FACING_CLOUDFRONT, &snap)),
            expect(&[
                ("web", NotEvaluated),
                ("api", NotEvaluated),
                ("nameless", NotEvaluated)
            ])
        );
    }
}
