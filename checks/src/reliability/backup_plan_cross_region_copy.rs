use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that every AWS Backup plan copies its backups out of the plan's own region or
    /// account: at least one rule with a copy action to a vault in another region or another
    /// account.
    ///
    /// ## Why is this bad?
    /// Backups kept only in the region they protect share that region's fate: a regional outage,
    /// or an attacker or mistake in the account, takes the workload and its backups together. A
    /// copy in another region (and ideally another account) is what makes backup-and-restore a
    /// disaster-recovery strategy.
    ///
    /// ## Example
    /// `aws backup get-backup-plan --backup-plan-id ID` shows rules without `CopyActions`. Fix:
    /// add a copy action to the rule, e.g. `"CopyActions": [{"DestinationBackupVaultArn":
    /// "arn:aws:backup:eu-west-1:ACCOUNT:backup-vault:dr"}]`, with `update-backup-plan`.
    ///
    /// ## Not evaluated when
    /// The region's plans could not be listed (one finding for the region), or the plan's rules
    /// could not be read.
    pub BACKUP_PLAN_CROSS_REGION_COPY = "backup_plan_cross_region_copy",
    pillar: Pillar::Reliability,
    service: Service::Backup,
    severity: Severity::Medium,
    best_practices: &[direct("REL13-BP02")],
    since: "0.4.0",
    title: "Backup plans copy backups to another region or account",
    remediation: "Add a copy action to a vault in another region or account to the plan's rules (aws backup update-backup-plan with CopyActions)",
    evaluate: evaluate,
}

/// `(region, account)` of a backup vault ARN (`arn:aws:backup:REGION:ACCOUNT:backup-vault:NAME`).
fn vault_location(arn: &str) -> Option<(&str, &str)> {
    let mut parts = arn.split(':');
    let region = parts.nth(3)?;
    let account = parts.next()?;
    Some((region, account))
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &BACKUP_PLAN_CROSS_REGION_COPY;
    let account = ctx.snapshot.account_id.as_str();
    ctx.each_in_regions(
        check,
        &ctx.snapshot.backup,
        |region| &region.plans,
        |plan| {
            let rules = match &plan.rules {
                Fetched::Ok(rules) => rules,
                Fetched::Failed(why) => return Some(check.not_evaluated(plan, why)),
            };
            let away: Vec<&str> = rules
                .iter()
                .flat_map(|rule| &rule.copy_to)
                .map(String::as_str)
                .filter(|vault| {
                    vault_location(vault)
                        .is_some_and(|(region, owner)| region != plan.region || owner != account)
                })
                .collect();
            Some(if away.is_empty() {
                check.fail(
                    plan,
                    format!(
                        "backup plan {} keeps its backups in {} only: no rule copies them to another region or account",
                        plan.name, plan.region
                    ),
                )
            } else {
                check.pass(
                    plan,
                    format!("backup plan {} copies backups to {}", plan.name, away.join(", ")),
                )
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::backup::BackupRule;
    use crate::testing::*;

    fn copying_to(name: &str, vault: &str) -> crate::model::backup::BackupPlan {
        let mut plan = backup_plan(name);
        plan.rules = Fetched::Ok(vec![BackupRule {
            name: "nightly".into(),
            copy_to: vec![vault.into()],
        }]);
        plan
    }

    #[test]
    fn copy_away_passes_local_only_fails_unread_rules_not_evaluated() {
        let mut snap = snapshot();
        let mut unread = backup_plan("unread");
        unread.rules = Fetched::Failed(denied("GetBackupPlan"));
        backup(&mut snap).plans = Fetched::Ok(vec![
            copying_to(
                "dr",
                "arn:aws:backup:eu-west-1:123456789012:backup-vault:dr",
            ),
            copying_to(
                "vault-account",
                "arn:aws:backup:us-east-1:999999999999:backup-vault:x",
            ),
            copying_to(
                "same-region",
                "arn:aws:backup:us-east-1:123456789012:backup-vault:b",
            ),
            backup_plan("no-copy"),
            unread,
        ]);

        let findings = run(&BACKUP_PLAN_CROSS_REGION_COPY, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("dr", Pass),
                ("vault-account", Pass),
                ("same-region", Fail),
                ("no-copy", Fail),
                ("unread", NotEvaluated),
            ])
        );
        assert_eq!(
            findings[3].message,
            "backup plan no-copy keeps its backups in us-east-1 only: no rule copies them to another region or account"
        );

        backup(&mut snap).plans = Fetched::Failed(denied("ListBackupPlans"));
        assert_eq!(
            statuses(&run(&BACKUP_PLAN_CROSS_REGION_COPY, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
