use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks, from the IAM credential report, that every active access key of every IAM user was
    /// created (rotated) no more than `access_key_max_age_days` (90 by default) before the scan.
    /// One finding per user with an active key; root keys are covered by `iam_root_access_keys`.
    ///
    /// ## Why is this bad?
    /// An access key is a password that never expires. The older it is, the more places it has been
    /// copied to (laptops, CI variables, scripts), and the longer a leaked copy keeps working.
    ///
    /// ## Example
    /// User `deploy` has key 1 created 400 days ago. Fix: create a second key
    /// (`aws iam create-access-key --user-name deploy`), switch its users over, then
    /// `aws iam update-access-key --user-name deploy --access-key-id OLD --status Inactive` and
    /// later `aws iam delete-access-key`. Better: replace the key with an IAM role.
    ///
    /// ## Not evaluated when
    /// The credential report could not be generated or read.
    pub IAM_ACCESS_KEY_ROTATED = "iam_access_key_rotated",
    pillar: Pillar::Security,
    service: Service::Iam,
    severity: Severity::Medium,
    best_practices: &[direct("SEC02-BP05")],
    since: "0.1.0",
    title: "IAM access keys are rotated",
    remediation: "Rotate the key: aws iam create-access-key --user-name USER, move its users to the new key, then aws iam update-access-key --status Inactive and aws iam delete-access-key on the old one (or replace it with an IAM role).",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &IAM_ACCESS_KEY_ROTATED;
    let rows = match &ctx.snapshot.iam.credential_report {
        Fetched::Ok(rows) => rows,
        Fetched::Failed(why) => {
            return vec![check.not_evaluated(&ctx.snapshot.account_resource("global"), why)]
        }
    };
    let max_age = ctx.settings.access_key_max_age_days;
    rows.iter()
        .filter(|row| !row.is_root() && row.access_keys.iter().any(|key| key.active))
        .map(|row| {
            let old: Vec<String> = row
                .access_keys
                .iter()
                .filter(|key| key.active)
                .filter_map(|key| match key.last_rotated {
                    Some(rotated) => {
                        let age = (ctx.snapshot.collected_at - rotated).whole_days();
                        (age > max_age).then(|| format!("key {} ({age} days)", key.slot))
                    }
                    None => Some(format!("key {} (rotation date unknown)", key.slot)),
                })
                .collect();
            if old.is_empty() {
                check.pass(
                    row,
                    format!(
                        "user {}'s active access keys are at most {max_age} days old",
                        row.user
                    ),
                )
            } else {
                check.fail(
                    row,
                    format!(
                        "user {} has access keys older than {max_age} days: {}",
                        row.user,
                        old.join(", ")
                    ),
                )
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::iam::{AccessKeyReport, CredentialReportRow};
    use crate::settings::Settings;
    use crate::testing::*;

    fn key(slot: u8, active: bool, age_days: i64) -> AccessKeyReport {
        AccessKeyReport {
            slot,
            active,
            last_rotated: days_ago(age_days),
            last_used: days_ago(1),
        }
    }

    #[test]
    fn old_active_keys_fail_young_or_inactive_keys_pass_users_without_keys_are_skipped() {
        let mut snap = snapshot();
        let mut deploy = credential_row("deploy");
        deploy.access_keys = vec![key(1, true, 400), key(2, true, 91)];
        let mut mixed = credential_row("mixed");
        mixed.access_keys = vec![key(1, false, 400), key(2, true, 90)];
        let mut human = credential_row("human");
        human.access_keys = vec![key(1, false, 400)];
        let mut root = credential_row(CredentialReportRow::ROOT);
        root.access_keys = vec![key(1, true, 999)];
        snap.iam.credential_report =
            Fetched::Ok(vec![root, credential_row("alice"), deploy, mixed, human]);

        let findings = run(&IAM_ACCESS_KEY_ROTATED, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("alice", Pass), ("deploy", Fail), ("mixed", Pass)])
        );
        assert_eq!(
            findings[1].message,
            "user deploy has access keys older than 90 days: key 1 (400 days), key 2 (91 days)"
        );
    }

    #[test]
    fn the_age_limit_is_a_setting_and_an_unknown_date_fails() {
        let mut snap = snapshot();
        let mut odd = credential_row("odd");
        odd.access_keys[0].last_rotated = None;
        snap.iam.credential_report = Fetched::Ok(vec![credential_row("alice"), odd]);
        let settings = Settings {
            access_key_max_age_days: 5,
            ..Settings::default()
        };

        let findings = run_with(&IAM_ACCESS_KEY_ROTATED, &snap, &settings);

        assert_eq!(
            statuses(&findings),
            expect(&[("alice", Fail), ("odd", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "user odd has access keys older than 5 days: key 1 (rotation date unknown)"
        );
    }

    #[test]
    fn unreadable_report_is_one_not_evaluated_finding() {
        let mut snap = snapshot();
        snap.iam.credential_report = Fetched::Failed(denied("GetCredentialReport"));

        let findings = run(&IAM_ACCESS_KEY_ROTATED, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
