//! Cost Explorer (global, collected once): the anomaly monitors and the subscriptions that tell
//! someone about the anomalies they find (not paginated by the SDK: `NextPageToken` by hand); the
//! active user-defined cost allocation tags and the cost categories (SDK paginators); and
//! Savings Plans coverage and utilisation and Reserved Instance utilisation over the 30 days
//! before the scan, and the Compute Savings Plans purchase recommendation.

use aws_sdk_costexplorer::types::{
    CostAllocationTagStatus, CostAllocationTagType, DateInterval, Granularity,
    LookbackPeriodInDays, PaymentOption, SupportedSavingsPlansType, TermInYears,
};
use aws_sdk_costexplorer::Client;
use time::{Duration, OffsetDateTime};
use wascan_checks::model::costexplorer::*;
use wascan_checks::model::Gap;

use super::calls::{Call, Ctx};

const COSTEXPLORER: &str = "costexplorer";
/// The Cost Explorer endpoint is in us-east-1.
const HOME_REGION: &str = "us-east-1";

fn client(ctx: &Ctx) -> Client {
    let config = aws_sdk_costexplorer::config::Builder::from(&ctx.config_for(HOME_REGION))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx) -> CostExplorer {
    let ce = client(ctx);
    let period = Period::before(OffsetDateTime::now_utc());
    let (
        anomaly_monitors,
        anomaly_subscriptions,
        active_cost_allocation_tags,
        cost_categories,
        savings_plans_coverage,
        savings_plans_utilization,
        reservation_utilization,
        savings_plans_recommendation,
    ) = futures::join!(
        monitors(ctx, &ce),
        subscriptions(ctx, &ce),
        active_tags(ctx, &ce),
        cost_categories(ctx, &ce),
        savings_plans_coverage(ctx, &ce, &period),
        savings_plans_utilization(ctx, &ce, &period),
        reservation_utilization(ctx, &ce, &period),
        savings_plans_recommendation(ctx, &ce),
    );
    CostExplorer {
        anomaly_monitors: anomaly_monitors.into(),
        anomaly_subscriptions: anomaly_subscriptions.into(),
        active_cost_allocation_tags: active_cost_allocation_tags.into(),
        cost_categories: cost_categories.into(),
        savings_plans_coverage: savings_plans_coverage.into(),
        savings_plans_utilization: savings_plans_utilization.into(),
        reservation_utilization: reservation_utilization.into(),
        savings_plans_recommendation: savings_plans_recommendation.into(),
    }
}

/// The 30 days before the scan, as Cost Explorer takes them: `YYYY-MM-DD`, the end exclusive.
#[derive(Debug, Clone)]
struct Period {
    start: String,
    end: String,
}

impl Period {
    fn before(now: OffsetDateTime) -> Period {
        let end = now.date();
        Period {
            start: (end - Duration::days(30)).to_string(),
            end: end.to_string(),
        }
    }

    fn interval(&self) -> Option<DateInterval> {
        DateInterval::builder()
            .start(&self.start)
            .end(&self.end)
            .build()
            .ok()
    }
}

/// Cost Explorer sends amounts and percentages as strings: a string that is not a number is a
/// gap, not a zero.
fn number(ctx: &Ctx, at: Call<'_>, member: &str, value: Option<&str>) -> Result<f64, Gap> {
    let value = ctx.required(at, member, value)?;
    value
        .trim()
        .parse::<f64>()
        .map_err(|_| ctx.record(at.malformed(member, value)))
}

async fn active_tags(ctx: &Ctx, ce: &Client) -> Result<Vec<String>, Gap> {
    ctx.pages(
        Call::new(COSTEXPLORER, "ListCostAllocationTags"),
        ce.list_cost_allocation_tags()
            .status(CostAllocationTagStatus::Active)
            .r#type(CostAllocationTagType::UserDefined)
            .into_paginator()
            .send(),
        |page| {
            page.cost_allocation_tags()
                .iter()
                .map(|tag| tag.tag_key().to_string())
                .filter(|key| !key.is_empty())
                .collect()
        },
    )
    .await
}

