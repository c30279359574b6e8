use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Resource, Service};

declare_check! {
    /// ## What it does
    /// Checks that the default cache behavior of every CloudFront distribution compresses objects
    /// (gzip or Brotli) for viewers that accept it.
    ///
    /// ## Why is this bad?
    /// Text assets (HTML, CSS, JavaScript, JSON) shrink by 60-80% compressed. Serving them
    /// uncompressed moves several times the bytes across the network for every view, which costs
    /// energy, data transfer charges and load time.
    ///
    /// ## Example
    /// `"DefaultCacheBehavior": {"Compress": false}`. Fix: set `Compress` to `true` (with a cache
    /// policy that enables gzip and Brotli) and update the distribution.
    ///
    /// ## Not evaluated when
    /// The distributions could not be listed.
    pub CLOUDFRONT_COMPRESSION = "cloudfront_compression",
    pillar: Pillar::Sustainability,
    service: Service::Cloudfront,
    severity: Severity::Low,
    best_practices: &[direct("SUS04-BP07")],
    since: "0.3.0",
    title: "CloudFront compresses what it serves",
    remediation: "Set Compress=true in the default cache behavior, then aws cloudfront update-distribution",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &CLOUDFRONT_COMPRESSION;
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
            if d.compress {
                check.pass(d, format!("distribution {label} compresses objects"))
            } else {
                check.fail(d, format!("distribution {label} does not compress objects"))
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
        bad.compress = false;
        snap.cloudfront.distributions = Fetched::Ok(vec![distribution("E1"), bad]);

        let findings = run(&CLOUDFRONT_COMPRESSION, &snap);

        assert_eq!(statuses(&findings), expect(&[("E1", Pass), ("E2", Fail)]));
        assert_eq!(
            findings[1].message,
            "distribution E2 does not compress objects"
        );

        snap.cloudfront.distributions = Fetched::Failed(denied("ListDistributions"));
        assert_eq!(
            statuses(&run(&CLOUDFRONT_COMPRESSION, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
