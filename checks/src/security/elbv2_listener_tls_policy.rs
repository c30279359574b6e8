use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that every HTTPS and TLS listener of a load balancer uses a security policy that
    /// refuses TLS 1.0 and 1.1 (the `...TLS13-1-2-...`, `...TLS-1-2-...` and `...FS-1-2-...`
    /// families). One finding per load balancer with encrypted listeners.
    ///
    /// ## Why is this bad?
    /// TLS 1.0 and 1.1 have known weaknesses (BEAST, weak MACs), are deprecated by RFC 8996 and
    /// fail PCI DSS. The default policy `ELBSecurityPolicy-2016-08` still accepts them.
    ///
    /// ## Example
    /// `aws elbv2 describe-listeners` shows `"SslPolicy": "ELBSecurityPolicy-2016-08"`. Fix:
    /// `aws elbv2 modify-listener --listener-arn L --ssl-policy
    /// ELBSecurityPolicy-TLS13-1-2-2021-06`.
    ///
    /// ## Not evaluated when
    /// The region's load balancers could not be listed (one finding for the region), or this load
    /// balancer's listeners could not be read.
    pub ELBV2_LISTENER_TLS_POLICY = "elbv2_listener_tls_policy",
    pillar: Pillar::Security,
    service: Service::Elbv2,
    severity: Severity::Medium,
    best_practices: &[direct("SEC09-BP02")],
    since: "0.2.0",
    title: "Load balancer TLS listeners refuse TLS 1.0 and 1.1",
    remediation: "aws elbv2 modify-listener --listener-arn LISTENER --ssl-policy ELBSecurityPolicy-TLS13-1-2-2021-06",
    evaluate: evaluate,
}

/// Whether the predefined policy's minimum protocol is TLS 1.2 or later.
fn requires_tls12(policy: &str) -> bool {
    policy.contains("-1-2-") || policy.contains("-1-3-")
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &ELBV2_LISTENER_TLS_POLICY;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.elbv2,
        |region| &region.load_balancers,
        |lb| {
            let listeners = match &lb.listeners {
                Fetched::Ok(listeners) => listeners,
                Fetched::Failed(why) => return Some(check.not_evaluated(lb, why)),
            };
            let encrypted: Vec<_> = listeners.iter().filter(|l| l.is_encrypted()).collect();
            if encrypted.is_empty() {
                return None;
            }
            let weak: Vec<String> = encrypted
                .iter()
                .filter(|l| !l.ssl_policy.as_deref().is_some_and(requires_tls12))
                .map(|l| {
                    format!(
                        "{} uses {}",
                        l.label(),
                        l.ssl_policy.as_deref().unwrap_or("no policy")
                    )
                })
                .collect();
            Some(if weak.is_empty() {
                check.pass(
                    lb,
                    format!("load balancer {} requires TLS 1.2 or later", lb.name),
                )
            } else {
                check.fail(
                    lb,
                    format!(
                        "load balancer {} accepts TLS 1.0/1.1: {}",
                        lb.name,
                        weak.join(", ")
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
    fn modern_policy_passes_legacy_fails_plain_only_is_skipped() {
        let mut snap = snapshot();
        let mut legacy = load_balancer("legacy");
        let mut old = https_listener(443);
        old.ssl_policy = Some("ELBSecurityPolicy-2016-08".into());
        legacy.listeners = Fetched::Ok(vec![old]);
        let mut plain = load_balancer("plain");
        plain.listeners = Fetched::Ok(vec![http_listener(80, false)]);
        elbv2(&mut snap).load_balancers = Fetched::Ok(vec![load_balancer("shop"), legacy, plain]);

        let findings = run(&ELBV2_LISTENER_TLS_POLICY, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("shop", Pass), ("legacy", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "load balancer legacy accepts TLS 1.0/1.1: HTTPS:443 uses ELBSecurityPolicy-2016-08"
        );
    }

    #[test]
    fn policy_families() {
        for good in [
            "ELBSecurityPolicy-TLS13-1-2-2021-06",
            "ELBSecurityPolicy-TLS13-1-3-2021-06",
            "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
            "ELBSecurityPolicy-FS-1-2-Res-2020-10",
            "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
        ] {
            assert!(requires_tls12(good), "{good}");
        }
        for weak in [
            "ELBSecurityPolicy-2016-08",
            "ELBSecurityPolicy-TLS-1-1-2017-01",
            "ELBSecurityPolicy-FS-2018-06",
            "ELBSecurityPolicy-TLS13-1-0-2021-06",
        ] {
            assert!(!requires_tls12(weak), "{weak}");
        }
    }

    #[test]
    fn unreadable_listeners_are_not_evaluated() {
        let mut snap = snapshot();
        let mut unreadable = load_balancer("admin");
        unreadable.listeners = Fetched::Failed(denied("DescribeListeners"));
        elbv2(&mut snap).load_balancers = Fetched::Ok(vec![unreadable]);
        assert_eq!(
            statuses(&run(&ELBV2_LISTENER_TLS_POLICY, &snap)),
            expect(&[("admin", NotEvaluated)])
        );
    }
}
