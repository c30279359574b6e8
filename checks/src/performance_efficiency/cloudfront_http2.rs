use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Resource, Service};

declare_check! {
    /// ## What it does
    /// Checks that every CloudFront distribution offers viewers HTTP/2 or HTTP/3, not only HTTP/1.1.
    ///
    /// ## Why is this bad?
    /// HTTP/1.1 opens one request at a time per connection: pages with many assets wait on each other.
    /// HTTP/2 multiplexes them over one connection with compressed headers; HTTP/3 also avoids
    /// head-of-line blocking on lossy mobile networks.
    ///
    /// ## Example
    /// `"HttpVersion": "http1.1"`. Fix: set `HttpVersion` to `http2and3` and update the distribution.
    ///
    /// ## Not evaluated when
    /// The distributions could not be listed.
    pub CLOUDFRONT_HTTP2 = "cloudfront_http2",
    pillar: Pillar::PerformanceEfficiency,
    service: Service::Cloudfront,
    severity: Severity::Low,
    best_practices: &[direct("PERF04-BP05")],
    since: "0.3.0",
    title: "CloudFront distributions serve HTTP/2 or HTTP/3",
    remediation: "Set HttpVersion to http2and3 in the distribution config, then aws cloudfront update-distribution",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &CLOUDFRONT_HTTP2;
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
            if d.http_version == "http1.1" {
                check.fail(d, format!("distribution {label} serves HTTP/1.1 only"))
            } else {
                check.pass(d, format!("distribution {label} serves {}", d.http_version))
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
    fn good_passes_bad_fails_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        let mut bad = distribution("E2");
        bad.http_version = "http1.1".into();
        snap.cloudfront.distributions = Fetched::Ok(vec![distribution("E1"), bad]);

        let findings = run(&CLOUDFRONT_HTTP2, &snap);

        assert_eq!(statuses(&findings), expect(&[("E1", Pass), ("E2", Fail)]));
        assert_eq!(findings[1].message, "distribution E2 serves HTTP/1.1 only");

        snap.cloudfront.distributions = Fetched::Failed(denied("ListDistributions"));
        assert_eq!(
            statuses(&run(&CLOUDFRONT_HTTP2, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
