//! What EC2 exposes in a region beyond its security groups: the network interfaces (who uses
//! each group), the network ACLs, and each instance's user data, scanned for secrets as it is
//! read (only masked hits are kept: the user data never reaches the snapshot).

use std::collections::BTreeMap;

use aws_sdk_ec2::operation::describe_instance_attribute::DescribeInstanceAttributeOutput;
use aws_sdk_ec2::types::{InstanceAttributeName, NetworkAcl as SdkAcl, NetworkInterface as SdkEni};
use aws_sdk_ec2::Client;
use base64::Engine;
use wascan_checks::model::ec2::*;
use wascan_checks::model::{ErrorKind, Fetched, Gap, Tags};
use wascan_checks::secrets::{scan_text, SecretHit};

use super::calls::{Call, Ctx};

const EC2: &str = "ec2";

/// The region's network interfaces and network ACLs, concurrently.
pub async fn collect_region(
    ctx: &Ctx,
    ec2: &Client,
    region: &str,
) -> (Fetched<Vec<NetworkInterface>>, Fetched<Vec<NetworkAcl>>) {
    let at = |operation| Call::new(EC2, operation).region(region);
    let (interfaces, acls) = futures::join!(
        ctx.pages(
            at("DescribeNetworkInterfaces"),
            ec2.describe_network_interfaces().into_paginator().send(),
            |page| page
                .network_interfaces()
                .iter()
                .map(|eni| interface(ctx, region, eni))
                .collect::<Vec<_>>(),
        ),
        ctx.pages(
            at("DescribeNetworkAcls"),
            ec2.describe_network_acls().into_paginator().send(),
            |page| page
                .network_acls()
                .iter()
                .map(|acl| network_acl(ctx, region, acl))
                .collect::<Vec<_>>(),
        ),
    );
    (
        interfaces.and_then(|all| all.into_iter().collect()).into(),
        acls.and_then(|all| all.into_iter().collect()).into(),
    )
}

fn interface(ctx: &Ctx, region: &str, eni: &SdkEni) -> Result<NetworkInterface, Gap> {
    let at = Call::new(EC2, "DescribeNetworkInterfaces").region(region);
    let id = ctx.required_str(at, "NetworkInterfaceId", eni.network_interface_id())?;
    let at = at.resource(&id);
    let groups = eni
        .groups()
        .iter()
        .map(|g| ctx.required_str(at, "Groups.GroupId", g.group_id()))
        .collect::<Result<Vec<_>, Gap>>()?;
    Ok(NetworkInterface {
        groups,
        interface_type: eni.interface_type().map(|t| t.as_str().to_string()),
        instance_id: eni
            .attachment()
            .and_then(|a| a.instance_id())
            .filter(|i| !i.is_empty())
            .map(str::to_string),
        requester_id: eni.requester_id().map(str::to_string),
        description: eni
            .description()
            .filter(|d| !d.is_empty())
            .map(str::to_string),
        public_ip: eni
            .association()
            .and_then(|a| a.public_ip())
            .is_some_and(|ip| !ip.is_empty()),
        id,
    })
}

fn network_acl(ctx: &Ctx, region: &str, acl: &SdkAcl) -> Result<NetworkAcl, Gap> {
    let at = Call::new(EC2, "DescribeNetworkAcls").region(region);
    let id = ctx.required_str(at, "NetworkAclId", acl.network_acl_id())?;
    let at = at.resource(&id);
    let entries = acl
        .entries()
        .iter()
        .map(|e| {
            // The rule's number, direction, protocol and action decide what it admits: an entry
            // without one cannot be placed, so the list fails rather than guess.
            Ok(NetworkAclEntry {
                rule_number: ctx.required(at, "Entries.RuleNumber", e.rule_number())?,
                egress: ctx.required(at, "Entries.Egress", e.egress())?,
                protocol: ctx.required_str(at, "Entries.Protocol", e.protocol())?,
                action: ctx.required_str(
                    at,
                    "Entries.RuleAction",
                    e.rule_action().map(|a| a.as_str()),
                )?,
                cidr: e.cidr_block().map(str::to_string),
                ipv6_cidr: e.ipv6_cidr_block().map(str::to_string),
                from_port: e.port_range().and_then(|p| p.from()),
                to_port: e.port_range().and_then(|p| p.to()),
            })
        })
        .collect::<Result<Vec<_>, Gap>>()?;
    let tags: Tags = acl
        .tags()
        .iter()
        .filter_map(|t| Some((t.key()?.to_string(), t.value()?.to_string())))
        .collect();
    Ok(NetworkAcl {
        arn: ctx.arn(EC2, region, &format!("network-acl/{id}")),
        region: region.to_string(),
        vpc_id: acl.vpc_id().map(str::to_string),
        is_default: acl.is_default(),
        subnets: acl
            .associations()
            .iter()
            .filter_map(|a| a.subnet_id())
            .map(str::to_string)
            .collect(),
        entries,
        tags,
        id,
    })
}

