use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Resource, Service};

declare_check! {
    /// ## What it does
    /// Checks that every cache behavior of every CloudFront distribution sends viewers to HTTPS
    /// (`redirect-to-https` or `https-only`), never serving them over plain HTTP (`allow-all`).
    ///
    /// ## Why is this bad?
    /// Over HTTP, anyone on the path (public Wi-Fi, a compromised router) reads and changes what
    /// the viewer gets: session cookies, injected scripts, swapped downloads.
    ///
    /// ## Example
    /// `aws cloudfront get-distribution-config --id D` shows `"ViewerProtocolPolicy": "allow-all"`.
    /// Fix: set it to `redirect-to-https` in every cache behavior and `update-distribution`.
    ///
    /// ## Not evaluated when
    /// The distributions could not be listed.
    pub CLOUDFRONT_VIEWER_HTTPS = "cloudfront_viewer_https",
    pillar: Pillar::Security,
    service: Service::Cloudfront,
    severity: Severity::High,
    best_practices: &[direct("SEC09-BP02")],
    since: "0.3.0",
    title: "CloudFront distributions serve viewers over HTTPS only",
    remediation: "Set ViewerProtocolPolicy to redirect-to-https in every cache behavior: aws cloudfront update-distribution --id D --if-match ETAG --distribution-config file://config.json",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &CLOUDFRONT_VIEWER_HTTPS;
    let distributions = match &ctx.snapshot.cloudfront.distributions {
        Fetched::Ok(distributions) => distributions,
        Fetched::Failed(why) => {
            return vec![check.not_evaluated(&ctx.snapshot.account_resource("global"), why)]
        }
    };
    distributions
        .iter()
        .map(|d| {
            let label = d.resource().label();
            let plain = d
                .viewer_protocol_policies
                .iter()
                .filter(|p| p.as_str() == "allow-all")
                .count();
            if plain == 0 {
                check.pass(
                    d,
                    format!("distribution {label} serves viewers over HTTPS only"),
                )
            } else {
                check.fail(
                    d,
                    format!("distribution {label} allows plain HTTP in {plain} cache behavior(s)"),
                )
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    #[test]
    fn https_passes_allow_all_fails_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        let mut plain = distribution("E2");
        plain.viewer_protocol_policies = vec!["https-only".into(), "allow-all".into()];
        snap.cloudfront.distributions = Fetched::Ok(vec![distribution("E1"), plain]);

        let findings = run(&CLOUDFRONT_VIEWER_HTTPS, &snap);

        assert_eq!(statuses(&findings), expect(&[("E1", Pass), ("E2", Fail)]));
        assert_eq!(
            findings[1].message,
            "distribution E2 allows plain HTTP in 1 cache behavior(s)"
        );

        snap.cloudfront.distributions = Fetched::Failed(denied("ListDistributions"));
        assert_eq!(
            statuses(&run(&CLOUDFRONT_VIEWER_HTTPS, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
