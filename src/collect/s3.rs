//! S3: the bucket list, eight read-only calls per bucket (all concurrent, to the bucket's own
//! region; a ninth, GetBucketLocation, only where the listing lacks `BucketRegion`) and the
//! account-level public access block from S3 Control.

use std::collections::BTreeMap;
use std::sync::Mutex;

use aws_sdk_s3::Client;
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::BeforeTransmitInterceptorContextMut;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;
use wascan_checks::model::s3::*;
use wascan_checks::model::{Fetched, Gap, Tags, S3};

use super::calls::{Call, Ctx, SDK_NO_VALUE};
use crate::convert::to_offset;

const S3: &str = "s3";
/// The configuration reads `collect_bucket` makes at once for each bucket.
const READS_PER_BUCKET: usize = 8;

/// One S3 client per region, built on first use: S3 wants each bucket asked in its own region.
struct Clients<'a> {
    ctx: &'a Ctx,
    by_region: Mutex<BTreeMap<String, Client>>,
}

impl Clients<'_> {
    fn get(&self, region: &str) -> Client {
        let mut clients = self
            .by_region
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        clients
            .entry(region.to_string())
            .or_insert_with(|| {
                let config = aws_sdk_s3::config::Builder::from(&self.ctx.config_for(region))
                    .interceptor(self.ctx.calls.clone())
                    // A custom endpoint (an emulator, a VPC endpoint) cannot route by host name.
                    .force_path_style(self.ctx.sdk_config.endpoint_url().is_some())
                    .build();
                Client::from_conf(config)
            })
            .clone()
    }
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> S3 {
    let clients = Clients {
        ctx,
        by_region: Mutex::new(BTreeMap::new()),
    };
    let home = super::ec2::home_region(ctx);
    let home_client = clients.get(&home);
    let (account_block, buckets) = futures::join!(
        account_public_access_block(ctx, &home),
        list_buckets(ctx, &home_client, &home)
    );
    let mut unlocated_buckets = Vec::new();
    let buckets = match buckets {
        Ok(listed) => {
            let mut scanned = Vec::new();
            let mut skipped = 0;
            for listed in listed {
                match listed.region {
                    Ok(region) if regions.contains(&region) => {
                        scanned.push((listed.name, listed.created, region));
                    }
                    Ok(_) => skipped += 1,
                    // Where it is, nobody said: its checks say so, in every region scanned.
                    Err(why) => unlocated_buckets.push(UnlocatedBucket {
                        name: listed.name,
                        why,
                    }),
                }
            }
            if skipped > 0 {
                tracing::info!("{skipped} buckets are outside the scanned regions");
            }
            let buckets = ctx
                .per_resource_calls(
                    READS_PER_BUCKET,
                    scanned.into_iter().map(|(name, created, region)| {
                        collect_bucket(ctx, &clients, name, created, region)
                    }),
                )
                .await;
            Fetched::Ok(buckets)
        }
        Err(gap) => Fetched::Failed(gap),
    };
    S3 {
        account_public_access_block: account_block.into(),
        buckets,
        unlocated_buckets,
    }
}

async fn account_public_access_block(
    ctx: &Ctx,
    home: &str,
) -> Result<Option<PublicAccessBlock>, Gap> {
    let mut config = aws_sdk_s3control::config::Builder::from(&ctx.config_for(home))
        .interceptor(ctx.calls.clone());
    if let Some(endpoint) = ctx.sdk_config.endpoint_url() {
        config = config.interceptor(KeepEndpointHost {
            prefixed: format!("://{}.{}", ctx.account_id, host_of(endpoint)),
            plain: format!("://{}", host_of(endpoint)),
        });
    }
    let config = config.build();
    let control = aws_sdk_s3control::Client::from_conf(config);
    let out = ctx
        .call_or_absent(
            Call::new("s3control", "GetPublicAccessBlock").region(home),
            &["NoSuchPublicAccessBlockConfiguration"],
            control
                .get_public_access_block()
                .account_id(&ctx.account_id)
                .send(),
        )
        .await?;
    // S3 sends all four settings; one absent reads as off, the reading under which a public
    // grant counts: it can fail a check, never pass one.
    Ok(out.and_then(|out| {
        out.public_access_block_configuration()
            .map(|c| PublicAccessBlock {
                block_public_acls: c.block_public_acls().unwrap_or(false),
                ignore_public_acls: c.ignore_public_acls().unwrap_or(false),
                block_public_policy: c.block_public_policy().unwrap_or(false),
                restrict_public_buckets: c.restrict_public_buckets().unwrap_or(false),
            })
    }))
}

