//! ACM, per region: `ListCertificates` (paginated) asking for every key type (by default ACM lists
//! only RSA 1024 and 2048 keys). The summaries carry status, type, key algorithm, expiry and use,
//! so no `DescribeCertificate` per certificate is needed.

use std::collections::BTreeMap;

use aws_sdk_acm::types::{Filters, KeyAlgorithm};
use aws_sdk_acm::Client;
use futures::future::join_all;
use wascan_checks::model::acm::*;
use wascan_checks::model::{AcmRegion, Gap};

use super::calls::{every, Call, Ctx};

const ACM: &str = "acm";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_acm::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, AcmRegion> {
    let per_region = join_all(regions.iter().map(|region| collect_region(ctx, region))).await;
    regions.iter().cloned().zip(per_region).collect()
}

/// A filter that lists certificates of every key algorithm.
fn every_key_type() -> Filters {
    KeyAlgorithm::values()
        .iter()
        .fold(Filters::builder(), |filters, key| {
            filters.key_types(KeyAlgorithm::from(*key))
        })
        .build()
}

async fn collect_region(ctx: &Ctx, region: &str) -> AcmRegion {
    let acm = client(ctx, region);
    let certificates = ctx
        .pages(
            Call::new(ACM, "ListCertificates").region(region),
            acm.list_certificates()
                .includes(every_key_type())
                .into_paginator()
                .send(),
            |page| {
                page.certificate_summary_list()
                    .iter()
                    .map(|summary| certificate(ctx, region, summary))
                    .collect::<Vec<_>>()
            },
        )
        .await;
    AcmRegion {
        certificates: every(certificates).into(),
    }
}

/// One summary. A certificate without its ARN cannot be named in a finding (it was "" before,
/// and every such certificate shared one finding id): the region's list fails with the gap.
/// The other members stay `Option`s: the checks that need them say not_evaluated.
fn certificate(
    ctx: &Ctx,
    region: &str,
    summary: &aws_sdk_acm::types::CertificateSummary,
) -> Result<Certificate, Gap> {
    let at = Call::new(ACM, "ListCertificates").region(region);
    Ok(Certificate {
        arn: ctx.required_str(at, "CertificateArn", summary.certificate_arn())?,
        region: region.to_string(),
        domain_name: crate::convert::non_empty(summary.domain_name()),
        status: summary.status().map(|s| s.as_str().to_string()),
        certificate_type: summary.r#type().map(|t| t.as_str().to_string()),
        key_algorithm: summary.key_algorithm().map(|k| k.as_str().to_string()),
        not_after: summary.not_after().and_then(crate::convert::to_offset),
        in_use: summary.in_use(),
    })
}

#[cfg(test)]
mod tests {
    use aws_sdk_acm::types::CertificateSummary;

    use super::*;
    use crate::collect::tests::test_ctx;

    /// Issue #14: a summary without CertificateArn became a certificate named "".
    #[test]
    fn a_certificate_without_its_arn_is_a_gap() {
        let ctx = test_ctx();
        let arn = "arn:aws:acm:eu-west-1:123456789012:certificate/abc";
        let full = CertificateSummary::builder().certificate_arn(arn).build();
        assert_eq!(
            certificate(&ctx, "eu-west-1", &full).expect("complete").arn,
            arn
        );
        let nameless = CertificateSummary::builder()
            .domain_name("example.com")
            .build();
        let gap = certificate(&ctx, "eu-west-1", &nameless).expect_err("gap");
        assert_eq!(gap.message, "the answer has no CertificateArn");
        assert_eq!(gap.operation, "ListCertificates");
        assert_eq!(ctx.take_errors().len(), 1);
    }
}
