use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Gap, Service};

const HTTP2: &str = "routing.http2.enabled";

declare_check! {
    /// ## What it does
    /// Checks that every Application Load Balancer accepts HTTP/2 from clients
    /// (`routing.http2.enabled` is `true`, the default).
    ///
    /// ## Why is this bad?
    /// HTTP/2 multiplexes many requests over one connection and compresses headers: pages with
    /// many assets and chatty APIs load faster, with fewer TLS handshakes, than over HTTP/1.1.
    /// Turning it off makes every client fall back to HTTP/1.1 for no gain; gRPC needs it too.
    ///
    /// ## Example
    /// `aws elbv2 describe-load-balancer-attributes --load-balancer-arn ARN` shows
    /// `routing.http2.enabled` `false`. Fix: `aws elbv2 modify-load-balancer-attributes
    /// --load-balancer-arn ARN --attributes Key=routing.http2.enabled,Value=true`.
    ///
    /// ## Not evaluated when
    /// The region's load balancers could not be listed (one finding for the region), or this
    /// load balancer's attributes could not be read or do not include the setting.
    pub ELBV2_HTTP2_ENABLED = "elbv2_http2_enabled",
    pillar: Pillar::PerformanceEfficiency,
    service: Service::Elbv2,
    severity: Severity::Low,
    best_practices: &[direct("PERF04-BP05")],
    since: "0.3.0",
    title: "Application Load Balancers accept HTTP/2",
    remediation: "aws elbv2 modify-load-balancer-attributes --load-balancer-arn ARN --attributes Key=routing.http2.enabled,Value=true",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &ELBV2_HTTP2_ENABLED;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.elbv2,
        |region| &region.load_balancers,
        |lb| {
            if !lb.is_application() {
                return None;
            }
            Some(match &lb.attributes {
                Fetched::Ok(attributes) => match attributes.get(HTTP2).map(String::as_str) {
                    Some("true") => {
                        check.pass(lb, format!("load balancer {} accepts HTTP/2", lb.name))
                    }
                    Some(_) => check.fail(
                        lb,
                        format!(
                            "load balancer {} has HTTP/2 off: clients fall back to HTTP/1.1",
                            lb.name
                        ),
                    ),
                    None => check.not_evaluated(
                        lb,
                        &Gap::missing(
                            Service::Elbv2,
                            &lb.region,
                            "DescribeLoadBalancerAttributes",
                            HTTP2,
                        ),
                    ),
                },
                Fetched::Failed(why) => check.not_evaluated(lb, why),
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
    fn on_passes_off_fails_missing_or_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut off = load_balancer("legacy");
        if let Fetched::Ok(attributes) = &mut off.attributes {
            attributes.insert(HTTP2.into(), "false".into());
        }
        let mut silent = load_balancer("quiet");
        if let Fetched::Ok(attributes) = &mut silent.attributes {
            attributes.remove(HTTP2);
        }
        let mut unreadable = load_balancer("edge");
        unreadable.attributes = Fetched::Failed(denied("DescribeLoadBalancerAttributes"));
        let mut network = load_balancer("ingest");
        network.kind = "network".into();
        elbv2(&mut snap).load_balancers =
            Fetched::Ok(vec![load_balancer("web"), off, silent, unreadable, network]);

        let findings = run(&ELBV2_HTTP2_ENABLED, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("web", Pass),
                ("legacy", Fail),
                ("quiet", NotEvaluated),
                ("edge", NotEvaluated)
            ])
        );
        assert_eq!(
            findings[1].message,
            "load balancer legacy has HTTP/2 off: clients fall back to HTTP/1.1"
        );
    }
}
