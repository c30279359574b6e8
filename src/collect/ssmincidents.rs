//! AWS Systems Manager Incident Manager, per region: `ListResponsePlans` (paginated) and
//! `GetResponsePlan` for each plan (at most [`RESPONSE_PLANS_READ`]); `ListIncidentRecords`
//! filtered to resolved incidents (one page of [`RESOLVED_INCIDENTS_READ`]) and
//! `ListRelatedItems` (one page) for each of them. moto 5.2.5 does not implement Incident
//! Manager: recorded responses below.
//!
//! Incident Manager answers in the regions of its replication set; the same plans answer in
//! each of them (the checks count them by ARN).

use std::collections::BTreeMap;

use aws_sdk_ssmincidents::types::{
    Action, AttributeValueList, ChatChannel, Condition, Filter, Integration,
};
use aws_sdk_ssmincidents::Client;
use futures::future::join_all;
use wascan_checks::model::ssmincidents::*;
use wascan_checks::model::{Fetched, Gap, SsmIncidentsRegion};

use super::calls::{Call, Ctx};
use crate::convert::to_offset;

const SSMINCIDENTS: &str = "ssmincidents";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_ssmincidents::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, SsmIncidentsRegion> {
    let per_region = join_all(
        regions
            .iter()
            .map(|region| async move { collect_region(ctx, &client(ctx, region), region).await }),
    )
    .await;
    regions.iter().cloned().zip(per_region).collect()
}

async fn collect_region(ctx: &Ctx, incidents: &Client, region: &str) -> SsmIncidentsRegion {
    let (response_plans, resolved_incidents) = futures::join!(
        response_plans(ctx, incidents, region),
        resolved_incidents(ctx, incidents, region)
    );
    SsmIncidentsRegion {
        response_plans: response_plans.into(),
        resolved_incidents: resolved_incidents.into(),
    }
}

async fn response_plans(
    ctx: &Ctx,
    incidents: &Client,
    region: &str,
) -> Result<Vec<ResponsePlan>, Gap> {
    let at = Call::new(SSMINCIDENTS, "ListResponsePlans").region(region);
    let listed = ctx
        .pages(
            at,
            incidents.list_response_plans().into_paginator().send(),
            |page| page.response_plan_summaries().to_vec(),
        )
        .await?;
    let summaries: Vec<(String, String, Option<String>)> = listed
        .iter()
        .map(|plan| {
            Ok((
                ctx.required_str(at, "arn", Some(plan.arn()))?,
                ctx.required_str(at, "name", Some(plan.name()))?,
                plan.display_name().map(str::to_string),
            ))
        })
        .collect::<Result<_, Gap>>()?;
    let details = ctx
        .per_resource(
            summaries
                .iter()
                .take(RESPONSE_PLANS_READ)
                .map(|(arn, _, _)| plan_details(ctx, incidents, region, arn)),
        )
        .await;
    let mut details = details.into_iter();
    Ok(summaries
        .into_iter()
        .map(|(arn, name, display_name)| ResponsePlan {
            details: match details.next() {
                Some(read) => read.into(),
                // Past the bound: listed, not read (no call, so no recorded error).
                None => Fetched::Failed(
                    Call::new(SSMINCIDENTS, "GetResponsePlan")
                        .region(region)
                        .resource(&arn)
                        .missing(&format!(
                            "details: wascan reads the first {RESPONSE_PLANS_READ} response plans of a region"
                        )),
                ),
            },
            arn,
            name,
            display_name,
        })
        .collect())
}

