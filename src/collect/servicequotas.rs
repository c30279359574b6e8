//! Service Quotas, per region: `GetServiceQuota` for each of the key quotas
//! ([`KEY_QUOTAS`]); a quota whose applied value is not available (`NoSuchResourceException`:
//! never changed) is read with `GetAWSDefaultServiceQuota`. A fixed number of calls per region,
//! whatever the account holds. moto 5.2.5 serves `GetServiceQuota` for the VPC quotas (its
//! defaults) but not `GetAWSDefaultServiceQuota`: the fallback is tested with recorded responses.

use std::collections::BTreeMap;

use aws_sdk_servicequotas::types::ServiceQuota;
use aws_sdk_servicequotas::Client;
use futures::future::join_all;
use wascan_checks::model::servicequotas::*;
use wascan_checks::model::{Fetched, Gap, ServiceQuotasRegion};

use super::calls::{Call, Ctx};

const SERVICEQUOTAS: &str = "servicequotas";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_servicequotas::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, ServiceQuotasRegion> {
    let per_region = join_all(
        regions
            .iter()
            .map(|region| async move { collect_region(ctx, &client(ctx, region), region).await }),
    )
    .await;
    regions.iter().cloned().zip(per_region).collect()
}

async fn collect_region(ctx: &Ctx, quotas: &Client, region: &str) -> ServiceQuotasRegion {
    let read = join_all(
        KEY_QUOTAS
            .iter()
            .map(|(service, code, _)| quota(ctx, quotas, region, service, code)),
    )
    .await;
    ServiceQuotasRegion {
        quotas: Fetched::Ok(
            KEY_QUOTAS
                .iter()
                .zip(read)
                .map(|((service, code, _), value)| Quota {
                    region: region.to_string(),
                    service_code: (*service).to_string(),
                    quota_code: (*code).to_string(),
                    value: value.into(),
                })
                .collect(),
        ),
    }
}

async fn quota(
    ctx: &Ctx,
    quotas: &Client,
    region: &str,
    service: &str,
    code: &str,
) -> Result<QuotaValue, Gap> {
    let at = Call::new(SERVICEQUOTAS, "GetServiceQuota")
        .region(region)
        .resource(code);
    // "If the applied quota value is not available for a quota, the quota is not retrieved"
    // (GetServiceQuota, API reference): the default is then the value in force.
    let applied = ctx
        .call_or_absent(
            at,
            &["NoSuchResourceException"],
            quotas
                .get_service_quota()
                .service_code(service)
                .quota_code(code)
                .send(),
        )
        .await?;
    if let Some(answer) = applied {
        let quota = ctx.required(at, "Quota", answer.quota())?;
        return Ok(value_of(quota, true));
    }
    let at = Call::new(SERVICEQUOTAS, "GetAWSDefaultServiceQuota")
        .region(region)
        .resource(code);
    let answer = ctx
        .call(
            at,
            quotas
                .get_aws_default_service_quota()
                .service_code(service)
                .quota_code(code)
                .send(),
        )
        .await?;
    let quota = ctx.required(at, "Quota", answer.quota())?;
    Ok(value_of(quota, false))
}

fn value_of(quota: &ServiceQuota, applied: bool) -> QuotaValue {
    QuotaValue {
        name: quota.quota_name().map(str::to_string),
        arn: quota.quota_arn().map(str::to_string),
        value: quota.value(),
        applied,
    }
}

#[cfg(test)]
mod tests {
    use aws_sdk_servicequotas::operation::get_aws_default_service_quota::GetAwsDefaultServiceQuotaOutput;
    use aws_sdk_servicequotas::operation::get_service_quota::{
        GetServiceQuotaError, GetServiceQuotaOutput,
    };
    use aws_smithy_mocks::{mock, mock_client, RuleMode};
    use wascan_checks::model::ErrorKind;

    use super::*;
    use crate::collect::tests::test_ctx;

    fn answer(code: &str, value: f64) -> ServiceQuota {
        ServiceQuota::builder()
            .service_code("vpc")
            .quota_code(code)
            .quota_name("VPCs per Region")
            .quota_arn(format!(
                "arn:aws:servicequotas:us-east-1:123456789012:vpc/{code}"
            ))
            .value(value)
            .build()
    }

    fn error(code: &'static str) -> GetServiceQuotaError {
        GetServiceQuotaError::generic(
            aws_smithy_types::error::ErrorMetadata::builder()
                .code(code)
                .message("no")
                .build(),
        )
    }

    #[tokio::test]
    async fn applied_values_then_defaults_then_refusals_per_quota() {
        let vpcs = mock!(Client::get_service_quota)
            .match_requests(|req| req.quota_code() == Some("L-F678F1CE"))
            .then_output(|| {
                GetServiceQuotaOutput::builder()
                    .quota(answer("L-F678F1CE", 10.0))
                    .build()
            });
        let never_changed = mock!(Client::get_service_quota)
            .match_requests(|req| req.quota_code() == Some("L-E79EC296"))
            .then_error(|| error("NoSuchResourceException"));
        let default = mock!(Client::get_aws_default_service_quota)
            .match_requests(|req| req.quota_code() == Some("L-E79EC296"))
            .then_output(|| {
                GetAwsDefaultServiceQuotaOutput::builder()
                    .quota(answer("L-E79EC296", 2500.0))
                    .build()
            });
        let refused = mock!(Client::get_service_quota)
            .match_requests(|req| {
                !matches!(req.quota_code(), Some("L-F678F1CE") | Some("L-E79EC296"))
            })
            .then_error(|| error("AccessDeniedException"));
        let client = mock_client!(
            aws_sdk_servicequotas,
            RuleMode::MatchAny,
            &[&vpcs, &never_changed, &default, &refused]
        );
        let region = collect_region(&test_ctx(), &client, "us-east-1").await;
        let Fetched::Ok(quotas) = &region.quotas else {
            panic!("quotas")
        };
        assert_eq!(quotas.len(), KEY_QUOTAS.len());
        let Fetched::Ok(vpcs) = &quotas[0].value else {
            panic!("vpcs: {:?}", quotas[0].value)
        };
        assert_eq!((vpcs.value, vpcs.applied), (Some(10.0), true));
        let Fetched::Ok(groups) = &quotas[1].value else {
            panic!("groups: {:?}", quotas[1].value)
        };
        assert_eq!((groups.value, groups.applied), (Some(2500.0), false));
        let Fetched::Failed(gap) = &quotas[2].value else {
            panic!("a gap")
        };
        assert_eq!(gap.kind, ErrorKind::AccessDenied);
        assert_eq!(gap.resource.as_deref(), Some("L-DF5E4CA3"));
    }
}
