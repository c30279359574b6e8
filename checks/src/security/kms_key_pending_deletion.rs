use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that no customer-managed KMS key is scheduled for deletion. One finding per
    /// customer-managed key; AWS managed keys give none.
    ///
    /// ## Why is this bad?
    /// Once the waiting period (7–30 days) ends the key is gone for good, and so is every piece
    /// of data, snapshot and backup still encrypted under it. A deletion scheduled by mistake, or
    /// by an attacker, is only noticed when decryption starts failing.
    ///
    /// ## Example
    /// `aws kms describe-key --key-id K` shows `"KeyState": "PendingDeletion"` and a
    /// `DeletionDate`. Fix, if the key is still needed: `aws kms cancel-key-deletion --key-id K`
    /// then `aws kms enable-key --key-id K`. If it is truly unused, leave it and suppress the
    /// finding.
    ///
    /// ## Not evaluated when
    /// The region's keys could not be listed (one finding for the region), or this key could not
    /// be described.
    pub KMS_KEY_PENDING_DELETION = "kms_key_pending_deletion",
    pillar: Pillar::Security,
    service: Service::Kms,
    severity: Severity::High,
    best_practices: &[indirect("SEC08-BP01")],
    since: "0.2.0",
    title: "No customer-managed KMS key is scheduled for deletion",
    remediation: "If the key is still needed: aws kms cancel-key-deletion --key-id KEY && aws kms enable-key --key-id KEY",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &KMS_KEY_PENDING_DELETION;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.kms,
        |region| &region.keys,
        |key| match &key.metadata {
            Fetched::Failed(why) => Some(check.not_evaluated(key, why)),
            Fetched::Ok(m) if !m.is_customer_managed() => None,
            Fetched::Ok(m) if m.state.starts_with("PendingDeletion") => {
                let when = m
                    .deletion_date
                    .map(|d| format!(" on {}", d.date()))
                    .unwrap_or_default();
                Some(check.fail(
                    key,
                    format!("KMS key {} is scheduled for deletion{when}", key.label()),
                ))
            }
            Fetched::Ok(m) => Some(check.pass(
                key,
                format!(
                    "KMS key {} is not scheduled for deletion ({})",
                    key.label(),
                    m.state
                ),
            )),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::kms::KeyMetadata;
    use crate::testing::*;

    #[test]
    fn pending_deletion_fails_others_pass_aws_managed_are_skipped() {
        let mut snap = snapshot();
        let mut doomed = kms_key("old");
        doomed.metadata = Fetched::Ok(KeyMetadata {
            state: "PendingDeletion".into(),
            deletion_date: days_ago(-7),
            ..key_metadata()
        });
        let mut aws_managed = kms_key("aws/ebs");
        aws_managed.metadata = Fetched::Ok(KeyMetadata {
            manager: "AWS".into(),
            ..key_metadata()
        });
        let mut unreadable = kms_key("secret");
        unreadable.metadata = Fetched::Failed(denied("DescribeKey"));
        kms(&mut snap).keys = Fetched::Ok(vec![kms_key("data"), doomed, aws_managed, unreadable]);

        let findings = run(&KMS_KEY_PENDING_DELETION, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("alias/data", Pass),
                ("alias/old", Fail),
                ("alias/secret", NotEvaluated)
            ])
        );
        assert_eq!(
            findings[0].message,
            "KMS key alias/data (key-data) is not scheduled for deletion (Enabled)"
        );
        assert_eq!(
            findings[1].message,
            "KMS key alias/old (key-old) is scheduled for deletion on 2026-06-08"
        );
    }
}
