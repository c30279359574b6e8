//! Secrets Manager, per region: the secrets (paginated), with their rotation settings and tags.

use std::collections::BTreeMap;

use aws_sdk_secretsmanager::Client;
use futures::future::join_all;
use wascan_checks::model::secretsmanager::*;
use wascan_checks::model::{Fetched, Gap, SecretsManagerRegion};

use super::calls::{Call, Ctx};
use crate::convert::to_offset;

const SECRETSMANAGER: &str = "secretsmanager";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_secretsmanager::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, SecretsManagerRegion> {
    let per_region = join_all(regions.iter().map(|region| collect_region(ctx, region))).await;
    regions.iter().cloned().zip(per_region).collect()
}

async fn collect_region(ctx: &Ctx, region: &str) -> SecretsManagerRegion {
    let secretsmanager = client(ctx, region);
    let secrets = ctx
        .pages(
            Call::new(SECRETSMANAGER, "ListSecrets").region(region),
            secretsmanager.list_secrets().into_paginator().send(),
            |page| {
                page.secret_list()
                    .iter()
                    .map(|s| {
                        // Without its name the secret cannot be named or asked about: the
                        // region's list fails with the recorded gap.
                        let at = Call::new(SECRETSMANAGER, "ListSecrets").region(region);
                        let name = ctx.required_str(at, "Name", s.name())?;
                        // A secret's ARN ends in a random suffix: one built from the name
                        // would name another resource, so an ARN AWS did not send is a gap too.
                        let arn = ctx.required_str(at.resource(&name), "ARN", s.arn())?;
                        Ok(Secret {
                            arn,
                            region: region.to_string(),
                            // ListSecrets leaves RotationEnabled out of secrets that never
                            // rotated: absent is off, the reading that fails, never passes.
                            rotation_enabled: s.rotation_enabled().unwrap_or(false),
                            rotation_interval_days: s
                                .rotation_rules()
                                .and_then(|r| r.automatically_after_days()),
                            last_accessed: s.last_accessed_date().and_then(to_offset),
                            created: s.created_date().and_then(to_offset),
                            tags: s
                                .tags()
                                .iter()
                                .filter_map(|t| {
                                    Some((t.key()?.to_string(), t.value()?.to_string()))
                                })
                                .collect(),
                            // Read below, one GetResourcePolicy per secret.
                            policy: Fetched::Ok(None),
                            name,
                        })
                    })
                    .collect::<Vec<Result<Secret, Gap>>>()
            },
        )
        .await
        .and_then(|all| all.into_iter().collect::<Result<Vec<_>, Gap>>());
    let secrets = match secrets {
        Ok(secrets) => Ok(ctx
            .per_resource(secrets.into_iter().map(|mut secret| {
                let secretsmanager = &secretsmanager;
                async move {
                    // No `ResourcePolicy` in the answer: the secret has none (Secrets Manager
                    // API reference, GetResourcePolicy).
                    secret.policy = ctx
                        .call(
                            Call::new(SECRETSMANAGER, "GetResourcePolicy")
                                .region(region)
                                .resource(&secret.name),
                            secretsmanager
                                .get_resource_policy()
                                .secret_id(&secret.arn)
                                .send(),
                        )
                        .await
                        .map(|out| out.resource_policy().map(str::to_string))
                        .into();
                    secret
                }
            }))
            .await),
        Err(gap) => Err(gap),
    };
    SecretsManagerRegion {
        secrets: secrets.into(),
    }
}
