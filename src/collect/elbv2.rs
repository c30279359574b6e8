//! ELBv2, per region: the load balancers (paginated), then for every load balancer its listeners
//! (paginated) and attributes, all concurrent, and the AWS WAF web ACL of each internet-facing
//! Application Load Balancer; the target groups (paginated), with the attributes of each group a
//! load balancer routes to.

use std::collections::BTreeMap;

use aws_sdk_elasticloadbalancingv2::types::ActionTypeEnum;
use aws_sdk_elasticloadbalancingv2::Client;
use futures::future::join_all;
use wascan_checks::model::elbv2::*;
use wascan_checks::model::{Elbv2Region, Fetched, Gap};

use super::calls::{every, Call, Ctx};

const ELB: &str = "elasticloadbalancing";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_elasticloadbalancingv2::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, Elbv2Region> {
    let per_region = join_all(regions.iter().map(|region| collect_region(ctx, region))).await;
    regions.iter().cloned().zip(per_region).collect()
}

async fn collect_region(ctx: &Ctx, region: &str) -> Elbv2Region {
    let elb = client(ctx, region);
    let (listed, target_groups) = futures::join!(
        ctx.pages(
            Call::new(ELB, "DescribeLoadBalancers").region(region),
            elb.describe_load_balancers().into_paginator().send(),
            |page| page.load_balancers().to_vec(),
        ),
        ctx.pages(
            Call::new(ELB, "DescribeTargetGroups").region(region),
            elb.describe_target_groups().into_paginator().send(),
            |page| page
                .target_groups()
                .iter()
                .map(|tg| target_group(ctx, region, tg))
                .collect::<Vec<_>>(),
        ),
    );
    let identified = listed.and_then(|listed| {
        let ids = listed
            .iter()
            .map(|lb| identity(ctx, region, lb))
            .collect::<Result<Vec<_>, Gap>>()?;
        Ok(listed.into_iter().zip(ids).collect::<Vec<_>>())
    });
    let load_balancers = match identified {
        Ok(listed) => Fetched::Ok(
            ctx.per_resource(
                listed
                    .into_iter()
                    .map(|(lb, id)| collect_load_balancer(ctx, &elb, region, lb, id)),
            )
            .await,
        ),
        Err(gap) => Fetched::Failed(gap),
    };
    let web_acls = match &load_balancers {
        Fetched::Ok(balancers) => web_acls(ctx, region, balancers).await,
        Fetched::Failed(_) => BTreeMap::new(),
    };
    let target_groups = match every(target_groups) {
        Ok(groups) => Fetched::Ok(
            ctx.per_resource(
                groups
                    .into_iter()
                    .map(|group| target_group_attributes(ctx, &elb, region, group)),
            )
            .await,
        ),
        Err(gap) => Fetched::Failed(gap),
    };
    Elbv2Region {
        load_balancers,
        target_groups,
        web_acls,
    }
}

/// A target group's attributes, read only for groups a load balancer routes to (the others
/// serve no traffic: their attributes stay not collected).
async fn target_group_attributes(
    ctx: &Ctx,
    elb: &Client,
    region: &str,
    mut group: TargetGroup,
) -> TargetGroup {
    if group.load_balancer_arns.is_empty() {
        return group;
    }
    let at = Call::new(ELB, "DescribeTargetGroupAttributes")
        .region(region)
        .resource(&group.name);
    group.attributes = ctx
        .call(
            at,
            elb.describe_target_group_attributes()
                .target_group_arn(&group.arn)
                .send(),
        )
        .await
        .map(|out| {
            out.attributes()
                .iter()
                .filter_map(|a| Some((a.key()?.to_string(), a.value()?.to_string())))
                .collect()
        })
        .into();
    group
}

/// A target group without its ARN or name cannot be named in a finding (both were "" before).
fn target_group(
    ctx: &Ctx,
    region: &str,
    tg: &aws_sdk_elasticloadbalancingv2::types::TargetGroup,
) -> Result<TargetGroup, Gap> {
    let at = Call::new(ELB, "DescribeTargetGroups").region(region);
    let arn = ctx.required_str(at, "TargetGroupArn", tg.target_group_arn())?;
    let at = at.resource(&arn);
    Ok(TargetGroup {
        name: ctx.required_str(at, "TargetGroupName", tg.target_group_name())?,
        arn,
        load_balancer_arns: tg.load_balancer_arns().to_vec(),
        target_type: tg.target_type().map(|t| t.as_str().to_string()),
        health_check_enabled: tg.health_check_enabled(),
        health_check_protocol: tg.health_check_protocol().map(|p| p.as_str().to_string()),
        health_check_path: tg.health_check_path().map(str::to_string),
        attributes: Fetched::not_collected(
            wascan_checks::model::Service::Elbv2,
            "DescribeTargetGroupAttributes",
        ),
    })
}

