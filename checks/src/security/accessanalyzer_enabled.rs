use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks, in every scanned region, that IAM Access Analyzer has an active external-access
    /// analyzer (of type `ACCOUNT` or `ORGANIZATION`). One finding per region, about the account.
    ///
    /// ## Why is this bad?
    /// The analyzer reads the resource policies of buckets, roles, keys, queues, snapshots and more,
    /// and reports those that grant access to another account or to the public. Without it, a
    /// policy that opens data to the world is found by whoever looks for it first.
    ///
    /// ## Example
    /// `aws accessanalyzer list-analyzers --region R` has no `ACTIVE` analyzer of type `ACCOUNT` or
    /// `ORGANIZATION`. Fix: `aws accessanalyzer create-analyzer --type ACCOUNT --analyzer-name account`.
    ///
    /// ## Not evaluated when
    /// The region's analyzers could not be listed.
    pub ACCESSANALYZER_ENABLED = "accessanalyzer_enabled",
    pillar: Pillar::Security,
    service: Service::AccessAnalyzer,
    severity: Severity::Medium,
    best_practices: &[direct("SEC03-BP07")],
    since: "0.3.0",
    title: "IAM Access Analyzer is enabled in every region",
    remediation: "aws accessanalyzer create-analyzer --analyzer-name account --type ACCOUNT --region REGION (or --type ORGANIZATION from the delegated administrator)",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &ACCESSANALYZER_ENABLED;
    ctx.snapshot
        .accessanalyzer
        .iter()
        .map(|(region, aa)| {
            let account = ctx.snapshot.account_resource(region);
            match &aa.analyzers {
                Fetched::Ok(analyzers) => match analyzers.iter().find(|a| {
                    a.status == "ACTIVE"
                        && matches!(a.analyzer_type.as_str(), "ACCOUNT" | "ORGANIZATION")
                }) {
                    Some(a) => check.pass(
                        &account,
                        format!(
                            "analyzer {} ({}) is active in {region}",
                            a.name, a.analyzer_type
                        ),
                    ),
                    None => check.fail(
                        &account,
                        format!("no active external-access analyzer in {region}"),
                    ),
                },
                Fetched::Failed(why) => check.not_evaluated(&account, why),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    #[test]
    fn active_analyzer_passes_none_fails_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        let findings = run(&ACCESSANALYZER_ENABLED, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Fail)]));
        assert_eq!(
            findings[0].message,
            "no active external-access analyzer in us-east-1"
        );
        let mut unused = analyzer("unused");
        unused.analyzer_type = "ACCOUNT_UNUSED_ACCESS".into();
        access_analyzer(&mut snap).analyzers = Fetched::Ok(vec![unused]);
        assert_eq!(
            statuses(&run(&ACCESSANALYZER_ENABLED, &snap)),
            expect(&[(ACCOUNT, Fail)])
        );
        access_analyzer(&mut snap).analyzers = Fetched::Ok(vec![analyzer("account")]);
        let findings = run(&ACCESSANALYZER_ENABLED, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "analyzer account (ACCOUNT) is active in us-east-1"
        );
        access_analyzer(&mut snap).analyzers = Fetched::Failed(denied("ListAnalyzers"));
        assert_eq!(
            statuses(&run(&ACCESSANALYZER_ENABLED, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
