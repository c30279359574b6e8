use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

/// The path IAM Identity Center gives the roles of its permission sets in each account.
const IDENTITY_CENTER_PATH: &str = "/aws-reserved/sso.amazonaws.com/";

declare_check! {
    /// ## What it does
    /// Checks that people reach the account through a centralized identity provider rather than
    /// IAM users with passwords: it fails when IAM users can sign in to the console (a password
    /// in the credential report), naming them; it passes when none can and the account trusts a
    /// SAML identity provider or holds IAM Identity Center's roles (path
    /// `/aws-reserved/sso.amazonaws.com/`, which Identity Center creates in every account it
    /// assigns). With neither, the answer is "no evidence found": how people sign in is not
    /// visible from the account.
    ///
    /// ## Why is this bad?
    /// IAM users are identities managed account by account: they outlive the people who leave,
    /// their passwords and MFA devices are separate from the company's, and access reviews cannot
    /// see them. A central provider gives one place to join, leave and audit.
    ///
    /// ## Example
    /// The credential report lists `alice` with `password_enabled true`. Fix: enable IAM Identity
    /// Center (or federate with SAML), assign people permission sets, then
    /// `aws iam delete-login-profile --user-name alice`.
    ///
    /// ## Not evaluated when
    /// No IAM user has a password, and the SAML providers or the authorization details (roles)
    /// could not be read; or the credential report could not be read.
    pub IAM_IDENTITY_FEDERATION = "iam_identity_federation",
    pillar: Pillar::Security,
    service: Service::Iam,
    severity: Severity::Medium,
    best_practices: &[direct("SEC02-BP04")],
    since: "0.3.0",
    title: "People sign in through a centralized identity provider, not IAM users",
    remediation: "Enable IAM Identity Center or a SAML identity provider, assign people permission sets, and delete IAM users' console passwords (aws iam delete-login-profile).",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &IAM_IDENTITY_FEDERATION;
    let snap = ctx.snapshot;
    let account = snap.account_resource("global");
    let rows = match &snap.iam.credential_report {
        Fetched::Ok(rows) => rows,
        Fetched::Failed(gap) => return vec![check.not_evaluated(&account, gap)],
    };
    let mut console: Vec<&str> = rows
        .iter()
        .filter(|row| !row.is_root() && row.password_enabled)
        .map(|row| row.user.as_str())
        .collect();
    console.sort_unstable();
    if !console.is_empty() {
        let shown: Vec<&str> = console.iter().take(10).copied().collect();
        let more = console.len().saturating_sub(shown.len());
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        return vec![check.fail(
            &account,
            format!(
                "{} IAM user{} can sign in to the console with a password ({}{more}): people should sign in through a central identity provider",
                console.len(),
                if console.len() == 1 { "" } else { "s" },
                shown.join(", ")
            ),
        )];
    }
    let saml = match &snap.iam.saml_providers {
        Fetched::Ok(saml) => saml,
        Fetched::Failed(gap) => return vec![check.not_evaluated(&account, gap)],
    };
    let details = match &snap.iam.authorization {
        Fetched::Ok(details) => details,
        Fetched::Failed(gap) => return vec![check.not_evaluated(&account, gap)],
    };
    let identity_center = details
        .roles
        .iter()
        .any(|role| role.path.starts_with(IDENTITY_CENTER_PATH));
    let mut how = Vec::new();
    if identity_center {
        how.push("IAM Identity Center".to_string());
    }
    let saml_names: Vec<&str> = saml
        .iter()
        .map(|arn| arn.rsplit('/').next().unwrap_or(arn))
        .filter(|name| !(identity_center && name.starts_with("AWSSSO_")))
        .collect();
    if !saml_names.is_empty() {
        how.push(format!("SAML provider {}", saml_names.join(", ")));
    }
    vec![if how.is_empty() {
        check.no_evidence(
            &account,
            "no IAM user has a console password, and the account trusts no SAML provider and holds no IAM Identity Center role: how people sign in is not visible here",
        )
    } else {
        check.pass(
            &account,
            format!(
                "no IAM user has a console password; people sign in through {}",
                how.join(" and ")
            ),
        )
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::iam::AuthorizationDetails;
    use crate::testing::*;

    fn sso_role() -> crate::model::iam::Role {
        let mut role = role("AWSReservedSSO_Admin_0123");
        role.path = "/aws-reserved/sso.amazonaws.com/eu-west-1/".into();
        role
    }

    #[test]
    fn console_users_fail_federation_passes_neither_is_no_evidence() {
        let mut snap = snapshot();
        let mut root = credential_row(crate::model::iam::CredentialReportRow::ROOT);
        root.password_enabled = true;
        let mut machine = credential_row("ci");
        machine.password_enabled = false;
        snap.iam.credential_report =
            Fetched::Ok(vec![root, credential_row("bob"), machine.clone()]);
        let findings = run(&IAM_IDENTITY_FEDERATION, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Fail)]));
        assert_eq!(
            findings[0].message,
            "1 IAM user can sign in to the console with a password (bob): people should sign in through a central identity provider"
        );

        snap.iam.credential_report = Fetched::Ok(vec![machine]);
        let findings = run(&IAM_IDENTITY_FEDERATION, &snap);
        assert_eq!(findings[0].status, NoEvidence);

        snap.iam.authorization = Fetched::Ok(AuthorizationDetails {
            roles: vec![sso_role()],
            ..AuthorizationDetails::default()
        });
        snap.iam.saml_providers = Fetched::Ok(vec![
            "arn:aws:iam::123456789012:saml-provider/AWSSSO_abc_DO_NOT_DELETE".into(),
        ]);
        let findings = run(&IAM_IDENTITY_FEDERATION, &snap);
        assert_eq!(
            findings[0].message,
            "no IAM user has a console password; people sign in through IAM Identity Center"
        );

        snap.iam.authorization = Fetched::Ok(AuthorizationDetails::default());
        snap.iam.saml_providers =
            Fetched::Ok(vec!["arn:aws:iam::123456789012:saml-provider/Okta".into()]);
        assert_eq!(run(&IAM_IDENTITY_FEDERATION, &snap)[0].status, Pass);

        snap.iam.saml_providers = Fetched::Failed(denied("ListSAMLProviders"));
        assert_eq!(run(&IAM_IDENTITY_FEDERATION, &snap)[0].status, NotEvaluated);
        snap.iam.credential_report = Fetched::Failed(denied("GetCredentialReport"));
        assert_eq!(run(&IAM_IDENTITY_FEDERATION, &snap)[0].status, NotEvaluated);
    }
}
