use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;
use crate::recommendations::each_recommendation;

declare_check! {
    /// ## What it does
    /// Checks that every Lambda function Compute Optimizer has judged is `Optimized`: its memory size
    /// (which also sets its CPU) fits its measured use.
    ///
    /// ## Why is this bad?
    /// Lambda bills memory × duration: an over-provisioned function pays for memory it never touches;
    /// an under-provisioned one runs longer (less CPU) and may cost more.
    ///
    /// ## Example
    /// `aws compute-optimizer get-lambda-function-recommendations` shows `"finding": "NotOptimized"`
    /// with `MemoryOverprovisioned`. Fix: `update-function-configuration --memory-size` as recommended.
    ///
    /// ## Not evaluated when
    /// The account is not enrolled in Compute Optimizer, or the region's recommendations could not be
    /// read (one finding for the region). Resources Compute Optimizer cannot judge yet are skipped.
    pub COMPUTEOPTIMIZER_LAMBDA_FUNCTION_MEMORY = "computeoptimizer_lambda_function_memory",
    pillar: Pillar::CostOptimization,
    service: Service::ComputeOptimizer,
    severity: Severity::Low,
    best_practices: &[direct("COST06-BP02")],
    since: "0.3.0",
    title: "Lambda functions have the memory Compute Optimizer recommends",
    remediation: "aws lambda update-function-configuration --function-name F --memory-size MB",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    each_recommendation(
        ctx,
        &COMPUTEOPTIMIZER_LAMBDA_FUNCTION_MEMORY,
        |r| &r.lambda_functions,
        &["NOT_OPTIMIZED"],
        "function",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    #[test]
    fn optimized_passes_flagged_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut flagged = recommendation("AWS::Lambda::Function", "flagged");
        flagged.finding = "NOT_OPTIMIZED".into();
        flagged.recommended = Some("smaller".into());
        compute_optimizer(&mut snap).lambda_functions = Fetched::Ok(vec![
            recommendation("AWS::Lambda::Function", "fine"),
            flagged,
        ]);

        let findings = run(&COMPUTEOPTIMIZER_LAMBDA_FUNCTION_MEMORY, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("fine", Pass), ("flagged", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "function flagged is not-optimized: m5.large; Compute Optimizer recommends smaller"
        );

        compute_optimizer(&mut snap).lambda_functions = Fetched::Failed(denied("Get"));
        assert_eq!(
            statuses(&run(&COMPUTEOPTIMIZER_LAMBDA_FUNCTION_MEMORY, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