/// Each instance's user data, scanned: one `DescribeInstanceAttribute` per instance.
pub async fn user_data(
    ctx: &Ctx,
    ec2: &Client,
    region: &str,
    instances: &[Instance],
) -> BTreeMap<String, Fetched<Vec<SecretHit>>> {
    let ids: Vec<&str> = instances
        .iter()
        .filter(|i| i.exists())
        .map(|i| i.id.as_str())
        .collect();
    let scanned = ctx
        .per_resource(ids.iter().map(|id| async move {
            let at = Call::new(EC2, "DescribeInstanceAttribute")
                .region(region)
                .resource(id);
            let answer = ctx
                .call(
                    at,
                    ec2.describe_instance_attribute()
                        .instance_id(*id)
                        .attribute(InstanceAttributeName::UserData)
                        .send(),
                )
                .await;
            let hits = answer.and_then(|out| user_data_hits(ctx, at, region, id, &out));
            (id.to_string(), hits.into())
        }))
        .await;
    scanned.into_iter().collect()
}

/// The secrets in one DescribeInstanceAttribute answer. The answer names the attribute asked
/// for: `<userData/>` (no value) when the instance has none; an answer without `userData` at all
/// did not say, and is a gap.
fn user_data_hits(
    ctx: &Ctx,
    at: Call<'_>,
    region: &str,
    id: &str,
    out: &DescribeInstanceAttributeOutput,
) -> Result<Vec<SecretHit>, Gap> {
    let user_data = ctx.required(at, "UserData", out.user_data())?;
    let encoded = user_data.value().unwrap_or_default();
    scan_user_data(region, id, encoded).map_err(|gap| ctx.record(gap))
}

/// The secrets in base64 user data. None (an instance launched without user data has no
/// `UserData.Value`, EC2 API reference, DescribeInstanceAttribute) scans as empty; a blob that is
/// not base64 or not UTF-8 text (gzip-compressed or binary, which cloud-init accepts) is a gap
/// naming the instance, never a pass.
pub(crate) fn scan_user_data(region: &str, id: &str, encoded: &str) -> Result<Vec<SecretHit>, Gap> {
    let gap = |message: String| Gap {
        service: EC2.into(),
        region: Some(region.to_string()),
        operation: "DescribeInstanceAttribute".into(),
        resource: Some(id.to_string()),
        kind: ErrorKind::Other,
        message,
    };
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .map_err(|error| gap(format!("the user data is not base64 ({error})")))?;
    if bytes.starts_with(&[0x1f, 0x8b]) {
        return Err(gap(format!(
            "the user data is not text (gzip-compressed, {} bytes): it was not scanned",
            bytes.len()
        )));
    }
    let text = String::from_utf8(bytes).map_err(|error| {
        gap(format!(
            "the user data is not text ({} bytes, not UTF-8): it was not scanned",
            error.as_bytes().len()
        ))
    })?;
    Ok(scan_text("user data", &text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_data_is_decoded_and_scanned_and_a_binary_blob_is_a_gap() {
        let b64 = |bytes: &[u8]| base64::engine::general_purpose::STANDARD.encode(bytes);
        let script = b64(b"#!/bin/bash\nexport DB_PASSWORD=hunter2-prod\n");
        let hits = scan_user_data("us-east-1", "i-1", &script).expect("text");
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].location, "user data line 2");
        assert!(!format!("{hits:?}").contains("hunter2"));
        assert_eq!(scan_user_data("us-east-1", "i-1", ""), Ok(vec![]));

        let gzip = scan_user_data("us-east-1", "i-2", &b64(&[0x1f, 0x8b, 8, 0, 0, 0]))
            .expect_err("not text");
        assert_eq!(gzip.resource.as_deref(), Some("i-2"));
        assert!(gzip.message.contains("gzip"), "{}", gzip.message);
        let binary =
            scan_user_data("us-east-1", "i-3", &b64(&[0xff, 0xfe, 0x00])).expect_err("not text");
        assert!(binary.message.contains("not UTF-8"));
        assert!(scan_user_data("us-east-1", "i-4", "%%%").is_err());
    }

    /// Issue #14 (found by the long fault run): an answer without `userData` read as "no user
    /// data", so an instance whose user data holds a secret passed.
    #[test]
    fn an_answer_without_user_data_is_a_gap_and_an_empty_one_is_none() {
        use aws_sdk_ec2::types::AttributeValue;
        let ctx = crate::collect::tests::test_ctx();
        let at = Call::new(EC2, "DescribeInstanceAttribute")
            .region("us-east-1")
            .resource("i-1");
        let gap = user_data_hits(
            &ctx,
            at,
            "us-east-1",
            "i-1",
            &DescribeInstanceAttributeOutput::builder().build(),
        )
        .expect_err("no userData");
        assert_eq!(gap.message, "the answer has no UserData");
        let none = DescribeInstanceAttributeOutput::builder()
            .user_data(AttributeValue::builder().build())
            .build();
        assert_eq!(
            user_data_hits(&ctx, at, "us-east-1", "i-1", &none),
            Ok(vec![])
        );
    }
}
