//! CloudFront (global, collected once): the distributions (paginated), then each distribution's
//! configuration for its logging, concurrently.

use aws_sdk_cloudfront::types::DistributionSummary;
use aws_sdk_cloudfront::Client;
use wascan_checks::model::cloudfront::*;
use wascan_checks::model::{Fetched, Gap};

use super::calls::{Call, Ctx};

const CLOUDFRONT: &str = "cloudfront";
/// CloudFront's endpoint is in us-east-1.
const HOME_REGION: &str = "us-east-1";

fn client(ctx: &Ctx) -> Client {
    let config = aws_sdk_cloudfront::config::Builder::from(&ctx.config_for(HOME_REGION))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx) -> CloudFront {
    let cloudfront = client(ctx);
    let listed = ctx
        .pages(
            Call::new(CLOUDFRONT, "ListDistributions"),
            cloudfront.list_distributions().into_paginator().send(),
            |page| {
                page.distribution_list()
                    .map(|list| list.items().to_vec())
                    .unwrap_or_default()
            },
        )
        .await;
    let distributions = match listed {
        Ok(listed) => ctx
            .per_resource(
                listed
                    .iter()
                    .map(|summary| collect_distribution(ctx, &cloudfront, summary)),
            )
            .await
            .into_iter()
            .collect::<Result<Vec<_>, Gap>>()
            .into(),
        Err(gap) => Fetched::Failed(gap),
    };
    CloudFront { distributions }
}

async fn collect_distribution(
    ctx: &Ctx,
    cloudfront: &Client,
    summary: &DistributionSummary,
) -> Result<Distribution, Gap> {
    // Id and ARN are required members: the SDK reads an absent one as "", which would name a
    // distribution "" (and send GetDistributionConfig for it).
    let id = ctx.required_str(
        Call::new(CLOUDFRONT, "ListDistributions"),
        "Id",
        Some(summary.id()),
    )?;
    // Both are always in a DistributionSummary: without the default behavior the viewer
    // policies would be checked without it (an empty list passes), without the certificate
    // the TLS policy would be guessed. The distribution list fails with the recorded gap.
    let at = Call::new(CLOUDFRONT, "ListDistributions").resource(&id);
    let default_behavior =
        Some(ctx.required(at, "DefaultCacheBehavior", summary.default_cache_behavior())?);
    let certificate = Some(ctx.required(at, "ViewerCertificate", summary.viewer_certificate())?);
    let http_version = http_version(ctx, at, summary.http_version())?;
    let logging = ctx
        .call(
            Call::new(CLOUDFRONT, "GetDistributionConfig").resource(&id),
            cloudfront.get_distribution_config().id(&id).send(),
        )
        .await
        .map(|out| {
            out.distribution_config()
                .and_then(|config| config.logging())
                .is_some_and(|logging| logging.enabled())
        })
        .into();
    // Required enums: the SDK fills an absent one with SDK_NO_VALUE, which no check would read
    // as `allow-all` or `http-only`: each is a gap instead.
    let viewer_protocol_policies = default_behavior
        .map(|b| b.viewer_protocol_policy().as_str())
        .into_iter()
        .chain(
            summary
                .cache_behaviors()
                .map(|behaviors| behaviors.items())
                // CacheBehaviors is optional: absent means only the default behavior applies.
                .unwrap_or_default()
                .iter()
                .map(|b| b.viewer_protocol_policy().as_str()),
        )
        .map(|policy| ctx.required_enum(at, "ViewerProtocolPolicy", policy))
        .collect::<Result<Vec<_>, _>>()?;
    // `Origins` is a required member of DistributionSummary: an answer without it is incomplete,
    // not a distribution without origins (which would pass `cloudfront_origin_https` vacuously).
    let origins = ctx
        .required(at, "Origins", summary.origins())?
        .items()
        .iter()
        .map(|origin| {
            Ok(Origin {
                id: origin.id().to_string(),
                domain_name: origin.domain_name().to_string(),
                protocol_policy: origin
                    .custom_origin_config()
                    .map(|c| {
                        let policy = c.origin_protocol_policy().as_str();
                        ctx.required_enum(at, "OriginProtocolPolicy", policy)
                    })
                    .transpose()?,
            })
        })
        .collect::<Result<Vec<_>, Gap>>()?;
    // CloudFrontDefaultCertificate is set only when the default certificate is used; a custom
    // one names its ACM or IAM certificate instead (CloudFront API reference, ViewerCertificate).
    let default_certificate = certificate
        .and_then(|c| c.cloud_front_default_certificate())
        .unwrap_or_else(|| {
            certificate.is_some_and(|c| {
                c.acm_certificate_arn().is_none() && c.iam_certificate_id().is_none()
            })
        });
    Ok(Distribution {
        arn: ctx.required_str(at, "ARN", Some(summary.arn()))?,
        domain_name: summary.domain_name().to_string(),
        aliases: summary
            .aliases()
            .map(|a| a.items().to_vec())
            .unwrap_or_default(),
        viewer_protocol_policies,
        // An absent Compress is false: CloudFront compresses only when it is true.
        compress: default_behavior.and_then(|b| b.compress()).unwrap_or(false),
        http_version,
        minimum_protocol_version: certificate
            .filter(|_| !default_certificate)
            .and_then(|c| c.minimum_protocol_version())
            .map(|v| v.as_str().to_string()),
        // Always sent, "" when no web ACL is associated (CloudFront API reference,
        // DistributionSummary): the SDK's "" for an absent one reads as none, which can only fail.
        web_acl_id: Some(summary.web_acl_id())
            .filter(|acl| !acl.is_empty())
            .map(str::to_string),
        origins,
        logging,
        caches: Some(caches(default_behavior, summary)),
        id,
    })
}

