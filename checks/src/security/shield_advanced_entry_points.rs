use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::shield::Protection;
use crate::model::{Fetched, Resource, Service};

declare_check! {
    /// ## What it does
    /// When the account subscribes to AWS Shield Advanced, checks that each internet-facing
    /// entry point is one of its protected resources: every CloudFront distribution, every
    /// internet-facing load balancer, and every Elastic IP in use (protected by its
    /// `eip-allocation` ARN). Without a subscription it gives one account-wide "no evidence
    /// found": many teams rely on Shield Standard (always on, at no charge) with WAF rate rules,
    /// or on another DDoS protection provider, so absence is not a failure.
    ///
    /// ## Why is this bad?
    /// A subscription protects only the resources added to it. An entry point left out gets no
    /// Shield Response Team support, no cost protection for scaling caused by an attack, no
    /// health-based detection and no automatic application-layer mitigation: the attack
    /// surface a team pays to protect has a hole exactly where nobody looked.
    ///
    /// ## Example
    /// `aws shield list-protections` does not list the load balancer `app/web/…`. Fix:
    /// `aws shield create-protection --name web --resource-arn arn:aws:elasticloadbalancing:…`
    /// (or a Firewall Manager Shield Advanced policy that adds new resources by itself).
    ///
    /// ## Not evaluated when
    /// The subscription, the protections, or the distributions, load balancers or addresses
    /// of a region could not be read.
    pub SHIELD_ADVANCED_ENTRY_POINTS = "shield_advanced_entry_points",
    pillar: Pillar::Security,
    service: Service::Shield,
    severity: Severity::Medium,
    best_practices: &[indirect("SEC05-BP04"), indirect("SEC05-BP03")],
    since: "0.5.0",
    title: "Shield Advanced protects every internet-facing entry point of a subscribed account",
    remediation: "aws shield create-protection --name NAME --resource-arn ARN for each unprotected distribution, load balancer and Elastic IP (or a Firewall Manager Shield Advanced policy).",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &SHIELD_ADVANCED_ENTRY_POINTS;
    let snap = ctx.snapshot;
    let account = snap.account_resource("global");
    match &snap.shield.subscription {
        Fetched::Failed(gap) => return vec![check.not_evaluated(&account, gap)],
        Fetched::Ok(Some(subscription)) if subscription.active_at(snap.collected_at) => {}
        Fetched::Ok(_) => {
            return vec![check.no_evidence(
                &account,
                "the account has no active Shield Advanced subscription (Shield Standard only)",
            )]
        }
    }
    let protections = match &snap.shield.protections {
        Fetched::Ok(protections) => protections,
        Fetched::Failed(gap) => return vec![check.not_evaluated(&account, gap)],
    };
    let mut findings = Vec::new();
    match &snap.cloudfront.distributions {
        Fetched::Ok(distributions) => {
            for distribution in distributions {
                findings.push(verdict(
                    protections,
                    distribution,
                    &format!("distribution {}", distribution.id),
                    &distribution.arn,
                ));
            }
        }
        Fetched::Failed(gap) => findings.push(check.not_evaluated(&account, gap)),
    }
    for (region, elbv2) in &snap.elbv2 {
        match &elbv2.load_balancers {
            Fetched::Ok(balancers) => {
                for lb in balancers
                    .iter()
                    .filter(|lb| lb.scheme.as_deref() == Some("internet-facing"))
                {
                    findings.push(verdict(
                        protections,
                        lb,
                        &format!("load balancer {}", lb.name),
                        &lb.arn,
                    ));
                }
            }
            Fetched::Failed(gap) => {
                findings.push(check.not_evaluated(&snap.account_resource(region), gap))
            }
        }
    }
    for (region, ec2) in &snap.ec2 {
        match &ec2.addresses {
            Fetched::Ok(addresses) => {
                for address in addresses.iter().filter(|a| a.is_associated()) {
                    // Shield names an Elastic IP by its allocation:
                    // `arn:aws:ec2:REGION:ACCOUNT:eip-allocation/eipalloc-…`.
                    let arn = match &address.allocation_id {
                        Some(id) => format!("eip-allocation/{id}"),
                        None => address.public_ip.clone(),
                    };
                    findings.push(verdict(
                        protections,
                        address,
                        &format!("Elastic IP {}", address.public_ip),
                        &arn,
                    ));
                }
            }
            Fetched::Failed(gap) => {
                findings.push(check.not_evaluated(&snap.account_resource(region), gap))
            }
        }
    }
    findings
}

