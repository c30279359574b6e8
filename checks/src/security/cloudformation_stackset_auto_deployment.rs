use crate::catalog::Pillar;
use crate::check::{direct, indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::cloudformation::StackSetSummary;
use crate::model::Service;
use crate::presence::{across_regions, Looked};

declare_check! {
    /// ## What it does
    /// Looks for standard controls that deploy themselves to every account: active
    /// CloudFormation StackSets with service-managed permissions (deployed through
    /// Organizations to OUs) and automatic deployment on, so an account that joins a target
    /// OU gets the stacks without anyone acting. One finding for the account. wascan does not
    /// read the templates: what the StackSet deploys (a Config rule set, GuardDuty, a
    /// logging role, or something else) is for the reader to confirm.
    ///
    /// ## Why is this bad?
    /// SEC01-BP06 asks that standard security controls be defined as code and deployed by
    /// automation to every environment, rather than set up by hand in each account: a new
    /// account otherwise starts without them, and drift goes unnoticed. Teams may deploy
    /// their baseline another way (Control Tower controls and Account Factory customizations,
    /// Terraform pipelines, Config organization conformance packs), so finding none here is
    /// "no evidence found", not a failure. StackSets administered by a delegated administrator
    /// are listed in that account (with `--call-as DELEGATED_ADMIN`), not in the management
    /// account.
    ///
    /// ## Example
    /// `aws cloudformation list-stack-sets --status ACTIVE` shows none with
    /// `"PermissionModel": "SERVICE_MANAGED"` and `"AutoDeployment": {"Enabled": true}`. Fix:
    /// `aws cloudformation create-stack-set --stack-set-name security-baseline
    /// --template-body file://baseline.yaml --permission-model SERVICE_MANAGED
    /// --auto-deployment Enabled=true,RetainStacksOnAccountRemoval=false`, then
    /// `create-stack-instances --deployment-targets OrganizationalUnitIds=ou-…`.
    ///
    /// ## Not evaluated when
    /// None was found and the StackSets of some region could not be listed.
    pub CLOUDFORMATION_STACKSET_AUTO_DEPLOYMENT = "cloudformation_stackset_auto_deployment",
    pillar: Pillar::Security,
    service: Service::Cloudformation,
    severity: Severity::Low,
    best_practices: &[direct("SEC01-BP06"), indirect("SEC01-BP01")],
    since: "0.5.0",
    title: "Standard controls deploy to new accounts automatically through service-managed StackSets",
    remediation: "Define the baseline as a service-managed StackSet with automatic deployment: aws cloudformation create-stack-set --permission-model SERVICE_MANAGED --auto-deployment Enabled=true,RetainStacksOnAccountRemoval=false, then create-stack-instances for the OUs.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &CLOUDFORMATION_STACKSET_AUTO_DEPLOYMENT;
    vec![across_regions(
        check,
        ctx.snapshot,
        &ctx.snapshot.cloudformation,
        |region| &region.stack_set_summaries,
        |set: &StackSetSummary| {
            set.permission_model.as_deref() == Some("SERVICE_MANAGED")
                && set.auto_deployment == Some(true)
        },
        |set| format!("StackSet {}", set.name),
        Looked {
            what: "auto-deploying service-managed StackSet(s)",
            none: "no service-managed StackSet with automatic deployment in any scanned region",
        },
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    fn set(name: &str, model: &str, auto: Option<bool>) -> StackSetSummary {
        StackSetSummary {
            name: name.into(),
            permission_model: Some(model.into()),
            auto_deployment: auto,
        }
    }

    #[test]
    fn auto_deploying_passes_others_are_no_evidence_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        cloudformation(&mut snap).stack_set_summaries = Fetched::Ok(vec![
            set("manual", "SELF_MANAGED", None),
            set("baseline", "SERVICE_MANAGED", Some(true)),
        ]);
        let findings = run(&CLOUDFORMATION_STACKSET_AUTO_DEPLOYMENT, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "1 auto-deploying service-managed StackSet(s): StackSet baseline (us-east-1)"
        );

        cloudformation(&mut snap).stack_set_summaries = Fetched::Ok(vec![
            set("manual", "SELF_MANAGED", None),
            set("by-hand", "SERVICE_MANAGED", Some(false)),
        ]);
        let findings = run(&CLOUDFORMATION_STACKSET_AUTO_DEPLOYMENT, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NoEvidence)]));

        cloudformation(&mut snap).stack_set_summaries = Fetched::Failed(denied("ListStackSets"));
        let findings = run(&CLOUDFORMATION_STACKSET_AUTO_DEPLOYMENT, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
