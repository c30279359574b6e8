use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::iam::PasswordPolicy;
use crate::model::{Fetched, Service};

/// How many previous passwords the policy must prevent reusing.
const MIN_REUSE_PREVENTION: i32 = 24;

declare_check! {
    /// ## What it does
    /// Checks that the account has an IAM password policy that requires at least
    /// `password_min_length` characters (14 by default), symbols, numbers, uppercase and lowercase
    /// letters, and prevents reuse of the last 24 passwords. Every weakness is listed.
    ///
    /// ## Why is this bad?
    /// Without a policy IAM accepts 8-character passwords of any shape, which fall quickly to
    /// guessing and credential stuffing; reused passwords bring old leaks back to life.
    ///
    /// ## Example
    /// `aws iam get-account-password-policy` answers `NoSuchEntity`. Fix:
    /// `aws iam update-account-password-policy --minimum-password-length 14 --require-symbols
    /// --require-numbers --require-uppercase-characters --require-lowercase-characters
    /// --password-reuse-prevention 24`.
    ///
    /// ## Not evaluated when
    /// The password policy could not be read.
    pub IAM_PASSWORD_POLICY_STRONG = "iam_password_policy_strong",
    pillar: Pillar::Security,
    service: Service::Iam,
    severity: Severity::Medium,
    best_practices: &[direct("SEC02-BP01")],
    since: "0.1.0",
    title: "The IAM password policy is strong",
    remediation: "aws iam update-account-password-policy --minimum-password-length 14 --require-symbols --require-numbers --require-uppercase-characters --require-lowercase-characters --password-reuse-prevention 24",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &IAM_PASSWORD_POLICY_STRONG;
    let account = ctx.snapshot.account_resource("global");
    let id = &ctx.snapshot.account_id;
    vec![match &ctx.snapshot.iam.password_policy {
        Fetched::Ok(Some(policy)) => {
            let weaknesses = weaknesses(policy, ctx.settings.password_min_length);
            if weaknesses.is_empty() {
                check.pass(
                    &account,
                    format!("account {id} has a strong password policy"),
                )
            } else {
                check.fail(
                    &account,
                    format!(
                        "account {id}'s password policy is weak: {}",
                        weaknesses.join(", ")
                    ),
                )
            }
        }
        Fetched::Ok(None) => check.fail(&account, format!("account {id} has no password policy")),
        Fetched::Failed(why) => check.not_evaluated(&account, why),
    }]
}

fn weaknesses(policy: &PasswordPolicy, min_length: i32) -> Vec<String> {
    let mut weak = Vec::new();
    match policy.minimum_length {
        Some(length) if length >= min_length => {}
        Some(length) => weak.push(format!("minimum length {length} (less than {min_length})")),
        None => weak.push(format!("no minimum length (at least {min_length} wanted)")),
    }
    for (required, class) in [
        (policy.require_symbols, "symbols"),
        (policy.require_numbers, "numbers"),
        (policy.require_uppercase, "uppercase letters"),
        (policy.require_lowercase, "lowercase letters"),
    ] {
        if !required {
            weak.push(format!("{class} not required"));
        }
    }
    match policy.reuse_prevention {
        Some(remembered) if remembered >= MIN_REUSE_PREVENTION => {}
        Some(remembered) => weak.push(format!(
            "reuse prevention remembers {remembered} passwords (less than {MIN_REUSE_PREVENTION})"
        )),
        None => weak.push("password reuse not prevented".to_string()),
    }
    weak
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::settings::Settings;
    use crate::testing::*;

    #[test]
    fn strong_policy_passes() {
        let findings = run(&IAM_PASSWORD_POLICY_STRONG, &snapshot());

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
    }

    #[test]
    fn every_weakness_is_listed() {
        let mut snap = snapshot();
        snap.iam.password_policy = Fetched::Ok(Some(PasswordPolicy {
            minimum_length: Some(8),
            require_symbols: false,
            require_uppercase: false,
            reuse_prevention: Some(5),
            ..strong_password_policy()
        }));

        let findings = run(&IAM_PASSWORD_POLICY_STRONG, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Fail)]));
        assert_eq!(
            findings[0].message,
            format!(
                "account {ACCOUNT}'s password policy is weak: minimum length 8 (less than 14), \
                 symbols not required, uppercase letters not required, \
                 reuse prevention remembers 5 passwords (less than 24)"
            )
        );
    }

    #[test]
    fn missing_policy_or_settings_fail_and_the_length_is_a_setting() {
        let mut snap = snapshot();
        snap.iam.password_policy = Fetched::Ok(None);
        let findings = run(&IAM_PASSWORD_POLICY_STRONG, &snap);
        assert_eq!(
            findings[0].message,
            format!("account {ACCOUNT} has no password policy")
        );

        snap.iam.password_policy = Fetched::Ok(Some(PasswordPolicy {
            minimum_length: None,
            reuse_prevention: None,
            ..strong_password_policy()
        }));
        let findings = run(&IAM_PASSWORD_POLICY_STRONG, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Fail)]));
        assert!(findings[0]
            .message
            .ends_with("no minimum length (at least 14 wanted), password reuse not prevented"));

        snap.iam.password_policy = Fetched::Ok(Some(strong_password_policy()));
        let settings = Settings {
            password_min_length: 16,
            ..Settings::default()
        };
        let findings = run_with(&IAM_PASSWORD_POLICY_STRONG, &snap, &settings);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Fail)]));
    }

    #[test]
    fn unreadable_policy_is_not_evaluated() {
        let mut snap = snapshot();
        snap.iam.password_policy = Fetched::Failed(denied("GetAccountPasswordPolicy"));

        let findings = run(&IAM_PASSWORD_POLICY_STRONG, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
