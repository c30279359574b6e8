use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::cloudwatch::Alarm;
use crate::model::Service;
use crate::presence::{across_regions, Looked};

declare_check! {
    /// ## What it does
    /// Looks for CloudWatch alarms that open an incident or an OpsItem when they fire: an
    /// enabled alarm action naming an Incident Manager response plan (`arn:aws:ssm-incidents:`)
    /// or creating a Systems Manager OpsItem (`arn:aws:ssm:...:opsitem:`). One finding for the
    /// account.
    ///
    /// ## Why is this bad?
    /// An alert that lands in a mailbox has no owner, no runbook and no record. Routing it to a
    /// response plan or an OpsItem attaches the process (engagement, runbook, severity, timeline)
    /// to the alert itself. Teams may route alerts through another incident tool (PagerDuty,
    /// Opsgenie, a ticketing system), which the account does not show, so finding none here is
    /// "no evidence found", not a failure. A proxy: it shows the routing, not that every alert
    /// has a process.
    ///
    /// ## Example
    /// `aws cloudwatch put-metric-alarm ... --alarm-actions
    /// arn:aws:ssm-incidents::123456789012:response-plan/web-outage` (or
    /// `arn:aws:ssm:us-east-1:123456789012:opsitem:2#CATEGORY=Availability`).
    ///
    /// ## Not evaluated when
    /// No such alarm was found and the alarms of some region could not be listed.
    pub CLOUDWATCH_ALARM_INCIDENT_ROUTING = "cloudwatch_alarm_incident_routing",
    pillar: Pillar::OperationalExcellence,
    service: Service::Cloudwatch,
    severity: Severity::Low,
    best_practices: &[indirect("OPS10-BP02"), indirect("OPS10-BP01")],
    since: "0.4.0",
    title: "Alarms open an incident or OpsItem when they fire",
    remediation: "Add an Incident Manager response plan or an OpsItem action to the alarms that need a response (aws cloudwatch put-metric-alarm ... --alarm-actions RESPONSE_PLAN_ARN)",
    evaluate: evaluate,
}

fn routes_to_incident(action: &str) -> bool {
    let mut parts = action.split(':');
    let service = parts.nth(2).unwrap_or_default();
    service == "ssm-incidents" || (service == "ssm" && action.contains(":opsitem:"))
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &CLOUDWATCH_ALARM_INCIDENT_ROUTING;
    vec![across_regions(
        check,
        ctx.snapshot,
        &ctx.snapshot.cloudwatch,
        |region| &region.alarms,
        |alarm: &Alarm| {
            alarm.actions_enabled && alarm.alarm_actions.iter().any(|a| routes_to_incident(a))
        },
        |alarm| alarm.name.clone(),
        Looked {
            what: "alarm(s) opening an incident or OpsItem",
            none: "no alarm opens an Incident Manager incident or an OpsItem",
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
    fn routed_alarm_passes_notify_only_is_no_evidence_unlisted_not_evaluated() {
        let mut snap = snapshot();
        let notify = alarm("errors", "AWS/Lambda", "Errors");
        cloudwatch(&mut snap).alarms = Fetched::Ok(vec![notify.clone()]);
        assert_eq!(
            statuses(&run(&CLOUDWATCH_ALARM_INCIDENT_ROUTING, &snap)),
            expect(&[(ACCOUNT, NoEvidence)])
        );

        let mut incident = alarm("outage", "AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count");
        incident.alarm_actions =
            vec!["arn:aws:ssm-incidents::123456789012:response-plan/web-outage".into()];
        let mut opsitem = alarm("disk", "CWAgent", "disk_used_percent");
        opsitem.alarm_actions =
            vec!["arn:aws:ssm:us-east-1:123456789012:opsitem:3#CATEGORY=Availability".into()];
        cloudwatch(&mut snap).alarms = Fetched::Ok(vec![notify, incident, opsitem]);
        let findings = run(&CLOUDWATCH_ALARM_INCIDENT_ROUTING, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "2 alarm(s) opening an incident or OpsItem: outage (us-east-1), disk (us-east-1)"
        );

        cloudwatch(&mut snap).alarms = Fetched::Failed(denied("DescribeAlarms"));
        assert_eq!(
            statuses(&run(&CLOUDWATCH_ALARM_INCIDENT_ROUTING, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
