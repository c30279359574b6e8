//! ELBv2, per region: the load balancers (paginated), then for every load balancer its listeners
//! (paginated) and attributes, all concurrent, and the AWS WAF web ACL of each internet-facing
//! Application Load Balancer.

use std::collections::BTreeMap;

use aws_sdk_elasticloadbalancingv2::types::ActionTypeEnum;
use aws_sdk_elasticloadbalancingv2::Client;
use futures::future::join_all;
use wascan_checks::model::elbv2::*;
use wascan_checks::model::{Elbv2Region, Fetched, Gap};

use super::calls::{Call, Ctx};

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
                .map(|tg| TargetGroup {
                    arn: tg.target_group_arn().unwrap_or_default().to_string(),
                    name: tg.target_group_name().unwrap_or_default().to_string(),
                    load_balancer_arns: tg.load_balancer_arns().to_vec(),
                    target_type: tg.target_type().map(|t| t.as_str().to_string()),
                    health_check_enabled: tg.health_check_enabled(),
                    health_check_protocol: tg
                        .health_check_protocol()
                        .map(|p| p.as_str().to_string()),
                    health_check_path: tg.health_check_path().map(str::to_string),
                })
                .collect(),
        ),
    );
    let load_balancers = match listed {
        Ok(listed) => Fetched::Ok(
            ctx.per_resource(
                listed
                    .iter()
                    .map(|lb| collect_load_balancer(ctx, &elb, region, lb)),
            )
            .await,
        ),
        Err(gap) => Fetched::Failed(gap),
    };
    let web_acls = match &load_balancers {
        Fetched::Ok(balancers) => web_acls(ctx, region, balancers).await,
        Fetched::Failed(_) => BTreeMap::new(),
    };
    Elbv2Region {
        load_balancers,
        target_groups: target_groups.into(),
        web_acls,
    }
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
    lb: &aws_sdk_elasticloadbalancingv2::types::LoadBalancer,
) -> LoadBalancer {
    let arn = lb.load_balancer_arn().unwrap_or_default().to_string();
    let name = lb.load_balancer_name().unwrap_or_default().to_string();
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
    let mut zones: Vec<String> = lb
        .availability_zones()
        .iter()
        .filter_map(|z| z.zone_name().map(str::to_string))
        .collect();
    zones.sort();
    zones.dedup();
    LoadBalancer {
        region: region.to_string(),
        kind: lb
            .r#type()
            .map(|t| t.as_str().to_string())
            .unwrap_or_default(),
        scheme: lb.scheme().map(|s| s.as_str().to_string()),
        vpc_id: lb.vpc_id().map(str::to_string),
        zones,
        listeners: listeners
            .and_then(|all| all.into_iter().collect::<Result<Vec<_>, _>>())
            .into(),
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
        arn: l.listener_arn().unwrap_or_default().to_string(),
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
}
