use crate::catalog::Pillar;
use crate::check::{direct, indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that every CodeDeploy deployment group rolls a failed deployment back on its own:
    /// automatic rollback enabled for the `DEPLOYMENT_FAILURE` event (and, ideally, for
    /// `DEPLOYMENT_STOP_ON_ALARM`, named in the message).
    ///
    /// ## Why is this bad?
    /// Without automatic rollback, a failed deployment leaves the group on a broken or mixed
    /// version until someone notices and redeploys the previous revision by hand, at the
    /// worst possible moment.
    ///
    /// ## Example
    /// `aws deploy get-deployment-group ...` shows no `autoRollbackConfiguration`, or
    /// `enabled: false`. Fix: `aws deploy update-deployment-group ...
    /// --auto-rollback-configuration enabled=true,events=DEPLOYMENT_FAILURE,DEPLOYMENT_STOP_ON_ALARM`.
    ///
    /// ## Not evaluated when
    /// The deployment groups could not be read.
    pub CODEDEPLOY_DEPLOYMENT_GROUP_AUTO_ROLLBACK = "codedeploy_deployment_group_auto_rollback",
    pillar: Pillar::OperationalExcellence,
    service: Service::Codedeploy,
    severity: Severity::Medium,
    best_practices: &[direct("OPS06-BP04"), indirect("REL08-BP05")],
    since: "0.4.0",
    title: "CodeDeploy deployment groups roll back failed deployments automatically",
    remediation: "Enable automatic rollback: aws deploy update-deployment-group --auto-rollback-configuration enabled=true,events=DEPLOYMENT_FAILURE,DEPLOYMENT_STOP_ON_ALARM",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &CODEDEPLOY_DEPLOYMENT_GROUP_AUTO_ROLLBACK;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.codedeploy,
        |r| &r.deployment_groups,
        |group| {
            let id = group.id();
            let on = |event: &str| group.auto_rollback_events.iter().any(|e| e == event);
            Some(if group.auto_rollback_enabled && on("DEPLOYMENT_FAILURE") {
                let alarm = if on("DEPLOYMENT_STOP_ON_ALARM") {
                    " and on alarm"
                } else {
                    ""
                };
                check.pass(
                    group,
                    format!("{id} rolls back automatically on failure{alarm}"),
                )
            } else {
                check.fail(
                    group,
                    format!("{id} does not roll back a failed deployment automatically"),
                )
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
    fn rollback_on_failure_passes_none_or_alarm_only_fails_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        let mut none = deployment_group("legacy", "prod");
        none.auto_rollback_enabled = false;
        none.auto_rollback_events = vec![];
        let mut alarm_only = deployment_group("shop", "staging");
        alarm_only.auto_rollback_events = vec!["DEPLOYMENT_STOP_ON_ALARM".into()];
        codedeploy(&mut snap).deployment_groups =
            Fetched::Ok(vec![deployment_group("shop", "prod"), none, alarm_only]);
        let findings = run(&CODEDEPLOY_DEPLOYMENT_GROUP_AUTO_ROLLBACK, &snap);
        assert_eq!(
            statuses(&findings),
            expect(&[
                ("shop/prod", Pass),
                ("legacy/prod", Fail),
                ("shop/staging", Fail),
            ])
        );
        assert_eq!(
            findings[0].message,
            "shop/prod rolls back automatically on failure"
        );
        codedeploy(&mut snap).deployment_groups = Fetched::Failed(denied("GetDeploymentGroup"));
        assert_eq!(
            statuses(&run(&CODEDEPLOY_DEPLOYMENT_GROUP_AUTO_ROLLBACK, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
