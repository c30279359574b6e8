use super::policy::Policy;
use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{ErrorKind, Fetched, Gap, Service};

declare_check! {
    /// ## What it does
    /// Checks that no customer-managed IAM policy, attached or not, allows every action on every
    /// resource (a statement with `"Effect": "Allow"`, `"Action": "*"` and `"Resource": "*"`).
    /// AWS managed policies (`AdministratorAccess` among them) are not judged here: whoever holds
    /// them is (`iam_user_administrator_access` for users).
    ///
    /// ## Why is this bad?
    /// A home-made copy of `AdministratorAccess` hides full access behind an innocent name
    /// (`deploy`, `ops-tools`): reviews that look for the AWS policy miss it, and every role,
    /// group or user it is attached to can do anything, including erase the evidence. Least
    /// privilege (SEC03-BP02) starts with no blanket grants.
    ///
    /// ## Example
    /// `aws iam get-policy-version --policy-arn arn:aws:iam::123456789012:policy/ops-tools
    /// --version-id v3` shows `{"Effect": "Allow", "Action": "*", "Resource": "*"}`. Fix: scope
    /// the statement to the actions and resources needed (IAM Access Analyzer can generate a
    /// policy from CloudTrail activity), then `aws iam create-policy-version --set-as-default`.
    ///
    /// ## Not evaluated when
    /// The authorization details could not be read, or a policy's document is missing from
    /// the answer or is not JSON.
    pub IAM_CUSTOMER_POLICY_ADMINISTRATIVE_PRIVILEGES = "iam_customer_policy_administrative_privileges",
    pillar: Pillar::Security,
    service: Service::Iam,
    severity: Severity::High,
    best_practices: &[direct("SEC03-BP02")],
    since: "0.5.0",
    title: "Customer-managed IAM policies do not grant every action on every resource",
    remediation: "Scope the policy to the actions and resources needed, then aws iam create-policy-version --policy-arn ARN --policy-document file://scoped.json --set-as-default.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &IAM_CUSTOMER_POLICY_ADMINISTRATIVE_PRIVILEGES;
    let details = match &ctx.snapshot.iam.authorization {
        Fetched::Ok(details) => details,
        Fetched::Failed(gap) => {
            return vec![check.not_evaluated(&ctx.snapshot.account_resource("global"), gap)]
        }
    };
    details
        .policies
        .iter()
        .filter(|policy| !policy.is_aws_managed())
        .map(|policy| {
            let gap = |kind, message: String| Gap {
                service: "iam".into(),
                region: None,
                operation: "GetAccountAuthorizationDetails".into(),
                resource: Some(policy.name.clone()),
                kind,
                message,
            };
            let Some(document) = &policy.document else {
                return check.not_evaluated(
                    policy,
                    &gap(
                        ErrorKind::Incomplete,
                        "the answer has no document for the default version".into(),
                    ),
                );
            };
            match Policy::parse(document) {
                Ok(parsed) => {
                    let everything: Vec<String> = parsed
                        .statements()
                        .enumerate()
                        .filter(|(_, s)| s.grants_everything())
                        .map(|(index, s)| s.label(index))
                        .collect();
                    if everything.is_empty() {
                        check.pass(
                            policy,
                            format!("policy {} grants no blanket access", policy.name),
                        )
                    } else {
                        check.fail(
                            policy,
                            format!(
                                "policy {} allows every action on every resource ({})",
                                policy.name,
                                everything.join(", ")
                            ),
                        )
                    }
                }
                Err(error) => check.not_evaluated(
                    policy,
                    &gap(
                        ErrorKind::Other,
                        format!("the policy is not valid JSON ({error})"),
                    ),
                ),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::iam::{AuthorizationDetails, ManagedPolicy};
    use crate::testing::*;

    fn policy(arn: &str, document: Option<&str>) -> ManagedPolicy {
        ManagedPolicy {
            arn: arn.into(),
            name: arn.rsplit('/').next().unwrap_or(arn).into(),
            document: document.map(str::to_string),
        }
    }

    #[test]
    fn blanket_grants_fail_scoped_pass_aws_managed_skipped_unknown_not_evaluated() {
        let mut snap = snapshot();
        let admin = r#"{"Statement":[{"Sid":"All","Effect":"Allow","Action":"*","Resource":"*"}]}"#;
        let scoped = r#"{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}"#;
        snap.iam.authorization = Fetched::Ok(AuthorizationDetails {
            policies: vec![
                policy("arn:aws:iam::123456789012:policy/ops-tools", Some(admin)),
                policy("arn:aws:iam::123456789012:policy/reader", Some(scoped)),
                policy("arn:aws:iam::aws:policy/AdministratorAccess", Some(admin)),
                policy("arn:aws:iam::123456789012:policy/cut", None),
                policy("arn:aws:iam::123456789012:policy/garbled", Some("{")),
            ],
            ..AuthorizationDetails::default()
        });

        let findings = run(&IAM_CUSTOMER_POLICY_ADMINISTRATIVE_PRIVILEGES, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("ops-tools", Fail),
                ("reader", Pass),
                ("cut", NotEvaluated),
                ("garbled", NotEvaluated),
            ])
        );
        assert_eq!(
            findings[0].message,
            "policy ops-tools allows every action on every resource (statement All)"
        );

        snap.iam.authorization = Fetched::Failed(denied("GetAccountAuthorizationDetails"));
        assert_eq!(
            statuses(&run(&IAM_CUSTOMER_POLICY_ADMINISTRATIVE_PRIVILEGES, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
