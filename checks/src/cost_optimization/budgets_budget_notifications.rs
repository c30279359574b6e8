use crate::catalog::Pillar;
use crate::check::{direct, indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that every AWS Budgets budget has at least one notification (on actual or forecasted
    /// spend over a threshold).
    ///
    /// ## Why is this bad?
    /// A budget without a notification is only a number on a console page: nobody hears of the
    /// overrun until someone happens to look.
    ///
    /// ## Example
    /// `aws budgets describe-notifications-for-budget --budget-name B` is empty. Fix: `aws budgets
    /// create-notification` at 80% of actual and 100% of forecasted spend, to an email or SNS topic.
    ///
    /// ## Not evaluated when
    /// The budgets, or this budget's notifications, could not be read.
    pub BUDGETS_BUDGET_NOTIFICATIONS = "budgets_budget_notifications",
    pillar: Pillar::CostOptimization,
    service: Service::Budgets,
    severity: Severity::Low,
    best_practices: &[direct("COST01-BP05"), indirect("COST02-BP05")],
    since: "0.3.0",
    title: "Budgets notify someone when spend crosses a threshold",
    remediation: "aws budgets create-notification --account-id ACCOUNT --budget-name NAME --notification NotificationType=ACTUAL,ComparisonOperator=GREATER_THAN,Threshold=80 --subscribers SubscriptionType=EMAIL,Address=finops@example.com",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &BUDGETS_BUDGET_NOTIFICATIONS;
    let budgets = match &ctx.snapshot.budgets.budgets {
        Fetched::Ok(budgets) => budgets,
        Fetched::Failed(why) => {
            return vec![check.not_evaluated(&ctx.snapshot.account_resource("global"), why)]
        }
    };
    budgets
        .iter()
        .map(|b| match &b.notifications {
            Fetched::Ok(n) if n.is_empty() => {
                check.fail(b, format!("budget {} notifies nobody", b.name))
            }
            Fetched::Ok(n) => check.pass(
                b,
                format!(
                    "budget {} notifies at {}",
                    b.name,
                    n.iter()
                        .map(|n| format!("{}% {}", n.threshold, n.notification_type.to_lowercase()))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ),
            Fetched::Failed(why) => check.not_evaluated(b, why),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    #[test]
    fn notifying_passes_silent_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut silent = budget("silent");
        silent.notifications = Fetched::Ok(vec![]);
        let mut unreadable = budget("hidden");
        unreadable.notifications = Fetched::Failed(denied("DescribeNotificationsForBudget"));
        snap.budgets.budgets = Fetched::Ok(vec![budget("monthly"), silent, unreadable]);
        let findings = run(&BUDGETS_BUDGET_NOTIFICATIONS, &snap);
        assert_eq!(
            statuses(&findings),
            expect(&[
                ("monthly", Pass),
                ("silent", Fail),
                ("hidden", NotEvaluated)
            ])
        );
        assert_eq!(findings[0].message, "budget monthly notifies at 80% actual");
        assert_eq!(findings[1].message, "budget silent notifies nobody");
    }
}
