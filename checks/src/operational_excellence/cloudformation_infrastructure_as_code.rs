use crate::catalog::Pillar;
use crate::check::{direct, indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;
use crate::presence::{from_found, Looked};

declare_check! {
    /// ## What it does
    /// Looks for infrastructure deployed as code with CloudFormation (which AWS CDK, SAM and
    /// Amplify deploy through): live root stacks, or active StackSets administered from the
    /// account, in any scanned region. One finding for the account.
    ///
    /// ## Why is this bad?
    /// Infrastructure changed by hand cannot be reviewed, repeated in another region, or rolled
    /// back; the same change deployed from a template can. Teams may use other tools
    /// (Terraform, Pulumi), which the account does not show as such, so finding no stack here
    /// is "no evidence found", not a failure. A stack shows that a deployment system is in use,
    /// not that every change goes through it.
    ///
    /// ## Example
    /// `aws cloudformation describe-stacks` and `list-stack-sets --status ACTIVE` return
    /// nothing. Fix: describe the workload in a template (or CDK app) and deploy it with
    /// `aws cloudformation deploy`, from a pipeline.
    ///
    /// ## Not evaluated when
    /// Nothing was found and the stacks or StackSets of some region could not be listed.
    pub CLOUDFORMATION_INFRASTRUCTURE_AS_CODE = "cloudformation_infrastructure_as_code",
    pillar: Pillar::OperationalExcellence,
    service: Service::Cloudformation,
    severity: Severity::Low,
    best_practices: &[
        direct("OPS05-BP04"),
        indirect("REL08-BP05"),
        indirect("OPS05-BP10"),
        direct("SEC11-BP06"),
    ],
    since: "0.4.0",
    title: "Infrastructure is deployed as code with CloudFormation",
    remediation: "Describe the workload's infrastructure in CloudFormation templates (or AWS CDK) and deploy it with aws cloudformation deploy from a pipeline",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &CLOUDFORMATION_INFRASTRUCTURE_AS_CODE;
    let snap = ctx.snapshot;
    let mut found = Vec::new();
    let mut gap = None;
    for (region, cfn) in &snap.cloudformation {
        match cfn.stacks.ok() {
            Some(stacks) => found.extend(
                stacks
                    .iter()
                    .filter(|s| !s.is_nested() && !s.status.starts_with("DELETE_"))
                    .map(|s| format!("stack {} ({region})", s.name)),
            ),
            None => gap = gap.or(cfn.stacks.gap()),
        }
        match cfn.stack_sets.ok() {
            Some(sets) => found.extend(sets.iter().map(|s| format!("StackSet {s} ({region})"))),
            None => gap = gap.or(cfn.stack_sets.gap()),
        }
    }
    vec![from_found(
        check,
        snap,
        found,
        gap,
        Looked {
            what: "CloudFormation stack(s) or StackSet(s)",
            none: "no CloudFormation stack or StackSet in the scanned regions",
        },
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    #[test]
    fn stacks_pass_none_is_no_evidence_unlisted_not_evaluated() {
        let mut snap = snapshot();
        assert_eq!(
            statuses(&run(&CLOUDFORMATION_INFRASTRUCTURE_AS_CODE, &snap)),
            expect(&[(ACCOUNT, NoEvidence)])
        );

        cloudformation(&mut snap).stacks = Fetched::Ok(vec![stack("web")]);
        cloudformation(&mut snap).stack_sets = Fetched::Ok(vec!["baseline".into()]);
        let findings = run(&CLOUDFORMATION_INFRASTRUCTURE_AS_CODE, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "2 CloudFormation stack(s) or StackSet(s): stack web (us-east-1), StackSet baseline (us-east-1)"
        );

        cloudformation(&mut snap).stacks = Fetched::Ok(vec![]);
        cloudformation(&mut snap).stack_sets = Fetched::Failed(denied("ListStackSets"));
        assert_eq!(
            statuses(&run(&CLOUDFORMATION_INFRASTRUCTURE_AS_CODE, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
