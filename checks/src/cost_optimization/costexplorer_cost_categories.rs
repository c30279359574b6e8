use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};
use crate::presence::{from_found, Looked};

declare_check! {
    /// ## What it does
    /// Looks for AWS Cost Categories in effect (`aws ce list-cost-category-definitions`: a
    /// category whose current version has no end date). One finding for the account.
    ///
    /// ## Why is this bad?
    /// Cost categories map accounts, tags, services and charge types to the units the business
    /// reports on (team, product, cost centre, environment), so that cost is attributed to them
    /// in Cost Explorer, budgets and the cost and usage reports, including cost no tag can carry
    /// (support, shared services). Teams may attribute cost in a tool outside AWS, so finding none
    /// is "no evidence found", not a failure.
    ///
    /// ## Example
    /// `aws ce create-cost-category-definition --name team --rule-version CostCategoryExpression.v1
    /// --rules file://rules.json` (rules by linked account, tag or service).
    ///
    /// ## Not evaluated when
    /// No cost category was found and the list could not be read (in an organization, only the
    /// management account can list them).
    pub COSTEXPLORER_COST_CATEGORIES = "costexplorer_cost_categories",
    pillar: Pillar::CostOptimization,
    service: Service::CostExplorer,
    severity: Severity::Low,
    best_practices: &[direct("COST03-BP03")],
    since: "0.5.0",
    title: "Cost categories attribute cost to the organization's units",
    remediation: "aws ce create-cost-category-definition --name team --rule-version CostCategoryExpression.v1 --rules file://rules.json",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &COSTEXPLORER_COST_CATEGORIES;
    let (found, gap) = match &ctx.snapshot.costexplorer.cost_categories {
        Fetched::Ok(categories) => (
            categories
                .iter()
                .filter(|c| c.effective_end.is_none())
                .map(|c| match c.rules {
                    Some(rules) => format!("{} ({rules} rules)", c.name),
                    None => c.name.clone(),
                })
                .collect(),
            None,
        ),
        Fetched::Failed(why) => (Vec::new(), Some(why)),
    };
    vec![from_found(
        check,
        ctx.snapshot,
        found,
        gap,
        Looked {
            what: "cost categories in effect",
            none: "no cost category is in effect",
        },
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::costexplorer::CostCategory;
    use crate::testing::*;

    fn category(name: &str, ended: bool) -> CostCategory {
        CostCategory {
            arn: format!("arn:aws:ce::{ACCOUNT}:costcategory/{name}"),
            name: name.into(),
            effective_end: ended.then(|| "2026-01-01T00:00:00Z".into()),
            rules: Some(3),
        }
    }

    #[test]
    fn category_in_effect_passes_ended_only_is_no_evidence_unreadable_not_evaluated() {
        let mut snap = snapshot();
        snap.costexplorer.cost_categories = Fetched::Ok(vec![category("old", true)]);
        assert_eq!(
            statuses(&run(&COSTEXPLORER_COST_CATEGORIES, &snap)),
            expect(&[(ACCOUNT, NoEvidence)])
        );
        snap.costexplorer.cost_categories =
            Fetched::Ok(vec![category("old", true), category("team", false)]);
        let findings = run(&COSTEXPLORER_COST_CATEGORIES, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "1 cost categories in effect: team (3 rules)"
        );
        snap.costexplorer.cost_categories = Fetched::Failed(denied("ListCostCategoryDefinitions"));
        assert_eq!(
            statuses(&run(&COSTEXPLORER_COST_CATEGORIES, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
