use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that the account has at least one AWS Budgets budget. One finding for the account.
    ///
    /// ## Why is this bad?
    /// A budget is the expected spend written down. Without one there is nothing to compare the bill
    /// with, and an overrun (a forgotten cluster, a runaway job, a leaked key mining coins) is found
    /// when the invoice arrives.
    ///
    /// ## Example
    /// `aws budgets describe-budgets --account-id A` returns no budget. Fix: `aws budgets create-budget`
    /// with a monthly `COST` budget and notifications at 80% actual and 100% forecasted.
    ///
    /// ## Not evaluated when
    /// The budgets could not be read.
    pub BUDGETS_BUDGET_EXISTS = "budgets_budget_exists",
    pillar: Pillar::CostOptimization,
    service: Service::Budgets,
    severity: Severity::Medium,
    best_practices: &[direct("COST01-BP03")],
    since: "0.3.0",
    title: "The account has a cost budget",
    remediation: "aws budgets create-budget --account-id ACCOUNT --budget file://budget.json --notifications-with-subscribers file://notify.json",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &BUDGETS_BUDGET_EXISTS;
    let account = ctx.snapshot.account_resource("global");
    vec![match &ctx.snapshot.budgets.budgets {
        Fetched::Ok(budgets) if budgets.is_empty() => {
            check.fail(&account, "the account has no budget")
        }
        Fetched::Ok(budgets) => check.pass(
            &account,
            format!(
                "the account has {} budget(s): {}",
                budgets.len(),
                budgets
                    .iter()
                    .map(|b| b.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
        Fetched::Failed(why) => check.not_evaluated(&account, why),
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    #[test]
    fn budget_passes_none_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        assert_eq!(
            statuses(&run(&BUDGETS_BUDGET_EXISTS, &snap)),
            expect(&[(ACCOUNT, Fail)])
        );
        snap.budgets.budgets = Fetched::Ok(vec![budget("monthly")]);
        let findings = run(&BUDGETS_BUDGET_EXISTS, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(findings[0].message, "the account has 1 budget(s): monthly");
        snap.budgets.budgets = Fetched::Failed(denied("DescribeBudgets"));
        assert_eq!(
            statuses(&run(&BUDGETS_BUDGET_EXISTS, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
