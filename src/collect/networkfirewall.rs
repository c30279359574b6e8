//! AWS Network Firewall, per region: the firewalls (`ListFirewalls`, paginated), then for each
//! its configuration (`DescribeFirewall`) and logging (`DescribeLoggingConfiguration`),
//! concurrently.

use std::collections::BTreeMap;

use aws_sdk_networkfirewall::Client;
use futures::future::join_all;
use wascan_checks::model::networkfirewall::*;
use wascan_checks::model::{Fetched, Gap, NetworkFirewallRegion};

use super::calls::{every, Call, Ctx};
use crate::convert::{self, non_empty};

const NETWORKFIREWALL: &str = "networkfirewall";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_networkfirewall::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, NetworkFirewallRegion> {
    let per_region = join_all(
        regions
            .iter()
            .map(|region| async move { collect_region(ctx, &client(ctx, region), region).await }),
    )
    .await;
    regions.iter().cloned().zip(per_region).collect()
}

async fn collect_region(ctx: &Ctx, nfw: &Client, region: &str) -> NetworkFirewallRegion {
    let at = Call::new(NETWORKFIREWALL, "ListFirewalls").region(region);
    let listed = ctx
        .pages(at, nfw.list_firewalls().into_paginator().send(), |page| {
            page.firewalls()
                .iter()
                .map(|f| {
                    // Without its name or ARN a firewall can be neither named nor described.
                    Ok((
                        ctx.required_str(at, "Firewalls.FirewallName", f.firewall_name())?,
                        ctx.required_str(at, "Firewalls.FirewallArn", f.firewall_arn())?,
                    ))
                })
                .collect::<Vec<Result<_, Gap>>>()
        })
        .await;
    let firewalls = match every(listed) {
        Ok(listed) => Fetched::Ok(
            ctx.per_resource_calls(
                2,
                listed
                    .into_iter()
                    .map(|(name, arn)| firewall(ctx, nfw, region, name, arn)),
            )
            .await,
        ),
        Err(gap) => Fetched::Failed(gap),
    };
    NetworkFirewallRegion { firewalls }
}

async fn firewall(ctx: &Ctx, nfw: &Client, region: &str, name: String, arn: String) -> Firewall {
    let described = Call::new(NETWORKFIREWALL, "DescribeFirewall")
        .region(region)
        .resource(&name);
    let logging = Call::new(NETWORKFIREWALL, "DescribeLoggingConfiguration")
        .region(region)
        .resource(&name);
    let (details, log_types) = futures::join!(
        ctx.call(described, nfw.describe_firewall().firewall_arn(&arn).send()),
        ctx.call(
            logging,
            nfw.describe_logging_configuration()
                .firewall_arn(&arn)
                .send()
        ),
    );
    let details = details.and_then(|out| {
        let f = ctx.required(described, "Firewall", out.firewall())?;
        Ok(FirewallDetails {
            vpc_id: non_empty(Some(f.vpc_id())),
            // The SDK reads an absent flag as false: at worst a protected firewall fails, never
            // an unprotected one passes.
            delete_protection: Some(f.delete_protection()),
            policy_change_protection: Some(f.firewall_policy_change_protection()),
            tags: convert::tags(f.tags().iter().map(|t| (Some(t.key()), Some(t.value())))),
        })
    });
    // No `LoggingConfiguration`, or one without destinations, is a firewall that logs nothing
    // (API reference, `DescribeLoggingConfiguration`: the destinations are the log types sent).
    let log_types = log_types.map(|out| {
        let mut types: Vec<String> = out
            .logging_configuration()
            .map(|c| c.log_destination_configs())
            .unwrap_or_default()
            .iter()
            .map(|d| d.log_type().as_str().to_string())
            .collect();
        types.sort();
        types.dedup();
        types
    });
    Firewall {
        arn,
        region: region.to_string(),
        name,
        details: details.into(),
        log_types: log_types.into(),
    }
}
