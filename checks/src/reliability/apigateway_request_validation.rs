use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that every REST API has at least one request validator, so that the contract of
    /// its methods (required parameters, a body matching a model) is enforced at the API.
    ///
    /// ## Why is this bad?
    /// An API whose requests are not validated has no contract its callers can rely on: a
    /// malformed request reaches the backend, which fails in its own way, and a change on
    /// either side breaks the other silently. Validators against models make the contract
    /// explicit and reject bad requests with a `400` before they cost anything. A proxy: it shows
    /// a validator exists, not that every method uses one.
    ///
    /// ## Example
    /// `aws apigateway get-request-validators --rest-api-id ID` returns no items. Fix: `aws
    /// apigateway create-request-validator --rest-api-id ID --name body
    /// --validate-request-body --validate-request-parameters`, then set it (and a model) on
    /// the methods.
    ///
    /// ## Not evaluated when
    /// The region's APIs could not be listed (one finding for the region), or the API's
    /// validators could not be read.
    pub APIGATEWAY_REQUEST_VALIDATION = "apigateway_request_validation",
    pillar: Pillar::Reliability,
    service: Service::Apigateway,
    severity: Severity::Low,
    best_practices: &[indirect("REL03-BP03")],
    since: "0.4.0",
    title: "REST APIs validate requests against their contract",
    remediation: "aws apigateway create-request-validator --rest-api-id ID --name body --validate-request-body --validate-request-parameters, then attach it and a model to each method",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &APIGATEWAY_REQUEST_VALIDATION;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.apigateway,
        |region| &region.rest_apis,
        |api| {
            let label = api.name.as_deref().unwrap_or(&api.id);
            Some(match &api.request_validators {
                Fetched::Ok(validators) if validators.is_empty() => {
                    check.fail(api, format!("API {label} has no request validator"))
                }
                Fetched::Ok(validators) => check.pass(
                    api,
                    format!(
                        "API {label} has request validator(s): {}",
                        validators.join(", ")
                    ),
                ),
                Fetched::Failed(gap) => check.not_evaluated(api, gap),
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    #[test]
    fn validator_passes_none_fails_unread_not_evaluated() {
        let mut snap = snapshot();
        let mut loose = rest_api("loose");
        loose.request_validators = Fetched::Ok(vec![]);
        let mut hidden = rest_api("hidden");
        hidden.request_validators = Fetched::Failed(denied("GetRequestValidators"));
        apigateway(&mut snap).rest_apis = Fetched::Ok(vec![rest_api("shop"), loose, hidden]);

        let findings = run(&APIGATEWAY_REQUEST_VALIDATION, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("shop-api", Pass),
                ("loose-api", Fail),
                ("hidden-api", NotEvaluated)
            ])
        );
        assert_eq!(
            findings[1].message,
            "API loose-api has no request validator"
        );

        apigateway(&mut snap).rest_apis = Fetched::Failed(denied("GetRestApis"));
        assert_eq!(
            statuses(&run(&APIGATEWAY_REQUEST_VALIDATION, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
