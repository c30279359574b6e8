use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::resiliencehub::ResiliencyPolicy;
use crate::model::Service;
use crate::presence::{from_found, Looked};

declare_check! {
    /// ## What it does
    /// Looks for workloads with recorded recovery objectives: AWS Resilience Hub applications
    /// that are assigned a resiliency policy (its RTO and RPO per disruption: software,
    /// hardware, Availability Zone, Region), in any scanned region. One finding for the account,
    /// naming each application, its policy and the policy's objectives.
    ///
    /// ## Why is this bad?
    /// Without a recovery time objective and a recovery point objective set by the business, a
    /// disaster recovery strategy cannot be chosen or tested against anything: backups may be
    /// too rare, failover too slow, or both far costlier than needed. Teams may record their
    /// objectives elsewhere (a business continuity plan, a service catalogue), so finding none
    /// here is "no evidence found", not a failure.
    ///
    /// ## Example
    /// `aws resiliencehub list-apps` lists nothing, or `describe-app` shows no `policyArn`.
    /// Fix: `aws resiliencehub create-resiliency-policy --policy-name critical --tier
    /// MissionCritical --policy file://rto-rpo.json`, then `create-app --policy-arn ARN` (or
    /// `update-app`) for the workload.
    ///
    /// ## Not evaluated when
    /// No such application was found and the applications or policies of some region could not
    /// be read.
    pub RESILIENCEHUB_APP_RECOVERY_OBJECTIVES = "resiliencehub_app_recovery_objectives",
    pillar: Pillar::Reliability,
    service: Service::Resiliencehub,
    severity: Severity::Medium,
    best_practices: &[direct("REL13-BP01")],
    since: "0.4.0",
    title: "Workloads have recovery objectives (RTO and RPO) recorded in Resilience Hub",
    remediation: "Record each workload's RTO and RPO as a Resilience Hub resiliency policy and assign it to the workload's application: aws resiliencehub create-resiliency-policy ..., then aws resiliencehub update-app --app-arn ARN --policy-arn POLICY_ARN",
    evaluate: evaluate,
}

/// "RTO 1 h, RPO 15 min for Region" style, per disruption, shortest first.
fn objectives(policy: &ResiliencyPolicy) -> String {
    let parts: Vec<String> = policy
        .objectives
        .iter()
        .map(|o| {
            format!(
                "{}: RTO {} s, RPO {} s",
                o.disruption, o.rto_seconds, o.rpo_seconds
            )
        })
        .collect();
    if parts.is_empty() {
        "no objectives listed".to_string()
    } else {
        parts.join("; ")
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &RESILIENCEHUB_APP_RECOVERY_OBJECTIVES;
    let snap = ctx.snapshot;
    let mut found = Vec::new();
    let mut gap = None;
    let mut policies_defined = 0;
    for (region, hub) in &snap.resiliencehub {
        let (Some(apps), Some(policies)) = (hub.apps.ok(), hub.policies.ok()) else {
            gap = gap.or(hub.apps.gap()).or(hub.policies.gap());
            continue;
        };
        policies_defined += policies.len();
        for app in apps {
            let Some(policy_arn) = &app.policy_arn else {
                continue;
            };
            let described = match policies.iter().find(|p| &p.arn == policy_arn) {
                Some(policy) => format!(
                    "policy {} ({})",
                    policy.name.as_deref().unwrap_or(policy_arn),
                    objectives(policy)
                ),
                None => format!("policy {policy_arn}"),
            };
            found.push(format!("{} with {described} ({region})", app.name));
        }
    }
    let none = if policies_defined > 0 {
        format!("{policies_defined} resiliency policy(ies), but no Resilience Hub application is assigned one")
    } else {
        "no Resilience Hub application with a resiliency policy (RTO and RPO)".to_string()
    };
    vec![from_found(
        check,
        snap,
        found,
        gap,
        Looked {
            what: "application(s) with recovery objectives",
            none: &none,
        },
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::resiliencehub::{RecoveryObjective, ResilienceApp};
    use crate::model::Fetched;
    use crate::testing::*;

    const POLICY: &str = "arn:aws:resiliencehub:us-east-1:123456789012:resiliency-policy/p-1";

    fn policy() -> ResiliencyPolicy {
        ResiliencyPolicy {
            arn: POLICY.into(),
            name: Some("critical".into()),
            tier: Some("MissionCritical".into()),
            objectives: vec![RecoveryObjective {
                disruption: "Region".into(),
                rto_seconds: 3600,
                rpo_seconds: 900,
            }],
        }
    }

    fn app(name: &str, policy_arn: Option<&str>) -> ResilienceApp {
        ResilienceApp {
            arn: format!("arn:aws:resiliencehub:us-east-1:123456789012:app/{name}"),
            name: name.into(),
            policy_arn: policy_arn.map(str::to_string),
        }
    }

    #[test]
    fn an_app_with_a_policy_passes_naming_its_objectives() {
        let mut snap = snapshot();
        resiliencehub(&mut snap).policies = Fetched::Ok(vec![policy()]);
        resiliencehub(&mut snap).apps =
            Fetched::Ok(vec![app("shop", Some(POLICY)), app("batch", None)]);
        let findings = run(&RESILIENCEHUB_APP_RECOVERY_OBJECTIVES, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "1 application(s) with recovery objectives: shop with policy critical \
             (Region: RTO 3600 s, RPO 900 s) (us-east-1)"
        );
    }

    #[test]
    fn policies_without_apps_or_nothing_is_no_evidence() {
        let mut snap = snapshot();
        let findings = run(&RESILIENCEHUB_APP_RECOVERY_OBJECTIVES, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NoEvidence)]));
        resiliencehub(&mut snap).policies = Fetched::Ok(vec![policy()]);
        resiliencehub(&mut snap).apps = Fetched::Ok(vec![app("batch", None)]);
        let findings = run(&RESILIENCEHUB_APP_RECOVERY_OBJECTIVES, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NoEvidence)]));
        assert_eq!(
            findings[0].message,
            "no evidence found: 1 resiliency policy(ies), but no Resilience Hub application is assigned one"
        );
    }

    #[test]
    fn unreadable_apps_are_not_evaluated() {
        let mut snap = snapshot();
        resiliencehub(&mut snap).apps = Fetched::Failed(denied("ListApps"));
        assert_eq!(
            statuses(&run(&RESILIENCEHUB_APP_RECOVERY_OBJECTIVES, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
