use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that every Application and Network Load Balancer can carry traffic: it has at
    /// least one listener, and at least one target group is attached to it, unless all its
    /// listeners only redirect to HTTPS. Gateway Load Balancers are skipped.
    ///
    /// ## Why is this bad?
    /// A load balancer with no listener, or with nothing to forward to, serves no request, yet
    /// its nodes run in every zone it spans and it is billed by the hour. Such load balancers are
    /// typically left behind when a service is moved or torn down by hand.
    ///
    /// ## Example
    /// `aws elbv2 describe-target-groups --load-balancer-arn ARN` returns no target group. Fix:
    /// if nothing uses it any more, `aws elbv2 delete-load-balancer --load-balancer-arn ARN`
    /// (turn off deletion protection first); otherwise attach its target group.
    ///
    /// ## Not evaluated when
    /// The region's load balancers or target groups could not be listed (one finding for the
    /// region), or this load balancer's listeners could not be read.
    pub ELBV2_LOAD_BALANCER_UNUSED = "elbv2_load_balancer_unused",
    pillar: Pillar::Sustainability,
    service: Service::Elbv2,
    severity: Severity::Low,
    best_practices: &[direct("SUS03-BP02")],
    since: "0.3.0",
    title: "Load balancers have listeners and targets",
    remediation: "Delete the unused load balancer (aws elbv2 delete-load-balancer --load-balancer-arn ARN), or attach its target group",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &ELBV2_LOAD_BALANCER_UNUSED;
    let mut findings = Vec::new();
    for (region, elbv2) in &ctx.snapshot.elbv2 {
        let target_groups = match &elbv2.target_groups {
            Fetched::Ok(target_groups) => target_groups,
            Fetched::Failed(why) => {
                findings.push(check.not_evaluated(&ctx.snapshot.account_resource(region), why));
                continue;
            }
        };
        let single_region = std::collections::BTreeMap::from([(region.clone(), elbv2)]);
        findings.extend(ctx.each_in_regions(
            check,
            &single_region,
            |region| &region.load_balancers,
            |lb| {
                if lb.kind == "gateway" {
                    return None;
                }
                let listeners = match &lb.listeners {
                    Fetched::Ok(listeners) => listeners,
                    Fetched::Failed(why) => return Some(check.not_evaluated(lb, why)),
                };
                let attached = target_groups
                    .iter()
                    .filter(|tg| tg.load_balancer_arns.contains(&lb.arn))
                    .count();
                Some(if listeners.is_empty() {
                    check.fail(lb, format!("load balancer {} has no listener", lb.name))
                } else if attached > 0 {
                    check.pass(
                        lb,
                        format!(
                            "load balancer {} has {} listener(s) and {attached} target group(s)",
                            lb.name,
                            listeners.len()
                        ),
                    )
                } else if listeners.iter().all(|l| l.redirects_to_https) {
                    check.pass(
                        lb,
                        format!("load balancer {} only redirects to HTTPS", lb.name),
                    )
                } else {
                    check.fail(
                        lb,
                        format!(
                            "load balancer {} has no target group to send traffic to",
                            lb.name
                        ),
                    )
                })
            },
        ));
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    #[test]
    fn routed_passes_empty_or_targetless_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut bare = load_balancer("bare");
        bare.listeners = Fetched::Ok(vec![]);
        let mut redirector = load_balancer("redirect");
        redirector.listeners = Fetched::Ok(vec![http_listener(80, true)]);
        let mut unreadable = load_balancer("edge");
        unreadable.listeners = Fetched::Failed(denied("DescribeListeners"));
        elbv2(&mut snap).load_balancers = Fetched::Ok(vec![
            load_balancer("web"),
            load_balancer("orphan"),
            bare,
            redirector,
            unreadable,
        ]);
        elbv2(&mut snap).target_groups = Fetched::Ok(vec![target_group("web-tg", "web")]);

        let findings = run(&ELBV2_LOAD_BALANCER_UNUSED, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("web", Pass),
                ("orphan", Fail),
                ("bare", Fail),
                ("redirect", Pass),
                ("edge", NotEvaluated)
            ])
        );
        assert_eq!(
            findings[1].message,
            "load balancer orphan has no target group to send traffic to"
        );

        elbv2(&mut snap).target_groups = Fetched::Failed(denied("DescribeTargetGroups"));
        assert_eq!(
            statuses(&run(&ELBV2_LOAD_BALANCER_UNUSED, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
