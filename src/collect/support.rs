//! AWS Support (global, collected once; its endpoint is in us-east-1): `DescribeSeverityLevels`.
//! The Support API answers only accounts on the Business, Enterprise On-Ramp or Enterprise
//! support plan; Basic and Developer accounts get `SubscriptionRequiredException` ("AWS Support
//! API reference: DescribeSeverityLevels, Errors"), which is read as that plan, not a failure.

use aws_sdk_support::Client;
use wascan_checks::model::support::{Support, SupportPlan};
use wascan_checks::model::Gap;

use super::calls::{Call, Ctx};

const SUPPORT: &str = "support";
/// The Support API's endpoint in the `aws` partition.
const HOME_REGION: &str = "us-east-1";
/// The error of an account without Business support or higher.
const NO_SUBSCRIPTION: &str = "SubscriptionRequiredException";

fn client(ctx: &Ctx) -> Client {
    let config = aws_sdk_support::config::Builder::from(&ctx.config_for(HOME_REGION))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx) -> Support {
    Support {
        plan: plan(ctx, &client(ctx)).await.into(),
    }
}

async fn plan(ctx: &Ctx, support: &Client) -> Result<SupportPlan, Gap> {
    let at = Call::new(SUPPORT, "DescribeSeverityLevels");
    let answer = ctx
        .call_or_absent(
            at,
            &[NO_SUBSCRIPTION],
            support.describe_severity_levels().language("en").send(),
        )
        .await?;
    let Some(out) = answer else {
        return Ok(SupportPlan::BasicOrDeveloper);
    };
    let severity_levels = out
        .severity_levels()
        .iter()
        .map(|level| ctx.required_str(at, "code", level.code()))
        .collect::<Result<Vec<_>, Gap>>()?;
    Ok(SupportPlan::BusinessOrHigher { severity_levels })
}

/// moto 5.2.5 serves Support's cases and Trusted Advisor checks but not DescribeSeverityLevels:
/// recorded responses.
#[cfg(test)]
mod tests {
    use aws_sdk_support::operation::describe_severity_levels::{
        DescribeSeverityLevelsError, DescribeSeverityLevelsOutput,
    };
    use aws_sdk_support::types::SeverityLevel;
    use aws_smithy_mocks::{mock, mock_client, RuleMode};
    use wascan_checks::model::ErrorKind;

    use super::*;
    use crate::collect::tests::test_ctx;

    fn refused(code: &'static str) -> DescribeSeverityLevelsError {
        DescribeSeverityLevelsError::generic(
            aws_smithy_types::error::ErrorMetadata::builder()
                .code(code)
                .message("refused")
                .build(),
        )
    }

    #[tokio::test]
    async fn business_basic_and_a_refusal() {
        let levels = mock!(Client::describe_severity_levels).then_output(|| {
            DescribeSeverityLevelsOutput::builder()
                .severity_levels(SeverityLevel::builder().code("low").name("Low").build())
                .severity_levels(
                    SeverityLevel::builder()
                        .code("urgent")
                        .name("Urgent")
                        .build(),
                )
                .build()
        });
        let client = mock_client!(aws_sdk_support, RuleMode::MatchAny, &[&levels]);
        assert_eq!(
            plan(&test_ctx(), &client).await,
            Ok(SupportPlan::BusinessOrHigher {
                severity_levels: vec!["low".into(), "urgent".into()]
            })
        );

        let basic = mock!(Client::describe_severity_levels).then_error(|| refused(NO_SUBSCRIPTION));
        let client = mock_client!(aws_sdk_support, RuleMode::MatchAny, &[&basic]);
        assert_eq!(
            plan(&test_ctx(), &client).await,
            Ok(SupportPlan::BasicOrDeveloper)
        );

        let denied =
            mock!(Client::describe_severity_levels).then_error(|| refused("AccessDeniedException"));
        let client = mock_client!(aws_sdk_support, RuleMode::MatchAny, &[&denied]);
        let gap = plan(&test_ctx(), &client).await.expect_err("a gap");
        assert_eq!(gap.kind, ErrorKind::AccessDenied);
    }
}
