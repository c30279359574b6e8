use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;
use crate::presence::{from_found, Looked};

declare_check! {
    /// ## What it does
    /// Looks for synthetic user transactions: CloudWatch Synthetics canaries in the `RUNNING`
    /// state (exercising an endpoint or a user journey on their schedule), in any scanned
    /// region. One finding for the account.
    ///
    /// ## Why is this bad?
    /// Without user-experience telemetry, a broken sign-in or checkout is found by customers:
    /// server-side metrics stay green while a journey fails. Canaries test the paths that matter
    /// every few minutes, including when no real user is active. Teams may run synthetic checks
    /// or real-user monitoring with other tools, so finding none here is "no evidence found",
    /// not a failure. Canaries that exist but are stopped are named in the message.
    ///
    /// ## Example
    /// `aws synthetics describe-canaries` lists nothing in `RUNNING`. Fix: create a canary for
    /// each critical journey (`aws synthetics create-canary --schedule Expression='rate(5
    /// minutes)' ...`) and start it (`aws synthetics start-canary --name checkout`).
    ///
    /// ## Not evaluated when
    /// No running canary was found and the canaries of some region could not be listed.
    pub SYNTHETICS_CANARY_RUNNING = "synthetics_canary_running",
    pillar: Pillar::OperationalExcellence,
    service: Service::Synthetics,
    severity: Severity::Low,
    best_practices: &[direct("OPS04-BP03")],
    since: "0.4.0",
    title: "Synthetic canaries exercise the workload's user journeys",
    remediation: "Create CloudWatch Synthetics canaries for the critical user journeys and start them: aws synthetics create-canary ... && aws synthetics start-canary --name NAME",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &SYNTHETICS_CANARY_RUNNING;
    let snap = ctx.snapshot;
    let mut found = Vec::new();
    let mut idle = Vec::new();
    let mut gap = None;
    for (region, synthetics) in &snap.synthetics {
        match synthetics.canaries.ok() {
            Some(canaries) => {
                for canary in canaries {
                    let state = canary.state.as_deref().unwrap_or("in an unknown state");
                    if state == "RUNNING" {
                        let every = canary.schedule.as_deref().unwrap_or("no schedule");
                        found.push(format!("{} [{every}] ({region})", canary.name));
                    } else {
                        idle.push(format!("{} {state} ({region})", canary.name));
                    }
                }
            }
            None => gap = gap.or(synthetics.canaries.gap()),
        }
    }
    let none = if idle.is_empty() {
        "no CloudWatch Synthetics canary in the account".to_string()
    } else {
        format!("no canary is running; {}", idle.join(", "))
    };
    vec![from_found(
        check,
        snap,
        found,
        gap,
        Looked {
            what: "running canary(ies)",
            none: &none,
        },
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::synthetics::Canary;
    use crate::model::Fetched;
    use crate::testing::*;

    fn canary(name: &str, state: &str) -> Canary {
        Canary {
            name: name.into(),
            state: Some(state.into()),
            schedule: Some("rate(5 minutes)".into()),
        }
    }

    #[test]
    fn a_running_canary_passes() {
        let mut snap = snapshot();
        synthetics(&mut snap).canaries = Fetched::Ok(vec![
            canary("checkout", "RUNNING"),
            canary("old-login", "STOPPED"),
        ]);
        let findings = run(&SYNTHETICS_CANARY_RUNNING, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "1 running canary(ies): checkout [rate(5 minutes)] (us-east-1)"
        );
    }

    #[test]
    fn stopped_or_no_canaries_are_no_evidence() {
        let mut snap = snapshot();
        let findings = run(&SYNTHETICS_CANARY_RUNNING, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NoEvidence)]));
        synthetics(&mut snap).canaries = Fetched::Ok(vec![canary("checkout", "READY")]);
        let findings = run(&SYNTHETICS_CANARY_RUNNING, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NoEvidence)]));
        assert_eq!(
            findings[0].message,
            "no evidence found: no canary is running; checkout READY (us-east-1)"
        );
    }

    #[test]
    fn unlisted_canaries_are_not_evaluated() {
        let mut snap = snapshot();
        synthetics(&mut snap).canaries = Fetched::Failed(denied("DescribeCanaries"));
        assert_eq!(
            statuses(&run(&SYNTHETICS_CANARY_RUNNING, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