/// S3 Control puts the account id in front of the host (`123456789012.s3-control...`). A custom
/// endpoint (an emulator, a proxy) is one fixed host, so the prefix is taken off again.
#[derive(Debug)]
struct KeepEndpointHost {
    prefixed: String,
    plain: String,
}

impl Intercept for KeepEndpointHost {
    fn name(&self) -> &'static str {
        "wascan::KeepEndpointHost"
    }

    fn modify_before_transmit(
        &self,
        context: &mut BeforeTransmitInterceptorContextMut<'_>,
        _runtime_components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let uri = context.request().uri().to_string();
        if uri.contains(&self.prefixed) {
            context
                .request_mut()
                .set_uri(uri.replacen(&self.prefixed, &self.plain, 1))?;
        }
        Ok(())
    }
}

/// `host:port` of an endpoint URL.
fn host_of(endpoint: &str) -> &str {
    let rest = endpoint
        .split_once("://")
        .map_or(endpoint, |(_, rest)| rest);
    rest.split('/').next().unwrap_or(rest)
}

/// A bucket of the listing, with its region or why it could not be read.
#[derive(Debug)]
struct Listed {
    name: String,
    created: Option<aws_smithy_types::DateTime>,
    region: Result<String, Gap>,
}

/// The most buckets one ListBuckets page may list (S3 accepts 1 to 10,000).
const MAX_BUCKETS: i32 = 1000;

/// Every bucket with its region: from `ListBuckets`, or where the listing does not say, from
/// `GetBucketLocation`, else from `HeadBucket`'s `x-amz-bucket-region`. Never guessed.
///
/// S3 names each bucket's `BucketRegion` only "if the request contains at least one valid
/// parameter" (API reference, `Bucket`), so the listing asks for pages of `MaxBuckets`. A bucket
/// without a `Name` cannot be scanned: the listing fails with a gap naming what came back.
async fn list_buckets(ctx: &Ctx, s3: &Client, home: &str) -> Result<Vec<Listed>, Gap> {
    let at = Call::new(S3, "ListBuckets").region(home);
    let buckets = ctx
        .pages(
            at,
            s3.list_buckets()
                .max_buckets(MAX_BUCKETS)
                .into_paginator()
                .send(),
            |page| page.buckets().to_vec(),
        )
        .await?;
    let mut named = Vec::with_capacity(buckets.len());
    for bucket in buckets {
        let Some(name) = bucket.name().filter(|name| !name.is_empty()) else {
            let mut gap = at.missing("Name");
            gap.message = format!(
                "{} (a bucket created {}, in {})",
                gap.message,
                bucket
                    .creation_date()
                    .map_or_else(|| "at an unknown date".to_string(), ToString::to_string),
                bucket.bucket_region().unwrap_or("an unnamed region"),
            );
            return Err(ctx.record(gap));
        };
        named.push((name.to_string(), bucket));
    }
    Ok(ctx
        .per_resource(named.into_iter().map(|(name, bucket)| async move {
            let region = match bucket.bucket_region().filter(|region| !region.is_empty()) {
                Some(region) => Ok(region.to_string()),
                None => bucket_region(ctx, s3, &name).await,
            };
            Listed {
                created: bucket.creation_date().copied(),
                name,
                region,
            }
        }))
        .await)
}

