use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks, in every scanned region, that the account is subscribed to Security Hub. One
    /// finding per region, about the account.
    ///
    /// ## Why is this bad?
    /// Security Hub gathers the findings of GuardDuty, Inspector, Macie, IAM Access Analyzer and
    /// Config in one place and format, and runs the AWS Foundational Security Best Practices
    /// controls continuously. Without it those findings stay scattered per service and region,
    /// and nobody sees the whole picture.
    ///
    /// ## Example
    /// `aws securityhub describe-hub --region R` answers `InvalidAccessException: Account ... is
    /// not subscribed to AWS Security Hub`. Fix: `aws securityhub enable-security-hub
    /// --enable-default-standards --region R` (or a delegated administrator enables it
    /// organization-wide, with cross-region aggregation).
    ///
    /// ## Not evaluated when
    /// The region's hub could not be read.
    pub SECURITYHUB_ENABLED = "securityhub_enabled",
    pillar: Pillar::Security,
    service: Service::Securityhub,
    severity: Severity::Medium,
    best_practices: &[direct("SEC04-BP02")],
    since: "0.2.0",
    title: "Security Hub is enabled in every region",
    remediation: "In each region: aws securityhub enable-security-hub --enable-default-standards --region REGION",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &SECURITYHUB_ENABLED;
    ctx.snapshot
        .securityhub
        .iter()
        .map(|(region, securityhub)| {
            let account = ctx.snapshot.account_resource(region);
            match &securityhub.hub {
                Fetched::Ok(Some(hub)) => {
                    let since = hub
                        .subscribed_at
                        .as_deref()
                        .and_then(|at| at.get(..10))
                        .map(|day| format!(" (since {day})"))
                        .unwrap_or_default();
                    check.pass(
                        &account,
                        format!("Security Hub is enabled in {region}{since}"),
                    )
                }
                Fetched::Ok(None) => {
                    check.fail(&account, format!("Security Hub is not enabled in {region}"))
                }
                Fetched::Failed(why) => check.not_evaluated(&account, why),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::{self, *};
    use crate::model::SecurityHubRegion;
    use crate::testing::*;

    #[test]
    fn one_finding_per_region() {
        let mut snap = snapshot();
        snap.securityhub.insert(
            "eu-west-1".into(),
            SecurityHubRegion {
                hub: Fetched::Ok(None),
                standards: Fetched::Ok(vec![]),
            },
        );
        snap.securityhub.insert(
            "ap-south-1".into(),
            SecurityHubRegion {
                hub: Fetched::Failed(denied("DescribeHub")),
                standards: Fetched::Failed(denied("DescribeHub")),
            },
        );

        let findings = run(&SECURITYHUB_ENABLED, &snap);

        let by_region: Vec<(&str, Status)> = findings
            .iter()
            .map(|f| (f.region.as_str(), f.status))
            .collect();
        assert_eq!(
            by_region,
            [
                ("ap-south-1", NotEvaluated),
                ("eu-west-1", Fail),
                (REGION, Pass)
            ]
        );
        assert_eq!(
            findings[1].message,
            "Security Hub is not enabled in eu-west-1"
        );
        assert_eq!(
            findings[2].message,
            "Security Hub is enabled in us-east-1 (since 2025-01-15)"
        );
    }
}
