use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Resource, Service};

declare_check! {
    /// ## What it does
    /// Checks that no ACM certificate (not expired, revoked or failed) has an RSA key shorter
    /// than 2048 bits. wascan asks ACM for every key type: by default `ListCertificates` leaves
    /// out all but RSA 1024 and 2048.
    ///
    /// ## Why is this bad?
    /// RSA 1024 is within reach of well-funded attackers and is rejected by current browsers
    /// and by NIST guidance since 2013: a TLS session authenticated with it is not trustworthy.
    ///
    /// ## Example
    /// `aws acm list-certificates --includes keyTypes=RSA_1024` lists an imported certificate.
    /// Fix: issue a new certificate with an RSA 2048+ or ECDSA P-256 key (`aws acm
    /// request-certificate --key-algorithm EC_prime256v1 ...`) and switch its users over.
    ///
    /// ## Not evaluated when
    /// The region's certificates could not be listed (one finding for the region).
    pub ACM_CERTIFICATE_KEY_STRENGTH = "acm_certificate_key_strength",
    pillar: Pillar::Security,
    service: Service::Acm,
    severity: Severity::High,
    best_practices: &[indirect("SEC09-BP02")],
    since: "0.2.0",
    title: "ACM certificates use RSA keys of at least 2048 bits",
    remediation: "Replace the certificate: aws acm request-certificate --domain-name DOMAIN --key-algorithm EC_prime256v1 (or RSA_2048) --validation-method DNS, then switch its users over",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &ACM_CERTIFICATE_KEY_STRENGTH;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.acm,
        |region| &region.certificates,
        |certificate| {
            if matches!(
                certificate.status.as_deref(),
                Some("EXPIRED" | "REVOKED" | "FAILED" | "VALIDATION_TIMED_OUT")
            ) {
                return None;
            }
            let algorithm = certificate.key_algorithm.as_deref()?;
            let label = certificate.resource().label();
            let rsa_bits = algorithm
                .strip_prefix("RSA_")
                .and_then(|bits| bits.parse::<u32>().ok());
            Some(match rsa_bits {
                Some(bits) if bits < 2048 => check.fail(
                    certificate,
                    format!("certificate {label} has a {bits}-bit RSA key"),
                ),
                _ => check.pass(
                    certificate,
                    format!("certificate {label} has a {algorithm} key"),
                ),
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    #[test]
    fn strong_keys_pass_rsa_1024_fails_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        let mut weak = certificate("legacy.example.com");
        weak.key_algorithm = Some("RSA_1024".into());
        let mut ec = certificate("ec.example.com");
        ec.key_algorithm = Some("EC_prime256v1".into());
        let mut revoked = certificate("revoked.example.com");
        revoked.key_algorithm = Some("RSA_1024".into());
        revoked.status = Some("REVOKED".into());
        acm(&mut snap).certificates =
            Fetched::Ok(vec![certificate("www.example.com"), weak, ec, revoked]);

        let findings = run(&ACM_CERTIFICATE_KEY_STRENGTH, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("www.example.com", Pass),
                ("legacy.example.com", Fail),
                ("ec.example.com", Pass)
            ])
        );
        assert_eq!(
            findings[1].message,
            "certificate legacy.example.com (legacy.example.com-id) has a 1024-bit RSA key"
        );

        acm(&mut snap).certificates = Fetched::Failed(denied("ListCertificates"));
        assert_eq!(
            statuses(&run(&ACM_CERTIFICATE_KEY_STRENGTH, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