/// The protection of the resource `arn` (for an Elastic IP, `eip-allocation/ID`: matched as the
/// end of the protected ARN).
fn protected_by<'a>(protections: &'a [Protection], arn: &str) -> Option<&'a Protection> {
    protections
        .iter()
        .find(|p| p.resource_arn == arn || p.resource_arn.ends_with(&format!(":{arn}")))
}

/// Pass when a protection covers `arn`, else fail; `what` names the resource.
fn verdict(protections: &[Protection], resource: &impl Resource, what: &str, arn: &str) -> Finding {
    let check = &SHIELD_ADVANCED_ENTRY_POINTS;
    match protected_by(protections, arn) {
        Some(protection) => check.pass(
            resource,
            format!(
                "{what} is protected by Shield Advanced ({})",
                protection.name.as_deref().unwrap_or(&protection.id)
            ),
        ),
        None => check.fail(
            resource,
            format!("{what} is not protected by Shield Advanced"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::shield::Subscription;
    use crate::testing::*;

    fn protection(arn: &str) -> Protection {
        Protection {
            id: "p-1".into(),
            name: Some("edge".into()),
            resource_arn: arn.into(),
            automatic_response: None,
        }
    }

    #[test]
    fn protected_entry_points_pass_others_fail_when_subscribed() {
        let mut snap = snapshot();
        snap.shield.subscription = Fetched::Ok(Some(Subscription {
            end_time: None,
            auto_renew: Some("ENABLED".into()),
        }));
        let web = load_balancer("web");
        let mut internal = load_balancer("internal");
        internal.scheme = Some("internal".into());
        let shop = distribution("EDFDVBD6EXAMPLE");
        let mut eip = address("web-eip");
        eip.allocation_id = Some("eipalloc-1".into());
        eip.association_id = Some("eipassoc-1".into());
        snap.shield.protections = Fetched::Ok(vec![
            protection(&web.arn),
            protection(&format!(
                "arn:aws:ec2:{REGION}:{ACCOUNT}:eip-allocation/eipalloc-1"
            )),
        ]);
        elbv2(&mut snap).load_balancers = Fetched::Ok(vec![web, internal]);
        snap.cloudfront.distributions = Fetched::Ok(vec![shop]);
        ec2(&mut snap).addresses = Fetched::Ok(vec![eip]);

        let findings = run(&SHIELD_ADVANCED_ENTRY_POINTS, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("EDFDVBD6EXAMPLE", Fail), ("web", Pass), ("web-eip", Pass)])
        );
        assert_eq!(
            findings[0].message,
            "distribution EDFDVBD6EXAMPLE is not protected by Shield Advanced"
        );

        snap.shield.protections = Fetched::Failed(denied("ListProtections"));
        assert_eq!(
            statuses(&run(&SHIELD_ADVANCED_ENTRY_POINTS, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }

    #[test]
    fn no_subscription_is_no_evidence_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        snap.shield.subscription = Fetched::Ok(None);
        assert_eq!(
            statuses(&run(&SHIELD_ADVANCED_ENTRY_POINTS, &snap)),
            expect(&[(ACCOUNT, NoEvidence)])
        );
        snap.shield.subscription = Fetched::Ok(Some(Subscription {
            end_time: Some(snap.collected_at - time::Duration::days(1)),
            auto_renew: Some("DISABLED".into()),
        }));
        assert_eq!(
            statuses(&run(&SHIELD_ADVANCED_ENTRY_POINTS, &snap)),
            expect(&[(ACCOUNT, NoEvidence)])
        );
        snap.shield.subscription = Fetched::Failed(denied("DescribeSubscription"));
        assert_eq!(
            statuses(&run(&SHIELD_ADVANCED_ENTRY_POINTS, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
