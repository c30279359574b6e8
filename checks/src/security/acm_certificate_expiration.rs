use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{ErrorKind, Gap, Resource, Service};

/// How many days ahead an expiry counts as imminent.
const WARN_DAYS: i64 = 30;

declare_check! {
    /// ## What it does
    /// Checks that no ACM certificate that is issued and in use expires within 30 days, and
    /// that none in use has already expired. Amazon-issued certificates that ACM can still renew
    /// (validation in place) normally renew 60 days ahead, so one this close to expiry is a
    /// renewal that is failing; imported certificates never renew by themselves.
    ///
    /// ## Why is this bad?
    /// When a certificate expires, every client of the load balancer, CloudFront distribution or
    /// API that serves it gets a TLS error: an outage, and users trained to click through
    /// warnings.
    ///
    /// ## Example
    /// `aws acm list-certificates` shows `"NotAfter"` 12 days away for an `IMPORTED`
    /// certificate with `"InUse": true`. Fix: import the renewed certificate into the same ARN
    /// (`aws acm import-certificate --certificate-arn ARN ...`), or for an Amazon-issued one fix
    /// its DNS validation record.
    ///
    /// ## Not evaluated when
    /// The region's certificates could not be listed (one finding for the region), or an
    /// issued certificate reports no expiry date.
    pub ACM_CERTIFICATE_EXPIRATION = "acm_certificate_expiration",
    pillar: Pillar::Security,
    service: Service::Acm,
    severity: Severity::High,
    best_practices: &[direct("SEC09-BP01")],
    since: "0.2.0",
    title: "ACM certificates in use do not expire within 30 days",
    remediation: "Re-import the renewed certificate into the same ARN (aws acm import-certificate --certificate-arn ARN ...), or fix the DNS validation record of an Amazon-issued one so ACM renews it",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &ACM_CERTIFICATE_EXPIRATION;
    let now = ctx.snapshot.collected_at;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.acm,
        |region| &region.certificates,
        |certificate| {
            let status = certificate.status.as_deref();
            let in_use = certificate.in_use.unwrap_or(false);
            if !matches!(status, Some("ISSUED") | Some("EXPIRED")) || !in_use {
                return None;
            }
            let label = certificate.resource().label();
            let Some(not_after) = certificate.not_after else {
                let unknown = Gap {
                    service: "acm".into(),
                    region: Some(certificate.region.clone()),
                    operation: "ListCertificates".into(),
                    resource: Some(certificate.arn.clone()),
                    kind: ErrorKind::Other,
                    message: "the certificate summary has no NotAfter date".into(),
                };
                return Some(check.not_evaluated(certificate, &unknown));
            };
            let days = (not_after - now).whole_days();
            let date = not_after.date();
            Some(if not_after <= now {
                check.fail(
                    certificate,
                    format!("certificate {label} is in use and expired on {date}"),
                )
            } else if days < WARN_DAYS {
                check.fail(
                    certificate,
                    format!("certificate {label} is in use and expires in {days} days ({date})"),
                )
            } else {
                check.pass(
                    certificate,
                    format!("certificate {label} expires in {days} days ({date})"),
                )
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::acm::Certificate;
    use crate::model::Fetched;
    use crate::testing::*;
    use time::Duration;

    fn expiring(domain: &str, days: i64) -> Certificate {
        let mut certificate = certificate(domain);
        certificate.not_after = Some(NOW + Duration::days(days));
        certificate
    }

    #[test]
    fn distant_passes_near_or_past_fails_unused_skipped_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut unused = expiring("old.example.com", 3);
        unused.in_use = Some(false);
        let mut undated = certificate("odd.example.com");
        undated.not_after = None;
        acm(&mut snap).certificates = Fetched::Ok(vec![
            certificate("www.example.com"),
            expiring("api.example.com", 12),
            expiring("gone.example.com", -2),
            unused,
            undated,
        ]);

        let findings = run(&ACM_CERTIFICATE_EXPIRATION, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("www.example.com", Pass),
                ("api.example.com", Fail),
                ("gone.example.com", Fail),
                ("odd.example.com", NotEvaluated)
            ])
        );
        assert_eq!(
            findings[1].message,
            "certificate api.example.com (api.example.com-id) is in use and expires in 12 days (2026-06-13)"
        );

        acm(&mut snap).certificates = Fetched::Failed(denied("ListCertificates"));
        assert_eq!(
            statuses(&run(&ACM_CERTIFICATE_EXPIRATION, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
