use crate::catalog::Pillar;
use crate::check::{direct, indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::support::SupportPlan;
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that the account has a support plan fit for production: Business, Enterprise
    /// On-Ramp or Enterprise Support. The AWS Support API answers only those plans; on Basic or
    /// Developer it answers `SubscriptionRequiredException`. One finding for the account.
    ///
    /// ## Why is this bad?
    /// On Basic support nobody at AWS takes a technical case, and on Developer a case about a
    /// production system being down is answered within 12 business hours. A production
    /// outage that needs AWS (a service issue, a quota, an account restriction) then waits.
    /// Business support and above answer "production system down" within an hour, around the
    /// clock, and give architecture guidance for the workload.
    ///
    /// ## Example
    /// `aws support describe-severity-levels --region us-east-1` fails with
    /// `SubscriptionRequiredException`. Fix: in the console, Support Center, Support plans,
    /// choose Business Support (or Enterprise On-Ramp / Enterprise for the organization).
    ///
    /// ## Not evaluated when
    /// The Support API refused the call for another reason (permissions, throttling).
    pub SUPPORT_PLAN_BUSINESS = "support_plan_business",
    pillar: Pillar::OperationalExcellence,
    service: Service::Support,
    severity: Severity::Low,
    best_practices: &[direct("OPS07-BP06"), indirect("PERF01-BP02")],
    since: "0.6.0",
    title: "The account has Business support or higher for production",
    remediation: "Subscribe the production accounts to Business Support or higher (console: Support Center, Support plans), and document how to open a case.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &SUPPORT_PLAN_BUSINESS;
    let account = ctx.snapshot.account_resource("global");
    vec![match &ctx.snapshot.support.plan {
        Fetched::Ok(SupportPlan::BusinessOrHigher { severity_levels }) => {
            let plan = if severity_levels.iter().any(|level| level == "critical") {
                "Enterprise On-Ramp or Enterprise"
            } else {
                "Business or higher"
            };
            check.pass(
                &account,
                format!("the account has {plan} support (severities: {})", severity_levels.join(", ")),
            )
        }
        Fetched::Ok(SupportPlan::BasicOrDeveloper) => check.fail(
            &account,
            "the account has Basic or Developer support: the Support API answers SubscriptionRequiredException",
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
    fn business_passes_basic_fails_refused_not_evaluated() {
        let mut snap = snapshot();
        let findings = run(&SUPPORT_PLAN_BUSINESS, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "the account has Business or higher support (severities: low, normal, high, urgent)"
        );

        snap.support.plan = Fetched::Ok(SupportPlan::BusinessOrHigher {
            severity_levels: vec!["low".into(), "critical".into()],
        });
        assert!(run(&SUPPORT_PLAN_BUSINESS, &snap)[0]
            .message
            .contains("Enterprise On-Ramp or Enterprise"));

        snap.support.plan = Fetched::Ok(SupportPlan::BasicOrDeveloper);
        assert_eq!(
            statuses(&run(&SUPPORT_PLAN_BUSINESS, &snap)),
            expect(&[(ACCOUNT, Fail)])
        );

        snap.support.plan = Fetched::Failed(denied("DescribeSeverityLevels"));
        assert_eq!(
            statuses(&run(&SUPPORT_PLAN_BUSINESS, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
