//! What the API Gateway stage checks share: one finding per stage of every REST API, named
//! `API/STAGE`; an API whose stages could not be read is not evaluated, and so is a region whose
//! APIs could not be listed.

use crate::check::{Check, Context};
use crate::finding::Finding;
use crate::model::apigateway::Stage;
use crate::model::Fetched;

/// `judge` sees each stage with its label (`API/STAGE`, the API's name or else its id).
pub(crate) fn per_stage(
    check: &Check,
    ctx: &Context,
    judge: impl Fn(&Stage, &str) -> Finding,
) -> Vec<Finding> {
    let snap = ctx.snapshot;
    let mut findings = Vec::new();
    for (region, api) in &snap.apigateway {
        let apis = match &api.rest_apis {
            Fetched::Ok(apis) => apis,
            Fetched::Failed(gap) => {
                findings.push(check.not_evaluated(&snap.account_resource(region), gap));
                continue;
            }
        };
        for rest_api in apis {
            match &rest_api.stages {
                Fetched::Ok(stages) => findings.extend(stages.iter().map(|stage| {
                    let name = rest_api.name.as_deref().unwrap_or(&rest_api.id);
                    judge(stage, &format!("{name}/{}", stage.name))
                })),
                Fetched::Failed(gap) => findings.push(check.not_evaluated(rest_api, gap)),
            }
        }
    }
    findings
}
