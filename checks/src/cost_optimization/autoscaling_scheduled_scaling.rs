use crate::catalog::Pillar;
use crate::check::{direct, indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::autoscaling::ScheduledAction;
use crate::model::Service;
use crate::presence::{across_regions, Looked};

declare_check! {
    /// ## What it does
    /// Looks for EC2 Auto Scaling scheduled actions that change a group's capacity on a
    /// recurring schedule (`aws autoscaling describe-scheduled-actions`: an action with a
    /// `Recurrence`). One finding for the account.
    ///
    /// ## Why is this bad?
    /// Demand that follows the clock (office hours, nightly batches, weekends) is met most
    /// cheaply by capacity that follows it too: scale development and batch fleets to zero out
    /// of hours, and up ahead of a known peak. Teams may schedule capacity another way (the
    /// Instance Scheduler, EventBridge Scheduler, predictive scaling), so finding none is "no
    /// evidence found", not a failure.
    ///
    /// ## Example
    /// `aws autoscaling put-scheduled-update-group-action --auto-scaling-group-name dev
    /// --scheduled-action-name nightly-off --recurrence "0 20 * * 1-5" --min-size 0
    /// --max-size 0 --desired-capacity 0` (and a morning action to scale back).
    ///
    /// ## Not evaluated when
    /// No recurring action was found and the scheduled actions of some region could not be
    /// listed.
    pub AUTOSCALING_SCHEDULED_SCALING = "autoscaling_scheduled_scaling",
    pillar: Pillar::CostOptimization,
    service: Service::Autoscaling,
    severity: Severity::Low,
    best_practices: &[direct("COST09-BP03"), indirect("SUS02-BP01")],
    since: "0.5.0",
    title: "Auto Scaling capacity follows a schedule where demand does",
    remediation: "aws autoscaling put-scheduled-update-group-action --auto-scaling-group-name GROUP --scheduled-action-name off-hours --recurrence \"0 20 * * 1-5\" --min-size 0 --max-size 0 --desired-capacity 0",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &AUTOSCALING_SCHEDULED_SCALING;
    vec![across_regions(
        check,
        ctx.snapshot,
        &ctx.snapshot.autoscaling,
        |region| &region.scheduled_actions,
        |action: &ScheduledAction| action.recurrence.is_some(),
        |action| format!("{} of {}", action.name, action.group_name),
        Looked {
            what: "recurring scheduled scaling action(s)",
            none: "no Auto Scaling group scales on a recurring schedule",
        },
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    fn action(name: &str, recurrence: Option<&str>) -> ScheduledAction {
        ScheduledAction {
            name: name.into(),
            group_name: "dev".into(),
            recurrence: recurrence.map(str::to_string),
            min_size: Some(0),
            max_size: Some(0),
            desired_capacity: Some(0),
        }
    }

    #[test]
    fn recurring_action_passes_one_off_is_no_evidence_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        autoscaling(&mut snap).scheduled_actions = Fetched::Ok(vec![action("launch-day", None)]);
        assert_eq!(
            statuses(&run(&AUTOSCALING_SCHEDULED_SCALING, &snap)),
            expect(&[(ACCOUNT, NoEvidence)])
        );
        autoscaling(&mut snap).scheduled_actions = Fetched::Ok(vec![
            action("launch-day", None),
            action("nightly-off", Some("0 20 * * 1-5")),
        ]);
        let findings = run(&AUTOSCALING_SCHEDULED_SCALING, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "1 recurring scheduled scaling action(s): nightly-off of dev (us-east-1)"
        );
        autoscaling(&mut snap).scheduled_actions =
            Fetched::Failed(denied("DescribeScheduledActions"));
        assert_eq!(
            statuses(&run(&AUTOSCALING_SCHEDULED_SCALING, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
