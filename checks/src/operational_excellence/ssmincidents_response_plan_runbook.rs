use std::collections::BTreeSet;

use crate::catalog::Pillar;
use crate::check::{direct, indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};
use crate::presence::{from_found, Looked};

declare_check! {
    /// ## What it does
    /// Looks for Incident Manager response plans that start a Systems Manager Automation
    /// runbook when an incident opens (the plan's `actions`), in any scanned region. Each plan
    /// is counted once (a plan answers in every region of the replication set). One finding for
    /// the account, naming the plans and their runbooks.
    ///
    /// ## Why is this bad?
    /// A runbook that starts with the incident gathers diagnostics, posts the first facts and
    /// runs the known mitigation steps in the first minutes, the same way every time, instead
    /// of waiting for a responder to remember them. Without one, every incident starts from a
    /// blank page. Teams may keep their playbooks in other tools, so finding none here is "no
    /// evidence found", not a failure. The runbook shows that investigation and response steps
    /// are written as code; it does not show how complete they are.
    ///
    /// ## Example
    /// `aws ssm-incidents get-response-plan --arn ARN` shows no `actions`. Fix: attach a runbook
    /// (`aws ssm-incidents update-response-plan --arn ARN --actions
    /// 'ssmAutomation={documentName=AWSIncidents-CriticalIncidentRunbookTemplate,roleArn=ROLE}'`).
    ///
    /// ## Not evaluated when
    /// No plan with a runbook was found and the plans of some region, or some plan's contents,
    /// could not be read.
    pub SSMINCIDENTS_RESPONSE_PLAN_RUNBOOK = "ssmincidents_response_plan_runbook",
    pillar: Pillar::OperationalExcellence,
    service: Service::Ssmincidents,
    severity: Severity::Low,
    best_practices: &[
        direct("OPS10-BP07"),
        indirect("OPS07-BP04"),
        indirect("REL12-BP01"),
        indirect("SEC10-BP04"),
    ],
    since: "0.5.0",
    title: "Incident response plans start a runbook when an incident opens",
    remediation: "Attach a Systems Manager Automation runbook to each response plan: aws ssm-incidents update-response-plan --arn ARN --actions 'ssmAutomation={documentName=DOCUMENT,roleArn=ROLE_ARN}'",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &SSMINCIDENTS_RESPONSE_PLAN_RUNBOOK;
    let snap = ctx.snapshot;
    let mut seen = BTreeSet::new();
    let mut found = Vec::new();
    let mut without = Vec::new();
    let mut gap = None;
    for incidents in snap.ssmincidents.values() {
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
            if details.runbooks.is_empty() {
                without.push(plan.name.as_str());
            } else {
                found.push(format!("{} [{}]", plan.name, details.runbooks.join(", ")));
            }
        }
    }
    let none = if without.is_empty() {
        "no Incident Manager response plan in the scanned regions".to_string()
    } else {
        format!("no response plan starts a runbook ({})", without.join(", "))
    };
    vec![from_found(
        check,
        snap,
        found,
        gap,
        Looked {
            what: "response plan(s) that start a runbook",
            none: &none,
        },
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    fn without_runbook(name: &str) -> crate::model::ssmincidents::ResponsePlan {
        let mut plan = response_plan(name);
        if let Fetched::Ok(details) = &mut plan.details {
            details.runbooks.clear();
        }
        plan
    }

    #[test]
    fn a_plan_with_a_runbook_passes() {
        let mut snap = snapshot();
        ssmincidents(&mut snap).response_plans =
            Fetched::Ok(vec![response_plan("sev1"), without_runbook("sev3")]);
        let findings = run(&SSMINCIDENTS_RESPONSE_PLAN_RUNBOOK, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "1 response plan(s) that start a runbook: sev1 [AWSIncidents-CriticalIncidentRunbookTemplate]"
        );
    }

    #[test]
    fn plans_without_runbooks_or_no_plans_are_no_evidence() {
        let mut snap = snapshot();
        let findings = run(&SSMINCIDENTS_RESPONSE_PLAN_RUNBOOK, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NoEvidence)]));
        ssmincidents(&mut snap).response_plans = Fetched::Ok(vec![without_runbook("sev3")]);
        let findings = run(&SSMINCIDENTS_RESPONSE_PLAN_RUNBOOK, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NoEvidence)]));
        assert_eq!(
            findings[0].message,
            "no evidence found: no response plan starts a runbook (sev3)"
        );
    }

    #[test]
    fn unreadable_plans_are_not_evaluated() {
        let mut snap = snapshot();
        ssmincidents(&mut snap).response_plans = Fetched::Failed(denied("ListResponsePlans"));
        assert_eq!(
            statuses(&run(&SSMINCIDENTS_RESPONSE_PLAN_RUNBOOK, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
