use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that every Application Load Balancer serves only HTTPS: each `HTTP` listener must
    /// redirect to HTTPS. Network and Gateway Load Balancers give no finding (plain TCP/UDP
    /// listeners there usually carry traffic the targets encrypt themselves).
    ///
    /// ## Why is this bad?
    /// Plain HTTP sends cookies, tokens and form data readable and alterable by anyone on the
    /// path: public Wi-Fi, a compromised router, an ISP injecting content.
    ///
    /// ## Example
    /// `aws elbv2 describe-listeners --load-balancer-arn LB` shows `"Protocol": "HTTP"` with a
    /// `forward` default action. Fix: add an HTTPS listener with an ACM certificate, then
    /// `aws elbv2 modify-listener --listener-arn L --default-actions
    /// 'Type=redirect,RedirectConfig={Protocol=HTTPS,Port=443,StatusCode=HTTP_301}'`.
    ///
    /// ## Not evaluated when
    /// The region's load balancers could not be listed (one finding for the region), or this load
    /// balancer's listeners could not be read.
    pub ELBV2_LISTENERS_HTTPS = "elbv2_listeners_https",
    pillar: Pillar::Security,
    service: Service::Elbv2,
    severity: Severity::High,
    best_practices: &[direct("SEC09-BP02")],
    since: "0.2.0",
    title: "Application Load Balancers serve HTTPS only",
    remediation: "Add an HTTPS listener with an ACM certificate, then redirect HTTP: aws elbv2 modify-listener --listener-arn LISTENER --default-actions 'Type=redirect,RedirectConfig={Protocol=HTTPS,Port=443,StatusCode=HTTP_301}'",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &ELBV2_LISTENERS_HTTPS;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.elbv2,
        |region| &region.load_balancers,
        |lb| {
            if !lb.is_application() {
                return None;
            }
            let listeners = match &lb.listeners {
                Fetched::Ok(listeners) => listeners,
                Fetched::Failed(why) => return Some(check.not_evaluated(lb, why)),
            };
            let plain: Vec<String> = listeners
                .iter()
                .filter(|l| l.protocol == "HTTP" && !l.redirects_to_https)
                .map(|l| l.label())
                .collect();
            Some(if plain.is_empty() {
                check.pass(lb, format!("load balancer {} serves HTTPS only", lb.name))
            } else {
                check.fail(
                    lb,
                    format!(
                        "load balancer {} serves plain HTTP without redirecting to HTTPS ({})",
                        lb.name,
                        plain.join(", ")
                    ),
                )
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
    fn https_or_redirect_passes_plain_http_fails_nlb_is_skipped() {
        let mut snap = snapshot();
        let mut plain = load_balancer("legacy");
        plain.listeners = Fetched::Ok(vec![http_listener(80, false), https_listener(443)]);
        let mut nlb = load_balancer("internal");
        nlb.kind = "network".into();
        let mut unreadable = load_balancer("admin");
        unreadable.listeners = Fetched::Failed(denied("DescribeListeners"));
        elbv2(&mut snap).load_balancers =
            Fetched::Ok(vec![load_balancer("shop"), plain, nlb, unreadable]);

        let findings = run(&ELBV2_LISTENERS_HTTPS, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("shop", Pass), ("legacy", Fail), ("admin", NotEvaluated)])
        );
        assert_eq!(
            findings[1].message,
            "load balancer legacy serves plain HTTP without redirecting to HTTPS (HTTP:80)"
        );

        elbv2(&mut snap).load_balancers = Fetched::Failed(denied("DescribeLoadBalancers"));
        assert_eq!(
            statuses(&run(&ELBV2_LISTENERS_HTTPS, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