async fn plan_details(
    ctx: &Ctx,
    incidents: &Client,
    region: &str,
    arn: &str,
) -> Result<ResponsePlanDetails, Gap> {
    let at = Call::new(SSMINCIDENTS, "GetResponsePlan")
        .region(region)
        .resource(arn);
    let plan = ctx
        .call(at, incidents.get_response_plan().arn(arn).send())
        .await?;
    let template = ctx.required(at, "incidentTemplate", plan.incident_template())?;
    Ok(ResponsePlanDetails {
        impact: template.impact(),
        // Absent lists are empty (GetResponsePlan: engagements, actions, integrations and
        // notificationTargets are optional members with no default).
        engagements: plan.engagements().to_vec(),
        chat_channel: plan.chat_channel().map(|channel| {
            match channel {
                ChatChannel::ChatbotSns(_) => "chatbot_sns",
                ChatChannel::Empty(_) => "empty",
                _ => "unknown",
            }
            .to_string()
        }),
        notification_targets: template.notification_targets().len(),
        runbooks: plan
            .actions()
            .iter()
            .filter_map(|action| match action {
                Action::SsmAutomation(automation) => Some(automation.document_name().to_string()),
                _ => None,
            })
            .collect(),
        integrations: plan
            .integrations()
            .iter()
            .map(|integration| match integration {
                Integration::PagerDutyConfiguration(_) => "PagerDuty".to_string(),
                _ => "unknown".to_string(),
            })
            .collect(),
    })
}

async fn resolved_incidents(
    ctx: &Ctx,
    incidents: &Client,
    region: &str,
) -> Result<Vec<IncidentRecord>, Gap> {
    let at = Call::new(SSMINCIDENTS, "ListIncidentRecords").region(region);
    let resolved = Filter::builder()
        .key("status")
        .condition(Condition::Equals(AttributeValueList::StringValues(vec![
            "RESOLVED".to_string(),
        ])))
        .build()
        .map_err(|err| ctx.record(at.missing(&format!("a filter ({err})"))))?;
    // One page: the most recent resolved incidents are enough to show the practice.
    let page = ctx
        .call(
            at,
            incidents
                .list_incident_records()
                .filters(resolved)
                .max_results(RESOLVED_INCIDENTS_READ)
                .send(),
        )
        .await?;
    let records = page
        .incident_record_summaries()
        .iter()
        .map(|record| {
            Ok((
                ctx.required_str(at, "arn", Some(record.arn()))?,
                record.title().to_string(),
                ctx.required_enum(at, "status", record.status().as_str())?,
                record.impact(),
                record.resolved_time().and_then(to_offset),
            ))
        })
        .collect::<Result<Vec<_>, Gap>>()?;
    let related = ctx
        .per_resource(
            records
                .iter()
                .map(|(arn, ..)| related_item_types(ctx, incidents, region, arn)),
        )
        .await;
    Ok(records
        .into_iter()
        .zip(related)
        .map(
            |((arn, title, status, impact, resolved_time), related)| IncidentRecord {
                arn,
                title,
                region: region.to_string(),
                impact: Some(impact).filter(|impact| *impact > 0),
                status,
                resolved_time,
                related_item_types: related.into(),
            },
        )
        .collect())
}

