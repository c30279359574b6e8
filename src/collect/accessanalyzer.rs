//! IAM Access Analyzer, per region: the analyzers (paginated), then for every active one the
//! number of its active findings (`ListFindingsV2` filtered on `status = ACTIVE`, paginated).

use std::collections::BTreeMap;

use aws_sdk_accessanalyzer::types::Criterion;
use aws_sdk_accessanalyzer::Client;
use futures::future::join_all;
use wascan_checks::model::accessanalyzer::*;
use wascan_checks::model::{AccessAnalyzerRegion, Fetched, Gap};

use super::calls::{Call, Ctx};

const ACCESSANALYZER: &str = "accessanalyzer";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_accessanalyzer::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, AccessAnalyzerRegion> {
    let per_region = join_all(regions.iter().map(|region| {
        let analyzer = client(ctx, region);
        async move { collect_region(ctx, &analyzer, region).await }
    }))
    .await;
    regions.iter().cloned().zip(per_region).collect()
}

async fn collect_region(ctx: &Ctx, accessanalyzer: &Client, region: &str) -> AccessAnalyzerRegion {
    let listed = ctx
        .pages(
            Call::new(ACCESSANALYZER, "ListAnalyzers").region(region),
            accessanalyzer.list_analyzers().into_paginator().send(),
            |page| page.analyzers().to_vec(),
        )
        .await;
    let identified = listed.and_then(|listed| {
        let ids = listed
            .iter()
            .map(|summary| identity(ctx, region, summary))
            .collect::<Result<Vec<_>, Gap>>()?;
        Ok(listed.into_iter().zip(ids).collect::<Vec<_>>())
    });
    let analyzers =
        match identified {
            Ok(listed) => Fetched::Ok(
                ctx.per_resource(listed.iter().map(
                    |(summary, (status, analyzer_type))| async move {
                        let status = status.clone();
                        let active_findings = if status == "ACTIVE" {
                            ctx.pages(
                                Call::new(ACCESSANALYZER, "ListFindingsV2")
                                    .region(region)
                                    .resource(summary.name()),
                                accessanalyzer
                                    .list_findings_v2()
                                    .analyzer_arn(summary.arn())
                                    .filter("status", Criterion::builder().eq("ACTIVE").build())
                                    .into_paginator()
                                    .send(),
                                |page| vec![page.findings().len()],
                            )
                            .await
                            .map(|counts| counts.into_iter().sum())
                            .into()
                        } else {
                            Fetched::Ok(0)
                        };
                        Analyzer {
                            arn: summary.arn().to_string(),
                            region: region.to_string(),
                            name: summary.name().to_string(),
                            analyzer_type: analyzer_type.clone(),
                            status,
                            active_findings,
                        }
                    },
                ))
                .await,
            ),
            Err(gap) => Fetched::Failed(gap),
        };
    AccessAnalyzerRegion { analyzers }
}