/// A bucket's region from `GetBucketLocation`; when that fails (a bucket policy may deny it, an
/// answer may be cut), from the `x-amz-bucket-region` header S3 puts on every `HeadBucket`
/// answer, a redirect or a 403 included. Neither: the gap of `GetBucketLocation`.
async fn bucket_region(ctx: &Ctx, s3: &Client, name: &str) -> Result<String, Gap> {
    let location = ctx
        .call(
            Call::new(S3, "GetBucketLocation").resource(name),
            s3.get_bucket_location().bucket(name).send(),
        )
        .await;
    let why = match location {
        // "Buckets in Region us-east-1 have a LocationConstraint of null" and `EU` is the legacy
        // name of eu-west-1 (S3 API reference, GetBucketLocation).
        Ok(out) => {
            return Ok(match out.location_constraint().map(|c| c.as_str()) {
                None | Some("") => "us-east-1".to_string(),
                Some("EU") => "eu-west-1".to_string(),
                Some(constraint) => constraint.to_string(),
            })
        }
        Err(why) => why,
    };
    let head = ctx
        .call(Call::new(S3, "HeadBucket").resource(name), async {
            match s3.head_bucket().bucket(name).send().await {
                Ok(out) => Ok(out.bucket_region().map(str::to_string)),
                Err(err) => match err
                    .raw_response()
                    .and_then(|raw| raw.headers().get("x-amz-bucket-region"))
                {
                    Some(region) => Ok(Some(region.to_string())),
                    None => Err(err),
                },
            }
        })
        .await;
    match head {
        Ok(Some(region)) if !region.is_empty() => Ok(region),
        _ => Err(why),
    }
}

