use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Gap, Service};

const MODE: &str = "routing.http.desync_mitigation_mode";

declare_check! {
    /// ## What it does
    /// Checks that every Application Load Balancer blocks ambiguous requests that could
    /// desynchronise it from its targets: `routing.http.desync_mitigation_mode` is `defensive`
    /// (the default) or `strictest`, not `monitor`. Other load balancer types are skipped.
    ///
    /// ## Why is this bad?
    /// In `monitor` mode the load balancer forwards requests it classifies as ambiguous
    /// (conflicting `Content-Length` and `Transfer-Encoding`, for one): the raw material of HTTP
    /// request smuggling, where an attacker's request is glued to the next user's. Blocking them
    /// at the edge is inspection-based protection (SEC05-BP03, as a proxy).
    ///
    /// ## Example
    /// `aws elbv2 describe-load-balancer-attributes --load-balancer-arn ARN` shows
    /// `routing.http.desync_mitigation_mode` `monitor`. Fix: `aws elbv2
    /// modify-load-balancer-attributes --load-balancer-arn ARN --attributes
    /// Key=routing.http.desync_mitigation_mode,Value=defensive`.
    ///
    /// ## Not evaluated when
    /// The region's load balancers, or this one's attributes, could not be read, or the
    /// attributes lacked the mode.
    pub ELBV2_DESYNC_MITIGATION_MODE = "elbv2_desync_mitigation_mode",
    pillar: Pillar::Security,
    service: Service::Elbv2,
    severity: Severity::Medium,
    best_practices: &[indirect("SEC05-BP03")],
    since: "0.5.0",
    title: "Application Load Balancers block requests that could smuggle others",
    remediation: "aws elbv2 modify-load-balancer-attributes --load-balancer-arn ARN --attributes Key=routing.http.desync_mitigation_mode,Value=defensive",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &ELBV2_DESYNC_MITIGATION_MODE;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.elbv2,
        |region| &region.load_balancers,
        |lb| {
            if !lb.is_application() {
                return None;
            }
            let attributes = match &lb.attributes {
                Fetched::Ok(attributes) => attributes,
                Fetched::Failed(why) => return Some(check.not_evaluated(lb, why)),
            };
            Some(match attributes.get(MODE).map(String::as_str) {
                Some(mode @ ("defensive" | "strictest")) => check.pass(
                    lb,
                    format!("load balancer {} mitigates desync in {mode} mode", lb.name),
                ),
                Some(mode) => check.fail(
                    lb,
                    format!(
                        "load balancer {} forwards ambiguous requests (desync mitigation {mode})",
                        lb.name
                    ),
                ),
                None => check.not_evaluated(
                    lb,
                    &Gap::missing_on(
                        Service::Elbv2,
                        &lb.region,
                        "DescribeLoadBalancerAttributes",
                        &lb.name,
                        MODE,
                    ),
                ),
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
    fn defensive_or_strictest_pass_monitor_fails_unknown_is_not_evaluated() {
        let mut snap = snapshot();
        let with = |name: &str, mode: Option<&str>| {
            let mut lb = load_balancer(name);
            if let Fetched::Ok(attributes) = &mut lb.attributes {
                match mode {
                    Some(mode) => attributes.insert(MODE.into(), mode.into()),
                    None => attributes.remove(MODE),
                };
            }
            lb
        };
        elbv2(&mut snap).load_balancers = Fetched::Ok(vec![
            with("default", Some("defensive")),
            with("strict", Some("strictest")),
            with("watch", Some("monitor")),
            with("cut", None),
        ]);

        let findings = run(&ELBV2_DESYNC_MITIGATION_MODE, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("default", Pass),
                ("strict", Pass),
                ("watch", Fail),
                ("cut", NotEvaluated),
            ])
        );
    }
}