async fn cost_categories(ctx: &Ctx, ce: &Client) -> Result<Vec<CostCategory>, Gap> {
    let at = Call::new(COSTEXPLORER, "ListCostCategoryDefinitions");
    ctx.pages(
        at,
        ce.list_cost_category_definitions().into_paginator().send(),
        |page| {
            page.cost_category_references()
                .iter()
                .map(|c| {
                    Ok(CostCategory {
                        arn: ctx.required_str(at, "CostCategoryArn", c.cost_category_arn())?,
                        name: ctx.required_str(at, "Name", c.name())?,
                        effective_end: c.effective_end().map(str::to_string),
                        // The SDK reads an absent NumberOfRules as 0: a count of 0 says nothing.
                        rules: Some(c.number_of_rules()).filter(|rules| *rules > 0),
                    })
                })
                .collect::<Vec<Result<CostCategory, Gap>>>()
        },
    )
    .await?
    .into_iter()
    .collect()
}

async fn savings_plans_coverage(
    ctx: &Ctx,
    ce: &Client,
    period: &Period,
) -> Result<SpendCoverage, Gap> {
    let at = Call::new(COSTEXPLORER, "GetSavingsPlansCoverage");
    let entries = ctx
        .pages(
            at,
            ce.get_savings_plans_coverage()
                .set_time_period(period.interval())
                .granularity(Granularity::Monthly)
                .into_paginator()
                .send(),
            |page| page.savings_plans_coverages().to_vec(),
        )
        .await?;
    let mut coverage = SpendCoverage {
        covered: 0.0,
        on_demand: 0.0,
        start: period.start.clone(),
        end: period.end.clone(),
    };
    for entry in &entries {
        let data = ctx.required(at, "Coverage", entry.coverage())?;
        coverage.covered += number(
            ctx,
            at,
            "SpendCoveredBySavingsPlans",
            data.spend_covered_by_savings_plans(),
        )?;
        coverage.on_demand += number(ctx, at, "OnDemandCost", data.on_demand_cost())?;
    }
    Ok(coverage)
}

/// Cost Explorer answers `DataUnavailableException` for a period with no commitment to report
/// on: no Savings Plan (or reservation) was active.
const NO_COMMITMENTS: &[&str] = &["DataUnavailableException"];

async fn savings_plans_utilization(
    ctx: &Ctx,
    ce: &Client,
    period: &Period,
) -> Result<Option<Utilization>, Gap> {
    let at = Call::new(COSTEXPLORER, "GetSavingsPlansUtilization");
    let Some(out) = ctx
        .call_or_absent(
            at,
            NO_COMMITMENTS,
            ce.get_savings_plans_utilization()
                .set_time_period(period.interval())
                .send(),
        )
        .await?
    else {
        return Ok(None);
    };
    let total = ctx.required(at, "Total", out.total())?;
    let utilization = ctx.required(at, "Utilization", total.utilization())?;
    if number(ctx, at, "TotalCommitment", utilization.total_commitment())? <= 0.0 {
        return Ok(None);
    }
    Ok(Some(Utilization {
        percent: number(
            ctx,
            at,
            "UtilizationPercentage",
            utilization.utilization_percentage(),
        )?,
        unused: ctx.required_str(at, "UnusedCommitment", utilization.unused_commitment())?,
        start: period.start.clone(),
        end: period.end.clone(),
    }))
}

async fn reservation_utilization(
    ctx: &Ctx,
    ce: &Client,
    period: &Period,
) -> Result<Option<Utilization>, Gap> {
    let at = Call::new(COSTEXPLORER, "GetReservationUtilization");
    let Some(out) = ctx
        .call_or_absent(
            at,
            NO_COMMITMENTS,
            ce.get_reservation_utilization()
                .set_time_period(period.interval())
                .send(),
        )
        .await?
    else {
        return Ok(None);
    };
    let total = ctx.required(at, "Total", out.total())?;
    if number(ctx, at, "PurchasedHours", total.purchased_hours())? <= 0.0 {
        return Ok(None);
    }
    Ok(Some(Utilization {
        percent: number(
            ctx,
            at,
            "UtilizationPercentage",
            total.utilization_percentage(),
        )?,
        unused: ctx.required_str(at, "UnusedHours", total.unused_hours())?,
        start: period.start.clone(),
        end: period.end.clone(),
    }))
}

