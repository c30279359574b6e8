use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Resource, Service};

declare_check! {
    /// ## What it does
    /// Checks that every CloudFront distribution accepts only TLS 1.2 or later from viewers: a
    /// custom certificate with a `TLSv1.2_*` (or later) security policy. The default
    /// `*.cloudfront.net` certificate fails, since it accepts TLS 1.0.
    ///
    /// ## Why is this bad?
    /// TLS 1.0 and 1.1 have known weaknesses (BEAST, weak ciphers and hashes) and are deprecated
    /// by RFC 8996; PCI DSS forbids them.
    ///
    /// ## Example
    /// `"MinimumProtocolVersion": "TLSv1"` or `"CloudFrontDefaultCertificate": true`. Fix: use an
    /// ACM certificate for an alternate domain name and set `MinimumProtocolVersion` to
    /// `TLSv1.2_2021`.
    ///
    /// ## Not evaluated when
    /// The distributions could not be listed.
    pub CLOUDFRONT_VIEWER_TLS_POLICY = "cloudfront_viewer_tls_policy",
    pillar: Pillar::Security,
    service: Service::Cloudfront,
    severity: Severity::Medium,
    best_practices: &[direct("SEC09-BP02")],
    since: "0.3.0",
    title: "CloudFront distributions accept TLS 1.2 or later only",
    remediation: "Use an ACM certificate and set ViewerCertificate.MinimumProtocolVersion to TLSv1.2_2021, then aws cloudfront update-distribution",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &CLOUDFRONT_VIEWER_TLS_POLICY;
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
            match &d.minimum_protocol_version {
                Some(policy) if policy.starts_with("TLSv1.2") || policy.starts_with("TLSv1.3") => {
                    check.pass(d, format!("distribution {label} uses TLS policy {policy}"))
                }
                Some(policy) => check.fail(
                    d,
                    format!("distribution {label} uses TLS policy {policy}, which allows TLS before 1.2"),
                ),
                None => check.fail(
                    d,
                    format!("distribution {label} uses the default CloudFront certificate, which accepts TLS 1.0"),
                ),
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
    fn tls12_passes_older_or_default_fails_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        let mut old = distribution("E2");
        old.minimum_protocol_version = Some("TLSv1_2016".into());
        let mut default = distribution("E3");
        default.minimum_protocol_version = None;
        snap.cloudfront.distributions = Fetched::Ok(vec![distribution("E1"), old, default]);

        let findings = run(&CLOUDFRONT_VIEWER_TLS_POLICY, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("E1", Pass), ("E2", Fail), ("E3", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "distribution E2 uses TLS policy TLSv1_2016, which allows TLS before 1.2"
        );

        snap.cloudfront.distributions = Fetched::Failed(denied("ListDistributions"));
        assert_eq!(
            statuses(&run(&CLOUDFRONT_VIEWER_TLS_POLICY, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
