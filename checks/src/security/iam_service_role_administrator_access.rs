use super::policy::Policy;
use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::iam::{AuthorizationDetails, Role};
use crate::model::{ErrorKind, Fetched, Gap, Service};

declare_check! {
    /// ## What it does
    /// Checks that no IAM role an AWS service assumes for a workload (its trust policy allows a
    /// `Service` principal: `lambda.amazonaws.com`, `ec2.amazonaws.com`, `ecs-tasks…`) has full
    /// administrator access: the AWS managed `AdministratorAccess`, or a managed or inline
    /// policy allowing every action on every resource. Roles no service assumes (people's and
    /// cross-account roles) and service-linked roles are skipped.
    ///
    /// ## Why is this bad?
    /// A workload's role is used by code: whoever runs code in the function, instance or task
    /// (a dependency, an SSRF to the metadata service, an injected command) holds the account.
    /// Workloads need a handful of actions on a handful of resources (SEC03-BP02).
    ///
    /// ## Example
    /// Role `orders-api` trusts `lambda.amazonaws.com` and has `AdministratorAccess` attached.
    /// Fix: generate a policy from its activity (IAM Access Analyzer policy generation), attach
    /// it, then `aws iam detach-role-policy --role-name orders-api --policy-arn
    /// arn:aws:iam::aws:policy/AdministratorAccess`.
    ///
    /// ## Not evaluated when
    /// The authorization details could not be read, or a role's trust policy, or a policy that
    /// could make it an administrator, is missing or not JSON.
    pub IAM_SERVICE_ROLE_ADMINISTRATOR_ACCESS = "iam_service_role_administrator_access",
    pillar: Pillar::Security,
    service: Service::Iam,
    severity: Severity::High,
    best_practices: &[direct("SEC03-BP02")],
    since: "0.5.0",
    title: "Roles that AWS services assume for workloads do not have full administrator access",
    remediation: "Attach a policy scoped to what the workload does (IAM Access Analyzer can generate one), then aws iam detach-role-policy / delete-role-policy for the blanket grant.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &IAM_SERVICE_ROLE_ADMINISTRATOR_ACCESS;
    let details = match &ctx.snapshot.iam.authorization {
        Fetched::Ok(details) => details,
        Fetched::Failed(gap) => {
            return vec![check.not_evaluated(&ctx.snapshot.account_resource("global"), gap)]
        }
    };
    details
        .roles
        .iter()
        .filter(|role| !role.path.starts_with("/aws-service-role/"))
        .filter_map(|role| match judge(details, role) {
            Ok(None) => None,
            Ok(Some((services, admin))) if admin.is_empty() => Some(check.pass(
                role,
                format!(
                    "role {} (assumed by {services}) does not have full administrator access",
                    role.name
                ),
            )),
            Ok(Some((services, admin))) => Some(check.fail(
                role,
                format!(
                    "role {} (assumed by {services}) has full administrator access through {}",
                    role.name,
                    admin.join(", ")
                ),
            )),
            Err(gap) => Some(check.not_evaluated(role, &gap)),
        })
        .collect()
}

/// `None` for a role no service assumes; else the services and the grants of full access.
fn judge(
    details: &AuthorizationDetails,
    role: &Role,
) -> Result<Option<(String, Vec<String>)>, Gap> {
    let gap = |kind, message: String| Gap {
        service: "iam".into(),
        region: None,
        operation: "GetAccountAuthorizationDetails".into(),
        resource: Some(role.name.clone()),
        kind,
        message,
    };
    let Some(trust) = &role.assume_role_policy else {
        return Err(gap(
            ErrorKind::Incomplete,
            "the answer has no AssumeRolePolicyDocument".into(),
        ));
    };
    let trust = Policy::parse(trust).map_err(|error| {
        gap(
            ErrorKind::Other,
            format!("the trust policy is not valid JSON ({error})"),
        )
    })?;
    let mut services: Vec<String> = trust
        .statements()
        .filter(|s| s.allows())
        .flat_map(|s| s.service_principals())
        .collect();
    services.sort();
    services.dedup();
    if services.is_empty() {
        return Ok(None);
    }
    let mut admin = Vec::new();
    let everything = |name: &str, document: &str| -> Result<bool, Gap> {
        Policy::parse(document)
            .map(|p| p.statements().any(|s| s.grants_everything()))
            .map_err(|error| {
                gap(
                    ErrorKind::Other,
                    format!("policy {name} is not valid JSON ({error})"),
                )
            })
    };
    for arn in &role.attached_policies {
        if arn.starts_with("arn:") && arn.ends_with(":iam::aws:policy/AdministratorAccess") {
            admin.push("AdministratorAccess".to_string());
        } else if let Some(policy) = details.policy(arn) {
            if let Some(document) = &policy.document {
                if everything(&policy.name, document)? {
                    admin.push(format!("policy {}", policy.name));
                }
            }
        }
    }
    for policy in &role.inline_policies {
        if everything(&policy.name, &policy.document)? {
            admin.push(format!("inline policy {}", policy.name));
        }
    }
    Ok(Some((services.join(", "), admin)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::iam::{InlinePolicy, ManagedPolicy};
    use crate::testing::*;

    const LAMBDA: &str = r#"{"Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
    const PEOPLE: &str = r#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}"#;
    const ALL: &str = r#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;

    fn with(name: &str, trust: Option<&str>, attached: &[&str], inline: &[&str]) -> Role {
        let mut role = role(name);
        role.assume_role_policy = trust.map(str::to_string);
        role.attached_policies = attached.iter().map(|a| a.to_string()).collect();
        role.inline_policies = inline
            .iter()
            .map(|document| InlinePolicy {
                name: "inline".into(),
                document: document.to_string(),
            })
            .collect();
        role
    }

    #[test]
    fn service_roles_with_full_access_fail_others_pass_or_are_skipped() {
        let mut snap = snapshot();
        let admin = "arn:aws:iam::aws:policy/AdministratorAccess";
        let custom = "arn:aws:iam::123456789012:policy/ops-tools";
        snap.iam.authorization = Fetched::Ok(AuthorizationDetails {
            roles: vec![
                with("orders-api", Some(LAMBDA), &[admin], &[]),
                with("batch", Some(LAMBDA), &[custom], &[]),
                with("worker", Some(LAMBDA), &[], &[ALL]),
                with("reader", Some(LAMBDA), &[], &[]),
                with("admins", Some(PEOPLE), &[admin], &[]),
                with("cut", None, &[], &[]),
                with("garbled", Some(LAMBDA), &[], &["{"]),
            ],
            policies: vec![ManagedPolicy {
                arn: custom.into(),
                name: "ops-tools".into(),
                document: Some(ALL.into()),
            }],
            ..AuthorizationDetails::default()
        });

        let findings = run(&IAM_SERVICE_ROLE_ADMINISTRATOR_ACCESS, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("orders-api", Fail),
                ("batch", Fail),
                ("worker", Fail),
                ("reader", Pass),
                ("cut", NotEvaluated),
                ("garbled", NotEvaluated),
            ])
        );
        assert_eq!(
            findings[0].message,
            "role orders-api (assumed by lambda.amazonaws.com) has full administrator access through AdministratorAccess"
        );
    }
}
