use time::OffsetDateTime;

use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks, from the IAM credential report, that no IAM user keeps a credential it does not
    /// use: a console password, or an active access key, unused for more than
    /// `credential_unused_days` (90 by default). A credential never used counts from its creation
    /// (the user's creation for a password, the key's for a key). Users with no password and no
    /// active key are not reported; the root user is covered by the root-user checks.
    ///
    /// ## Why is this bad?
    /// A credential nobody uses is attack surface with no benefit: it belongs to someone who left,
    /// or a script that was retired, and nobody would notice it being abused.
    ///
    /// ## Example
    /// User `contractor` last signed in 200 days ago. Fix: remove the password
    /// (`aws iam delete-login-profile --user-name contractor`) and deactivate unused keys
    /// (`aws iam update-access-key --user-name contractor --access-key-id AKIA... --status Inactive`),
    /// or delete the user.
    ///
    /// ## Not evaluated when
    /// The credential report could not be generated or read.
    pub IAM_UNUSED_CREDENTIALS = "iam_unused_credentials",
    pillar: Pillar::Security,
    service: Service::Iam,
    severity: Severity::Medium,
    best_practices: &[direct("SEC02-BP05"), direct("SEC03-BP06")],
    since: "0.1.0",
    title: "IAM users have no unused credentials",
    remediation: "Remove unused passwords (aws iam delete-login-profile --user-name USER) and deactivate unused access keys (aws iam update-access-key --user-name USER --access-key-id KEY --status Inactive), or delete the user.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &IAM_UNUSED_CREDENTIALS;
    let rows = match &ctx.snapshot.iam.credential_report {
        Fetched::Ok(rows) => rows,
        Fetched::Failed(why) => {
            return vec![check.not_evaluated(&ctx.snapshot.account_resource("global"), why)]
        }
    };
    let limit = ctx.settings.credential_unused_days;
    // How long a credential has been idle (since last use, or since creation if never used),
    // when that is over the limit.
    let idle = |last_used: Option<OffsetDateTime>, created: Option<OffsetDateTime>| {
        let (since, never) = match (last_used, created) {
            (Some(used), _) => (used, false),
            (None, Some(created)) => (created, true),
            (None, None) => return None,
        };
        let days = (ctx.snapshot.collected_at - since).whole_days();
        (days > limit).then(|| {
            if never {
                format!("never used in {days} days")
            } else {
                format!("unused for {days} days")
            }
        })
    };
    rows.iter()
        .filter(|row| !row.is_root())
        .filter_map(|row| {
            let keys: Vec<_> = row.access_keys.iter().filter(|key| key.active).collect();
            if !row.password_enabled && keys.is_empty() {
                return None;
            }
            let password = row
                .password_enabled
                .then(|| idle(row.password_last_used, row.user_creation_time))
                .flatten()
                .map(|idle| format!("password {idle}"));
            let unused: Vec<String> = password
                .into_iter()
                .chain(keys.iter().filter_map(|key| {
                    idle(key.last_used, key.last_rotated)
                        .map(|idle| format!("access key {} {idle}", key.slot))
                }))
                .collect();
            Some(if unused.is_empty() {
                check.pass(
                    row,
                    format!(
                        "user {} has used each of its credentials in the last {limit} days",
                        row.user
                    ),
                )
            } else {
                check.fail(
                    row,
                    format!(
                        "user {} has credentials unused for more than {limit} days: {}",
                        row.user,
                        unused.join(", ")
                    ),
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::iam::CredentialReportRow;
    use crate::settings::Settings;
    use crate::testing::*;

    #[test]
    fn idle_password_or_key_fails_naming_it() {
        let mut snap = snapshot();
        let mut contractor = credential_row("contractor");
        contractor.password_last_used = days_ago(200);
        let mut robot = credential_row("robot");
        robot.password_enabled = false;
        robot.access_keys[0].last_used = None;
        robot.access_keys[0].last_rotated = days_ago(120);
        let mut newcomer = credential_row("newcomer");
        newcomer.password_last_used = None;
        newcomer.user_creation_time = days_ago(3);
        let mut root = credential_row(CredentialReportRow::ROOT);
        root.password_last_used = days_ago(900);
        snap.iam.credential_report = Fetched::Ok(vec![
            root,
            credential_row("alice"),
            contractor,
            robot,
            newcomer,
        ]);

        let findings = run(&IAM_UNUSED_CREDENTIALS, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("alice", Pass),
                ("contractor", Fail),
                ("robot", Fail),
                ("newcomer", Pass)
            ])
        );
        assert_eq!(
            findings[1].message,
            "user contractor has credentials unused for more than 90 days: password unused for 200 days"
        );
        assert_eq!(
            findings[2].message,
            "user robot has credentials unused for more than 90 days: access key 1 never used in 120 days"
        );
    }

    #[test]
    fn users_without_credentials_are_skipped_and_the_limit_is_a_setting() {
        let mut snap = snapshot();
        let mut nobody = credential_row("nobody");
        nobody.password_enabled = false;
        nobody.access_keys[0].active = false;
        nobody.access_keys[0].last_used = days_ago(999);
        let mut both = credential_row("both");
        both.password_last_used = None;
        both.access_keys[0].last_used = days_ago(20);
        snap.iam.credential_report = Fetched::Ok(vec![nobody, both]);
        let settings = Settings {
            credential_unused_days: 15,
            ..Settings::default()
        };

        let findings = run_with(&IAM_UNUSED_CREDENTIALS, &snap, &settings);

        assert_eq!(statuses(&findings), expect(&[("both", Fail)]));
        assert_eq!(
            findings[0].message,
            "user both has credentials unused for more than 15 days: password never used in 400 days, access key 1 unused for 20 days"
        );
    }

    #[test]
    fn unreadable_report_is_one_not_evaluated_finding() {
        let mut snap = snapshot();
        snap.iam.credential_report = Fetched::Failed(denied("GetCredentialReport"));

        let findings = run(&IAM_UNUSED_CREDENTIALS, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
