use crate::catalog::Pillar;
use crate::check::{direct, indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Resource, Service};

declare_check! {
    /// ## What it does
    /// Checks that every custom origin of every CloudFront distribution is reached over HTTPS
    /// only (`https-only`). S3 origins are always reached over HTTPS and are not looked at.
    ///
    /// ## Why is this bad?
    /// With `http-only`, or `match-viewer` when viewers may use HTTP, the leg from the edge to the
    /// origin crosses the internet in clear text: HTTPS to the viewer protects only half the way.
    ///
    /// ## Example
    /// `"CustomOriginConfig": {"OriginProtocolPolicy": "http-only"}`. Fix: give the origin a
    /// certificate and set `OriginProtocolPolicy` to `https-only`.
    ///
    /// ## Not evaluated when
    /// The distributions could not be listed.
    pub CLOUDFRONT_ORIGIN_HTTPS = "cloudfront_origin_https",
    pillar: Pillar::Security,
    service: Service::Cloudfront,
    severity: Severity::Medium,
    best_practices: &[direct("SEC09-BP02"), indirect("SEC09-BP03")],
    since: "0.3.0",
    title: "CloudFront reaches custom origins over HTTPS only",
    remediation: "Set each custom origin's OriginProtocolPolicy to https-only: aws cloudfront update-distribution --id D --if-match ETAG --distribution-config file://config.json",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &CLOUDFRONT_ORIGIN_HTTPS;
    let distributions = match &ctx.snapshot.cloudfront.distributions {
        Fetched::Ok(distributions) => distributions,
        Fetched::Failed(why) => {
            return vec![check.not_evaluated(&ctx.snapshot.account_resource("global"), why)]
        }
    };
    distributions
        .iter()
        .filter_map(|d| {
            let label = d.resource().label();
            let custom: Vec<_> = d
                .origins
                .iter()
                .filter_map(|o| o.protocol_policy.as_deref().map(|p| (o, p)))
                .collect();
            if custom.is_empty() {
                return None;
            }
            let plain: Vec<String> = custom
                .iter()
                .filter(|(_, policy)| *policy != "https-only")
                .map(|(o, policy)| format!("{} ({policy})", o.domain_name))
                .collect();
            Some(if plain.is_empty() {
                check.pass(
                    d,
                    format!("distribution {label} reaches its custom origins over HTTPS only"),
                )
            } else {
                check.fail(
                    d,
                    format!(
                        "distribution {label} may reach origins over HTTP: {}",
                        plain.join(", ")
                    ),
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::cloudfront::Origin;
    use crate::testing::*;

    #[test]
    fn https_origin_passes_http_fails_s3_only_skipped_unlisted_not_evaluated() {
        let mut snap = snapshot();
        let mut plain = distribution("E2");
        plain.origins[0].protocol_policy = Some("http-only".into());
        let mut s3 = distribution("E3");
        s3.origins = vec![Origin {
            id: "bucket".into(),
            domain_name: "site.s3.amazonaws.com".into(),
            protocol_policy: None,
        }];
        snap.cloudfront.distributions = Fetched::Ok(vec![distribution("E1"), plain, s3]);

        let findings = run(&CLOUDFRONT_ORIGIN_HTTPS, &snap);

        assert_eq!(statuses(&findings), expect(&[("E1", Pass), ("E2", Fail)]));
        assert_eq!(
            findings[1].message,
            "distribution E2 may reach origins over HTTP: app.example.com (http-only)"
        );

        snap.cloudfront.distributions = Fetched::Failed(denied("ListDistributions"));
        assert_eq!(
            statuses(&run(&CLOUDFRONT_ORIGIN_HTTPS, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
