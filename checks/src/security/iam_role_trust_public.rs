use super::resource_policy::{judge, Source};
use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{ErrorKind, Fetched, Gap, Service};

declare_check! {
    /// ## What it does
    /// Checks that no IAM role's trust policy lets any AWS account assume it: `"Principal": "*"`,
    /// `{"AWS": "*"}` or an `Allow` with `NotPrincipal`, without a condition that restricts who
    /// (`aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:PrincipalArn`, `aws:SourceIp`,
    /// `aws:SourceVpc(e)` and the others of the policy evaluator). An `sts:ExternalId` condition
    /// alone does not count: AWS documents the external ID as not a secret, so with a wildcard
    /// principal it only stops the unwary.
    ///
    /// ## Why is this bad?
    /// Anyone with an AWS account who learns the role's ARN (they are guessable) gets its
    /// permissions.
    ///
    /// ## Example
    /// `aws iam get-role --role-name R` shows `AssumeRolePolicyDocument` with
    /// `{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}`. Fix: name
    /// the trusted account or role (`arn:aws:iam::111122223333:role/deployer`), or add
    /// `aws:PrincipalOrgID`, then `aws iam update-assume-role-policy`.
    ///
    /// ## Not evaluated when
    /// The authorization details could not be read, the role's trust policy is missing from the
    /// answer or is not JSON, a statement lacks `Effect` or `Principal`, or a `Condition` is
    /// malformed.
    pub IAM_ROLE_TRUST_PUBLIC = "iam_role_trust_public",
    pillar: Pillar::Security,
    service: Service::Iam,
    severity: Severity::Critical,
    best_practices: &[direct("SEC03-BP07")],
    since: "0.3.0",
    title: "IAM role trust policies do not let any AWS account assume the role",
    remediation: "Name the trusted principals, or add an aws:PrincipalOrgID condition, then aws iam update-assume-role-policy --role-name ROLE --policy-document file://trust.json.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &IAM_ROLE_TRUST_PUBLIC;
    let details = match &ctx.snapshot.iam.authorization {
        Fetched::Ok(details) => details,
        Fetched::Failed(gap) => {
            return vec![check.not_evaluated(&ctx.snapshot.account_resource("global"), gap)]
        }
    };
    details
        .roles
        .iter()
        .map(|role| {
            let policy = match &role.assume_role_policy {
                Some(document) => Fetched::Ok(Some(document.clone())),
                None => Fetched::Failed(Gap {
                    service: "iam".into(),
                    region: None,
                    operation: "GetAccountAuthorizationDetails".into(),
                    resource: Some(role.name.clone()),
                    kind: ErrorKind::Incomplete,
                    message: "the answer has no AssumeRolePolicyDocument".into(),
                }),
            };
            let source = Source {
                service: Service::Iam,
                region: None,
                operation: "GetAccountAuthorizationDetails",
                resource: &role.name,
            };
            judge(
                check,
                role,
                &format!("role {}", role.name),
                &policy,
                &source,
                &[],
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::iam::AuthorizationDetails;
    use crate::testing::*;

    const ANYONE: &str =
        r#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}"#;
    const EXTERNAL_ID: &str = r#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"abc"}}}]}"#;
    const ORG: &str = r#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-1"}}}]}"#;
    const SERVICE: &str = r#"{"Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;

    #[test]
    fn wildcard_trust_fails_unless_a_condition_restricts_who() {
        let mut snap = snapshot();
        let trusting = |name: &str, trust: Option<&str>| {
            let mut role = role(name);
            role.assume_role_policy = trust.map(str::to_string);
            role
        };
        snap.iam.authorization = Fetched::Ok(AuthorizationDetails {
            roles: vec![
                trusting("anyone", Some(ANYONE)),
                trusting("external-id", Some(EXTERNAL_ID)),
                trusting("org", Some(ORG)),
                trusting("lambda", Some(SERVICE)),
                trusting("unknown", None),
                trusting("garbled", Some("{")),
            ],
            ..AuthorizationDetails::default()
        });

        let findings = run(&IAM_ROLE_TRUST_PUBLIC, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("anyone", Fail),
                ("external-id", Fail),
                ("org", Pass),
                ("lambda", Pass),
                ("unknown", NotEvaluated),
                ("garbled", NotEvaluated),
            ])
        );
        assert_eq!(
            findings[0].message,
            "role anyone's policy lets anyone in, with no condition that restricts who: statement #1"
        );

        snap.iam.authorization = Fetched::Failed(denied("GetAccountAuthorizationDetails"));
        assert_eq!(
            statuses(&run(&IAM_ROLE_TRUST_PUBLIC, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
