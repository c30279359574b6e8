use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that every Application and Network Load Balancer writes access logs to S3
    /// (`access_logs.s3.enabled`). Gateway Load Balancers, which have no access logs, give no
    /// finding.
    ///
    /// ## Why is this bad?
    /// The load balancer is where every request from outside arrives. Without its logs there is no
    /// record of client addresses, paths, TLS versions or response codes to investigate an attack
    /// or an outage with.
    ///
    /// ## Example
    /// `aws elbv2 describe-load-balancer-attributes --load-balancer-arn LB` shows
    /// `access_logs.s3.enabled` `false`. Fix: `aws elbv2 modify-load-balancer-attributes
    /// --load-balancer-arn LB --attributes Key=access_logs.s3.enabled,Value=true
    /// Key=access_logs.s3.bucket,Value=LOG-BUCKET`.
    ///
    /// ## Not evaluated when
    /// The region's load balancers could not be listed (one finding for the region), or this load
    /// balancer's attributes could not be read.
    pub ELBV2_ACCESS_LOGS = "elbv2_access_logs",
    pillar: Pillar::Security,
    service: Service::Elbv2,
    severity: Severity::Medium,
    best_practices: &[direct("SEC04-BP01")],
    since: "0.2.0",
    title: "Load balancers write access logs",
    remediation: "aws elbv2 modify-load-balancer-attributes --load-balancer-arn LB --attributes Key=access_logs.s3.enabled,Value=true Key=access_logs.s3.bucket,Value=LOG-BUCKET",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &ELBV2_ACCESS_LOGS;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.elbv2,
        |region| &region.load_balancers,
        |lb| {
            if lb.kind == "gateway" {
                return None;
            }
            Some(match lb.attribute_on("access_logs.s3.enabled") {
                Fetched::Ok(true) => {
                    let bucket = lb
                        .attributes
                        .ok()
                        .and_then(|a| a.get("access_logs.s3.bucket"))
                        .filter(|b| !b.is_empty())
                        .map(|b| format!(" to bucket {b}"))
                        .unwrap_or_default();
                    check.pass(
                        lb,
                        format!("load balancer {} writes access logs{bucket}", lb.name),
                    )
                }
                Fetched::Ok(false) => check.fail(
                    lb,
                    format!("load balancer {} writes no access logs", lb.name),
                ),
                Fetched::Failed(why) => check.not_evaluated(lb, &why),
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    #[test]
    fn logging_passes_silent_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut silent = load_balancer("legacy");
        silent.attributes = Fetched::Ok(Default::default());
        let mut unreadable = load_balancer("admin");
        unreadable.attributes = Fetched::Failed(denied("DescribeLoadBalancerAttributes"));
        elbv2(&mut snap).load_balancers =
            Fetched::Ok(vec![load_balancer("shop"), silent, unreadable]);

        let findings = run(&ELBV2_ACCESS_LOGS, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("shop", Pass), ("legacy", Fail), ("admin", NotEvaluated)])
        );
        assert_eq!(
            findings[0].message,
            "load balancer shop writes access logs to bucket logs"
        );
        assert_eq!(
            findings[1].message,
            "load balancer legacy writes no access logs"
        );
    }
}
