//! AWS Organizations as a subject of checks (global, collected once): the organization, its
//! service control and tag policies with their targets, and the delegated administrators of the
//! security services. An account in no organization answers `AWSOrganizationsNotInUseException`:
//! then there are no policies nor administrators to read.

use std::collections::BTreeMap;

use aws_sdk_organizations::types::PolicyType;
use aws_sdk_organizations::Client;
use futures::future::join_all;
use wascan_checks::model::organizations::*;
use wascan_checks::model::{Fetched, Gap};

use super::calls::{Call, Ctx};

const ORGANIZATIONS: &str = "organizations";
/// Organizations' endpoint is in us-east-1.
const HOME_REGION: &str = "us-east-1";

fn client(ctx: &Ctx) -> Client {
    let config = aws_sdk_organizations::config::Builder::from(&ctx.config_for(HOME_REGION))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx) -> Organizations {
    let organizations = client(ctx);
    let organization = ctx
        .call_or_absent(
            Call::new(ORGANIZATIONS, "DescribeOrganization"),
            &["AWSOrganizationsNotInUseException"],
            organizations.describe_organization().send(),
        )
        .await
        .and_then(|out| organization(ctx, out.as_ref()));
    match organization {
        Ok(Some(org)) => {
            let (service_control_policies, tag_policies, delegated_administrators) = futures::join!(
                policies(ctx, &organizations, PolicyType::ServiceControlPolicy),
                policies(ctx, &organizations, PolicyType::TagPolicy),
                delegated_administrators(ctx, &organizations),
            );
            Organizations {
                organization: Fetched::Ok(Some(org)),
                service_control_policies,
                tag_policies,
                delegated_administrators,
            }
        }
        Ok(None) => Organizations {
            organization: Fetched::Ok(None),
            service_control_policies: Fetched::Ok(Vec::new()),
            tag_policies: Fetched::Ok(Vec::new()),
            delegated_administrators: SECURITY_SERVICE_PRINCIPALS
                .iter()
                .map(|principal| (principal.to_string(), Fetched::Ok(Vec::new())))
                .collect(),
        },
        Err(gap) => failed(gap),
    }
}

/// The organization of a `DescribeOrganization` answer. `AWSOrganizationsNotInUseException`
/// (`None` here) is the documented "not in an organization"; an answer without `Organization`
/// is one cut short, a gap, never "not in an organization".
fn organization(
    ctx: &Ctx,
    out: Option<
        &aws_sdk_organizations::operation::describe_organization::DescribeOrganizationOutput,
    >,
) -> Result<Option<Organization>, Gap> {
    let Some(out) = out else {
        return Ok(None);
    };
    let at = Call::new(ORGANIZATIONS, "DescribeOrganization");
    let org = ctx.required(at, "Organization", out.organization())?;
    Ok(Some(Organization {
        id: org.id().unwrap_or_default().to_string(),
        arn: org.arn().unwrap_or_default().to_string(),
        management_account_id: org.master_account_id().unwrap_or_default().to_string(),
        feature_set: org
            .feature_set()
            .map(|f| f.as_str().to_string())
            .unwrap_or_default(),
    }))
}

/// The organization could not be read: nothing else can be.
fn failed(gap: Gap) -> Organizations {
    Organizations {
        organization: Fetched::Failed(gap.clone()),
        service_control_policies: Fetched::Failed(gap.clone()),
        tag_policies: Fetched::Failed(gap.clone()),
        delegated_administrators: SECURITY_SERVICE_PRINCIPALS
            .iter()
            .map(|principal| (principal.to_string(), Fetched::Failed(gap.clone())))
            .collect(),
    }
}

async fn policies(ctx: &Ctx, organizations: &Client, kind: PolicyType) -> Fetched<Vec<Policy>> {
    let listed = ctx
        .pages(
            Call::new(ORGANIZATIONS, "ListPolicies").resource(kind.as_str()),
            organizations
                .list_policies()
                .filter(kind.clone())
                .into_paginator()
                .send(),
            |page| page.policies().to_vec(),
        )
        .await;
    match listed {
        Ok(listed) => Fetched::Ok(
            ctx.per_resource(listed.iter().map(|summary| async move {
                let id = summary.id().unwrap_or_default().to_string();
                let targets = ctx
                    .pages(
                        Call::new(ORGANIZATIONS, "ListTargetsForPolicy").resource(&id),
                        organizations
                            .list_targets_for_policy()
                            .policy_id(&id)
                            .into_paginator()
                            .send(),
                        |page| {
                            page.targets()
                                .iter()
                                .filter_map(|t| t.target_id().map(str::to_string))
                                .collect()
                        },
                    )
                    .await
                    .into();
                Policy {
                    arn: summary.arn().unwrap_or_default().to_string(),
                    name: summary.name().unwrap_or_default().to_string(),
                    aws_managed: summary.aws_managed(),
                    targets,
                    id,
                }
            }))
            .await,
        ),
        Err(gap) => Fetched::Failed(gap),
    }
}

async fn delegated_administrators(
    ctx: &Ctx,
    organizations: &Client,
) -> BTreeMap<String, Fetched<Vec<String>>> {
    let per_service = join_all(
        SECURITY_SERVICE_PRINCIPALS
            .iter()
            .map(|principal| async move {
                let accounts = ctx
                    .pages(
                        Call::new(ORGANIZATIONS, "ListDelegatedAdministrators").resource(principal),
                        organizations
                            .list_delegated_administrators()
                            .service_principal(principal.to_string())
                            .into_paginator()
                            .send(),
                        // An administrator without its account Id names no one: the
                        // service's list fails with the recorded gap rather than lose it.
                        |page| {
                            page.delegated_administrators()
                                .iter()
                                .map(|admin| {
                                    let at =
                                        Call::new(ORGANIZATIONS, "ListDelegatedAdministrators")
                                            .resource(principal);
                                    ctx.required_str(at, "Id", admin.id())
                                })
                                .collect::<Vec<_>>()
                        },
                    )
                    .await
                    .and_then(|all| all.into_iter().collect::<Result<Vec<_>, _>>());
                (principal.to_string(), accounts.into())
            }),
    )
    .await;
    per_service.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use aws_sdk_organizations::operation::describe_organization::DescribeOrganizationOutput;
    use aws_sdk_organizations::types::Organization as SdkOrganization;

    use super::*;
    use crate::collect::tests::test_ctx;

    /// Issue #14: a DescribeOrganization answer without Organization read as "not in an
    /// organization".
    #[test]
    fn an_answer_without_organization_is_a_gap() {
        let ctx = test_ctx();
        assert_eq!(organization(&ctx, None), Ok(None));
        let full = DescribeOrganizationOutput::builder()
            .organization(SdkOrganization::builder().id("o-1").build())
            .build();
        let org = organization(&ctx, Some(&full))
            .expect("read")
            .expect("in one");
        assert_eq!(org.id, "o-1");
        let cut = DescribeOrganizationOutput::builder().build();
        let gap = organization(&ctx, Some(&cut)).expect_err("gap");
        assert_eq!(gap.message, "the answer has no Organization");
        assert_eq!(ctx.take_errors().len(), 1);
    }
}
