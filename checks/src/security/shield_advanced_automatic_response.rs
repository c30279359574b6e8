use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that each Shield Advanced protection of a CloudFront distribution or an
    /// Application Load Balancer (the resources where Shield can act at the application layer)
    /// has automatic application-layer DDoS mitigation on
    /// (`ApplicationLayerAutomaticResponseConfiguration.Status` `ENABLED`). Other protections
    /// (Elastic IPs, Network Load Balancers, Global Accelerator, hosted zones) are not judged,
    /// and an account without protections gets no finding.
    ///
    /// ## Why is this bad?
    /// Without automatic mitigation, Shield Advanced detects an HTTP flood but a person must
    /// write and deploy the WAF rule that stops it, during the attack. With it on, Shield
    /// builds, tests and places rate-based rules in the web ACL itself: the network protection
    /// keeps up with the threat without anyone acting (SEC05-BP04).
    ///
    /// ## Example
    /// `aws shield describe-protection --resource-arn ARN` shows no
    /// `ApplicationLayerAutomaticResponseConfiguration`, or `"Status": "DISABLED"`. Fix: associate
    /// a web ACL with the resource, then `aws shield
    /// enable-application-layer-automatic-response --resource-arn ARN --action Count={}` (watch)
    /// or `Block={}`.
    ///
    /// ## Not evaluated when
    /// The protections could not be read.
    pub SHIELD_ADVANCED_AUTOMATIC_RESPONSE = "shield_advanced_automatic_response",
    pillar: Pillar::Security,
    service: Service::Shield,
    severity: Severity::Medium,
    best_practices: &[direct("SEC05-BP04")],
    since: "0.5.0",
    title: "Shield Advanced mitigates application-layer DDoS attacks automatically",
    remediation: "aws shield enable-application-layer-automatic-response --resource-arn ARN --action Block={} (the resource needs a web ACL).",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &SHIELD_ADVANCED_AUTOMATIC_RESPONSE;
    let protections = match &ctx.snapshot.shield.protections {
        Fetched::Ok(protections) => protections,
        Fetched::Failed(gap) => {
            return vec![check.not_evaluated(&ctx.snapshot.account_resource("global"), gap)]
        }
    };
    protections
        .iter()
        .filter(|p| application_layer(&p.resource_arn))
        .map(|protection| {
            let name = protection.name.as_deref().unwrap_or(&protection.id);
            match protection.automatic_response.as_deref() {
                Some("ENABLED") => check.pass(
                    protection,
                    format!("protection {name} mitigates application-layer attacks automatically"),
                ),
                Some(status) => check.fail(
                    protection,
                    format!(
                        "protection {name} has automatic application-layer mitigation {status}"
                    ),
                ),
                None => check.fail(
                    protection,
                    format!("protection {name} has no automatic application-layer mitigation"),
                ),
            }
        })
        .collect()
}

/// A CloudFront distribution or an Application Load Balancer.
fn application_layer(arn: &str) -> bool {
    arn.contains(":distribution/") || arn.contains(":loadbalancer/app/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::shield::Protection;
    use crate::testing::*;

    fn protection(name: &str, arn: &str, status: Option<&str>) -> Protection {
        Protection {
            id: format!("id-{name}"),
            name: Some(name.into()),
            resource_arn: arn.into(),
            automatic_response: status.map(str::to_string),
        }
    }

    #[test]
    fn enabled_passes_disabled_or_unset_fails_other_kinds_are_skipped() {
        let mut snap = snapshot();
        let alb = format!("arn:aws:elasticloadbalancing:{REGION}:{ACCOUNT}:loadbalancer/app/web/1");
        let cdn = format!("arn:aws:cloudfront::{ACCOUNT}:distribution/E1");
        let nlb = format!("arn:aws:elasticloadbalancing:{REGION}:{ACCOUNT}:loadbalancer/net/tcp/1");
        snap.shield.protections = Fetched::Ok(vec![
            protection("web", &alb, Some("ENABLED")),
            protection("edge", &cdn, Some("DISABLED")),
            protection("edge-2", &cdn, None),
            protection("tcp", &nlb, None),
        ]);

        let findings = run(&SHIELD_ADVANCED_AUTOMATIC_RESPONSE, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("web", Pass), ("edge", Fail), ("edge-2", Fail)])
        );
        assert_eq!(findings[0].region, REGION);
        assert_eq!(findings[1].region, "global");

        snap.shield.protections = Fetched::Failed(denied("ListProtections"));
        assert_eq!(
            statuses(&run(&SHIELD_ADVANCED_AUTOMATIC_RESPONSE, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
