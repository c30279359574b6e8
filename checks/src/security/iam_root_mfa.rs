use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that the account's root user has an MFA device (`AccountMFAEnabled` in
    /// `GetAccountSummary`).
    ///
    /// ## Why is this bad?
    /// The root user can do anything, including closing the account and changing its contact
    /// details, and IAM policies cannot restrict it. A phished or reused root password without
    /// MFA hands over the whole account.
    ///
    /// ## Example
    /// `aws iam get-account-summary` shows `"AccountMFAEnabled": 0`. Fix: sign in as root and
    /// assign a hardware key or passkey in *Security credentials → Multi-factor authentication*
    /// (the console only: the root user's MFA cannot be set from the CLI).
    ///
    /// ## Not evaluated when
    /// The account summary could not be read.
    pub IAM_ROOT_MFA = "iam_root_mfa",
    pillar: Pillar::Security,
    service: Service::Iam,
    severity: Severity::Critical,
    best_practices: &[direct("SEC01-BP02")],
    since: "0.1.0",
    title: "The root user has MFA",
    remediation: "Sign in as the root user and assign an MFA device (hardware key or passkey) under Security credentials; check with aws iam get-account-summary (AccountMFAEnabled = 1).",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &IAM_ROOT_MFA;
    let account = ctx.snapshot.account_resource("global");
    let id = &ctx.snapshot.account_id;
    vec![match &ctx.snapshot.iam.account_summary {
        Fetched::Ok(summary) if summary.root_mfa_enabled => {
            check.pass(&account, format!("the root user of account {id} has MFA"))
        }
        Fetched::Ok(_) => check.fail(
            &account,
            format!("the root user of account {id} has no MFA device"),
        ),
        Fetched::Failed(why) => check.not_evaluated(&account, why),
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::iam::AccountSummary;
    use crate::testing::*;

    #[test]
    fn root_with_mfa_passes() {
        let findings = run(&IAM_ROOT_MFA, &snapshot());

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(findings[0].region, "global");
    }

    #[test]
    fn root_without_mfa_fails() {
        let mut snap = snapshot();
        snap.iam.account_summary = Fetched::Ok(AccountSummary {
            root_mfa_enabled: false,
            root_access_keys_present: false,
        });

        let findings = run(&IAM_ROOT_MFA, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Fail)]));
        assert_eq!(
            findings[0].message,
            format!("the root user of account {ACCOUNT} has no MFA device")
        );
    }

    #[test]
    fn unreadable_summary_is_not_evaluated() {
        let mut snap = snapshot();
        snap.iam.account_summary = Fetched::Failed(denied("GetAccountSummary"));

        let findings = run(&IAM_ROOT_MFA, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
