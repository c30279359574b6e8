use crate::catalog::Pillar;
use crate::check::{direct, indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that every tag key of `required_tags` in the configuration file (by default
    /// `owner` and `cost-center`) is activated as a user-defined cost allocation tag in Billing
    /// (`aws ce list-cost-allocation-tags --status Active --type UserDefined`). With no required
    /// tags configured, at least one user-defined tag must be active. One finding for the
    /// account.
    ///
    /// ## Why is this bad?
    /// A tag on a resource reaches Cost Explorer, budgets, cost categories and the cost and usage
    /// reports only once its key is activated as a cost allocation tag. Until then the tagging
    /// that `ec2_cost_allocation_tags` and its siblings check splits nothing: the bill cannot
    /// be broken down by team, product or environment.
    ///
    /// ## Example
    /// `cost-center` is on every instance but `list-cost-allocation-tags --status Active` does not
    /// list it. Fix: `aws ce update-cost-allocation-tags-status --cost-allocation-tags-status
    /// TagKey=cost-center,Status=Active` (from the management account in an organization). A key
    /// appears in the list up to 24 hours after it is first used on a resource.
    ///
    /// ## Not evaluated when
    /// The cost allocation tags could not be listed (in an organization, only the management
    /// account can list them).
    pub COSTEXPLORER_COST_ALLOCATION_TAGS_ACTIVE = "costexplorer_cost_allocation_tags_active",
    pillar: Pillar::CostOptimization,
    service: Service::CostExplorer,
    severity: Severity::Medium,
    best_practices: &[direct("COST03-BP02"), indirect("COST03-BP03")],
    since: "0.5.0",
    title: "The required tags are activated as cost allocation tags",
    remediation: "aws ce update-cost-allocation-tags-status --cost-allocation-tags-status TagKey=KEY,Status=Active (from the management account)",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &COSTEXPLORER_COST_ALLOCATION_TAGS_ACTIVE;
    let account = ctx.snapshot.account_resource("global");
    let active = match &ctx.snapshot.costexplorer.active_cost_allocation_tags {
        Fetched::Ok(active) => active,
        Fetched::Failed(why) => return vec![check.not_evaluated(&account, why)],
    };
    let required = &ctx.settings.required_tags;
    if required.is_empty() {
        return vec![if active.is_empty() {
            check.fail(&account, "no user-defined cost allocation tag is active")
        } else {
            check.pass(
                &account,
                format!("active cost allocation tags: {}", active.join(", ")),
            )
        }];
    }
    let inactive: Vec<&str> = required
        .iter()
        .filter(|key| !active.contains(key))
        .map(String::as_str)
        .collect();
    vec![if inactive.is_empty() {
        check.pass(
            &account,
            format!(
                "the required tags are active cost allocation tags: {}",
                required.join(", ")
            ),
        )
    } else {
        check.fail(
            &account,
            format!(
                "required tags not active as cost allocation tags: {} (active: {})",
                inactive.join(", "),
                if active.is_empty() {
                    "none".to_string()
                } else {
                    active.join(", ")
                }
            ),
        )
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::settings::Settings;
    use crate::testing::*;

    #[test]
    fn required_keys_active_pass_missing_fail_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        snap.costexplorer.active_cost_allocation_tags =
            Fetched::Ok(vec!["owner".into(), "cost-center".into(), "env".into()]);
        let findings = run(&COSTEXPLORER_COST_ALLOCATION_TAGS_ACTIVE, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));

        snap.costexplorer.active_cost_allocation_tags = Fetched::Ok(vec!["owner".into()]);
        let findings = run(&COSTEXPLORER_COST_ALLOCATION_TAGS_ACTIVE, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Fail)]));
        assert_eq!(
            findings[0].message,
            "required tags not active as cost allocation tags: cost-center (active: owner)"
        );

        let none_required = Settings {
            required_tags: vec![],
            ..Settings::default()
        };
        let findings = run_with(
            &COSTEXPLORER_COST_ALLOCATION_TAGS_ACTIVE,
            &snap,
            &none_required,
        );
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        snap.costexplorer.active_cost_allocation_tags = Fetched::Ok(vec![]);
        let findings = run_with(
            &COSTEXPLORER_COST_ALLOCATION_TAGS_ACTIVE,
            &snap,
            &none_required,
        );
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Fail)]));

        snap.costexplorer.active_cost_allocation_tags =
            Fetched::Failed(denied("ListCostAllocationTags"));
        assert_eq!(
            statuses(&run(&COSTEXPLORER_COST_ALLOCATION_TAGS_ACTIVE, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
