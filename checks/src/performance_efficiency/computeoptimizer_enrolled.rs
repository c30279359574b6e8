use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that the account is enrolled in AWS Compute Optimizer (status `Active`). One finding for
    /// the account.
    ///
    /// ## Why is this bad?
    /// Compute Optimizer reads the utilisation of instances, Auto Scaling groups, volumes, Lambda
    /// functions and containers and says which are too big or too small. Not enrolled, it produces
    /// no recommendation, and right-sizing is guesswork.
    ///
    /// ## Example
    /// `aws compute-optimizer get-enrollment-status` shows `"status": "Inactive"`. Fix:
    /// `aws compute-optimizer update-enrollment-status --status Active`.
    ///
    /// ## Not evaluated when
    /// The enrollment status could not be read.
    pub COMPUTEOPTIMIZER_ENROLLED = "computeoptimizer_enrolled",
    pillar: Pillar::PerformanceEfficiency,
    service: Service::ComputeOptimizer,
    severity: Severity::Low,
    best_practices: &[indirect("PERF02-BP04")],
    since: "0.3.0",
    title: "The account is enrolled in AWS Compute Optimizer",
    remediation: "aws compute-optimizer update-enrollment-status --status Active (add --include-member-accounts from the management account)",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &COMPUTEOPTIMIZER_ENROLLED;
    let account = ctx.snapshot.account_resource("global");
    vec![match &ctx.snapshot.computeoptimizer.enrollment {
        Fetched::Ok(status) if status == "Active" => {
            check.pass(&account, "the account is enrolled in Compute Optimizer")
        }
        Fetched::Ok(status) => check.fail(
            &account,
            format!("the account is not enrolled in Compute Optimizer (status {status})"),
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
    fn active_passes_inactive_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        assert_eq!(
            statuses(&run(&COMPUTEOPTIMIZER_ENROLLED, &snap)),
            expect(&[(ACCOUNT, Pass)])
        );
        snap.computeoptimizer.enrollment = Fetched::Ok("Inactive".into());
        let findings = run(&COMPUTEOPTIMIZER_ENROLLED, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Fail)]));
        assert_eq!(
            findings[0].message,
            "the account is not enrolled in Compute Optimizer (status Inactive)"
        );
        snap.computeoptimizer.enrollment = Fetched::Failed(denied("GetEnrollmentStatus"));
        assert_eq!(
            statuses(&run(&COMPUTEOPTIMIZER_ENROLLED, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