/// The Compute Savings Plan Cost Explorer recommends from the 30 days before the scan, for one
/// year with no upfront payment (the commitment most teams start with). An answer without a
/// summary, or with a count of 0, recommends nothing: `None`.
async fn savings_plans_recommendation(
    ctx: &Ctx,
    ce: &Client,
) -> Result<Option<SavingsPlansRecommendation>, Gap> {
    let at = Call::new(COSTEXPLORER, "GetSavingsPlansPurchaseRecommendation");
    let out = ctx
        .call(
            at,
            ce.get_savings_plans_purchase_recommendation()
                .savings_plans_type(SupportedSavingsPlansType::ComputeSp)
                .term_in_years(TermInYears::OneYear)
                .payment_option(PaymentOption::NoUpfront)
                .lookback_period_in_days(LookbackPeriodInDays::ThirtyDays)
                .send(),
        )
        .await?;
    let Some(summary) = out
        .savings_plans_purchase_recommendation()
        .and_then(|r| r.savings_plans_purchase_recommendation_summary())
    else {
        return Ok(None);
    };
    if number(
        ctx,
        at,
        "TotalRecommendationCount",
        summary.total_recommendation_count(),
    )? <= 0.0
    {
        return Ok(None);
    }
    Ok(Some(SavingsPlansRecommendation {
        savings_plans_type: SupportedSavingsPlansType::ComputeSp.as_str().to_string(),
        estimated_monthly_savings: number(
            ctx,
            at,
            "EstimatedMonthlySavingsAmount",
            summary.estimated_monthly_savings_amount(),
        )?,
        estimated_savings_percent: number(
            ctx,
            at,
            "EstimatedSavingsPercentage",
            summary.estimated_savings_percentage(),
        )?,
        hourly_commitment: number(
            ctx,
            at,
            "HourlyCommitmentToPurchase",
            summary.hourly_commitment_to_purchase(),
        )?,
        currency: summary
            .currency_code()
            .filter(|c| !c.is_empty())
            .map(str::to_string),
    }))
}

async fn monitors(ctx: &Ctx, ce: &Client) -> Result<Vec<AnomalyMonitor>, Gap> {
    let mut all = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let page = ctx
            .call(
                Call::new(COSTEXPLORER, "GetAnomalyMonitors"),
                ce.get_anomaly_monitors()
                    .set_next_page_token(token.take())
                    .send(),
            )
            .await?;
        for m in page.anomaly_monitors() {
            all.push(monitor(ctx, m)?);
        }
        match page.next_page_token() {
            Some(next) if !next.is_empty() => token = Some(next.to_string()),
            _ => return Ok(all),
        }
    }
}

async fn subscriptions(ctx: &Ctx, ce: &Client) -> Result<Vec<AnomalySubscription>, Gap> {
    let mut all = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let page = ctx
            .call(
                Call::new(COSTEXPLORER, "GetAnomalySubscriptions"),
                ce.get_anomaly_subscriptions()
                    .set_next_page_token(token.take())
                    .send(),
            )
            .await?;
        for s in page.anomaly_subscriptions() {
            all.push(subscription(ctx, s)?);
        }
        match page.next_page_token() {
            Some(next) if !next.is_empty() => token = Some(next.to_string()),
            _ => return Ok(all),
        }
    }
}

/// A monitor without its ARN or name (a required member: the SDK reads an absent one as "")
/// cannot be named in a finding, nor matched by a subscription: the listing fails with the gap.
fn monitor(
    ctx: &Ctx,
    m: &aws_sdk_costexplorer::types::AnomalyMonitor,
) -> Result<AnomalyMonitor, Gap> {
    let at = Call::new(COSTEXPLORER, "GetAnomalyMonitors");
    let name = ctx.required_str(at, "MonitorName", Some(m.monitor_name()))?;
    Ok(AnomalyMonitor {
        arn: ctx.required_str(at.resource(&name), "MonitorArn", m.monitor_arn())?,
        name,
    })
}

/// A subscription without its ARN or name: the same.
fn subscription(
    ctx: &Ctx,
    s: &aws_sdk_costexplorer::types::AnomalySubscription,
) -> Result<AnomalySubscription, Gap> {
    let at = Call::new(COSTEXPLORER, "GetAnomalySubscriptions");
    let name = ctx.required_str(at, "SubscriptionName", Some(s.subscription_name()))?;
    Ok(AnomalySubscription {
        arn: ctx.required_str(at.resource(&name), "SubscriptionArn", s.subscription_arn())?,
        monitor_arns: s.monitor_arn_list().to_vec(),
        subscribers: s.subscribers().len(),
        name,
    })
}

#[cfg(test)]
mod tests {
    use aws_sdk_costexplorer::operation::get_anomaly_monitors::{
        GetAnomalyMonitorsError, GetAnomalyMonitorsOutput,
    };
    use aws_sdk_costexplorer::operation::get_anomaly_subscriptions::GetAnomalySubscriptionsOutput;
    use aws_sdk_costexplorer::types::{
        AnomalyMonitor as SdkMonitor, AnomalySubscription as SdkSubscription, MonitorType,
        Subscriber, SubscriberType,
    };
    use aws_smithy_mocks::{mock, mock_client, RuleMode};
    use wascan_checks::model::ErrorKind;