/// Whether one of the distribution's behaviors caches: a cache policy other than the managed
/// `CachingDisabled`, or legacy settings whose `MaxTTL` is not 0 (CloudFront's default MaxTTL is
/// one year: CloudFront API reference, DefaultCacheBehavior). `MaxTTL` is deprecated in favour of
/// cache policies, but legacy behaviors still carry it.
#[allow(deprecated)]
fn caches(
    default_behavior: Option<&aws_sdk_cloudfront::types::DefaultCacheBehavior>,
    summary: &aws_sdk_cloudfront::types::DistributionSummary,
) -> bool {
    let caching = |policy: Option<&str>, max_ttl: Option<i64>| match policy {
        Some(policy) => policy != CACHING_DISABLED_POLICY,
        None => max_ttl != Some(0),
    };
    default_behavior.is_some_and(|b| caching(b.cache_policy_id(), b.max_ttl()))
        || summary
            .cache_behaviors()
            .map(|behaviors| behaviors.items())
            .unwrap_or_default()
            .iter()
            .any(|b| caching(b.cache_policy_id(), b.max_ttl()))
}

/// `HttpVersion` is always in a summary; the SDK fills an absent one with `SDK_NO_VALUE`,
/// which would pass `cloudfront_http2`. The distribution list fails with the recorded gap instead.
fn http_version(
    ctx: &Ctx,
    at: Call<'_>,
    version: &aws_sdk_cloudfront::types::HttpVersion,
) -> Result<String, Gap> {
    ctx.required_enum(at, "HttpVersion", version.as_str())
}

#[cfg(test)]
mod tests {
    use aws_sdk_cloudfront::types::HttpVersion;

    use super::*;
    use crate::collect::calls::SDK_NO_VALUE;
    use crate::collect::tests::test_ctx;

    /// Issue #14: a summary without HttpVersion read as "" and passed cloudfront_http2.
    #[test]
    fn a_summary_without_http_version_is_a_gap() {
        let ctx = test_ctx();
        let at = Call::new(CLOUDFRONT, "ListDistributions").resource("E1");
        assert_eq!(
            http_version(&ctx, at, &HttpVersion::Http2).as_deref(),
            Ok("http2")
        );
        let gap = http_version(&ctx, at, &HttpVersion::from("")).expect_err("gap");
        assert_eq!(gap.message, "the answer has no HttpVersion");
        // What the SDK makes of an answer without the member (its error correction).
        let corrected = HttpVersion::from(SDK_NO_VALUE);
        http_version(&ctx, at, &corrected).expect_err("gap");
        assert_eq!(ctx.take_errors().len(), 2);
        let gap = ctx
            .required_enum(at, "ViewerProtocolPolicy", SDK_NO_VALUE)
            .expect_err("gap");
        assert_eq!(gap.message, "the answer has no ViewerProtocolPolicy");
        assert_eq!(
            ctx.required_enum(at, "ViewerProtocolPolicy", "allow-all")
                .as_deref(),
            Ok("allow-all")
        );
    }
}
