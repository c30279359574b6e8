use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that Cost Explorer has at least one cost anomaly monitor with a subscription that sends
    /// its anomalies to at least one subscriber (email or SNS). One finding for the account.
    ///
    /// ## Why is this bad?
    /// Budgets catch a month going over; anomaly detection catches a daily spike against the usual
    /// pattern (a new expensive service, a misconfigured autoscaler) within a day, while it is still
    /// cheap to fix.
    ///
    /// ## Example
    /// `aws ce get-anomaly-monitors` is empty, or no subscription names the monitor. Fix:
    /// `aws ce create-anomaly-monitor` (e.g. per AWS service), then `create-anomaly-subscription`.
    ///
    /// ## Not evaluated when
    /// The monitors or the subscriptions could not be read.
    pub COSTEXPLORER_ANOMALY_DETECTION = "costexplorer_anomaly_detection",
    pillar: Pillar::CostOptimization,
    service: Service::CostExplorer,
    severity: Severity::Medium,
    best_practices: &[direct("COST01-BP06"), direct("COST03-BP05")],
    since: "0.3.0",
    title: "Cost anomaly detection watches the account and tells someone",
    remediation: "aws ce create-anomaly-monitor --anomaly-monitor MonitorName=services,MonitorType=DIMENSIONAL,MonitorDimension=SERVICE; aws ce create-anomaly-subscription --anomaly-subscription file://subscription.json",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &COSTEXPLORER_ANOMALY_DETECTION;
    let ce = &ctx.snapshot.costexplorer;
    let account = ctx.snapshot.account_resource("global");
    let (monitors, subscriptions) = match (&ce.anomaly_monitors, &ce.anomaly_subscriptions) {
        (Fetched::Ok(m), Fetched::Ok(s)) => (m, s),
        (Fetched::Failed(why), _) | (_, Fetched::Failed(why)) => {
            return vec![check.not_evaluated(&account, why)]
        }
    };
    if monitors.is_empty() {
        return vec![check.fail(&account, "no cost anomaly monitor")];
    }
    let watched: Vec<&str> = monitors
        .iter()
        .filter(|m| {
            subscriptions
                .iter()
                .any(|s| s.subscribers > 0 && s.monitor_arns.contains(&m.arn))
        })
        .map(|m| m.name.as_str())
        .collect();
    vec![if watched.is_empty() {
        check.fail(
            &account,
            "no cost anomaly monitor has a subscription with a subscriber",
        )
    } else {
        check.pass(
            &account,
            format!(
                "cost anomalies are reported for monitor(s) {}",
                watched.join(", ")
            ),
        )
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    use crate::model::costexplorer::{AnomalyMonitor, AnomalySubscription};

    #[test]
    fn subscribed_monitor_passes_unsubscribed_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        assert_eq!(
            statuses(&run(&COSTEXPLORER_ANOMALY_DETECTION, &snap)),
            expect(&[(ACCOUNT, Fail)])
        );
        let monitor = AnomalyMonitor {
            arn: "arn:aws:ce::1:anomalymonitor/m".into(),
            name: "services".into(),
        };
        snap.costexplorer.anomaly_monitors = Fetched::Ok(vec![monitor]);
        let findings = run(&COSTEXPLORER_ANOMALY_DETECTION, &snap);
        assert_eq!(
            findings[0].message,
            "no cost anomaly monitor has a subscription with a subscriber"
        );
        snap.costexplorer.anomaly_subscriptions = Fetched::Ok(vec![AnomalySubscription {
            arn: "arn:aws:ce::1:anomalysubscription/s".into(),
            name: "daily".into(),
            monitor_arns: vec!["arn:aws:ce::1:anomalymonitor/m".into()],
            subscribers: 1,
        }]);
        let findings = run(&COSTEXPLORER_ANOMALY_DETECTION, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        snap.costexplorer.anomaly_subscriptions =
            Fetched::Failed(denied("GetAnomalySubscriptions"));
        assert_eq!(
            statuses(&run(&COSTEXPLORER_ANOMALY_DETECTION, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
