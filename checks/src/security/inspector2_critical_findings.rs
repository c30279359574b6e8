use std::collections::BTreeSet;

use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks, in every scanned region where Amazon Inspector scans something, that it reports
    /// no active vulnerability of severity `CRITICAL` on any instance, container image or
    /// function. One finding per region, about the account, naming the affected resources.
    ///
    /// ## Why is this bad?
    /// Scanning is half of vulnerability management; the other half is fixing what it finds.
    /// A critical finding left active is a known, usually remotely exploitable, hole (a CVE
    /// with a public exploit, a package with remote code execution) on a resource that is
    /// running or about to be deployed.
    ///
    /// ## Example
    /// `aws inspector2 list-findings --filter-criteria
    /// '{"severity":[{"comparison":"EQUALS","value":"CRITICAL"}],"findingStatus":[{"comparison":"EQUALS","value":"ACTIVE"}]}'`
    /// lists findings. Fix: patch or rebuild the affected resources (`aws ssm
    /// send-command --document-name AWS-RunPatchBaseline`, rebuild the image on a patched
    /// base, update the function's dependencies), then Inspector closes the findings itself.
    ///
    /// ## Not evaluated when
    /// Inspector's account status or its findings in the region could not be read.
    pub INSPECTOR2_CRITICAL_FINDINGS = "inspector2_critical_findings",
    pillar: Pillar::Security,
    service: Service::Inspector2,
    severity: Severity::High,
    best_practices: &[direct("SEC06-BP01")],
    since: "0.5.0",
    title: "No critical vulnerability stays open on instances, images or functions",
    remediation: "Patch or rebuild the resources Inspector names (aws inspector2 list-findings --filter-criteria '{\"severity\":[{\"comparison\":\"EQUALS\",\"value\":\"CRITICAL\"}],\"findingStatus\":[{\"comparison\":\"EQUALS\",\"value\":\"ACTIVE\"}]}')",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &INSPECTOR2_CRITICAL_FINDINGS;
    ctx.snapshot
        .inspector2
        .iter()
        .filter_map(|(region, inspector)| {
            let account = ctx.snapshot.account_resource(region);
            let status = match &inspector.account {
                Fetched::Ok(status) => status,
                Fetched::Failed(why) => return Some(check.not_evaluated(&account, why)),
            };
            let scanned = status.scanned();
            if scanned.is_empty() {
                // Nothing scanned: `inspector2_scanning` says so.
                return None;
            }
            let findings = match &inspector.critical_findings {
                Fetched::Ok(findings) => findings,
                Fetched::Failed(why) => return Some(check.not_evaluated(&account, why)),
            };
            if findings.is_empty() {
                let kinds: Vec<&str> = scanned.iter().map(|k| k.name()).collect();
                return Some(check.pass(
                    &account,
                    format!(
                        "Inspector reports no active critical vulnerability in {region} (it scans {})",
                        kinds.join(", ")
                    ),
                ));
            }
            let resources: BTreeSet<&str> =
                findings.iter().map(|f| f.resource_id.as_str()).collect();
            let shown: Vec<&str> = resources.iter().take(3).copied().collect();
            let more = match resources.len() - shown.len() {
                0 => String::new(),
                n => format!(" and {n} more"),
            };
            Some(check.fail(
                &account,
                format!(
                    "{} active critical vulnerability finding(s) in {region} on {} resource(s): {}{more}",
                    findings.len(),
                    resources.len(),
                    shown.join(", ")
                ),
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::{self, *};
    use crate::model::inspector2::{AccountStatus, VulnerabilityFinding};
    use crate::model::Inspector2Region;
    use crate::testing::*;

    fn by_region(findings: &[Finding]) -> Vec<(&str, Status)> {
        findings
            .iter()
            .map(|f| (f.region.as_str(), f.status))
            .collect()
    }

    fn finding(resource: &str, cve: &str) -> VulnerabilityFinding {
        VulnerabilityFinding {
            resource_id: resource.into(),
            resource_type: Some("AWS_EC2_INSTANCE".into()),
            vulnerability: Some(cve.into()),
        }
    }

    #[test]
    fn open_critical_findings_fail_none_passes_unscanned_gives_nothing() {
        let mut snap = snapshot();
        let enabled = snap.inspector2[REGION].account.clone();
        snap.inspector2.insert(
            "eu-west-1".into(),
            Inspector2Region {
                account: enabled.clone(),
                critical_findings: Fetched::Ok(vec![
                    finding("i-1", "CVE-2021-44228"),
                    finding("i-1", "CVE-2021-45046"),
                    finding("i-2", "CVE-2021-44228"),
                ]),
            },
        );
        snap.inspector2.insert(
            "eu-central-1".into(),
            Inspector2Region {
                account: Fetched::Ok(AccountStatus {
                    status: Some("DISABLED".into()),
                    ..AccountStatus::default()
                }),
                critical_findings: Fetched::Ok(vec![]),
            },
        );
        snap.inspector2.insert(
            "sa-east-1".into(),
            Inspector2Region {
                account: enabled,
                critical_findings: Fetched::Failed(denied("ListFindings")),
            },
        );

        let findings = run(&INSPECTOR2_CRITICAL_FINDINGS, &snap);

        assert_eq!(
            by_region(&findings),
            [
                ("eu-west-1", Fail),
                ("sa-east-1", NotEvaluated),
                (REGION, Pass)
            ]
        );
        assert_eq!(
            findings[0].message,
            "3 active critical vulnerability finding(s) in eu-west-1 on 2 resource(s): i-1, i-2"
        );
        assert_eq!(
            findings[2].message,
            "Inspector reports no active critical vulnerability in us-east-1 (it scans EC2, ECR, Lambda)"
        );
    }
}
