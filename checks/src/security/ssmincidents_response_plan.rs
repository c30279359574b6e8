use std::collections::BTreeSet;

use crate::catalog::Pillar;
use crate::check::{direct, indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::ssmincidents::ResponsePlanDetails;
use crate::model::{Fetched, Service};
use crate::presence::{from_found, Looked};

declare_check! {
    /// ## What it does
    /// Looks for incident management plans kept in AWS Systems Manager Incident Manager:
    /// response plans that say who responds (they engage contacts or escalation plans, or page
    /// through a PagerDuty integration) and how responders and stakeholders communicate (a chat
    /// channel or SNS notification targets). Plans are read in every scanned region and counted
    /// once each (a plan answers in every region of the replication set). One finding for the
    /// account; the message names each plan's impact level.
    ///
    /// ## Why is this bad?
    /// An incident found without a plan is handled by whoever notices it, in whatever channel
    /// they pick: responders are paged late or not at all, nobody leads, and stakeholders hear
    /// nothing. A response plan fixes roles, engagement, communication and the first automated
    /// steps before they are needed, and its impact level says how urgently each kind of event
    /// is handled. Many teams run incident response in other tools (PagerDuty, Opsgenie, a
    /// documented plan), so finding no plan here is "no evidence found", not a failure. Plans
    /// that engage nobody or open no channel are named in the message.
    ///
    /// ## Example
    /// `aws ssm-incidents list-response-plans` lists nothing, or `get-response-plan` shows no
    /// `engagements` and no `chatChannel`. Fix: `aws ssm-incidents create-response-plan --name
    /// sev1 --incident-template title=Sev1,impact=1 --engagements
    /// arn:aws:ssm-contacts:...:contact/oncall --chat-channel chatbotSns=arn:aws:sns:...:chat`.
    ///
    /// ## Not evaluated when
    /// No complete plan was found and the plans of some region, or some plan's contents, could
    /// not be read.
    pub SSMINCIDENTS_RESPONSE_PLAN = "ssmincidents_response_plan",
    pillar: Pillar::Security,
    service: Service::Ssmincidents,
    severity: Severity::Medium,
    best_practices: &[
        direct("SEC10-BP02"),
        direct("OPS10-BP01"),
        indirect("OPS10-BP03"),
        indirect("OPS10-BP04"),
    ],
    since: "0.5.0",
    title: "Incident response plans engage responders and open a communication channel",
    remediation: "Create Incident Manager response plans that engage on-call contacts or escalation plans and open a chat channel: aws ssm-incidents create-response-plan --name sev1 --incident-template title=Sev1,impact=1 --engagements CONTACT_ARN --chat-channel chatbotSns=TOPIC_ARN",
    evaluate: evaluate,
}

/// Who responds, and how they communicate: what a plan lacks, or `None` when it has both.
pub(crate) fn lacks(plan: &ResponsePlanDetails) -> Option<&'static str> {
    let responders = !plan.engagements.is_empty() || !plan.integrations.is_empty();
    let channel = plan.chat_channel.as_deref() == Some("chatbot_sns")
        || plan.notification_targets > 0
        || !plan.integrations.is_empty();
    match (responders, channel) {
        (true, true) => None,
        (false, true) => Some("engages no contact"),
        (true, false) => Some("opens no chat channel and notifies no one"),
        (false, false) => Some("engages no contact and opens no channel"),
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &SSMINCIDENTS_RESPONSE_PLAN;
    let snap = ctx.snapshot;
    let mut seen = BTreeSet::new();
    let mut found = Vec::new();
    let mut incomplete = Vec::new();
    let mut gap = None;
    for (region, incidents) in &snap.ssmincidents {
        let plans = match &incidents.response_plans {
            Fetched::Ok(plans) => plans,
            Fetched::Failed(why) => {
                gap.get_or_insert(why);
                continue;
            }
        };
        for plan in plans {
            let details = match &plan.details {
                Fetched::Ok(details) => details,
                Fetched::Failed(why) => {
                    gap.get_or_insert(why);
                    continue;
                }
            };
            if !seen.insert(plan.arn.as_str()) {
                continue;
            }
            match lacks(details) {
                None => found.push(format!(
                    "{} (impact {}, {region})",
                    plan.name, details.impact
                )),
                Some(lack) => incomplete.push(format!("{} {lack}", plan.name)),
            }
        }
    }
    let none = if incomplete.is_empty() {
        "no Incident Manager response plan in the scanned regions".to_string()
    } else {
        format!(
            "no response plan both engages responders and opens a channel; {}",
            incomplete.join(", ")
        )
    };
    vec![from_found(
        check,
        snap,
        found,
        gap,
        Looked {
            what: "response plan(s) that engage responders and open a channel",
            none: &none,
        },
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    #[test]
    fn a_plan_that_engages_and_communicates_passes_once_across_regions() {
        let mut snap = snapshot();
        let mut shell = response_plan("sev3");
        if let Fetched::Ok(details) = &mut shell.details {
            details.engagements.clear();
        }
        ssmincidents(&mut snap).response_plans =
            Fetched::Ok(vec![response_plan("sev1"), shell.clone()]);
        // The same plans answer in a second region of the replication set.
        snap.ssmincidents
            .insert("eu-west-1".into(), snap.ssmincidents[REGION].clone());
        let findings = run(&SSMINCIDENTS_RESPONSE_PLAN, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "1 response plan(s) that engage responders and open a channel: sev1 (impact 1, eu-west-1)"
        );
    }

    #[test]
    fn plans_without_responders_or_channel_and_no_plans_are_no_evidence() {
        let mut snap = snapshot();
        ssmincidents(&mut snap).response_plans = Fetched::Ok(vec![]);
        let findings = run(&SSMINCIDENTS_RESPONSE_PLAN, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NoEvidence)]));
        assert_eq!(
            findings[0].message,
            "no evidence found: no Incident Manager response plan in the scanned regions"
        );

        let mut shell = response_plan("sev3");
        if let Fetched::Ok(details) = &mut shell.details {
            details.chat_channel = Some("empty".into());
        }
        ssmincidents(&mut snap).response_plans = Fetched::Ok(vec![shell]);
        let findings = run(&SSMINCIDENTS_RESPONSE_PLAN, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NoEvidence)]));
        assert!(
            findings[0]
                .message
                .ends_with("sev3 opens no chat channel and notifies no one"),
            "{}",
            findings[0].message
        );
    }

    #[test]
    fn a_pagerduty_integration_counts_as_responders_and_channel() {
        let mut snap = snapshot();
        let mut paged = response_plan("sev2");
        if let Fetched::Ok(details) = &mut paged.details {
            details.engagements.clear();
            details.chat_channel = None;
            details.integrations = vec!["PagerDuty".into()];
        }
        ssmincidents(&mut snap).response_plans = Fetched::Ok(vec![paged]);
        assert_eq!(
            statuses(&run(&SSMINCIDENTS_RESPONSE_PLAN, &snap)),
            expect(&[(ACCOUNT, Pass)])
        );
    }

    #[test]
    fn unreadable_plans_are_not_evaluated() {
        let mut snap = snapshot();
        ssmincidents(&mut snap).response_plans = Fetched::Failed(denied("ListResponsePlans"));
        assert_eq!(
            statuses(&run(&SSMINCIDENTS_RESPONSE_PLAN, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
        let mut unread = response_plan("sev1");
        unread.details = Fetched::Failed(denied("GetResponsePlan"));
        ssmincidents(&mut snap).response_plans = Fetched::Ok(vec![unread]);
        assert_eq!(
            statuses(&run(&SSMINCIDENTS_RESPONSE_PLAN, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
