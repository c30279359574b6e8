use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::inspector2::Scanned;
use crate::model::{Fetched, Gap, Service, Snapshot};

declare_check! {
    /// ## What it does
    /// Checks, in every scanned region that has EC2 instances, ECR repositories or Lambda
    /// functions, that Amazon Inspector scans each of those resource types for software
    /// vulnerabilities (its EC2, ECR and Lambda scanning is `ENABLED`). One finding per region,
    /// about the account; a region with none of those resources gives none.
    ///
    /// ## Why is this bad?
    /// Known vulnerabilities (CVEs) in operating system packages, container images and function
    /// dependencies are the commonest way in. Inspector finds them continuously, as soon as a
    /// CVE is published, and ranks them by exploitability and network reachability: without it
    /// nobody learns that a running instance or image is exposed until it is exploited.
    ///
    /// ## Example
    /// `aws inspector2 batch-get-account-status --region R` shows `"ec2": {"status":
    /// "DISABLED"}` in a region with running instances. Fix: `aws inspector2 enable
    /// --resource-types EC2 ECR LAMBDA --region R` (or, with AWS Organizations, a delegated
    /// administrator enables it for every account).
    ///
    /// ## Not evaluated when
    /// Inspector's account status in the region could not be read, or a resource type is not
    /// scanned and whether the region has resources of that type could not be read.
    pub INSPECTOR2_SCANNING = "inspector2_scanning",
    pillar: Pillar::Security,
    service: Service::Inspector2,
    severity: Severity::High,
    best_practices: &[direct("SEC06-BP01"), direct("SEC06-BP05")],
    since: "0.5.0",
    title: "Amazon Inspector scans instances, images and functions for vulnerabilities",
    remediation: "aws inspector2 enable --resource-types EC2 ECR LAMBDA --region REGION (or enable it organization-wide from the delegated administrator)",
    evaluate: evaluate,
}

/// How many resources of `kind` the region has (live EC2 instances), or why that is unknown.
fn count(snap: &Snapshot, region: &str, kind: Scanned) -> Result<usize, Gap> {
    match kind {
        Scanned::Ec2 => match snap.ec2.get(region).map(|r| &r.instances) {
            Some(Fetched::Ok(instances)) => Ok(instances
                .iter()
                .filter(|i| i.state != "terminated" && i.state != "shutting-down")
                .count()),
            Some(Fetched::Failed(why)) => Err(why.clone()),
            None => Err(Gap::not_collected(Service::Ec2, "DescribeInstances")),
        },
        Scanned::Ecr => match snap.ecr.get(region).map(|r| &r.repositories) {
            Some(Fetched::Ok(repositories)) => Ok(repositories.len()),
            Some(Fetched::Failed(why)) => Err(why.clone()),
            None => Err(Gap::not_collected(Service::Ecr, "DescribeRepositories")),
        },
        Scanned::Lambda => match snap.lambda.get(region).map(|r| &r.functions) {
            Some(Fetched::Ok(functions)) => Ok(functions.len()),
            Some(Fetched::Failed(why)) => Err(why.clone()),
            None => Err(Gap::not_collected(Service::Lambda, "ListFunctions")),
        },
    }
}

