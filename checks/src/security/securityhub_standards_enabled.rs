use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks, in every scanned region, that Security Hub runs at least one security standard
    /// (AWS Foundational Security Best Practices, CIS AWS Foundations, NIST SP 800-53, PCI DSS)
    /// and that it is ready (`READY`, or `INCOMPLETE` when some controls could not be enabled).
    /// The resource tagging standard does not count. One finding per region, about the account.
    ///
    /// ## Why is this bad?
    /// A standard turns control objectives into controls that are evaluated continuously
    /// against every resource, with a score per standard. A hub with no standard only collects
    /// other services' findings: nobody learns that a new bucket is public or a new trail is
    /// unencrypted until someone looks.
    ///
    /// ## Example
    /// `aws securityhub get-enabled-standards --region R` lists nothing, or only standards in
    /// `FAILED` or `DELETING`. Fix: `aws securityhub batch-enable-standards
    /// --standards-subscription-requests StandardsArn=arn:aws:securityhub:R::standards/aws-foundational-security-best-practices/v/1.0.0`.
    ///
    /// ## Not evaluated when
    /// The region's hub or its enabled standards could not be read, or a standard's status was
    /// missing from the answer (and no other standard is ready).
    pub SECURITYHUB_STANDARDS_ENABLED = "securityhub_standards_enabled",
    pillar: Pillar::Security,
    service: Service::Securityhub,
    severity: Severity::Medium,
    best_practices: &[direct("SEC01-BP03")],
    since: "0.5.0",
    title: "Security Hub checks a security standard in every region",
    remediation: "aws securityhub batch-enable-standards --standards-subscription-requests StandardsArn=arn:aws:securityhub:REGION::standards/aws-foundational-security-best-practices/v/1.0.0 --region REGION",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &SECURITYHUB_STANDARDS_ENABLED;
    ctx.snapshot
        .securityhub
        .iter()
        .map(|(region, securityhub)| {
            let account = ctx.snapshot.account_resource(region);
            match &securityhub.hub {
                Fetched::Failed(why) => return check.not_evaluated(&account, why),
                Fetched::Ok(None) => {
                    return check.fail(
                        &account,
                        format!(
                            "Security Hub is not enabled in {region}, so no standard is checked"
                        ),
                    )
                }
                Fetched::Ok(Some(_)) => {}
            }
            let standards = match &securityhub.standards {
                Fetched::Ok(standards) => standards,
                Fetched::Failed(why) => return check.not_evaluated(&account, why),
            };
            let security: Vec<_> = standards
                .iter()
                .filter(|s| s.is_security_standard())
                .collect();
            let ready: Vec<&str> = security
                .iter()
                .filter(|s| matches!(s.status.as_deref(), Some("READY" | "INCOMPLETE")))
                .map(|s| s.name())
                .collect();
            if !ready.is_empty() {
                return check.pass(
                    &account,
                    format!("Security Hub checks {} in {region}", ready.join(", ")),
                );
            }
            if let Some(vague) = security.iter().find(|s| s.status.is_none()) {
                let why = crate::model::Gap::missing_on(
                    Service::Securityhub,
                    region,
                    "GetEnabledStandards",
                    vague.name(),
                    "StandardsStatus",
                );
                return check.not_evaluated(&account, &why);
            }
            if security.is_empty() {
                return check.fail(
                    &account,
                    format!("Security Hub checks no security standard in {region}"),
                );
            }
            let states: Vec<String> = security
                .iter()
                .map(|s| format!("{} is {}", s.name(), s.status.as_deref().unwrap_or("?")))
                .collect();
            check.fail(
                &account,
                format!(
                    "no security standard is ready in {region} ({})",
                    states.join("; ")
                ),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::{self, *};
    use crate::model::securityhub::{Hub, StandardsSubscription};
    use crate::model::SecurityHubRegion;
    use crate::testing::*;

    fn hub_with(standards: Fetched<Vec<StandardsSubscription>>) -> SecurityHubRegion {
        SecurityHubRegion {
            hub: Fetched::Ok(Some(Hub {
                arn: "arn:hub".into(),
                subscribed_at: None,
            })),
            standards,
        }
    }

    fn standard(path: &str, status: Option<&str>) -> StandardsSubscription {
        StandardsSubscription {
            standards_arn: format!("arn:aws:securityhub:eu-west-1::standards/{path}"),
            status: status.map(str::to_string),
        }
    }

    #[test]
    fn one_finding_per_region() {
        let mut snap = snapshot();
        let hubs = &mut snap.securityhub;
        hubs.insert(
            "eu-west-1".into(),
            hub_with(Fetched::Ok(vec![
                standard("aws-resource-tagging-standard/v/1.0.0", Some("READY")),
                standard("cis-aws-foundations-benchmark/v/3.0.0", Some("FAILED")),
            ])),
        );
        hubs.insert("eu-central-1".into(), hub_with(Fetched::Ok(vec![])));
        hubs.insert(
            "ap-south-1".into(),
            SecurityHubRegion {
                hub: Fetched::Ok(None),
                standards: Fetched::Ok(vec![]),
            },
        );
        hubs.insert(
            "sa-east-1".into(),
            hub_with(Fetched::Failed(denied("GetEnabledStandards"))),
        );
        hubs.insert(
            "ca-central-1".into(),
            hub_with(Fetched::Ok(vec![standard("nist-800-53/v/5.0.0", None)])),
        );

        let findings = run(&SECURITYHUB_STANDARDS_ENABLED, &snap);

        let by_region: Vec<(&str, Status)> = findings
            .iter()
            .map(|f| (f.region.as_str(), f.status))
            .collect();
        assert_eq!(
            by_region,
            [
                ("ap-south-1", Fail),
                ("ca-central-1", NotEvaluated),
                ("eu-central-1", Fail),
                ("eu-west-1", Fail),
                ("sa-east-1", NotEvaluated),
                (REGION, Pass)
            ]
        );
        assert_eq!(
            findings[0].message,
            "Security Hub is not enabled in ap-south-1, so no standard is checked"
        );
        assert_eq!(
            findings[2].message,
            "Security Hub checks no security standard in eu-central-1"
        );
        assert_eq!(
            findings[3].message,
            "no security standard is ready in eu-west-1 (cis-aws-foundations-benchmark/v/3.0.0 is FAILED)"
        );
        assert_eq!(
            findings[5].message,
            "Security Hub checks aws-foundational-security-best-practices/v/1.0.0 in us-east-1"
        );
    }
}