async fn related_item_types(
    ctx: &Ctx,
    incidents: &Client,
    region: &str,
    arn: &str,
) -> Result<Vec<String>, Gap> {
    let at = Call::new(SSMINCIDENTS, "ListRelatedItems")
        .region(region)
        .resource(arn);
    // One page (up to 100 items): an analysis is linked among the first items of an incident.
    let page = ctx
        .call(
            at,
            incidents
                .list_related_items()
                .incident_record_arn(arn)
                .max_results(100)
                .send(),
        )
        .await?;
    Ok(page
        .related_items()
        .iter()
        .filter_map(|item| item.identifier())
        .map(|identifier| identifier.r#type().as_str().to_string())
        .collect())
}

#[cfg(test)]
mod tests {
    use aws_sdk_ssmincidents::operation::get_response_plan::GetResponsePlanOutput;
    use aws_sdk_ssmincidents::operation::list_incident_records::{
        ListIncidentRecordsError, ListIncidentRecordsOutput,
    };
    use aws_sdk_ssmincidents::operation::list_related_items::ListRelatedItemsOutput;
    use aws_sdk_ssmincidents::operation::list_response_plans::ListResponsePlansOutput;
    use aws_sdk_ssmincidents::types::{
        IncidentRecordSource, IncidentRecordStatus, IncidentRecordSummary, IncidentTemplate,
        ItemIdentifier, ItemType, ItemValue, NotificationTargetItem, RelatedItem,
        ResponsePlanSummary, SsmAutomation,
    };
    use aws_smithy_mocks::{mock, mock_client, RuleMode};
    use aws_smithy_types::DateTime;
    use wascan_checks::model::ErrorKind;

    use super::*;
    use crate::collect::tests::test_ctx;

    const SEV1: &str = "arn:aws:ssm-incidents::123456789012:response-plan/sev1";
    const SEV3: &str = "arn:aws:ssm-incidents::123456789012:response-plan/sev3";
    const INCIDENT: &str = "arn:aws:ssm-incidents::123456789012:incident-record/sev1/6ab1";
    const ONCALL: &str = "arn:aws:ssm-contacts:us-east-1:123456789012:contact/oncall";

    fn summary(arn: &str, name: &str) -> ResponsePlanSummary {
        ResponsePlanSummary::builder()
            .arn(arn)
            .name(name)
            .build()
            .expect("a summary")
    }

    fn template(impact: i32) -> IncidentTemplate {
        IncidentTemplate::builder()
            .title("checkout down")
            .impact(impact)
            .notification_targets(NotificationTargetItem::SnsTopicArn(
                "arn:aws:sns:us-east-1:123456789012:incidents".into(),
            ))
            .build()
            .expect("a template")
    }

    fn no_incidents() -> aws_smithy_mocks::Rule {
        mock!(Client::list_incident_records).then_output(|| {
            ListIncidentRecordsOutput::builder()
                .set_incident_record_summaries(Some(vec![]))
                .build()
                .expect("an answer")
        })
    }

    #[tokio::test]
    async fn plans_are_listed_over_pages_and_read_in_full() {
        let first = mock!(Client::list_response_plans)
            .match_requests(|req| req.next_token().is_none())
            .then_output(|| {
                ListResponsePlansOutput::builder()
                    .response_plan_summaries(summary(SEV1, "sev1"))
                    .next_token("page-2")
                    .build()
                    .expect("a page")
            });
        let second = mock!(Client::list_response_plans)
            .match_requests(|req| req.next_token() == Some("page-2"))
            .then_output(|| {
                ListResponsePlansOutput::builder()
                    .response_plan_summaries(summary(SEV3, "sev3"))
                    .build()
                    .expect("a page")
            });
        let sev1 = mock!(Client::get_response_plan)
            .match_requests(|req| req.arn() == Some(SEV1))
            .then_output(|| {
                GetResponsePlanOutput::builder()
                    .arn(SEV1)
                    .name("sev1")
                    .incident_template(template(1))
                    .engagements(ONCALL)
                    .chat_channel(ChatChannel::ChatbotSns(vec![
                        "arn:aws:sns:us-east-1:123456789012:chat".into(),
                    ]))
                    .actions(Action::SsmAutomation(
                        SsmAutomation::builder()
                            .document_name("Triage-Checkout")
                            .role_arn("arn:aws:iam::123456789012:role/ir")
                            .build()
                            .expect("an automation"),
                    ))
                    .build()
                    .expect("a plan")
            });
        let sev3 = mock!(Client::get_response_plan)
            .match_requests(|req| req.arn() == Some(SEV3))
            .then_output(|| {
                GetResponsePlanOutput::builder()
                    .arn(SEV3)
                    .name("sev3")
                    .incident_template(template(3))
                    .build()
                    .expect("a plan")
            });
        let none = no_incidents();
        let client = mock_client!(
            aws_sdk_ssmincidents,
            RuleMode::MatchAny,
            &[&first, &second, &sev1, &sev3, &none]
        );
        let region = collect_region(&test_ctx(), &client, "us-east-1").await;
        let Fetched::Ok(plans) = &region.response_plans else {
            panic!("plans: {:?}", region.response_plans)
        };
        assert_eq!(plans.len(), 2);
        assert_eq!(
            plans[0].details,
            Fetched::Ok(ResponsePlanDetails {
                impact: 1,
                engagements: vec![ONCALL.into()],
                chat_channel: Some("chatbot_sns".into()),
                notification_targets: 1,
                runbooks: vec!["Triage-Checkout".into()],
                integrations: vec![],
            })
        );
        let Fetched::Ok(sev3) = &plans[1].details else {
            panic!("sev3 read")
        };
        assert!(sev3.engagements.is_empty() && sev3.chat_channel.is_none());
        assert_eq!(region.resolved_incidents, Fetched::Ok(vec![]));
    }

    #[tokio::test]
    async fn resolved_incidents_carry_their_related_items_and_a_refusal_is_a_gap() {
        let plans = mock!(Client::list_response_plans).then_output(|| {
            ListResponsePlansOutput::builder()
                .set_response_plan_summaries(Some(vec![]))
                .build()
                .expect("a page")
        });
        let records = mock!(Client::list_incident_records)
            .match_requests(|req| {
                req.max_results() == Some(RESOLVED_INCIDENTS_READ) && req.filters().len() == 1
            })
            .then_output(|| {
                ListIncidentRecordsOutput::builder()
                    .incident_record_summaries(
                        IncidentRecordSummary::builder()
                            .arn(INCIDENT)
                            .title("checkout down")
                            .status(IncidentRecordStatus::Resolved)
                            .impact(1)
                            .creation_time(DateTime::from_secs(1_780_000_000))
                            .resolved_time(DateTime::from_secs(1_780_003_600))
                            .incident_record_source(
                                IncidentRecordSource::builder()
                                    .created_by("arn:aws:iam::123456789012:role/ops")
                                    .source("aws.ssm-incidents.custom")
                                    .build()
                                    .expect("a source"),
                            )
                            .build()
                            .expect("a record"),
                    )
                    .build()
                    .expect("a page")
            });
        let related = mock!(Client::list_related_items)
            .match_requests(|req| req.incident_record_arn() == Some(INCIDENT))
            .then_output(|| {
                ListRelatedItemsOutput::builder()
                    .related_items(
                        RelatedItem::builder()
                            .identifier(
                                ItemIdentifier::builder()
                                    .r#type(ItemType::Analysis)
                                    .value(ItemValue::Arn(
                                        "arn:aws:ssm:us-east-1:123456789012:document/pia".into(),
                                    ))
                                    .build()
                                    .expect("an identifier"),
                            )
                            .build(),
                    )
                    .build()
                    .expect("a page")
            });
        let client = mock_client!(
            aws_sdk_ssmincidents,
            RuleMode::MatchAny,
            &[&plans, &records, &related]
        );
        let region = collect_region(&test_ctx(), &client, "us-east-1").await;
        let Fetched::Ok(incidents) = &region.resolved_incidents else {
            panic!("incidents: {:?}", region.resolved_incidents)
        };
        assert_eq!(incidents.len(), 1);
        assert_eq!(incidents[0].status, "RESOLVED");
        assert_eq!(incidents[0].impact, Some(1));
        assert!(incidents[0].resolved_time.is_some());
        assert_eq!(
            incidents[0].related_item_types,
            Fetched::Ok(vec!["ANALYSIS".to_string()])
        );

        let refused = mock!(Client::list_incident_records).then_error(|| {
            ListIncidentRecordsError::generic(
                aws_smithy_types::error::ErrorMetadata::builder()
                    .code("AccessDeniedException")
                    .message("no")
                    .build(),
            )
        });
        let client = mock_client!(
            aws_sdk_ssmincidents,
            RuleMode::MatchAny,
            &[&plans, &refused]
        );
        let region = collect_region(&test_ctx(), &client, "us-east-1").await;
        let Fetched::Failed(gap) = &region.resolved_incidents else {
            panic!("a gap")
        };
        assert_eq!(gap.kind, ErrorKind::AccessDenied);
        assert_eq!(region.response_plans, Fetched::Ok(vec![]));
    }
}