fn noun(kind: Scanned, n: usize) -> String {
    let (one, many) = match kind {
        Scanned::Ec2 => ("instance", "instances"),
        Scanned::Ecr => ("repository", "repositories"),
        Scanned::Lambda => ("function", "functions"),
    };
    format!("{n} {}", if n == 1 { one } else { many })
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &INSPECTOR2_SCANNING;
    let snap = ctx.snapshot;
    snap.inspector2
        .iter()
        .filter_map(|(region, inspector)| {
            let account = snap.account_resource(region);
            let status = match &inspector.account {
                Fetched::Ok(status) => status,
                Fetched::Failed(why) => return Some(check.not_evaluated(&account, why)),
            };
            let mut scanned = Vec::new();
            let mut missing = Vec::new();
            let mut unknown = None;
            for kind in Scanned::ALL {
                let on = status.of(kind) == Some("ENABLED");
                match count(snap, region, kind) {
                    Ok(0) => {}
                    Ok(n) if on => scanned.push(format!("{} ({})", kind.name(), noun(kind, n))),
                    Ok(n) => missing.push(format!("{} ({})", kind.name(), noun(kind, n))),
                    Err(_) if on => scanned.push(kind.name().to_string()),
                    Err(why) => {
                        unknown.get_or_insert(why);
                    }
                }
            }
            if !missing.is_empty() {
                return Some(check.fail(
                    &account,
                    format!("Inspector does not scan {} in {region}", missing.join(", ")),
                ));
            }
            if let Some(why) = unknown {
                return Some(check.not_evaluated(&account, &why));
            }
            if scanned.is_empty() {
                // No instance, repository or function to scan: nothing to say.
                return None;
            }
            Some(check.pass(
                &account,
                format!("Inspector scans {} in {region}", scanned.join(", ")),
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::{self, *};
    use crate::model::inspector2::AccountStatus;
    use crate::model::Inspector2Region;
    use crate::testing::*;

    fn by_region(findings: &[Finding]) -> Vec<(&str, Status)> {
        findings
            .iter()
            .map(|f| (f.region.as_str(), f.status))
            .collect()
    }

    fn status(ec2: &str, ecr: &str, lambda: &str) -> Inspector2Region {
        Inspector2Region {
            account: Fetched::Ok(AccountStatus {
                status: Some("ENABLED".into()),
                ec2: Some(ec2.into()),
                ecr: Some(ecr.into()),
                lambda: Some(lambda.into()),
                lambda_code: Some("DISABLED".into()),
            }),
            critical_findings: Fetched::Ok(vec![]),
        }
    }

    #[test]
    fn scanned_types_pass_unscanned_ones_with_resources_fail() {
        let mut snap = snapshot();
        ec2(&mut snap).instances = Fetched::Ok(vec![instance("web"), instance("api")]);
        ecr(&mut snap);
        lambda(&mut snap).functions = Fetched::Ok(vec![function("worker")]);
        snap.inspector2
            .insert(REGION.into(), status("ENABLED", "DISABLED", "DISABLED"));

        let findings = run(&INSPECTOR2_SCANNING, &snap);

        assert_eq!(by_region(&findings), [(REGION, Fail)]);
        assert_eq!(
            findings[0].message,
            "Inspector does not scan Lambda (1 function) in us-east-1"
        );

        snap.inspector2
            .insert(REGION.into(), status("ENABLED", "DISABLED", "ENABLED"));
        let findings = run(&INSPECTOR2_SCANNING, &snap);
        assert_eq!(by_region(&findings), [(REGION, Pass)]);
        assert_eq!(
            findings[0].message,
            "Inspector scans EC2 (2 instances), Lambda (1 function) in us-east-1"
        );
    }

    #[test]
    fn a_region_with_nothing_to_scan_gives_no_finding() {
        let mut snap = snapshot();
        ecr(&mut snap);
        snap.inspector2
            .insert(REGION.into(), status("DISABLED", "DISABLED", "DISABLED"));
        assert!(run(&INSPECTOR2_SCANNING, &snap).is_empty());
    }

    #[test]
    fn unreadable_status_or_resources_are_not_evaluated() {
        let mut snap = snapshot();
        snap.inspector2.insert(
            REGION.into(),
            Inspector2Region {
                account: Fetched::Failed(denied("BatchGetAccountStatus")),
                critical_findings: Fetched::Failed(denied("BatchGetAccountStatus")),
            },
        );
        let findings = run(&INSPECTOR2_SCANNING, &snap);
        assert_eq!(by_region(&findings), [(REGION, NotEvaluated)]);

        let mut snap = snapshot();
        ecr(&mut snap).repositories = Fetched::Failed(denied("DescribeRepositories"));
        snap.inspector2
            .insert(REGION.into(), status("ENABLED", "DISABLED", "ENABLED"));
        let findings = run(&INSPECTOR2_SCANNING, &snap);
        assert_eq!(by_region(&findings), [(REGION, NotEvaluated)]);
    }
}
