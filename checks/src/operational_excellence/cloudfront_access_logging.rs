use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Resource, Service};

declare_check! {
    /// ## What it does
    /// Checks that every CloudFront distribution writes standard (access) logs.
    ///
    /// ## Why is this bad?
    /// The access logs are the record of what viewers asked for and got: error rates per path, cache hit
    /// ratio, slow edges, and, after an incident, who requested what.
    ///
    /// ## Example
    /// `aws cloudfront get-distribution-config --id D` shows `"Logging": {"Enabled": false}`. Fix: set
    /// `Logging.Enabled` and `Logging.Bucket` (or configure CloudWatch Logs delivery) and update it.
    ///
    /// ## Not evaluated when
    /// The distributions could not be listed.
    pub CLOUDFRONT_ACCESS_LOGGING = "cloudfront_access_logging",
    pillar: Pillar::OperationalExcellence,
    service: Service::Cloudfront,
    severity: Severity::Low,
    best_practices: &[indirect("OPS08-BP02")],
    since: "0.3.0",
    title: "CloudFront distributions log viewer requests",
    remediation: "Turn on standard logging: set Logging.Enabled=true and Logging.Bucket in the distribution config, then aws cloudfront update-distribution",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &CLOUDFRONT_ACCESS_LOGGING;
    let distributions = match &ctx.snapshot.cloudfront.distributions {
        Fetched::Ok(distributions) => distributions,
        Fetched::Failed(why) => {
            return vec![check.not_evaluated(&ctx.snapshot.account_resource("global"), why)]
        }
    };
    distributions
        .iter()
        .map(|d| {
            let label = d.resource().label();
            match &d.logging {
                Fetched::Ok(true) => {
                    check.pass(d, format!("distribution {label} logs viewer requests"))
                }
                Fetched::Ok(false) => check.fail(
                    d,
                    format!("distribution {label} does not log viewer requests"),
                ),
                Fetched::Failed(why) => check.not_evaluated(d, why),
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
    fn good_passes_bad_fails_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        let mut bad = distribution("E2");
        bad.logging = Fetched::Ok(false);
        snap.cloudfront.distributions = Fetched::Ok(vec![distribution("E1"), bad]);

        let findings = run(&CLOUDFRONT_ACCESS_LOGGING, &snap);

        assert_eq!(statuses(&findings), expect(&[("E1", Pass), ("E2", Fail)]));
        assert_eq!(
            findings[1].message,
            "distribution E2 does not log viewer requests"
        );

        snap.cloudfront.distributions = Fetched::Failed(denied("ListDistributions"));
        assert_eq!(
            statuses(&run(&CLOUDFRONT_ACCESS_LOGGING, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
