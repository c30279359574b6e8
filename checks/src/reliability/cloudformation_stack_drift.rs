use crate::catalog::Pillar;
use crate::check::{direct, indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Gap, Service};

/// A drift check older than this no longer shows the stack's current state.
const RECENT_DAYS: i64 = 90;

declare_check! {
    /// ## What it does
    /// Checks CloudFormation drift detection on every root stack: `IN_SYNC` at a check in the
    /// last 90 days passes; `DRIFTED` fails; a stack never checked (`NOT_CHECKED`), or checked
    /// longer ago, is "no evidence found". Nested stacks are judged through their root stack;
    /// stacks being deleted are skipped.
    ///
    /// ## Why is this bad?
    /// A stack whose resources were changed by hand no longer matches its template: redeploying
    /// the template (in the disaster-recovery region, or after a failure) does not rebuild what
    /// is running, and the next update may undo the manual fix. Drift detection shows the
    /// difference while it is small. Teams may detect drift with other tools (AWS Config rules,
    /// a pipeline step), so a stack never checked here is "no evidence found", not a failure;
    /// a stack found drifted fails.
    ///
    /// ## Example
    /// `aws cloudformation describe-stacks` shows `"DriftInformation": {"StackDriftStatus":
    /// "DRIFTED"}`. Fix: `aws cloudformation detect-stack-drift --stack-name NAME`, then
    /// `describe-stack-resource-drifts` and bring the template (or the resources) back in line;
    /// schedule drift detection (an AWS Config rule `cloudformation-stack-drift-detection-check`).
    ///
    /// ## Not evaluated when
    /// The region's stacks could not be listed (one finding for the region), or the answer has
    /// no drift information for the stack.
    pub CLOUDFORMATION_STACK_DRIFT = "cloudformation_stack_drift",
    pillar: Pillar::Reliability,
    service: Service::Cloudformation,
    severity: Severity::Medium,
    best_practices: &[direct("REL13-BP04"), indirect("OPS05-BP03")],
    since: "0.4.0",
    title: "CloudFormation stacks are checked for drift and in sync",
    remediation: "aws cloudformation detect-stack-drift --stack-name NAME (schedule it, e.g. with the AWS Config rule cloudformation-stack-drift-detection-check), and reconcile drifted resources with the template",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &CLOUDFORMATION_STACK_DRIFT;
    let now = ctx.snapshot.collected_at;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.cloudformation,
        |region| &region.stacks,
        |stack| {
            if stack.is_nested() || stack.status.starts_with("DELETE_") {
                return None;
            }
            let name = &stack.name;
            let checked = stack
                .drift_checked_at
                .map(|at| format!(" (checked {})", at.date()))
                .unwrap_or_default();
            let recent = stack
                .drift_checked_at
                .is_some_and(|at| now - at <= time::Duration::days(RECENT_DAYS));
            Some(match stack.drift_status.as_deref() {
                None => check.not_evaluated(
                    stack,
                    &Gap::missing(
                        Service::Cloudformation,
                        &stack.region,
                        "DescribeStacks",
                        "DriftInformation",
                    ),
                ),
                Some("DRIFTED") => check.fail(
                    stack,
                    format!("stack {name} has drifted from its template{checked}"),
                ),
                Some("IN_SYNC") if recent => {
                    check.pass(stack, format!("stack {name} is in sync with its template{checked}"))
                }
                Some("IN_SYNC") => check.no_evidence(
                    stack,
                    format!("stack {name} was last checked for drift more than {RECENT_DAYS} days ago{checked}"),
                ),
                Some(_) => check.no_evidence(
                    stack,
                    format!("stack {name} has not been checked for drift"),
                ),
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    #[test]
    fn in_sync_passes_drifted_fails_unchecked_no_evidence_unknown_not_evaluated() {
        let mut snap = snapshot();
        let mut drifted = stack("drifted");
        drifted.drift_status = Some("DRIFTED".into());
        let mut never = stack("never");
        never.drift_status = Some("NOT_CHECKED".into());
        never.drift_checked_at = None;
        let mut stale = stack("stale");
        stale.drift_checked_at = days_ago(200);
        let mut unknown = stack("unknown");
        unknown.drift_status = None;
        let mut nested = stack("nested");
        nested.root_id = Some("root".into());
        nested.drift_status = Some("DRIFTED".into());
        cloudformation(&mut snap).stacks =
            Fetched::Ok(vec![stack("app"), drifted, never, stale, unknown, nested]);

        let findings = run(&CLOUDFORMATION_STACK_DRIFT, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("app", Pass),
                ("drifted", Fail),
                ("never", NoEvidence),
                ("stale", NoEvidence),
                ("unknown", NotEvaluated),
            ])
        );
        assert_eq!(
            findings[1].message,
            "stack drifted has drifted from its template (checked 2026-05-22)"
        );

        cloudformation(&mut snap).stacks = Fetched::Failed(denied("DescribeStacks"));
        assert_eq!(
            statuses(&run(&CLOUDFORMATION_STACK_DRIFT, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
