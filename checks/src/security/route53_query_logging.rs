use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that every public Route 53 hosted zone logs the DNS queries it answers.
    ///
    /// ## Why is this bad?
    /// DNS query logs show which names are looked up, from where and how often: the trace of
    /// subdomain enumeration, of data exfiltration over DNS, of a domain takeover attempt, and what an
    /// investigation needs after one.
    ///
    /// ## Example
    /// `aws route53 list-query-logging-configs --hosted-zone-id Z` is empty. Fix: create a log group
    /// in us-east-1 and `aws route53 create-query-logging-config`.
    ///
    /// ## Not evaluated when
    /// The hosted zones or the query logging configurations could not be listed.
    pub ROUTE53_QUERY_LOGGING = "route53_query_logging",
    pillar: Pillar::Security,
    service: Service::Route53,
    severity: Severity::Low,
    best_practices: &[direct("SEC04-BP01")],
    since: "0.3.0",
    title: "Route 53 public hosted zones log DNS queries",
    remediation: "aws route53 create-query-logging-config --hosted-zone-id ZONE --cloud-watch-logs-log-group-arn arn:aws:logs:us-east-1:ACCOUNT:log-group:/aws/route53/ZONE",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &ROUTE53_QUERY_LOGGING;
    let r53 = &ctx.snapshot.route53;
    let account = ctx.snapshot.account_resource("global");
    let zones = match &r53.hosted_zones {
        Fetched::Ok(zones) => zones,
        Fetched::Failed(why) => return vec![check.not_evaluated(&account, why)],
    };
    let logged = match &r53.query_logged_zones {
        Fetched::Ok(logged) => logged,
        Fetched::Failed(why) => {
            return zones
                .iter()
                .filter(|z| !z.private)
                .map(|z| check.not_evaluated(z, why))
                .collect()
        }
    };
    zones
        .iter()
        .filter(|z| !z.private)
        .map(|z| {
            if logged.contains(&z.id) {
                check.pass(z, format!("zone {} logs DNS queries", z.name))
            } else {
                check.fail(z, format!("zone {} does not log DNS queries", z.name))
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
    fn logged_passes_unlogged_fails_private_skipped_unlisted_not_evaluated() {
        let mut snap = snapshot();
        let mut private = hosted_zone("Z3", "internal.");
        private.private = true;
        snap.route53.hosted_zones = Fetched::Ok(vec![
            hosted_zone("Z1", "logged.example."),
            hosted_zone("Z2", "quiet.example."),
            private,
        ]);
        snap.route53.query_logged_zones = Fetched::Ok(vec!["Z1".into()]);
        let findings = run(&ROUTE53_QUERY_LOGGING, &snap);
        assert_eq!(
            statuses(&findings),
            expect(&[("logged.example.", Pass), ("quiet.example.", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "zone quiet.example. does not log DNS queries"
        );
        snap.route53.hosted_zones = Fetched::Failed(denied("ListHostedZones"));
        assert_eq!(
            statuses(&run(&ROUTE53_QUERY_LOGGING, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