/// An analyzer's status and type, both required (the SDK fills an absent one with "no value was
/// set", and "" for an absent name or ARN). Without its status an ACTIVE analyzer read as
/// inactive and its findings were not read; without its name or ARN it was named "". The
/// region's list fails with the gap.
fn identity(
    ctx: &Ctx,
    region: &str,
    summary: &aws_sdk_accessanalyzer::types::AnalyzerSummary,
) -> Result<(String, String), Gap> {
    let at = Call::new(ACCESSANALYZER, "ListAnalyzers").region(region);
    let name = ctx.required_str(at, "name", Some(summary.name()))?;
    let at = at.resource(&name);
    ctx.required_str(at, "arn", Some(summary.arn()))?;
    Ok((
        ctx.required_enum(at, "status", summary.status().as_str())?,
        ctx.required_enum(at, "type", summary.r#type().as_str())?,
    ))
}

#[cfg(test)]
mod tests {
    //! moto answers Access Analyzer with HTTP 500: recorded responses.

    use aws_sdk_accessanalyzer::operation::list_analyzers::ListAnalyzersOutput;
    use aws_sdk_accessanalyzer::operation::list_findings_v2::ListFindingsV2Output;
    use aws_sdk_accessanalyzer::types::{
        AnalyzerStatus, AnalyzerSummary, FindingStatus, FindingSummaryV2, Type,
    };
    use aws_smithy_mocks::{mock, mock_client, RuleMode};

    use aws_sdk_accessanalyzer::error::BuildError;

    use super::*;
    use crate::collect::tests::test_ctx;

    fn summary(name: &str, status: AnalyzerStatus) -> Result<AnalyzerSummary, BuildError> {
        AnalyzerSummary::builder()
            .arn(format!(
                "arn:aws:access-analyzer:us-east-1:123456789012:analyzer/{name}"
            ))
            .name(name)
            .r#type(Type::Account)
            .created_at(aws_smithy_types::DateTime::from_secs(0))
            .status(status)
            .build()
    }

    fn finding(id: &str) -> Result<FindingSummaryV2, BuildError> {
        FindingSummaryV2::builder()
            .id(id)
            .resource_type(aws_sdk_accessanalyzer::types::ResourceType::AwsS3Bucket)
            .created_at(aws_smithy_types::DateTime::from_secs(0))
            .analyzed_at(aws_smithy_types::DateTime::from_secs(0))
            .updated_at(aws_smithy_types::DateTime::from_secs(0))
            .status(FindingStatus::Active)
            .resource_owner_account("123456789012")
            .build()
    }

    #[tokio::test]
    async fn active_findings_are_counted_only_for_active_analyzers(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let analyzers = ListAnalyzersOutput::builder()
            .analyzers(summary("account", AnalyzerStatus::Active)?)
            .analyzers(summary("old", AnalyzerStatus::Disabled)?)
            .build()?;
        let findings_page = ListFindingsV2Output::builder()
            .findings(finding("f-1")?)
            .findings(finding("f-2")?)
            .build()?;
        let list = mock!(Client::list_analyzers).then_output(move || analyzers.clone());
        let findings = mock!(Client::list_findings_v2)
            .match_requests(|req| {
                req.analyzer_arn()
                    == Some("arn:aws:access-analyzer:us-east-1:123456789012:analyzer/account")
                    && req.filter().and_then(|f| f.get("status")).map(|c| c.eq())
                        == Some(["ACTIVE".to_string()].as_slice())
            })
            .then_output(move || findings_page.clone());
        let client = mock_client!(
            aws_sdk_accessanalyzer,
            RuleMode::MatchAny,
            &[&list, &findings]
        );

        let region = collect_region(&test_ctx(), &client, "us-east-1").await;

        let analyzers = region.analyzers.ok().ok_or("analyzers not read")?;
        assert_eq!(analyzers.len(), 2);
        assert_eq!(
            (
                analyzers[0].name.as_str(),
                analyzers[0].status.as_str(),
                analyzers[0].analyzer_type.as_str()
            ),
            ("account", "ACTIVE", "ACCOUNT")
        );
        assert_eq!(analyzers[0].active_findings, Fetched::Ok(2));
        assert_eq!(analyzers[1].status, "DISABLED");
        assert_eq!(analyzers[1].active_findings, Fetched::Ok(0));
        Ok(())
    }

    /// Issue #14: an analyzer without its status (the SDK's "no value was set") read as
    /// inactive, its findings unread; one without its name was named "".
    #[test]
    fn an_analyzer_without_its_status_or_name_is_a_gap() -> Result<(), Box<dyn std::error::Error>> {
        use crate::collect::calls::SDK_NO_VALUE;
        let ctx = test_ctx();
        assert_eq!(
            identity(
                &ctx,
                "us-east-1",
                &summary("account", AnalyzerStatus::Active)?
            ),
            Ok(("ACTIVE".to_string(), "ACCOUNT".to_string()))
        );
        let corrected = summary("account", AnalyzerStatus::from(SDK_NO_VALUE))?;
        let gap = identity(&ctx, "us-east-1", &corrected).expect_err("gap");
        assert_eq!(
            (gap.resource.as_deref(), gap.message.as_str()),
            (Some("account"), "the answer has no status")
        );
        let nameless = summary("", AnalyzerStatus::Active)?;
        let gap = identity(&ctx, "us-east-1", &nameless).expect_err("gap");
        assert_eq!(gap.message, "the answer has no name");
        assert_eq!(ctx.take_errors().len(), 2);
        Ok(())
    }
}
