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

use super::calls::{every, Call, Ctx};

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
            let (service_control_policies, tag_policies, delegated_administrators, accounts) = futures::join!(
                policies(ctx, &organizations, PolicyType::ServiceControlPolicy),
                policies(ctx, &organizations, PolicyType::TagPolicy),
                delegated_administrators(ctx, &organizations),
                accounts(ctx, &organizations),
            );
            Organizations {
                organization: Fetched::Ok(Some(org)),
                service_control_policies,
                tag_policies,
                delegated_administrators,
                accounts,
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
            accounts: Fetched::Ok(Vec::new()),
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
    // Each is always sent; without one the organization would be named "" (or its feature set
    // read as neither ALL nor CONSOLIDATED_BILLING).
    let id = ctx.required_str(at, "Organization.Id", org.id())?;
    let at = at.resource(&id);
    Ok(Some(Organization {
        arn: ctx.required_str(at, "Organization.Arn", org.arn())?,
        management_account_id: ctx.required_str(
            at,
            "Organization.MasterAccountId",
            org.master_account_id(),
        )?,
        feature_set: ctx.required_str(
            at,
            "Organization.FeatureSet",
            org.feature_set().map(|f| f.as_str()),
        )?,
        id,
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
        accounts: Fetched::Failed(gap),
    }
}

/// The ids of the organization's accounts. A member account is refused (AccessDenied): the
/// gap is kept, and the checks that compare principals with the organization say so.
async fn accounts(ctx: &Ctx, organizations: &Client) -> Fetched<Vec<String>> {
    let at = Call::new(ORGANIZATIONS, "ListAccounts");
    let listed = ctx
        .pages(
            at,
            organizations.list_accounts().into_paginator().send(),
            // An account without its Id names no one: the list fails with the gap.
            |page| {
                page.accounts()
                    .iter()
                    .map(|account| ctx.required_str(at, "Accounts.Id", account.id()))
                    .collect::<Vec<_>>()
            },
        )
        .await;
    every(listed).into()
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
    let identified = listed.and_then(|listed| {
        listed
            .iter()
            .map(|summary| policy_identity(ctx, summary))
            .collect::<Result<Vec<_>, Gap>>()
    });
    match identified {
        Ok(listed) => {
            Fetched::Ok(
                ctx.per_resource(listed.into_iter().map(
                    |(id, arn, name, aws_managed)| async move {
                        let targets = ctx
                            .pages(
                                Call::new(ORGANIZATIONS, "ListTargetsForPolicy").resource(&id),
                                organizations
                                    .list_targets_for_policy()
                                    .policy_id(&id)
                                    .into_paginator()
                                    .send(),
                                // A target without its id cannot be told from none: a gap.
                                |page| {
                                    page.targets()
                                        .iter()
                                        .map(|t| {
                                            ctx.required_str(
                                                Call::new(ORGANIZATIONS, "ListTargetsForPolicy")
                                                    .resource(&id),
                                                "Targets.TargetId",
                                                t.target_id(),
                                            )
                                        })
                                        .collect::<Vec<_>>()
                                },
                            )
                            .await;
                        Policy {
                            arn,
                            name,
                            aws_managed,
                            targets: every(targets).into(),
                            id,
                        }
                    },
                ))
                .await,
            )
        }
        Err(gap) => Fetched::Failed(gap),
    }
}

/// A policy's id, ARN, name and whether AWS manages it. Without the first three it could not be
/// named (all were "" before): the list fails with the gap.
///
/// `AwsManaged` is always sent, but the SDK reads an absent one as `false`: FullAWSAccess whose
/// flag was lost would count as a customer policy and pass organizations_scp_guardrails. AWS
/// managed policies are also known by their ARN, whose account field is `aws`
/// (`arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess`, Organizations
/// User Guide, "Attaching and detaching SCPs"), and FullAWSAccess by its fixed id.
fn policy_identity(
    ctx: &Ctx,
    summary: &aws_sdk_organizations::types::PolicySummary,
) -> Result<(String, String, String, bool), Gap> {
    let at = Call::new(ORGANIZATIONS, "ListPolicies");
    let id = ctx.required_str(at, "Policies.Id", summary.id())?;
    let at = at.resource(&id);
    let arn = ctx.required_str(at, "Policies.Arn", summary.arn())?;
    let name = ctx.required_str(at, "Policies.Name", summary.name())?;
    let aws_managed = summary.aws_managed()
        || arn.split(':').nth(4) == Some("aws")
        || id == "p-FullAWSAccess"
        || id == "p-RCPFullAWSAccess";
    Ok((id, arn, name, aws_managed))
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
                    .await;
                (principal.to_string(), every(accounts).into())
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
        let complete = || {
            SdkOrganization::builder()
                .id("o-1")
                .arn("arn:aws:organizations::111111111111:organization/o-1")
                .master_account_id("111111111111")
                .feature_set(aws_sdk_organizations::types::OrganizationFeatureSet::All)
        };
        let full = DescribeOrganizationOutput::builder()
            .organization(complete().build())
            .build();
        let org = organization(&ctx, Some(&full))
            .expect("read")
            .expect("in one");
        assert_eq!(org.id, "o-1");
        let cut = DescribeOrganizationOutput::builder().build();
        let gap = organization(&ctx, Some(&cut)).expect_err("gap");
        assert_eq!(gap.message, "the answer has no Organization");
        // Issue #14: an organization without its management account or feature set read "".
        let no_feature_set = DescribeOrganizationOutput::builder()
            .organization(complete().set_feature_set(None).build())
            .build();
        let gap = organization(&ctx, Some(&no_feature_set)).expect_err("gap");
        assert_eq!(gap.message, "the answer has no Organization.FeatureSet");
        assert_eq!(ctx.take_errors().len(), 2);
    }

    /// Issue #14: a policy without its name was named ""; FullAWSAccess without AwsManaged (the
    /// SDK reads an absent one as false) counted as a customer policy and passed
    /// organizations_scp_guardrails.
    #[test]
    fn policies_without_their_identity_are_gaps_and_aws_managed_ones_are_known_by_arn() {
        use aws_sdk_organizations::types::PolicySummary;
        let ctx = test_ctx();
        let full_access = PolicySummary::builder()
            .id("p-FullAWSAccess")
            .arn("arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess")
            .name("FullAWSAccess")
            .build();
        assert!(policy_identity(&ctx, &full_access).expect("read").3);
        let custom = PolicySummary::builder()
            .id("p-abcd1234")
            .arn("arn:aws:organizations::111111111111:policy/o-1/service_control_policy/p-abcd1234")
            .name("deny-regions")
            .build();
        assert!(!policy_identity(&ctx, &custom).expect("read").3);
        let nameless = PolicySummary::builder()
            .id("p-abcd1234")
            .arn("arn:aws:organizations::111111111111:policy/o-1/service_control_policy/p-abcd1234")
            .build();
        let gap = policy_identity(&ctx, &nameless).expect_err("gap");
        assert_eq!(gap.message, "the answer has no Policies.Name");
        assert_eq!(ctx.take_errors().len(), 1);
    }
}
