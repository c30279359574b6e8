//! AWS WAF (v2): per region, the `REGIONAL` web ACLs (`ListWebACLs`, paginated by marker) and
//! each one's rules (`GetWebACL`); once, in us-east-1, the `CLOUDFRONT` web ACLs, kept under
//! `global`. Also the web ACL of one resource (`GetWebACLForResource`), for the load balancer
//! collector.

use std::collections::BTreeMap;

use aws_sdk_wafv2::types::{Scope, WebAcl as SdkWebAcl};
use aws_sdk_wafv2::Client;
use futures::future::join_all;
use wascan_checks::model::wafv2::*;
use wascan_checks::model::{Gap, Wafv2Region};

use super::calls::{Call, Ctx};
use crate::convert::non_empty;

const WAFV2: &str = "wafv2";

/// CloudFront's web ACLs live in us-east-1 (AWS WAF API reference, `Scope`).
const CLOUDFRONT_REGION: &str = "us-east-1";

pub(crate) fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_wafv2::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, Wafv2Region> {
    let (mut per_region, cloudfront) = futures::join!(
        join_all(regions.iter().map(|region| async move {
            let waf = client(ctx, region);
            let acls = web_acls(ctx, &waf, region, Scope::Regional, region).await;
            (
                region.clone(),
                Wafv2Region {
                    web_acls: acls.into(),
                },
            )
        })),
        async {
            let waf = client(ctx, CLOUDFRONT_REGION);
            web_acls(ctx, &waf, CLOUDFRONT_REGION, Scope::Cloudfront, "global").await
        },
    );
    per_region.push((
        "global".to_string(),
        Wafv2Region {
            web_acls: cloudfront.into(),
        },
    ));
    per_region.into_iter().collect()
}

/// The web ACLs of `scope`, asked in `region`, each recorded as being in `label`.
pub(crate) async fn web_acls(
    ctx: &Ctx,
    waf: &Client,
    region: &str,
    scope: Scope,
    label: &str,
) -> Result<Vec<WebAcl>, Gap> {
    let at = Call::new(WAFV2, "ListWebACLs").region(region);
    let summaries = ctx
        .token_pages(
            at,
            |marker| {
                waf.list_web_acls()
                    .scope(scope.clone())
                    .set_next_marker(marker)
                    .send()
            },
            |page: &aws_sdk_wafv2::operation::list_web_acls::ListWebAcLsOutput| {
                page.web_acls().to_vec()
            },
            |page| page.next_marker(),
        )
        .await?;
    let listed = summaries
        .iter()
        .map(|acl| {
            // Without its name, id and ARN a web ACL can be neither read nor named.
            Ok((
                ctx.required_str(at, "Name", acl.name())?,
                ctx.required_str(at, "Id", acl.id())?,
                ctx.required_str(at, "ARN", acl.arn())?,
            ))
        })
        .collect::<Result<Vec<(String, String, String)>, Gap>>()?;
    Ok(ctx
        .per_resource(
            listed
                .into_iter()
                .map(|(name, id, arn): (String, String, String)| {
                    let scope = scope.clone();
                    async move {
                        let at = Call::new(WAFV2, "GetWebACL").region(region).resource(&name);
                        let rules = ctx
                            .call(
                                at,
                                waf.get_web_acl().scope(scope).name(&name).id(&id).send(),
                            )
                            .await
                            .and_then(|out| {
                                let acl = ctx.required(at, "WebACL", out.web_acl().cloned())?;
                                Ok(managed_rule_groups(&acl))
                            });
                        WebAcl {
                            arn,
                            name,
                            id,
                            region: label.to_string(),
                            managed_rule_groups: rules.into(),
                        }
                    }
                }),
        )
        .await)
}

/// The managed rule groups a web ACL uses, as `VENDOR/NAME`: in its own rules, and in the rule
/// groups Firewall Manager adds before and after them.
fn managed_rule_groups(acl: &SdkWebAcl) -> Vec<String> {
    let own = acl
        .rules()
        .iter()
        .filter_map(|rule| rule.statement()?.managed_rule_group_statement());
    let by_firewall_manager = acl
        .pre_process_firewall_manager_rule_groups()
        .iter()
        .chain(acl.post_process_firewall_manager_rule_groups())
        .filter_map(|group| {
            group
                .firewall_manager_statement()?
                .managed_rule_group_statement()
        });
    let mut groups: Vec<String> = own
        .chain(by_firewall_manager)
        .map(|group| format!("{}/{}", group.vendor_name(), group.name()))
        .collect();
    groups.sort();
    groups.dedup();
    groups
}

