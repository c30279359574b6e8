//! AWS Budgets (global, collected once): the account's budgets (paginated), then each budget's
//! notifications.

use aws_sdk_budgets::Client;
use wascan_checks::model::budgets::*;
use wascan_checks::model::{Fetched, Gap};

use super::calls::{every, Call, Ctx};

const BUDGETS: &str = "budgets";
/// The Budgets endpoint is in us-east-1.
const HOME_REGION: &str = "us-east-1";

fn client(ctx: &Ctx) -> Client {
    let config = aws_sdk_budgets::config::Builder::from(&ctx.config_for(HOME_REGION))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx) -> Budgets {
    let budgets = client(ctx);
    let listed = ctx
        .pages(
            Call::new(BUDGETS, "DescribeBudgets"),
            budgets
                .describe_budgets()
                .account_id(&ctx.account_id)
                .into_paginator()
                .send(),
            |page| page.budgets().to_vec(),
        )
        .await;
    // A budget without its name (the SDK reads an absent required one as "") can neither be
    // named nor asked for its notifications; one without its type (the SDK's "no value was set")
    // would be quoted as that type. The list fails with the gap.
    let identified = listed.and_then(|listed| {
        let ids = listed
            .iter()
            .map(|budget| budget_identity(ctx, budget))
            .collect::<Result<Vec<_>, Gap>>()?;
        Ok(ids)
    });
    let budgets = match identified {
        Ok(listed) => Fetched::Ok(
            ctx.per_resource(
                listed
                    .into_iter()
                    .map(|(name, kind)| collect_budget(ctx, &budgets, name, kind)),
            )
            .await,
        ),
        Err(gap) => Fetched::Failed(gap),
    };
    Budgets { budgets }
}

fn budget_identity(
    ctx: &Ctx,
    budget: &aws_sdk_budgets::types::Budget,
) -> Result<(String, String), Gap> {
    let at = Call::new(BUDGETS, "DescribeBudgets");
    let name = ctx.required_str(at, "BudgetName", Some(budget.budget_name()))?;
    let kind = ctx.required_enum(
        at.resource(&name),
        "BudgetType",
        budget.budget_type().as_str(),
    )?;
    Ok((name, kind))
}

async fn collect_budget(ctx: &Ctx, budgets: &Client, name: String, budget_type: String) -> Budget {
    let notifications = ctx
        .pages(
            Call::new(BUDGETS, "DescribeNotificationsForBudget").resource(&name),
            budgets
                .describe_notifications_for_budget()
                .account_id(&ctx.account_id)
                .budget_name(&name)
                .into_paginator()
                .send(),
            |page| {
                // A notification without its type (ACTUAL or FORECASTED) would be quoted as
                // "no value was set".
                page.notifications()
                    .iter()
                    .map(|n| {
                        Ok(BudgetNotification {
                            notification_type: ctx.required_enum(
                                Call::new(BUDGETS, "DescribeNotificationsForBudget")
                                    .resource(&name),
                                "NotificationType",
                                n.notification_type().as_str(),
                            )?,
                            threshold: n.threshold(),
                        })
                    })
                    .collect::<Vec<_>>()
            },
        )
        .await;
    Budget {
        arn: format!(
            "arn:{}:budgets::{}:budget/{name}",
            ctx.partition, ctx.account_id
        ),
        budget_type,
        notifications: every(notifications).into(),
        name,
    }
}

#[cfg(test)]
mod tests {
    use aws_sdk_budgets::types::{Budget as SdkBudget, BudgetType, TimeUnit};

    use super::*;
    use crate::collect::calls::SDK_NO_VALUE;
    use crate::collect::tests::test_ctx;

    /// Issue #14: a budget without its name (the SDK's "") was named "", one without its type
    /// was quoted as the type "no value was set".
    #[test]
    fn a_budget_without_its_name_or_type_is_a_gap() -> Result<(), Box<dyn std::error::Error>> {
        let ctx = test_ctx();
        let budget = |name: &str, kind: BudgetType| {
            SdkBudget::builder()
                .budget_name(name)
                .budget_type(kind)
                .time_unit(TimeUnit::Monthly)
                .build()
        };
        assert_eq!(
            budget_identity(&ctx, &budget("monthly", BudgetType::Cost)?),
            Ok(("monthly".to_string(), "COST".to_string()))
        );
        let gap = budget_identity(&ctx, &budget("", BudgetType::Cost)?).expect_err("gap");
        assert_eq!(gap.message, "the answer has no BudgetName");
        let gap = budget_identity(&ctx, &budget("monthly", BudgetType::from(SDK_NO_VALUE))?)
            .expect_err("gap");
        assert_eq!(gap.message, "the answer has no BudgetType");
        assert_eq!(ctx.take_errors().len(), 2);
        Ok(())
    }
}
