use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that the account's root user has no access keys (`AccountAccessKeysPresent` in
    /// `GetAccountSummary`).
    ///
    /// ## Why is this bad?
    /// A root access key is a long-lived credential with unrestricted power over the account that
    /// no policy can limit. Keys leak through code, logs and laptops; a leaked root key is a lost
    /// account.
    ///
    /// ## Example
    /// `aws iam get-account-summary` shows `"AccountAccessKeysPresent": 1`. Fix: sign in as root,
    /// open *Security credentials → Access keys*, deactivate then delete each key, and give
    /// automation an IAM role instead.
    ///
    /// ## Not evaluated when
    /// The account summary could not be read.
    pub IAM_ROOT_ACCESS_KEYS = "iam_root_access_keys",
    pillar: Pillar::Security,
    service: Service::Iam,
    severity: Severity::Critical,
    best_practices: &[direct("SEC01-BP02")],
    since: "0.1.0",
    title: "The root user has no access keys",
    remediation: "Sign in as the root user and delete its access keys under Security credentials; use IAM roles for automation. Check with aws iam get-account-summary (AccountAccessKeysPresent = 0).",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &IAM_ROOT_ACCESS_KEYS;
    let account = ctx.snapshot.account_resource("global");
    let id = &ctx.snapshot.account_id;
    vec![match &ctx.snapshot.iam.account_summary {
        Fetched::Ok(summary) if summary.root_access_keys_present => check.fail(
            &account,
            format!("the root user of account {id} has access keys"),
        ),
        Fetched::Ok(_) => check.pass(
            &account,
            format!("the root user of account {id} has no access keys"),
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
    fn root_without_keys_passes() {
        let findings = run(&IAM_ROOT_ACCESS_KEYS, &snapshot());

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
    }

    #[test]
    fn root_with_keys_fails() {
        let mut snap = snapshot();
        snap.iam.account_summary = Fetched::Ok(AccountSummary {
            root_mfa_enabled: true,
            root_access_keys_present: true,
        });

        let findings = run(&IAM_ROOT_ACCESS_KEYS, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Fail)]));
        assert_eq!(
            findings[0].message,
            format!("the root user of account {ACCOUNT} has access keys")
        );
    }

    #[test]
    fn unreadable_summary_is_not_evaluated() {
        let mut snap = snapshot();
        snap.iam.account_summary = Fetched::Failed(denied("GetAccountSummary"));

        let findings = run(&IAM_ROOT_ACCESS_KEYS, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
