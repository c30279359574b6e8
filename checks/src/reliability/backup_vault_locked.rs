use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that every AWS Backup vault is protected by Vault Lock.
    ///
    /// ## Why is this bad?
    /// Without Vault Lock, anyone (or any stolen credential) with `backup:DeleteRecoveryPoint` can
    /// delete the backups, and ransomware attacks do exactly that before encrypting the data. A
    /// lock enforces the retention period: recovery points cannot be deleted early, even by the
    /// root user once the lock is in compliance mode.
    ///
    /// ## Example
    /// `aws backup list-backup-vaults` shows `"Locked": false`. Fix:
    /// `aws backup put-backup-vault-lock-configuration --backup-vault-name V --min-retention-days 7`
    /// (add `--changeable-for-days 3` for compliance mode).
    ///
    /// ## Not evaluated when
    /// The region's vaults could not be listed (one finding for the region).
    pub BACKUP_VAULT_LOCKED = "backup_vault_locked",
    pillar: Pillar::Reliability,
    service: Service::Backup,
    severity: Severity::Medium,
    best_practices: &[direct("REL09-BP02")],
    since: "0.3.0",
    title: "AWS Backup vaults are protected by Vault Lock",
    remediation: "aws backup put-backup-vault-lock-configuration --backup-vault-name VAULT --min-retention-days 7",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &BACKUP_VAULT_LOCKED;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.backup,
        |region| &region.vaults,
        |vault| {
            Some(if vault.locked {
                check.pass(vault, format!("vault {} is locked", vault.name))
            } else {
                check.fail(
                    vault,
                    format!(
                        "vault {} is not locked: its {} recovery point(s) can be deleted",
                        vault.name, vault.recovery_points
                    ),
                )
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    #[test]
    fn locked_passes_unlocked_fails_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        let mut open = backup_vault("Default");
        open.locked = false;
        backup(&mut snap).vaults = Fetched::Ok(vec![backup_vault("prod"), open]);

        let findings = run(&BACKUP_VAULT_LOCKED, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("prod", Pass), ("Default", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "vault Default is not locked: its 3 recovery point(s) can be deleted"
        );

        backup(&mut snap).vaults = Fetched::Failed(denied("ListBackupVaults"));
        assert_eq!(
            statuses(&run(&BACKUP_VAULT_LOCKED, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