/// What a load balancer is: its ARN, name, type (always sent) and zones. Without its ARN or
/// name it could not be named (both were ""); without its type the checks that apply to one
/// kind skipped it; a zone without its name made it look single-zone. The region's list
/// fails with the gap.
struct Identity {
    arn: String,
    name: String,
    kind: String,
    zones: Vec<String>,
}

fn identity(
    ctx: &Ctx,
    region: &str,
    lb: &aws_sdk_elasticloadbalancingv2::types::LoadBalancer,
) -> Result<Identity, Gap> {
    let at = Call::new(ELB, "DescribeLoadBalancers").region(region);
    let arn = ctx.required_str(at, "LoadBalancerArn", lb.load_balancer_arn())?;
    let at = at.resource(&arn);
    let name = ctx.required_str(at, "LoadBalancerName", lb.load_balancer_name())?;
    let kind = ctx.required_str(at, "Type", lb.r#type().map(|t| t.as_str()))?;
    let mut zones = lb
        .availability_zones()
        .iter()
        .map(|z| ctx.required_str(at, "AvailabilityZones.ZoneName", z.zone_name()))
        .collect::<Result<Vec<_>, Gap>>()?;
    zones.sort();
    zones.dedup();
    Ok(Identity {
        arn,
        name,
        kind,
        zones,
    })
}

/// The AWS WAF web ACL of every internet-facing Application Load Balancer (one
/// `GetWebACLForResource` each: `ListResourcesForWebACL` would need every web ACL first).
async fn web_acls(
    ctx: &Ctx,
    region: &str,
    balancers: &[LoadBalancer],
) -> BTreeMap<String, Fetched<Option<String>>> {
    let waf = super::wafv2::client(ctx, region);
    let exposed: Vec<&LoadBalancer> = balancers
        .iter()
        .filter(|lb| lb.is_application() && lb.scheme.as_deref() == Some("internet-facing"))
        .collect();
    let acls = ctx
        .per_resource(
            exposed
                .iter()
                .map(|lb| super::wafv2::web_acl_for(ctx, &waf, region, &lb.name, &lb.arn)),
        )
        .await;
    exposed
        .into_iter()
        .zip(acls)
        .map(|(lb, acl)| (lb.arn.clone(), Fetched::from(acl)))
        .collect()
}

async fn collect_load_balancer(
    ctx: &Ctx,
    elb: &Client,
    region: &str,
    lb: aws_sdk_elasticloadbalancingv2::types::LoadBalancer,
    id: Identity,
) -> LoadBalancer {
    let Identity {
        arn,
        name,
        kind,
        zones,
    } = id;
    let at = |operation| Call::new(ELB, operation).region(region).resource(&name);
    let (listeners, attributes) = futures::join!(
        ctx.pages(
            at("DescribeListeners"),
            elb.describe_listeners()
                .load_balancer_arn(&arn)
                .into_paginator()
                .send(),
            |page| page
                .listeners()
                .iter()
                .map(|l| listener(ctx, at("DescribeListeners"), l))
                .collect::<Vec<_>>(),
        ),
        ctx.call(
            at("DescribeLoadBalancerAttributes"),
            elb.describe_load_balancer_attributes()
                .load_balancer_arn(&arn)
                .send()
        ),
    );
    LoadBalancer {
        region: region.to_string(),
        kind,
        scheme: lb.scheme().map(|s| s.as_str().to_string()),
        dns_name: lb
            .dns_name()
            .filter(|name| !name.is_empty())
            .map(str::to_string),
        vpc_id: lb.vpc_id().map(str::to_string),
        zones,
        listeners: every(listeners).into(),
        attributes: attributes
            .map(|out| {
                out.attributes()
                    .iter()
                    .filter_map(|a| Some((a.key()?.to_string(), a.value()?.to_string())))
                    .collect()
            })
            .into(),
        arn,
        name,
    }
}

/// One listener. Without its `Protocol` (always sent) neither the HTTPS nor the TLS-policy check
/// can judge the load balancer: its listener list fails with the recorded gap.
fn listener(
    ctx: &Ctx,
    at: Call<'_>,
    l: &aws_sdk_elasticloadbalancingv2::types::Listener,
) -> Result<Listener, Gap> {
    let protocol = ctx.required_str(at, "Protocol", l.protocol().map(|p| p.as_str()))?;
    let encrypted = matches!(protocol.as_str(), "HTTPS" | "TLS");
    Ok(Listener {
        arn: ctx.required_str(at, "ListenerArn", l.listener_arn())?,
        port: l.port(),
        // Some endpoints report a policy on plain listeners too: it only means something on
        // HTTPS and TLS ones.
        ssl_policy: l
            .ssl_policy()
            .filter(|p| encrypted && !p.is_empty())
            .map(str::to_string),
        redirects_to_https: l.default_actions().iter().any(|a| {
            a.r#type() == Some(&ActionTypeEnum::Redirect)
                && a.redirect_config()
                    .and_then(|r| r.protocol())
                    .is_some_and(|p| p.eq_ignore_ascii_case("HTTPS"))
        }),
        protocol,
    })
}

#[cfg(test)]
mod tests {
    use aws_sdk_elasticloadbalancingv2::types::{Listener as SdkListener, ProtocolEnum};

    use super::*;
    use crate::collect::tests::test_ctx;

    /// Issue #14: a listener without Protocol read as "" and passed elbv2_listeners_https.
    #[test]
    fn a_listener_without_protocol_is_a_gap() {
        let ctx = test_ctx();
        let at = Call::new(ELB, "DescribeListeners")
            .region("eu-west-1")
            .resource("web");
        let https = SdkListener::builder()
            .listener_arn(
                "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/web/1/2",
            )
            .protocol(ProtocolEnum::Https)
            .port(443)
            .ssl_policy("ELBSecurityPolicy-TLS13-1-2-2021-06")
            .build();
        let read = listener(&ctx, at, &https).expect("complete");
        assert_eq!(read.protocol, "HTTPS");
        assert!(read.ssl_policy.is_some());
        let gap = listener(&ctx, at, &SdkListener::builder().port(80).build()).expect_err("gap");
        assert_eq!(gap.message, "the answer has no Protocol");
        assert_eq!(ctx.take_errors().len(), 1);
    }

    /// Issue #14: a load balancer or target group without its ARN or name was named "", one
    /// without Type was skipped by the checks of its kind, a zone without its name dropped.
    #[test]
    fn load_balancers_and_target_groups_without_their_identity_are_gaps() {
        use aws_sdk_elasticloadbalancingv2::types::{
            AvailabilityZone, LoadBalancer as SdkLb, LoadBalancerTypeEnum, TargetGroup as SdkTg,
        };
        let ctx = test_ctx();
        let arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/1";
        let zone = |name: Option<&str>| {
            AvailabilityZone::builder()
                .set_zone_name(name.map(str::to_string))
                .build()
        };
        let lb =
            |arn: Option<&str>, kind: Option<LoadBalancerTypeEnum>, zone_name: Option<&str>| {
                SdkLb::builder()
                    .set_load_balancer_arn(arn.map(str::to_string))
                    .load_balancer_name("web")
                    .set_type(kind)
                    .availability_zones(zone(Some("eu-west-1b")))
                    .availability_zones(zone(zone_name))
                    .build()
            };
        let read = identity(
            &ctx,
            "eu-west-1",
            &lb(
                Some(arn),
                Some(LoadBalancerTypeEnum::Application),
                Some("eu-west-1a"),
            ),
        )
        .expect("complete");
        assert_eq!((read.kind.as_str(), read.zones.len()), ("application", 2));
        for (lb, expected) in [
            (
                lb(
                    None,
                    Some(LoadBalancerTypeEnum::Application),
                    Some("eu-west-1a"),
                ),
                "the answer has no LoadBalancerArn",
            ),
            (
                lb(Some(arn), None, Some("eu-west-1a")),
                "the answer has no Type",
            ),
            (
                lb(Some(arn), Some(LoadBalancerTypeEnum::Network), None),
                "the answer has no AvailabilityZones.ZoneName",
            ),
        ] {
            let gap = identity(&ctx, "eu-west-1", &lb).err().expect("gap");
            assert_eq!(gap.message, expected);
        }
        let tg = SdkTg::builder().target_group_name("web").build();
        let gap = target_group(&ctx, "eu-west-1", &tg).expect_err("gap");
        assert_eq!(gap.message, "the answer has no TargetGroupArn");
        assert_eq!(ctx.take_errors().len(), 4);
    }
}
