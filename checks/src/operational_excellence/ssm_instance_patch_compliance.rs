use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Resource, Service};

declare_check! {
    /// ## What it does
    /// Checks that every Systems Manager managed node is patch compliant: its patch compliance
    /// summary (`ListResourceComplianceSummaries`, type `Patch`) is `COMPLIANT`. A node with no
    /// patch compliance data has never been scanned by Patch Manager and fails too.
    ///
    /// ## Why is this bad?
    /// A node missing patches that its patch baseline approved runs known-vulnerable software;
    /// a node never scanned is one nobody knows the state of.
    ///
    /// ## Example
    /// `aws ssm list-resource-compliance-summaries --filters Key=ComplianceType,Values=Patch`
    /// shows `"Status": "NON_COMPLIANT"` with 3 critical patches missing. Fix: run
    /// `AWS-RunPatchBaseline` with `Operation=Install` (a Patch Manager patch policy or a
    /// maintenance window does it on a schedule).
    ///
    /// ## Not evaluated when
    /// The region's managed nodes or compliance summaries could not be read (one finding for
    /// the region).
    ///
    /// Testing: moto 5.2.5 (the demo emulator) implements neither `DescribeInstanceInformation`
    /// nor `ListResourceComplianceSummaries`; the emulator answers both with empty lists, as AWS
    /// does when no SSM Agent has registered, and the collector is tested with recorded responses
    /// (aws-smithy-mocks).
    pub SSM_INSTANCE_PATCH_COMPLIANCE = "ssm_instance_patch_compliance",
    pillar: Pillar::OperationalExcellence,
    service: Service::Ssm,
    severity: Severity::High,
    best_practices: &[direct("OPS05-BP05"), direct("SEC06-BP01")],
    since: "0.2.0",
    title: "Managed nodes are patch compliant",
    remediation: "Run AWS-RunPatchBaseline with Operation=Install on the node, and schedule it with a Patch Manager patch policy or a maintenance window",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &SSM_INSTANCE_PATCH_COMPLIANCE;
    let mut findings = Vec::new();
    for (region, ssm) in &ctx.snapshot.ssm {
        let account = ctx.snapshot.account_resource(region);
        let (nodes, compliance) = match (&ssm.managed_instances, &ssm.patch_compliance) {
            (Fetched::Ok(nodes), Fetched::Ok(compliance)) => (nodes, compliance),
            (Fetched::Failed(gap), _) | (_, Fetched::Failed(gap)) => {
                findings.push(check.not_evaluated(&account, gap));
                continue;
            }
        };
        for node in nodes {
            let label = node.resource().label();
            let summary = compliance
                .iter()
                .find(|c| c.resource_id == node.instance_id);
            findings.push(match summary {
                Some(summary) if summary.status == "COMPLIANT" => {
                    check.pass(node, format!("node {label} is patch compliant"))
                }
                Some(summary) => check.fail(
                    node,
                    format!(
                        "node {label} is {}: {} missing patch(es), {} critical, {} high",
                        summary.status,
                        summary.non_compliant_total,
                        summary.non_compliant_critical,
                        summary.non_compliant_high
                    ),
                ),
                None => check.fail(
                    node,
                    format!(
                        "node {label} has no patch compliance data: Patch Manager never scanned it"
                    ),
                ),
            });
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    #[test]
    fn compliant_passes_missing_patches_or_no_scan_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut behind = patch_compliance("i-db");
        behind.status = "NON_COMPLIANT".into();
        behind.non_compliant_total = 5;
        behind.non_compliant_critical = 3;
        behind.non_compliant_high = 1;
        let region = ssm(&mut snap);
        region.managed_instances = Fetched::Ok(vec![
            managed_instance("i-web"),
            managed_instance("i-db"),
            managed_instance("i-new"),
        ]);
        region.patch_compliance = Fetched::Ok(vec![patch_compliance("i-web"), behind]);

        let findings = run(&SSM_INSTANCE_PATCH_COMPLIANCE, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("i-web", Pass), ("i-db", Fail), ("i-new", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "node i-db is NON_COMPLIANT: 5 missing patch(es), 3 critical, 1 high"
        );

        ssm(&mut snap).patch_compliance =
            Fetched::Failed(denied("ListResourceComplianceSummaries"));
        assert_eq!(
            statuses(&run(&SSM_INSTANCE_PATCH_COMPLIANCE, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
