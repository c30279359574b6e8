use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that no CloudWatch metric alarm is stuck in `INSUFFICIENT_DATA`.
    ///
    /// ## Why is this bad?
    /// An alarm without data watches nothing: its metric name or dimensions are wrong, or the resource
    /// it watched is gone. It will never fire, while everyone believes the metric is covered.
    ///
    /// ## Example
    /// `aws cloudwatch describe-alarms --state-value INSUFFICIENT_DATA` lists it. Fix its metric or
    /// dimensions with `put-metric-alarm`, or `delete-alarms` if the resource no longer exists.
    ///
    /// ## Not evaluated when
    /// The region's alarms could not be listed (one finding for the region), or the answer
    /// lacked the alarm's `StateValue`.
    pub CLOUDWATCH_ALARM_INSUFFICIENT_DATA = "cloudwatch_alarm_insufficient_data",
    pillar: Pillar::OperationalExcellence,
    service: Service::Cloudwatch,
    severity: Severity::Low,
    best_practices: &[indirect("OPS08-BP01")],
    since: "0.3.0",
    title: "CloudWatch alarms receive the data they watch",
    remediation: "Fix the alarm's metric name, namespace or dimensions (aws cloudwatch put-metric-alarm), or delete the alarm if its resource is gone",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &CLOUDWATCH_ALARM_INSUFFICIENT_DATA;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.cloudwatch,
        |r| &r.alarms,
        |alarm| {
            if alarm.composite {
                return None;
            }
            let state = crate::known!(check, alarm, alarm.state.as_deref(), "StateValue");
            Some(if state == "INSUFFICIENT_DATA" {
                check.fail(alarm, format!("alarm {} has insufficient data", alarm.name))
            } else {
                check.pass(alarm, format!("alarm {} is {state}", alarm.name))
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
    fn data_passes_insufficient_fails_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        let mut blind = alarm("orphan", "AWS/EC2", "CPUUtilization");
        blind.state = Some("INSUFFICIENT_DATA".into());
        cloudwatch(&mut snap).alarms =
            Fetched::Ok(vec![alarm("cpu", "AWS/EC2", "CPUUtilization"), blind]);
        let findings = run(&CLOUDWATCH_ALARM_INSUFFICIENT_DATA, &snap);
        assert_eq!(
            statuses(&findings),
            expect(&[("cpu", Pass), ("orphan", Fail)])
        );
        assert_eq!(findings[1].message, "alarm orphan has insufficient data");
        cloudwatch(&mut snap).alarms = Fetched::Failed(denied("DescribeAlarms"));
        assert_eq!(
            statuses(&run(&CLOUDWATCH_ALARM_INSUFFICIENT_DATA, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }

    /// Issue #14: an alarm whose answer lacked StateValue read as "" and passed.
    #[test]
    fn an_alarm_without_state_is_not_evaluated() {
        let mut snap = snapshot();
        let mut unknown = alarm("cpu", "AWS/EC2", "CPUUtilization");
        unknown.state = None;
        cloudwatch(&mut snap).alarms = Fetched::Ok(vec![unknown]);
        let findings = run(&CLOUDWATCH_ALARM_INSUFFICIENT_DATA, &snap);
        assert_eq!(statuses(&findings), expect(&[("cpu", NotEvaluated)]));
        assert!(
            findings[0].message.contains("StateValue"),
            "{}",
            findings[0].message
        );
    }
}
