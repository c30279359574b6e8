use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks, from the IAM credential report, that every IAM user who can sign in to the console
    /// (has a password) also has an MFA device. Users without a password are not reported; the
    /// root user is covered by `iam_root_mfa`.
    ///
    /// ## Why is this bad?
    /// A password alone falls to phishing, reuse from another breach, or guessing. MFA stops the
    /// stolen password from being enough.
    ///
    /// ## Example
    /// The credential report shows `password_enabled=true, mfa_active=false` for user `bob`. Fix:
    /// have bob register a device (`aws iam create-virtual-mfa-device` then
    /// `aws iam enable-mfa-device --user-name bob ...`), or better move humans to IAM Identity
    /// Center and delete the IAM user's password (`aws iam delete-login-profile --user-name bob`).
    ///
    /// ## Not evaluated when
    /// The credential report could not be generated or read.
    pub IAM_USER_CONSOLE_MFA = "iam_user_console_mfa",
    pillar: Pillar::Security,
    service: Service::Iam,
    severity: Severity::High,
    best_practices: &[direct("SEC02-BP01")],
    since: "0.1.0",
    title: "IAM users with a console password have MFA",
    remediation: "Enable MFA for the user (aws iam enable-mfa-device --user-name USER --serial-number ARN --authentication-code1 ... --authentication-code2 ...), or remove the password (aws iam delete-login-profile --user-name USER).",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &IAM_USER_CONSOLE_MFA;
    let rows = match &ctx.snapshot.iam.credential_report {
        Fetched::Ok(rows) => rows,
        Fetched::Failed(why) => {
            return vec![check.not_evaluated(&ctx.snapshot.account_resource("global"), why)]
        }
    };
    rows.iter()
        .filter(|row| !row.is_root() && row.password_enabled)
        .map(|row| {
            if row.mfa_active {
                check.pass(
                    row,
                    format!("user {} has a console password and MFA", row.user),
                )
            } else {
                check.fail(
                    row,
                    format!("user {} has a console password and no MFA device", row.user),
                )
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::iam::CredentialReportRow;
    use crate::testing::*;

    #[test]
    fn console_users_need_mfa_others_and_root_are_skipped() {
        let mut snap = snapshot();
        let mut bob = credential_row("bob");
        bob.mfa_active = false;
        let mut robot = credential_row("robot");
        robot.password_enabled = false;
        robot.mfa_active = false;
        let mut root = credential_row(CredentialReportRow::ROOT);
        root.mfa_active = false;
        snap.iam.credential_report = Fetched::Ok(vec![root, credential_row("alice"), bob, robot]);

        let findings = run(&IAM_USER_CONSOLE_MFA, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("alice", Pass), ("bob", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "user bob has a console password and no MFA device"
        );
        assert_eq!(findings[1].resource.kind, "AWS::IAM::User");
    }

    #[test]
    fn unreadable_report_is_one_not_evaluated_finding() {
        let mut snap = snapshot();
        snap.iam.credential_report = Fetched::Failed(denied("GetCredentialReport"));

        let findings = run(&IAM_USER_CONSOLE_MFA, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
