//! AWS Budgets (global, collected once): the account's budgets (paginated), then each budget's
//! notifications.

use aws_sdk_budgets::Client;
use wascan_checks::model::budgets::*;
use wascan_checks::model::Fetched;

use super::calls::{Call, Ctx};

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
    let budgets = match listed {
        Ok(listed) => Fetched::Ok(
            ctx.per_resource(
                listed
                    .iter()
                    .map(|budget| collect_budget(ctx, &budgets, budget)),
            )
            .await,
        ),
        Err(gap) => Fetched::Failed(gap),
    };
    Budgets { budgets }
}

async fn collect_budget(
    ctx: &Ctx,
    budgets: &Client,
    budget: &aws_sdk_budgets::types::Budget,
) -> Budget {
    let name = budget.budget_name().to_string();
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
                page.notifications()
                    .iter()
                    .map(|n| BudgetNotification {
                        notification_type: n.notification_type().as_str().to_string(),
                        threshold: n.threshold(),
                    })
                    .collect()
            },
        )
        .await
        .into();
    Budget {
        arn: format!(
            "arn:{}:budgets::{}:budget/{name}",
            ctx.partition, ctx.account_id
        ),
        budget_type: budget.budget_type().as_str().to_string(),
        notifications,
        name,
    }
}