    use super::*;
    use crate::collect::tests::test_ctx;

    fn monitor(name: &str) -> Result<SdkMonitor, aws_sdk_costexplorer::error::BuildError> {
        SdkMonitor::builder()
            .monitor_arn(format!("arn:aws:ce::123456789012:anomalymonitor/{name}"))
            .monitor_name(name)
            .monitor_type(MonitorType::Dimensional)
            .build()
    }

    /// Monitors over two pages (the token carried by hand), subscriptions with their monitors
    /// and subscriber count.
    #[tokio::test]
    async fn monitors_are_read_over_pages_and_subscriptions_count_subscribers(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let first = GetAnomalyMonitorsOutput::builder()
            .anomaly_monitors(monitor("services")?)
            .next_page_token("page-2")
            .build()?;
        let second = GetAnomalyMonitorsOutput::builder()
            .anomaly_monitors(monitor("linked-accounts")?)
            .build()?;
        let subscription = SdkSubscription::builder()
            .subscription_arn("arn:aws:ce::123456789012:anomalysubscription/daily")
            .subscription_name("daily")
            .monitor_arn_list("arn:aws:ce::123456789012:anomalymonitor/services")
            .subscribers(
                Subscriber::builder()
                    .address("finops@example.com")
                    .r#type(SubscriberType::Email)
                    .build(),
            )
            .frequency(aws_sdk_costexplorer::types::AnomalySubscriptionFrequency::Daily)
            .build()?;
        let subscription_page = GetAnomalySubscriptionsOutput::builder()
            .anomaly_subscriptions(subscription)
            .build()?;
        let page_one = mock!(Client::get_anomaly_monitors)
            .match_requests(|req| req.next_page_token().is_none())
            .then_output(move || first.clone());
        let page_two = mock!(Client::get_anomaly_monitors)
            .match_requests(|req| req.next_page_token() == Some("page-2"))
            .then_output(move || second.clone());
        let subs =
            mock!(Client::get_anomaly_subscriptions).then_output(move || subscription_page.clone());
        let client = mock_client!(
            aws_sdk_costexplorer,
            RuleMode::MatchAny,
            &[&page_one, &page_two, &subs]
        );
        let ctx = test_ctx();

        let read = monitors(&ctx, &client).await.map_err(|gap| gap.message)?;
        let names: Vec<&str> = read.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["services", "linked-accounts"]);
        let subscribed = subscriptions(&ctx, &client)
            .await
            .map_err(|gap| gap.message)?;
        assert_eq!(subscribed.len(), 1);
        assert_eq!(subscribed[0].name, "daily");
        assert_eq!(
            subscribed[0].monitor_arns,
            ["arn:aws:ce::123456789012:anomalymonitor/services"]
        );
        assert_eq!(subscribed[0].subscribers, 1);
        assert!(ctx.take_errors().is_empty());
        Ok(())
    }

    /// Active tags and cost categories over two pages each; coverage summed over the months of
    /// the period; utilisation read, and an account without commitments is `None`.
    #[tokio::test]
    async fn tags_categories_coverage_and_utilization_are_read(
    ) -> Result<(), Box<dyn std::error::Error>> {
        use aws_sdk_costexplorer::operation::get_reservation_utilization::GetReservationUtilizationError;
        use aws_sdk_costexplorer::operation::get_savings_plans_coverage::GetSavingsPlansCoverageOutput;
        use aws_sdk_costexplorer::operation::get_savings_plans_purchase_recommendation::GetSavingsPlansPurchaseRecommendationOutput;
        use aws_sdk_costexplorer::operation::get_savings_plans_utilization::GetSavingsPlansUtilizationOutput;
        use aws_sdk_costexplorer::operation::list_cost_allocation_tags::ListCostAllocationTagsOutput;
        use aws_sdk_costexplorer::operation::list_cost_category_definitions::ListCostCategoryDefinitionsOutput;
        use aws_sdk_costexplorer::types::{
            CostAllocationTag, CostCategoryReference, SavingsPlansCoverage,
            SavingsPlansCoverageData, SavingsPlansPurchaseRecommendation,
            SavingsPlansPurchaseRecommendationSummary, SavingsPlansUtilization,
            SavingsPlansUtilizationAggregates,
        };

        let tag = |key: &str| {
            CostAllocationTag::builder()
                .tag_key(key)
                .r#type(CostAllocationTagType::UserDefined)
                .status(CostAllocationTagStatus::Active)
                .build()
        };
        let tags_one = ListCostAllocationTagsOutput::builder()
            .cost_allocation_tags(tag("owner")?)
            .next_token("t2")
            .build();
        let tags_two = ListCostAllocationTagsOutput::builder()
            .cost_allocation_tags(tag("cost-center")?)
            .build();
        let categories = ListCostCategoryDefinitionsOutput::builder()
            .cost_category_references(
                CostCategoryReference::builder()
                    .cost_category_arn("arn:aws:ce::123456789012:costcategory/team")
                    .name("team")
                    .number_of_rules(4)
                    .build(),
            )
            .build();
        let month = |covered: &str, on_demand: &str| {
            SavingsPlansCoverage::builder()
                .coverage(
                    SavingsPlansCoverageData::builder()
                        .spend_covered_by_savings_plans(covered)
                        .on_demand_cost(on_demand)
                        .build(),
                )
                .build()
        };
        let coverage = GetSavingsPlansCoverageOutput::builder()
            .savings_plans_coverages(month("100.5", "50"))
            .savings_plans_coverages(month("200", "49.5"))
            .build()?;
        let utilization = GetSavingsPlansUtilizationOutput::builder()
            .total(
                SavingsPlansUtilizationAggregates::builder()
                    .utilization(
                        SavingsPlansUtilization::builder()
                            .total_commitment("300")
                            .used_commitment("240")
                            .unused_commitment("60")
                            .utilization_percentage("80")
                            .build(),
                    )
                    .build(),
            )
            .build();
        let rules = [
            mock!(Client::list_cost_allocation_tags)
                .match_requests(|r| r.next_token().is_none())
                .then_output(move || tags_one.clone()),
            mock!(Client::list_cost_allocation_tags)
                .match_requests(|r| r.next_token() == Some("t2"))
                .then_output(move || tags_two.clone()),
            mock!(Client::list_cost_category_definitions).then_output(move || categories.clone()),
            mock!(Client::get_savings_plans_coverage).then_output(move || coverage.clone()),
            mock!(Client::get_savings_plans_utilization).then_output(move || utilization.clone()),
            mock!(Client::get_reservation_utilization).then_error(|| {
                GetReservationUtilizationError::generic(
                    aws_smithy_types::error::ErrorMetadata::builder()
                        .code("DataUnavailableException")
                        .message("no data")
                        .build(),
                )
            }),
        ];
        let recommendation = mock!(Client::get_savings_plans_purchase_recommendation)
            .match_requests(|r| {
                r.savings_plans_type() == Some(&SupportedSavingsPlansType::ComputeSp)
                    && r.term_in_years() == Some(&TermInYears::OneYear)
            })
            .then_output(|| {
                GetSavingsPlansPurchaseRecommendationOutput::builder()
                    .savings_plans_purchase_recommendation(
                        SavingsPlansPurchaseRecommendation::builder()
                            .savings_plans_purchase_recommendation_summary(
                                SavingsPlansPurchaseRecommendationSummary::builder()
                                    .total_recommendation_count("1")
                                    .estimated_monthly_savings_amount("412.5")
                                    .estimated_savings_percentage("21.3")
                                    .hourly_commitment_to_purchase("2.75")
                                    .currency_code("USD")
                                    .build(),
                            )
                            .build(),
                    )
                    .build()
            });
        let client = mock_client!(
            aws_sdk_costexplorer,
            RuleMode::MatchAny,
            &[
                &rules[0],
                &rules[1],
                &rules[2],
                &rules[3],
                &rules[4],
                &rules[5],
                &recommendation
            ]
        );
        let ctx = test_ctx();
        let period = Period {
            start: "2026-05-02".into(),
            end: "2026-06-01".into(),
        };

        assert_eq!(
            active_tags(&ctx, &client).await.map_err(|g| g.message)?,
            ["owner", "cost-center"]
        );
        let read = cost_categories(&ctx, &client)
            .await
            .map_err(|g| g.message)?;
        assert_eq!((read[0].name.as_str(), read[0].rules), ("team", Some(4)));
        let covered = savings_plans_coverage(&ctx, &client, &period)
            .await
            .map_err(|g| g.message)?;
        assert_eq!((covered.covered, covered.on_demand), (300.5, 99.5));
        let used = savings_plans_utilization(&ctx, &client, &period)
            .await
            .map_err(|g| g.message)?;
        assert_eq!(
            used.map(|u| (u.percent, u.unused)),
            Some((80.0, "60".into()))
        );
        let reserved = reservation_utilization(&ctx, &client, &period)
            .await
            .map_err(|g| g.message)?;
        assert_eq!(reserved, None);
        let recommended = savings_plans_recommendation(&ctx, &client)
            .await
            .map_err(|g| g.message)?;
        assert_eq!(
            recommended.map(|r| (
                r.estimated_monthly_savings,
                r.estimated_savings_percent,
                r.hourly_commitment
            )),
            Some((412.5, 21.3, 2.75))
        );
        assert!(ctx.take_errors().is_empty());
        Ok(())
    }

    /// A coverage amount that is not a number is a gap naming the member, never a zero.
    #[tokio::test]
    async fn an_amount_that_is_not_a_number_is_a_gap() -> Result<(), Box<dyn std::error::Error>> {
        use aws_sdk_costexplorer::operation::get_savings_plans_coverage::GetSavingsPlansCoverageOutput;
        use aws_sdk_costexplorer::types::{SavingsPlansCoverage, SavingsPlansCoverageData};
        let coverage = GetSavingsPlansCoverageOutput::builder()
            .savings_plans_coverages(
                SavingsPlansCoverage::builder()
                    .coverage(
                        SavingsPlansCoverageData::builder()
                            .spend_covered_by_savings_plans("n/a")
                            .on_demand_cost("1")
                            .build(),
                    )
                    .build(),
            )
            .build()?;
        let rule = mock!(Client::get_savings_plans_coverage).then_output(move || coverage.clone());
        let client = mock_client!(aws_sdk_costexplorer, RuleMode::MatchAny, &[&rule]);
        let ctx = test_ctx();
        let period = Period::before(time::macros::datetime!(2026-06-01 12:00 UTC));
        assert_eq!(
            (period.start.as_str(), period.end.as_str()),
            ("2026-05-02", "2026-06-01")
        );

        let gap = savings_plans_coverage(&ctx, &client, &period).await.err();

        assert_eq!(
            gap.map(|g| (g.kind, g.message)),
            Some((
                ErrorKind::Incomplete,
                "the answer's SpendCoveredBySavingsPlans is not a number: \"n/a\"".to_string()
            ))
        );
        Ok(())
    }

    #[tokio::test]
    async fn a_refused_monitor_listing_is_a_gap() {
        let refused = mock!(Client::get_anomaly_monitors).then_error(|| {
            GetAnomalyMonitorsError::generic(
                aws_smithy_types::error::ErrorMetadata::builder()
                    .code("AccessDeniedException")
                    .message("not allowed")
                    .build(),
            )
        });
        let client = mock_client!(aws_sdk_costexplorer, RuleMode::Sequential, &[&refused]);
        let ctx = test_ctx();

        let gap = monitors(&ctx, &client).await.err();

        assert_eq!(
            gap.map(|g| (g.operation, g.kind)),
            Some(("GetAnomalyMonitors".to_string(), ErrorKind::AccessDenied))
        );
        assert_eq!(ctx.take_errors().len(), 1);
    }

    /// Issue #14: a monitor without its ARN, or a subscription without its name (the SDK reads
    /// an absent required name as ""), became a resource named "".
    #[tokio::test]
    async fn monitors_and_subscriptions_without_their_identity_are_gaps(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let ctx = test_ctx();
        let arnless = SdkMonitor::builder()
            .monitor_name("services")
            .monitor_type(MonitorType::Dimensional)
            .build()?;
        let gap = super::monitor(&ctx, &arnless).expect_err("gap");
        assert_eq!(
            (gap.resource.as_deref(), gap.message.as_str()),
            (Some("services"), "the answer has no MonitorArn")
        );
        let nameless = SdkSubscription::builder()
            .subscription_arn("arn:aws:ce::123456789012:anomalysubscription/daily")
            .subscription_name("")
            .monitor_arn_list("arn:aws:ce::123456789012:anomalymonitor/services")
            .subscribers(
                Subscriber::builder()
                    .address("finops@example.com")
                    .r#type(SubscriberType::Email)
                    .build(),
            )
            .frequency(aws_sdk_costexplorer::types::AnomalySubscriptionFrequency::Daily)
            .build()?;
        let gap = subscription(&ctx, &nameless).expect_err("gap");
        assert_eq!(gap.message, "the answer has no SubscriptionName");
        assert_eq!(ctx.take_errors().len(), 2);
        Ok(())
    }
}
