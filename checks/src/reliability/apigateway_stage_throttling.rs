use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that every REST API stage limits its request rate below API Gateway's
    /// account-wide default (10,000 requests per second, bursts of 5,000): a stage or method
    /// throttle in its method settings, or a usage plan with a throttle that covers the stage.
    ///
    /// ## Why is this bad?
    /// The account-level limit is shared by every API in the region: one client's burst on one
    /// stage can take the whole budget, and the backend behind the stage sees whatever arrives
    /// up to it, usually far more than it can serve. A throttle sized to what the backend can
    /// take sheds the excess with `429` at the edge, keeping the workload up for everyone else.
    /// The same throttle flattens the demand curve the backend is provisioned for, which is why
    /// the cost and sustainability pillars name it too (COST09-BP02, SUS02-BP06).
    ///
    /// ## Example
    /// `aws apigateway get-stages --rest-api-id ID` shows no `methodSettings` (or only the
    /// account defaults). Fix: `aws apigateway update-stage --rest-api-id ID --stage-name prod
    /// --patch-operations op=replace,path=/*/*/throttling/rateLimit,value=500
    /// op=replace,path=/*/*/throttling/burstLimit,value=1000`, or a usage plan with a throttle.
    ///
    /// ## Not evaluated when
    /// The region's APIs or usage plans could not be listed (one finding for the region), or
    /// the API's stages could not be read.
    pub APIGATEWAY_STAGE_THROTTLING = "apigateway_stage_throttling",
    pillar: Pillar::Reliability,
    service: Service::Apigateway,
    severity: Severity::Medium,
    best_practices: &[direct("REL05-BP02"), direct("COST09-BP02"), direct("SUS02-BP06")],
    since: "0.4.0",
    title: "API Gateway stages throttle requests",
    remediation: "Set a stage throttle sized to the backend (aws apigateway update-stage ... path=/*/*/throttling/rateLimit), or attach the stage to a usage plan with a throttle",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &APIGATEWAY_STAGE_THROTTLING;
    let snap = ctx.snapshot;
    let mut findings = Vec::new();
    for (region, api) in &snap.apigateway {
        let (apis, plans) = match (&api.rest_apis, &api.usage_plans) {
            (Fetched::Ok(a), Fetched::Ok(p)) => (a, p),
            (Fetched::Failed(gap), _) | (_, Fetched::Failed(gap)) => {
                findings.push(check.not_evaluated(&snap.account_resource(region), gap));
                continue;
            }
        };
        for rest_api in apis {
            let stages = match &rest_api.stages {
                Fetched::Ok(stages) => stages,
                Fetched::Failed(gap) => {
                    findings.push(check.not_evaluated(rest_api, gap));
                    continue;
                }
            };
            for stage in stages {
                let label = format!(
                    "{}/{}",
                    rest_api.name.as_deref().unwrap_or(&rest_api.id),
                    stage.name
                );
                let own = stage.own_throttling();
                let plan = plans.iter().find(|p| {
                    p.throttle.is_some()
                        && p.api_stages
                            .iter()
                            .any(|(id, name)| id == &rest_api.id && name == &stage.name)
                });
                findings.push(if let Some((key, rate, burst)) = own.first() {
                    check.pass(
                        stage,
                        format!("stage {label} throttles {key} at {rate} requests/s (burst {burst})"),
                    )
                } else if let Some(plan) = plan {
                    check.pass(
                        stage,
                        format!(
                            "stage {label} is throttled by usage plan {}",
                            plan.name.as_deref().unwrap_or(&plan.id)
                        ),
                    )
                } else {
                    check.fail(
                        stage,
                        format!("stage {label} has no throttle of its own: only the account-wide default applies"),
                    )
                });
            }
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::apigateway::UsagePlan;
    use crate::testing::*;

    #[test]
    fn own_or_plan_throttle_passes_defaults_fail_unread_stages_not_evaluated() {
        let mut snap = snapshot();
        let mut shop = rest_api("shop");
        let mut open = api_stage("shop", "dev");
        open.throttling = vec![("*/*".into(), 10_000.0, 5_000)];
        let mut planned = api_stage("shop", "partner");
        planned.throttling.clear();
        shop.stages = Fetched::Ok(vec![api_stage("shop", "prod"), open, planned]);
        let mut hidden = rest_api("hidden");
        hidden.stages = Fetched::Failed(denied("GetStages"));
        apigateway(&mut snap).rest_apis = Fetched::Ok(vec![shop, hidden]);
        apigateway(&mut snap).usage_plans = Fetched::Ok(vec![UsagePlan {
            id: "up-1".into(),
            name: Some("partners".into()),
            throttle: Some((50.0, 100)),
            api_stages: vec![("shop".into(), "partner".into())],
        }]);

        let findings = run(&APIGATEWAY_STAGE_THROTTLING, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("shop-api/prod", Pass),
                ("shop-api/dev", Fail),
                ("shop-api/partner", Pass),
                ("hidden-api", NotEvaluated),
            ])
        );
        assert_eq!(
            findings[1].message,
            "stage shop-api/dev has no throttle of its own: only the account-wide default applies"
        );
        assert_eq!(
            findings[2].message,
            "stage shop-api/partner is throttled by usage plan partners"
        );

        apigateway(&mut snap).usage_plans = Fetched::Failed(denied("GetUsagePlans"));
        assert_eq!(
            statuses(&run(&APIGATEWAY_STAGE_THROTTLING, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
