//! KMS, per region: the keys and aliases (paginated, concurrent), then for every key `DescribeKey`
//! and, where automatic rotation applies, `GetKeyRotationStatus`; `GetKeyPolicy` for
//! customer-managed keys.

use std::collections::BTreeMap;

use aws_sdk_kms::operation::get_key_policy::GetKeyPolicyOutput;
use aws_sdk_kms::Client;
use futures::future::join_all;
use wascan_checks::model::kms::*;
use wascan_checks::model::{Fetched, Gap, KmsRegion};

use super::calls::{Call, Ctx};
use super::presence::MemberPresence;
use crate::convert::{non_empty, to_offset};

const KMS: &str = "kms";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_kms::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, KmsRegion> {
    let per_region = join_all(regions.iter().map(|region| collect_region(ctx, region))).await;
    regions.iter().cloned().zip(per_region).collect()
}

async fn collect_region(ctx: &Ctx, region: &str) -> KmsRegion {
    let kms = client(ctx, region);
    let at = |operation| Call::new(KMS, operation).region(region);
    let (keys, aliases) = futures::join!(
        ctx.pages(
            at("ListKeys"),
            kms.list_keys().into_paginator().send(),
            |page| page
                .keys()
                .iter()
                .map(|k| listed_key(ctx, region, k))
                .collect(),
        ),
        ctx.pages(
            at("ListAliases"),
            kms.list_aliases().into_paginator().send(),
            // An alias without TargetKeyId is an AWS managed alias whose key does not exist yet
            // (KMS API reference, AliasListEntry): it names no key.
            |page| page
                .aliases()
                .iter()
                .filter_map(|a| Some((a.target_key_id()?.to_string(), a.alias_name()?.to_string())))
                .collect(),
        ),
    );
    // Aliases only name keys in messages: without them the key ids still identify them.
    let mut aliases_of: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (key_id, alias) in aliases.unwrap_or_default() {
        aliases_of.entry(key_id).or_default().push(alias);
    }
    let keys = match keys.and_then(|keys| keys.into_iter().collect::<Result<Vec<_>, _>>()) {
        Ok(keys) => Fetched::Ok(
            ctx.per_resource(keys.into_iter().map(|(id, arn)| {
                let mut aliases = aliases_of.remove(&id).unwrap_or_default();
                aliases.sort();
                collect_key(ctx, &kms, region, id, arn, aliases)
            }))
            .await,
        ),
        Err(gap) => Fetched::Failed(gap),
    };
    KmsRegion { keys }
}

/// A ListKeys entry's id and ARN: the id from `KeyId`, else from the `key/ID` end of `KeyArn`.
/// An entry with neither cannot be scanned: the listing fails with the recorded gap.
fn listed_key(
    ctx: &Ctx,
    region: &str,
    key: &aws_sdk_kms::types::KeyListEntry,
) -> Result<(String, Option<String>), Gap> {
    let arn = non_empty(key.key_arn());
    let from_arn = arn
        .as_deref()
        .and_then(|arn| arn.rsplit_once(":key/"))
        .map(|(_, id)| id)
        .filter(|id| !id.is_empty());
    let id = non_empty(key.key_id()).or_else(|| from_arn.map(str::to_string));
    let id = ctx.required(
        Call::new(KMS, "ListKeys").region(region),
        "KeyId (nor a KeyArn ending in key/ID)",
        id,
    )?;
    Ok((id, arn))
}

/// DescribeKey's facts. An answer without `KeyMetadata`, or without its KeyManager, KeyState,
/// KeySpec or Origin (members KMS always sends), is a recorded gap: the key's checks are then
/// `not_evaluated`, never decided on an empty manager or state.
fn key_metadata(
    ctx: &Ctx,
    at: Call<'_>,
    metadata: Option<&aws_sdk_kms::types::KeyMetadata>,
) -> Result<KeyMetadata, Gap> {
    let m = ctx.required(at, "KeyMetadata", metadata)?;
    Ok(KeyMetadata {
        manager: ctx.required_str(
            at,
            "KeyMetadata.KeyManager",
            m.key_manager().map(|k| k.as_str()),
        )?,
        state: ctx.required_str(
            at,
            "KeyMetadata.KeyState",
            m.key_state().map(|s| s.as_str()),
        )?,
        spec: ctx.required_str(at, "KeyMetadata.KeySpec", m.key_spec().map(|s| s.as_str()))?,
        origin: ctx.required_str(at, "KeyMetadata.Origin", m.origin().map(|o| o.as_str()))?,
        description: non_empty(m.description()),
        deletion_date: m.deletion_date().and_then(to_offset),
    })
}