/// The ARN of the web ACL protecting the resource `arn` (called `name` in messages), `None` when
/// none does (the answer has no `WebACL`).
pub(crate) async fn web_acl_for(
    ctx: &Ctx,
    waf: &Client,
    region: &str,
    name: &str,
    arn: &str,
) -> Result<Option<String>, Gap> {
    let at = Call::new(WAFV2, "GetWebACLForResource")
        .region(region)
        .resource(name);
    let out = ctx
        .call(at, waf.get_web_acl_for_resource().resource_arn(arn).send())
        .await?;
    Ok(out.web_acl().and_then(|acl| non_empty(Some(acl.arn()))))
}

#[cfg(test)]
mod tests {
    use aws_sdk_wafv2::operation::get_web_acl::GetWebAclOutput;
    use aws_sdk_wafv2::operation::list_web_acls::ListWebAcLsOutput;
    use aws_sdk_wafv2::types::{
        DefaultAction, ManagedRuleGroupStatement, OverrideAction, Rule, Statement,
        VisibilityConfig, WebAclSummary,
    };
    use aws_smithy_mocks::{mock, mock_client, RuleMode};
    use wascan_checks::model::Fetched;

    use super::*;
    use crate::collect::tests::test_ctx;

    fn visibility() -> VisibilityConfig {
        VisibilityConfig::builder()
            .sampled_requests_enabled(true)
            .cloud_watch_metrics_enabled(true)
            .metric_name("m")
            .build()
            .expect("visibility")
    }

    #[tokio::test]
    async fn web_acls_over_pages_with_their_managed_rule_groups() {
        let page1 = mock!(Client::list_web_acls)
            .match_requests(|r| r.next_marker().is_none())
            .then_output(|| {
                ListWebAcLsOutput::builder()
                    .web_acls(
                        WebAclSummary::builder()
                            .name("edge")
                            .id("1")
                            .arn("arn:aws:wafv2:us-east-1:123456789012:regional/webacl/edge/1")
                            .build(),
                    )
                    .next_marker("m2")
                    .build()
            });
        let page2 = mock!(Client::list_web_acls)
            .match_requests(|r| r.next_marker() == Some("m2"))
            .then_output(|| ListWebAcLsOutput::builder().build());
        let acl = mock!(Client::get_web_acl).then_output(|| {
            let rule = |name: &str, group: &str| {
                Rule::builder()
                    .name(name)
                    .priority(0)
                    .statement(
                        Statement::builder()
                            .managed_rule_group_statement(
                                ManagedRuleGroupStatement::builder()
                                    .vendor_name("AWS")
                                    .name(group)
                                    .build()
                                    .expect("a group"),
                            )
                            .build(),
                    )
                    .override_action(OverrideAction::builder().build())
                    .visibility_config(visibility())
                    .build()
                    .expect("a rule")
            };
            GetWebAclOutput::builder()
                .web_acl(
                    SdkWebAcl::builder()
                        .name("edge")
                        .id("1")
                        .arn("arn:aws:wafv2:us-east-1:123456789012:regional/webacl/edge/1")
                        .default_action(DefaultAction::builder().build())
                        .visibility_config(visibility())
                        .rules(rule("b", "AWSManagedRulesKnownBadInputsRuleSet"))
                        .rules(rule("a", "AWSManagedRulesAmazonIpReputationList"))
                        .build()
                        .expect("a web ACL"),
                )
                .build()
        });
        let client = mock_client!(aws_sdk_wafv2, RuleMode::MatchAny, &[&page1, &page2, &acl]);
        let acls = web_acls(
            &test_ctx(),
            &client,
            "us-east-1",
            Scope::Regional,
            "us-east-1",
        )
        .await
        .expect("web ACLs");
        assert_eq!(acls.len(), 1);
        assert_eq!(
            acls[0].managed_rule_groups,
            Fetched::Ok(vec![
                "AWS/AWSManagedRulesAmazonIpReputationList".to_string(),
                "AWS/AWSManagedRulesKnownBadInputsRuleSet".to_string(),
            ])
        );
    }
}
