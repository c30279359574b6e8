use crate::catalog::Pillar;
use crate::check::{direct, indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};
use crate::presence::{from_found, Looked};

declare_check! {
    /// ## What it does
    /// Looks for CloudWatch dashboards in the account (`ListDashboards`; dashboards are global,
    /// read once). One finding for the account.
    ///
    /// ## Why is this bad?
    /// Metrics nobody looks at do not tell anyone how the workload is doing. A dashboard puts the
    /// workload's key metrics, alarms and trends in one view for the team on call and for the
    /// people they report to. Teams may build dashboards in other tools (Grafana, a vendor's
    /// console), so finding none here is "no evidence found", not a failure.
    ///
    /// ## Example
    /// `aws cloudwatch list-dashboards` returns no entries. Fix: `aws cloudwatch put-dashboard
    /// --dashboard-name web --dashboard-body file://web.json`, or an automatic dashboard from
    /// the CloudWatch console saved as a custom one.
    ///
    /// ## Not evaluated when
    /// The dashboards could not be listed.
    pub CLOUDWATCH_DASHBOARD_EXISTS = "cloudwatch_dashboard_exists",
    pillar: Pillar::OperationalExcellence,
    service: Service::Cloudwatch,
    severity: Severity::Low,
    best_practices: &[
        direct("OPS08-BP05"),
        indirect("OPS10-BP06"),
        indirect("OPS09-BP02"),
    ],
    since: "0.4.0",
    title: "Workload metrics are shown on CloudWatch dashboards",
    remediation: "aws cloudwatch put-dashboard --dashboard-name NAME --dashboard-body file://BODY.json with the workload's key metrics and alarms",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &CLOUDWATCH_DASHBOARD_EXISTS;
    let snap = ctx.snapshot;
    let (found, gap) = match &snap.cloudwatch_dashboards {
        Fetched::Ok(dashboards) => (dashboards.iter().map(|d| d.name.clone()).collect(), None),
        Fetched::Failed(gap) => (Vec::new(), Some(gap)),
    };
    vec![from_found(
        check,
        snap,
        found,
        gap,
        Looked {
            what: "CloudWatch dashboard(s)",
            none: "no CloudWatch dashboard in the account",
        },
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::cloudwatch::Dashboard;
    use crate::testing::*;

    #[test]
    fn dashboard_passes_none_is_no_evidence_unlisted_not_evaluated() {
        let mut snap = snapshot();
        snap.cloudwatch_dashboards = Fetched::Ok(vec![]);
        assert_eq!(
            statuses(&run(&CLOUDWATCH_DASHBOARD_EXISTS, &snap)),
            expect(&[(ACCOUNT, NoEvidence)])
        );

        snap.cloudwatch_dashboards = Fetched::Ok(vec![Dashboard {
            arn: "arn:aws:cloudwatch::123456789012:dashboard/web".into(),
            name: "web".into(),
            last_modified: None,
        }]);
        let findings = run(&CLOUDWATCH_DASHBOARD_EXISTS, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(findings[0].message, "1 CloudWatch dashboard(s): web");

        snap.cloudwatch_dashboards = Fetched::Failed(denied("ListDashboards"));
        assert_eq!(
            statuses(&run(&CLOUDWATCH_DASHBOARD_EXISTS, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