async fn collect_key(
    ctx: &Ctx,
    kms: &Client,
    region: &str,
    id: String,
    arn: Option<String>,
    aliases: Vec<String>,
) -> Key {
    let at = |operation| Call::new(KMS, operation).region(region).resource(&id);
    let metadata: Fetched<KeyMetadata> = ctx
        .call(at("DescribeKey"), kms.describe_key().key_id(&id).send())
        .await
        .and_then(|out| key_metadata(ctx, at("DescribeKey"), out.key_metadata()))
        .into();
    let rotation_enabled = match &metadata {
        Fetched::Ok(m) if m.supports_rotation() && m.state == "Enabled" => {
            // `KeyRotationEnabled` is a plain bool in the SDK (false when not sent): whether the
            // answer had it is read from the answer itself.
            let reported = MemberPresence::new("KeyRotationEnabled");
            ctx.call(
                at("GetKeyRotationStatus"),
                kms.get_key_rotation_status()
                    .key_id(&id)
                    .customize()
                    .interceptor(reported.clone())
                    .send(),
            )
            .await
            .and_then(|out| {
                let enabled = reported.seen().then(|| out.key_rotation_enabled());
                ctx.required(at("GetKeyRotationStatus"), "KeyRotationEnabled", enabled)
            })
            .map(Some)
            .into()
        }
        Fetched::Ok(_) => Fetched::Ok(None),
        Fetched::Failed(gap) => Fetched::Failed(gap.clone()),
    };
    // The key policy of customer-managed keys only: AWS writes those of AWS managed keys. Every
    // key has exactly one policy, named `default` (KMS API reference, GetKeyPolicy).
    let policy = match &metadata {
        Fetched::Ok(m) if m.is_customer_managed() => ctx
            .call(
                at("GetKeyPolicy"),
                kms.get_key_policy()
                    .key_id(&id)
                    .policy_name("default")
                    .send(),
            )
            .await
            .and_then(|out| key_policy(ctx, at("GetKeyPolicy"), &out))
            .into(),
        Fetched::Ok(_) => Fetched::Ok(None),
        Fetched::Failed(gap) => Fetched::Failed(gap.clone()),
    };
    Key {
        policy,
        arn: arn.unwrap_or_else(|| ctx.arn(KMS, region, &format!("key/{id}"))),
        region: region.to_string(),
        id,
        aliases,
        metadata,
        rotation_enabled,
    }
}

/// The policy of a GetKeyPolicy answer. Every key has one (KMS API reference, GetKeyPolicy):
/// an answer without it is a gap, never a key without a policy (which would read as private).
fn key_policy(ctx: &Ctx, at: Call<'_>, out: &GetKeyPolicyOutput) -> Result<Option<String>, Gap> {
    ctx.required_str(at, "Policy", out.policy()).map(Some)
}

#[cfg(test)]
mod tests {
    use aws_sdk_kms::types::{KeyListEntry, KeyManagerType, KeyMetadata as SdkMetadata, KeyState};

    use super::*;
    use crate::collect::tests::test_ctx;

    /// Issue #14: a ListKeys entry without KeyId was dropped although its KeyArn names it.
    #[test]
    fn a_listed_key_without_key_id_is_named_by_its_arn() {
        let ctx = test_ctx();
        let entry = KeyListEntry::builder()
            .key_arn("arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab")
            .build();
        let (id, arn) = listed_key(&ctx, "eu-west-1", &entry).expect("identified");
        assert_eq!(id, "1234abcd-12ab");
        assert_eq!(
            arn.as_deref(),
            Some("arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab")
        );

        let gap = listed_key(&ctx, "eu-west-1", &KeyListEntry::builder().build())
            .expect_err("unidentified");
        assert_eq!(
            gap.to_string(),
            "kms:ListKeys in eu-west-1 failed (incomplete answer): the answer has no KeyId (nor a KeyArn ending in key/ID)"
        );
    }

    /// Issue #14: DescribeKey without KeyMetadata (or its KeyManager, KeyState, KeySpec, Origin)
    /// became a key with an empty manager: no rotation finding at all. Now it is a gap.
    #[test]
    fn describe_key_without_metadata_or_its_fields_is_a_gap() {
        let ctx = test_ctx();
        let at = Call::new(KMS, "DescribeKey")
            .region("eu-west-1")
            .resource("k-1");
        let gap = key_metadata(&ctx, at, None).expect_err("no metadata");
        assert_eq!(
            gap.to_string(),
            "kms:DescribeKey on k-1 in eu-west-1 failed (incomplete answer): the answer has no KeyMetadata"
        );
        let partial = SdkMetadata::builder()
            .key_id("k-1")
            .key_manager(KeyManagerType::Customer)
            .key_state(KeyState::Enabled)
            .build()
            .expect("key_id is set");
        let gap = key_metadata(&ctx, at, Some(&partial)).expect_err("no spec");
        assert_eq!(gap.message, "the answer has no KeyMetadata.KeySpec");
        assert_eq!(ctx.take_errors().len(), 2);
    }

    /// Issue #14 (found by the long fault run): a GetKeyPolicy answer without its Policy made
    /// the key's policy "none", so a public key passed `kms_key_policy_public`.
    #[test]
    fn a_key_policy_answer_without_the_policy_is_a_gap() {
        let ctx = test_ctx();
        let at = Call::new(KMS, "GetKeyPolicy")
            .region("eu-west-1")
            .resource("k-1");
        let gap =
            key_policy(&ctx, at, &GetKeyPolicyOutput::builder().build()).expect_err("no policy");
        assert_eq!(gap.message, "the answer has no Policy");
        let answer = GetKeyPolicyOutput::builder().policy("{}").build();
        assert_eq!(
            key_policy(&ctx, at, &answer).expect("policy"),
            Some("{}".to_string())
        );
    }
}