async fn collect_bucket(
    ctx: &Ctx,
    clients: &Clients<'_>,
    name: String,
    created: Option<aws_smithy_types::DateTime>,
    region: String,
) -> Bucket {
    let s3 = clients.get(&region);
    let at = |operation| Call::new(S3, operation).region(&region).resource(&name);
    let (encryption, versioning, public_access_block, policy, acl, logging, lifecycle, tagging) = futures::join!(
        ctx.call_or_absent(
            at("GetBucketEncryption"),
            &["ServerSideEncryptionConfigurationNotFoundError"],
            s3.get_bucket_encryption().bucket(&name).send(),
        ),
        ctx.call(
            at("GetBucketVersioning"),
            s3.get_bucket_versioning().bucket(&name).send()
        ),
        ctx.call_or_absent(
            at("GetPublicAccessBlock"),
            &["NoSuchPublicAccessBlockConfiguration"],
            s3.get_public_access_block().bucket(&name).send(),
        ),
        ctx.call_or_absent(
            at("GetBucketPolicy"),
            &["NoSuchBucketPolicy"],
            s3.get_bucket_policy().bucket(&name).send(),
        ),
        ctx.call(at("GetBucketAcl"), s3.get_bucket_acl().bucket(&name).send()),
        ctx.call(
            at("GetBucketLogging"),
            s3.get_bucket_logging().bucket(&name).send()
        ),
        ctx.call_or_absent(
            at("GetBucketLifecycleConfiguration"),
            &["NoSuchLifecycleConfiguration"],
            s3.get_bucket_lifecycle_configuration().bucket(&name).send(),
        ),
        ctx.call_or_absent(
            at("GetBucketTagging"),
            &["NoSuchTagSet"],
            s3.get_bucket_tagging().bucket(&name).send(),
        ),
    );
    Bucket {
        created: created.as_ref().and_then(to_offset),
        encryption: encryption
            .and_then(|out| bucket_encryption(ctx, at("GetBucketEncryption"), out.as_ref()))
            .into(),
        versioning: versioning
            .map(|out| match out.status().map(|s| s.as_str()) {
                Some("Enabled") => Versioning::Enabled,
                Some("Suspended") => Versioning::Suspended,
                _ => Versioning::NeverEnabled,
            })
            .into(),
        public_access_block: public_access_block
            .map(|out| {
                // As the account's block: an absent setting reads as off (fails, never passes).
                let c = out?.public_access_block_configuration()?.clone();
                Some(PublicAccessBlock {
                    block_public_acls: c.block_public_acls().unwrap_or(false),
                    ignore_public_acls: c.ignore_public_acls().unwrap_or(false),
                    block_public_policy: c.block_public_policy().unwrap_or(false),
                    restrict_public_buckets: c.restrict_public_buckets().unwrap_or(false),
                })
            })
            .into(),
        // NoSuchBucketPolicy is "no policy"; an answer without its Policy is a gap (it would
        // read as private).
        policy: policy
            .and_then(|out| {
                out.map(|out| ctx.required_str(at("GetBucketPolicy"), "Policy", out.policy()))
                    .transpose()
            })
            .into(),
        acl_grants: acl
            .map(|out| {
                out.grants()
                    .iter()
                    .map(|grant| Grant {
                        // The SDK reads an absent `xsi:type` as "".
                        grantee_type: grant
                            .grantee()
                            .map(|g| g.r#type().as_str())
                            // The SDK's filler for an absent xsi:type is no type: unknown.
                            .filter(|t| !t.is_empty() && *t != SDK_NO_VALUE)
                            .map(str::to_string),
                        grantee_uri: grant.grantee().and_then(|g| g.uri()).map(str::to_string),
                        grantee_id: grant.grantee().and_then(|g| g.id()).map(str::to_string),
                        // Only named in messages: whether a grant is public is its grantee.
                        permission: grant
                            .permission()
                            .map(|p| p.as_str().to_string())
                            .unwrap_or_default(),
                    })
                    .collect()
            })
            .into(),
        logging: logging
            .map(|out| {
                out.logging_enabled().map(|enabled| LoggingTarget {
                    target_bucket: enabled.target_bucket().to_string(),
                    target_prefix: Some(enabled.target_prefix().to_string())
                        .filter(|prefix| !prefix.is_empty()),
                })
            })
            .into(),
        lifecycle_rules: lifecycle
            .and_then(|out| match out {
                // NoSuchLifecycleConfiguration: the bucket has no rules.
                None => Ok(Vec::new()),
                Some(out) => out
                    .rules()
                    .iter()
                    .map(|rule| lifecycle_rule(ctx, at("GetBucketLifecycleConfiguration"), rule))
                    .collect(),
            })
            .into(),
        tags: tagging
            .map(|out| {
                out.map(|out| {
                    out.tag_set()
                        .iter()
                        .map(|tag| (tag.key().to_string(), tag.value().to_string()))
                        .collect()
                })
                // NoSuchTagSet: the bucket has no tags.
                .unwrap_or_else(Tags::new)
            })
            .into(),
        name,
        region,
    }
}

/// The default encryption of a `GetBucketEncryption` answer (`None`: the documented
/// ServerSideEncryptionConfigurationNotFoundError, or a configuration without a default). An
/// answer without its configuration is one cut short, and a default without its SSEAlgorithm
/// (a required enum the SDK fills with "no value was set") names no algorithm: gaps.
fn bucket_encryption(
    ctx: &Ctx,
    at: Call<'_>,
    out: Option<&aws_sdk_s3::operation::get_bucket_encryption::GetBucketEncryptionOutput>,
) -> Result<Option<BucketEncryption>, Gap> {
    let Some(out) = out else {
        return Ok(None);
    };
    let config = ctx.required(
        at,
        "ServerSideEncryptionConfiguration",
        out.server_side_encryption_configuration(),
    )?;
    let Some(rule) = config.rules().first() else {
        return Ok(None);
    };
    let Some(default) = rule.apply_server_side_encryption_by_default() else {
        return Ok(None);
    };
    Ok(Some(BucketEncryption {
        algorithm: ctx.required_enum(
            at,
            "ApplyServerSideEncryptionByDefault.SSEAlgorithm",
            default.sse_algorithm().as_str(),
        )?,
        kms_key_id: default.kms_master_key_id().map(str::to_string),
        // Absent: S3 Bucket Keys are off (the S3 API reference's default).
        bucket_key_enabled: rule.bucket_key_enabled().unwrap_or(false),
    }))
}

/// A rule without its Status (a required enum the SDK fills with "no value was set") read as
/// disabled: a gap instead.
fn lifecycle_rule(
    ctx: &Ctx,
    at: Call<'_>,
    rule: &aws_sdk_s3::types::LifecycleRule,
) -> Result<LifecycleRule, Gap> {
    let status = ctx.required_enum(at, "Rule.Status", rule.status().as_str())?;
    Ok(LifecycleRule {
        id: rule.id().map(str::to_string),
        enabled: status == "Enabled",
        expires_objects: rule.expiration().is_some(),
        transitions: !rule.transitions().is_empty(),
        manages_noncurrent_versions: rule.noncurrent_version_expiration().is_some()
            || !rule.noncurrent_version_transitions().is_empty(),
        aborts_incomplete_uploads: rule.abort_incomplete_multipart_upload().is_some(),
    })
}

#[cfg(test)]
mod tests {
    use aws_sdk_s3::operation::get_bucket_location::{
        GetBucketLocationError, GetBucketLocationOutput,
    };
    use aws_sdk_s3::operation::list_buckets::ListBucketsOutput;
    use aws_sdk_s3::types::{Bucket, BucketLocationConstraint};
    use aws_smithy_mocks::{mock, mock_client, RuleMode};
    use aws_smithy_runtime_api::http::{Response as HttpResponse, StatusCode};
    use aws_smithy_types::body::SdkBody;
    use aws_smithy_types::error::ErrorMetadata;

    use super::*;
    use crate::collect::tests::test_ctx;

    /// (name, region or "?") of each listed bucket.
    fn regions_of(listed: &Result<Vec<Listed>, Gap>) -> Vec<(&str, &str)> {
        listed
            .iter()
            .flatten()
            .map(|bucket| {
                let region = bucket.region.as_deref().unwrap_or("?");
                (bucket.name.as_str(), region)
            })
            .collect()
    }

    fn named(name: &str, region: Option<&str>) -> Bucket {
        Bucket::builder()
            .name(name)
            .set_bucket_region(region.map(str::to_string))
            .build()
    }

    fn denied() -> GetBucketLocationError {
        GetBucketLocationError::generic(
            ErrorMetadata::builder()
                .code("AccessDenied")
                .message("Access Denied")
                .build(),
        )
    }

    /// S3 names each bucket's region in ListBuckets when the request carries a valid parameter
    /// (MaxBuckets): no GetBucketLocation is asked. A listing asked with no parameter does not
    /// match the rule, and would fail the test.
    #[tokio::test]
    async fn the_listing_asks_for_bucket_regions_and_uses_them() {
        let listing = mock!(Client::list_buckets)
            .match_requests(|req| req.max_buckets() == Some(MAX_BUCKETS))
            .then_output(|| {
                ListBucketsOutput::builder()
                    .buckets(named("logs", Some("eu-west-1")))
                    .buckets(named("data", Some("us-east-1")))
                    .build()
            });
        let location = mock!(Client::get_bucket_location)
            .then_output(|| GetBucketLocationOutput::builder().build());
        let client = mock_client!(aws_sdk_s3, RuleMode::MatchAny, [&listing, &location]);
        let ctx = test_ctx();

        let buckets = list_buckets(&ctx, &client, "us-east-1").await;
        let regions = regions_of(&buckets);
        assert_eq!(regions, [("logs", "eu-west-1"), ("data", "us-east-1")]);
        assert_eq!((listing.num_calls(), location.num_calls()), (1, 0));
    }

    /// An S3-compatible endpoint (or an older emulator) without `BucketRegion`: each bucket's
    /// location is asked, with S3's legacy answers (none for us-east-1, `EU` for eu-west-1).
    #[tokio::test]
    async fn a_listing_without_regions_asks_each_bucket_s_location() {
        let listing = mock!(Client::list_buckets).then_output(|| {
            ListBucketsOutput::builder()
                .buckets(named("old-eu", None))
                .buckets(named("virginia", None))
                .buckets(named("oregon", None))
                .build()
        });
        let eu = mock!(Client::get_bucket_location)
            .match_requests(|req| req.bucket() == Some("old-eu"))
            .then_output(|| {
                GetBucketLocationOutput::builder()
                    .location_constraint(BucketLocationConstraint::Eu)
                    .build()
            });
        let virginia = mock!(Client::get_bucket_location)
            .match_requests(|req| req.bucket() == Some("virginia"))
            .then_output(|| GetBucketLocationOutput::builder().build());
        let oregon = mock!(Client::get_bucket_location)
            .match_requests(|req| req.bucket() == Some("oregon"))
            .then_output(|| {
                GetBucketLocationOutput::builder()
                    .location_constraint(BucketLocationConstraint::UsWest2)
                    .build()
            });
        let client = mock_client!(
            aws_sdk_s3,
            RuleMode::MatchAny,
            [&listing, &eu, &virginia, &oregon]
        );
        let ctx = test_ctx();

        let buckets = list_buckets(&ctx, &client, "us-east-1").await;
        let regions = regions_of(&buckets);
        assert_eq!(
            regions,
            [
                ("old-eu", "eu-west-1"),
                ("virginia", "us-east-1"),
                ("oregon", "us-west-2")
            ]
        );
        let asked = [&eu, &virginia, &oregon].map(|rule| rule.num_calls());
        assert_eq!(asked, [1, 1, 1]);
    }

    /// Issue #14: a failed GetBucketLocation made the bucket a us-east-1 bucket. Now HeadBucket's
    /// `x-amz-bucket-region` (sent on a redirect or a 403 too) names the region, and when it
    /// does not answer either the bucket's region is unknown, with GetBucketLocation's reason.
    #[tokio::test]
    async fn a_failed_location_is_read_from_head_bucket_or_stays_unknown() {
        let listing = mock!(Client::list_buckets).then_output(|| {
            ListBucketsOutput::builder()
                .buckets(named("moved", None))
                .buckets(named("guarded", None))
                .buckets(named("lost", None))
                .build()
        });
        let location = mock!(Client::get_bucket_location).then_error(denied);
        let redirect = mock!(Client::head_bucket)
            .match_requests(|req| req.bucket() == Some("moved"))
            .then_http_response(|| {
                let mut response = HttpResponse::new(
                    StatusCode::try_from(301).expect("a status"),
                    SdkBody::empty(),
                );
                response
                    .headers_mut()
                    .insert("x-amz-bucket-region", "eu-west-1");
                response
            });
        let forbidden = mock!(Client::head_bucket)
            .match_requests(|req| req.bucket() == Some("guarded"))
            .then_http_response(|| {
                let mut response = HttpResponse::new(
                    StatusCode::try_from(403).expect("a status"),
                    SdkBody::empty(),
                );
                response
                    .headers_mut()
                    .insert("x-amz-bucket-region", "ap-southeast-2");
                response
            });
        let silent = mock!(Client::head_bucket)
            .match_requests(|req| req.bucket() == Some("lost"))
            .then_http_response(|| {
                HttpResponse::new(
                    StatusCode::try_from(500).expect("a status"),
                    SdkBody::empty(),
                )
            });
        let client = mock_client!(
            aws_sdk_s3,
            RuleMode::MatchAny,
            [&listing, &location, &redirect, &forbidden, &silent]
        );
        let ctx = test_ctx();

        let buckets = list_buckets(&ctx, &client, "us-east-1").await;
        assert_eq!(
            regions_of(&buckets),
            [
                ("moved", "eu-west-1"),
                ("guarded", "ap-southeast-2"),
                ("lost", "?")
            ]
        );
        let lost = buckets
            .expect("listed")
            .remove(2)
            .region
            .expect_err("unknown");
        assert_eq!(lost.operation, "GetBucketLocation");
        assert_eq!(lost.resource.as_deref(), Some("lost"));
        assert_eq!(lost.kind, wascan_checks::model::ErrorKind::AccessDenied);
    }

    /// A listed bucket without a name is not scanned as "": the listing fails, naming what came.
    #[tokio::test]
    async fn a_bucket_without_a_name_fails_the_listing() {
        let listing = mock!(Client::list_buckets).then_output(|| {
            ListBucketsOutput::builder()
                .buckets(named("data", Some("us-east-1")))
                .buckets(Bucket::builder().bucket_region("eu-west-1").build())
                .build()
        });
        let client = mock_client!(aws_sdk_s3, RuleMode::MatchAny, [&listing]);
        let ctx = test_ctx();

        let gap = list_buckets(&ctx, &client, "us-east-1")
            .await
            .expect_err("no name");
        assert_eq!(
            gap.to_string(),
            "s3:ListBuckets in us-east-1 failed (incomplete answer): the answer has no Name \
             (a bucket created at an unknown date, in eu-west-1)"
        );
        assert_eq!(ctx.take_errors(), [gap]);
    }

    /// Issue #14: a default encryption without its SSEAlgorithm read as the algorithm "no value
    /// was set", an answer without its configuration as "no encryption", a lifecycle rule
    /// without Status as disabled.
    #[test]
    fn encryption_and_lifecycle_members_the_answer_lacked_are_gaps() {
        use aws_sdk_s3::operation::get_bucket_encryption::GetBucketEncryptionOutput;
        use aws_sdk_s3::types::{
            ExpirationStatus, LifecycleRule as SdkRule, ServerSideEncryption,
            ServerSideEncryptionByDefault, ServerSideEncryptionConfiguration,
            ServerSideEncryptionRule,
        };

        use crate::collect::calls::SDK_NO_VALUE;
        let ctx = test_ctx();
        let at = Call::new(S3, "GetBucketEncryption")
            .region("eu-west-1")
            .resource("data");
        let answer = |algorithm: ServerSideEncryption| {
            let default = ServerSideEncryptionByDefault::builder()
                .sse_algorithm(algorithm)
                .build()
                .expect("complete");
            let rule = ServerSideEncryptionRule::builder()
                .apply_server_side_encryption_by_default(default)
                .build();
            GetBucketEncryptionOutput::builder()
                .server_side_encryption_configuration(
                    ServerSideEncryptionConfiguration::builder()
                        .rules(rule)
                        .build()
                        .expect("complete"),
                )
                .build()
        };
        let read = bucket_encryption(&ctx, at, Some(&answer(ServerSideEncryption::AwsKms)))
            .expect("read")
            .expect("encrypted");
        assert_eq!(read.algorithm, "aws:kms");
        assert_eq!(bucket_encryption(&ctx, at, None), Ok(None));
        let gap = bucket_encryption(
            &ctx,
            at,
            Some(&answer(ServerSideEncryption::from(SDK_NO_VALUE))),
        )
        .expect_err("gap");
        assert_eq!(
            gap.message,
            "the answer has no ApplyServerSideEncryptionByDefault.SSEAlgorithm"
        );
        let cut = GetBucketEncryptionOutput::builder().build();
        let gap = bucket_encryption(&ctx, at, Some(&cut)).expect_err("gap");
        assert_eq!(
            gap.message,
            "the answer has no ServerSideEncryptionConfiguration"
        );

        let rule = |status: ExpirationStatus| {
            SdkRule::builder()
                .id("expire")
                .status(status)
                .build()
                .expect("complete")
        };
        assert!(
            lifecycle_rule(&ctx, at, &rule(ExpirationStatus::Enabled))
                .expect("read")
                .enabled
        );
        let gap =
            lifecycle_rule(&ctx, at, &rule(ExpirationStatus::from(SDK_NO_VALUE))).expect_err("gap");
        assert_eq!(gap.message, "the answer has no Rule.Status");
        assert_eq!(ctx.take_errors().len(), 3);
    }
}
