//! ACM, per region: `ListCertificates` (paginated) asking for every key type (by default ACM lists
//! only RSA 1024 and 2048 keys). The summaries carry status, type, key algorithm, expiry and use,
//! so no `DescribeCertificate` per certificate is needed.

use std::collections::BTreeMap;

use aws_sdk_acm::types::{Filters, KeyAlgorithm};
use aws_sdk_acm::Client;
use futures::future::join_all;
use wascan_checks::model::acm::*;
use wascan_checks::model::AcmRegion;

use super::calls::{Call, Ctx};

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
                    .map(|summary| Certificate {
                        arn: summary.certificate_arn().unwrap_or_default().to_string(),
                        region: region.to_string(),
                        domain_name: crate::convert::non_empty(summary.domain_name()),
                        status: summary.status().map(|s| s.as_str().to_string()),
                        certificate_type: summary.r#type().map(|t| t.as_str().to_string()),
                        key_algorithm: summary.key_algorithm().map(|k| k.as_str().to_string()),
                        not_after: summary.not_after().and_then(crate::convert::to_offset),
                        in_use: summary.in_use(),
                    })
                    .collect()
            },
        )
        .await;
    AcmRegion {
        certificates: certificates.into(),
    }
}
