use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks from the IAM credential report that no IAM user (nor the root user) has both of
    /// its access keys active at once.
    ///
    /// ## Why is this bad?
    /// Two keys are meant to overlap only for the minutes of a rotation: the new one is
    /// deployed, then the old one deactivated. Two active keys for good usually mean a rotation
    /// that never finished, an old key still somewhere in a script or a laptop, and twice the
    /// long-lived secrets to leak (SEC02-BP05, as a proxy for rotation done to the end).
    ///
    /// ## Example
    /// The credential report shows `access_key_1_active` and `access_key_2_active` both `true`
    /// for `ci-deploy`. Fix: find which key is used (`aws iam get-access-key-last-used`), then
    /// `aws iam update-access-key --status Inactive` and later `delete-access-key` for the other.
    ///
    /// ## Not evaluated when
    /// The credential report could not be read.
    pub IAM_USER_TWO_ACTIVE_ACCESS_KEYS = "iam_user_two_active_access_keys",
    pillar: Pillar::Security,
    service: Service::Iam,
    severity: Severity::Low,
    best_practices: &[indirect("SEC02-BP05")],
    since: "0.5.0",
    title: "IAM users do not keep two access keys active",
    remediation: "Deactivate the key no longer used (aws iam update-access-key --status Inactive), then delete it.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &IAM_USER_TWO_ACTIVE_ACCESS_KEYS;
    let rows = match &ctx.snapshot.iam.credential_report {
        Fetched::Ok(rows) => rows,
        Fetched::Failed(gap) => {
            return vec![check.not_evaluated(&ctx.snapshot.account_resource("global"), gap)]
        }
    };
    rows.iter()
        .filter(|row| row.access_keys.iter().any(|key| key.active))
        .map(|row| {
            let active = row.access_keys.iter().filter(|key| key.active).count();
            if active > 1 {
                check.fail(
                    row,
                    format!("user {} has {active} access keys active", row.user),
                )
            } else {
                check.pass(row, format!("user {} has one access key active", row.user))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::iam::AccessKeyReport;
    use crate::testing::*;

    fn key(slot: u8, active: bool) -> AccessKeyReport {
        AccessKeyReport {
            slot,
            active,
            last_rotated: days_ago(10),
            last_used: days_ago(1),
        }
    }

    #[test]
    fn two_active_keys_fail_one_passes_none_is_skipped() {
        let mut snap = snapshot();
        let with = |user: &str, keys: Vec<AccessKeyReport>| {
            let mut row = credential_row(user);
            row.access_keys = keys;
            row
        };
        snap.iam.credential_report = Fetched::Ok(vec![
            with("ci", vec![key(1, true), key(2, true)]),
            with("svc", vec![key(1, true), key(2, false)]),
            with("alice", vec![]),
        ]);

        let findings = run(&IAM_USER_TWO_ACTIVE_ACCESS_KEYS, &snap);

        assert_eq!(statuses(&findings), expect(&[("ci", Fail), ("svc", Pass)]));
        assert_eq!(findings[0].message, "user ci has 2 access keys active");

        snap.iam.credential_report = Fetched::Failed(denied("GetCredentialReport"));
        assert_eq!(
            statuses(&run(&IAM_USER_TWO_ACTIVE_ACCESS_KEYS, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
