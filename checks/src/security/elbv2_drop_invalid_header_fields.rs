use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that every Application Load Balancer drops HTTP headers whose names are not valid
    /// (`routing.http.drop_invalid_header_fields.enabled` `true`) instead of passing them to
    /// the targets. Other load balancer types have no such setting and are skipped.
    ///
    /// ## Why is this bad?
    /// Header names with characters outside the RFC's are how request smuggling and header
    /// injection reach a backend that parses them differently from the load balancer. Dropping
    /// them at the edge is a cheap inspection-based protection (SEC05-BP03, as a proxy) that
    /// well-behaved clients never notice.
    ///
    /// ## Example
    /// `aws elbv2 describe-load-balancer-attributes --load-balancer-arn ARN` shows
    /// `routing.http.drop_invalid_header_fields.enabled` `false`. Fix: `aws elbv2
    /// modify-load-balancer-attributes --load-balancer-arn ARN --attributes
    /// Key=routing.http.drop_invalid_header_fields.enabled,Value=true`.
    ///
    /// ## Not evaluated when
    /// The region's load balancers, or this one's attributes, could not be read.
    pub ELBV2_DROP_INVALID_HEADER_FIELDS = "elbv2_drop_invalid_header_fields",
    pillar: Pillar::Security,
    service: Service::Elbv2,
    severity: Severity::Medium,
    best_practices: &[indirect("SEC05-BP03")],
    since: "0.5.0",
    title: "Application Load Balancers drop invalid HTTP header fields",
    remediation: "aws elbv2 modify-load-balancer-attributes --load-balancer-arn ARN --attributes Key=routing.http.drop_invalid_header_fields.enabled,Value=true",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &ELBV2_DROP_INVALID_HEADER_FIELDS;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.elbv2,
        |region| &region.load_balancers,
        |lb| {
            if !lb.is_application() {
                return None;
            }
            Some(
                match lb.attribute_on("routing.http.drop_invalid_header_fields.enabled") {
                    Fetched::Ok(true) => check.pass(
                        lb,
                        format!("load balancer {} drops invalid header fields", lb.name),
                    ),
                    Fetched::Ok(false) => check.fail(
                        lb,
                        format!(
                            "load balancer {} passes invalid header fields to its targets",
                            lb.name
                        ),
                    ),
                    Fetched::Failed(why) => check.not_evaluated(lb, &why),
                },
            )
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    #[test]
    fn dropping_passes_passing_through_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut lenient = load_balancer("lenient");
        if let Fetched::Ok(attributes) = &mut lenient.attributes {
            attributes.insert(
                "routing.http.drop_invalid_header_fields.enabled".into(),
                "false".into(),
            );
        }
        let mut tcp = load_balancer("tcp");
        tcp.kind = "network".into();
        let mut hidden = load_balancer("hidden");
        hidden.attributes = Fetched::Failed(denied("DescribeLoadBalancerAttributes"));
        elbv2(&mut snap).load_balancers =
            Fetched::Ok(vec![load_balancer("strict"), lenient, tcp, hidden]);

        let findings = run(&ELBV2_DROP_INVALID_HEADER_FIELDS, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("strict", Pass),
                ("lenient", Fail),
                ("hidden", NotEvaluated)
            ])
        );
    }
}
