use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;
use crate::presence::{from_found, Looked};

declare_check! {
    /// ## What it does
    /// Looks for CloudFormation stacks whose updates roll back on an alarm: stacks with at least
    /// one rollback trigger (`RollbackConfiguration.RollbackTriggers`, a CloudWatch alarm
    /// watched during and after each update). One finding for the account; it is skipped when
    /// the scanned regions have no stack.
    ///
    /// ## Why is this bad?
    /// CloudFormation undoes an update whose resources fail to deploy, but not one that deploys
    /// cleanly and then breaks the workload (errors climb, latency doubles). A rollback trigger
    /// ties the update to the workload's health: the alarm going off during the monitoring time
    /// rolls the change back without a person deciding to. Teams may roll back from their
    /// pipeline instead (CodeDeploy alarms, a canary step), so finding none here is "no evidence
    /// found", not a failure.
    ///
    /// ## Example
    /// `aws cloudformation update-stack --stack-name web ... --rollback-configuration
    /// 'RollbackTriggers=[{Arn=arn:aws:cloudwatch:us-east-1:ACCOUNT:alarm:web-5xx,Type=AWS::CloudWatch::Alarm}],MonitoringTimeInMinutes=10'`.
    ///
    /// ## Not evaluated when
    /// Nothing was found and the stacks of some region could not be listed.
    pub CLOUDFORMATION_STACK_ROLLBACK_TRIGGERS = "cloudformation_stack_rollback_triggers",
    pillar: Pillar::OperationalExcellence,
    service: Service::Cloudformation,
    severity: Severity::Low,
    best_practices: &[direct("OPS06-BP04")],
    since: "0.4.0",
    title: "Stack updates roll back automatically on an alarm",
    remediation: "Add rollback triggers (CloudWatch alarms on the workload's health) and a monitoring time to the stacks' updates: --rollback-configuration on update-stack or deploy",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &CLOUDFORMATION_STACK_ROLLBACK_TRIGGERS;
    let snap = ctx.snapshot;
    let mut found = Vec::new();
    let mut gap = None;
    let mut any_stack = false;
    for (region, cfn) in &snap.cloudformation {
        match cfn.stacks.ok() {
            Some(stacks) => {
                let live = stacks
                    .iter()
                    .filter(|s| !s.is_nested() && !s.status.starts_with("DELETE_"));
                for stack in live {
                    any_stack = true;
                    if stack
                        .rollback_triggers
                        .as_ref()
                        .is_some_and(|t| !t.is_empty())
                    {
                        found.push(format!("{} ({region})", stack.name));
                    }
                }
            }
            None => gap = gap.or(cfn.stacks.gap()),
        }
    }
    if !any_stack && gap.is_none() {
        return Vec::new();
    }
    vec![from_found(
        check,
        snap,
        found,
        gap,
        Looked {
            what: "stack(s) with rollback triggers",
            none: "no CloudFormation stack rolls its updates back on an alarm",
        },
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    #[test]
    fn trigger_passes_none_is_no_evidence_no_stack_skipped_unlisted_not_evaluated() {
        let mut snap = snapshot();
        assert!(run(&CLOUDFORMATION_STACK_ROLLBACK_TRIGGERS, &snap).is_empty());

        cloudformation(&mut snap).stacks = Fetched::Ok(vec![stack("plain")]);
        assert_eq!(
            statuses(&run(&CLOUDFORMATION_STACK_ROLLBACK_TRIGGERS, &snap)),
            expect(&[(ACCOUNT, NoEvidence)])
        );

        let mut guarded = stack("web");
        guarded.rollback_triggers = Some(vec![
            "arn:aws:cloudwatch:us-east-1:123456789012:alarm:web-5xx".into(),
        ]);
        cloudformation(&mut snap).stacks = Fetched::Ok(vec![stack("plain"), guarded]);
        let findings = run(&CLOUDFORMATION_STACK_ROLLBACK_TRIGGERS, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "1 stack(s) with rollback triggers: web (us-east-1)"
        );

        cloudformation(&mut snap).stacks = Fetched::Failed(denied("DescribeStacks"));
        assert_eq!(
            statuses(&run(&CLOUDFORMATION_STACK_ROLLBACK_TRIGGERS, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
