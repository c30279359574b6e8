use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that every ECR repository's images are scanned for vulnerabilities automatically:
    /// by a registry scanning rule (basic or enhanced, on push or continuous) whose filter matches
    /// the repository, or, with basic scanning and no matching rule, by the repository's own
    /// scan-on-push flag.
    ///
    /// ## Why is this bad?
    /// An image pushed without a scan can carry known-vulnerable packages straight into
    /// production; nobody looks at it until something goes wrong.
    ///
    /// ## Example
    /// `aws ecr get-registry-scanning-configuration` shows no rules and `describe-repositories`
    /// shows `"scanOnPush": false`. Fix: `aws ecr put-registry-scanning-configuration --scan-type
    /// BASIC --rules '[{"scanFrequency":"SCAN_ON_PUSH","repositoryFilters":[{"filter":"*","filterType":"WILDCARD"}]}]'`
    /// (or `ENHANCED` with Amazon Inspector).
    ///
    /// ## Not evaluated when
    /// The region's repositories could not be listed (one finding for the region), or its
    /// registry scanning configuration could not be read and the repository's own flag is off.
    pub ECR_REPOSITORY_SCAN_ON_PUSH = "ecr_repository_scan_on_push",
    pillar: Pillar::Security,
    service: Service::Ecr,
    severity: Severity::Medium,
    best_practices: &[direct("SEC11-BP02")],
    since: "0.2.0",
    title: "ECR images are scanned for vulnerabilities automatically",
    remediation: "aws ecr put-registry-scanning-configuration --scan-type BASIC --rules '[{\"scanFrequency\":\"SCAN_ON_PUSH\",\"repositoryFilters\":[{\"filter\":\"*\",\"filterType\":\"WILDCARD\"}]}]'",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &ECR_REPOSITORY_SCAN_ON_PUSH;
    let mut findings = Vec::new();
    for (region, ecr) in &ctx.snapshot.ecr {
        let repositories = match &ecr.repositories {
            Fetched::Ok(repositories) => repositories,
            Fetched::Failed(gap) => {
                findings.push(check.not_evaluated(&ctx.snapshot.account_resource(region), gap));
                continue;
            }
        };
        for repository in repositories {
            let name = &repository.name;
            let rule = match &ecr.registry_scanning {
                Fetched::Ok(scanning) => scanning
                    .automatic_rule_for(name)
                    .map(|rule| (scanning.scan_type.as_str(), rule.frequency.as_str())),
                Fetched::Failed(gap) => {
                    findings.push(if repository.scan_on_push {
                        check.pass(repository, format!("repository {name} is scanned on push"))
                    } else {
                        check.not_evaluated(repository, gap)
                    });
                    continue;
                }
            };
            findings.push(match rule {
                Some((scan_type, frequency)) => check.pass(
                    repository,
                    format!(
                        "repository {name} is scanned by a {scan_type} registry rule ({frequency})"
                    ),
                ),
                None if repository.scan_on_push => {
                    check.pass(repository, format!("repository {name} is scanned on push"))
                }
                None => check.fail(
                    repository,
                    format!(
                        "repository {name} is not scanned on push and no registry scanning rule covers it"
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
    use crate::model::ecr::{RegistryScanning, ScanningRule};
    use crate::testing::*;

    #[test]
    fn flag_or_matching_rule_passes_neither_fails() {
        let mut snap = snapshot();
        let mut unscanned = repository("legacy");
        unscanned.scan_on_push = false;
        let mut covered = repository("prod-api");
        covered.scan_on_push = false;
        ecr(&mut snap).repositories = Fetched::Ok(vec![repository("web"), unscanned, covered]);
        ecr(&mut snap).registry_scanning = Fetched::Ok(RegistryScanning {
            scan_type: "ENHANCED".into(),
            rules: vec![ScanningRule {
                frequency: "CONTINUOUS_SCAN".into(),
                filters: vec!["prod-*".into()],
            }],
        });

        let findings = run(&ECR_REPOSITORY_SCAN_ON_PUSH, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("web", Pass), ("legacy", Fail), ("prod-api", Pass)])
        );
        assert_eq!(
            findings[1].message,
            "repository legacy is not scanned on push and no registry scanning rule covers it"
        );
        assert_eq!(
            findings[2].message,
            "repository prod-api is scanned by a ENHANCED registry rule (CONTINUOUS_SCAN)"
        );
    }

    #[test]
    fn unreadable_registry_or_list_is_not_evaluated() {
        let mut snap = snapshot();
        let mut unscanned = repository("legacy");
        unscanned.scan_on_push = false;
        ecr(&mut snap).repositories = Fetched::Ok(vec![repository("web"), unscanned]);
        ecr(&mut snap).registry_scanning =
            Fetched::Failed(denied("GetRegistryScanningConfiguration"));
        assert_eq!(
            statuses(&run(&ECR_REPOSITORY_SCAN_ON_PUSH, &snap)),
            expect(&[("web", Pass), ("legacy", NotEvaluated)])
        );

        ecr(&mut snap).repositories = Fetched::Failed(denied("DescribeRepositories"));
        assert_eq!(
            statuses(&run(&ECR_REPOSITORY_SCAN_ON_PUSH, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
