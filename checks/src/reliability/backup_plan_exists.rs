use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks, in every scanned region, that AWS Backup has at least one backup plan. One finding
    /// per region, about the account.
    ///
    /// ## Why is this bad?
    /// A backup plan takes backups on a schedule, keeps them for a set time and copies them to
    /// another region or account if asked. Without one, backups depend on each service's own
    /// settings and on people remembering to take them.
    ///
    /// A plan alone backs nothing up: only its backup selections (resource assignments) do, and
    /// wascan does not read them (`ListBackupSelections`), so a plan that selects nothing passes
    /// here. That makes this check indirect evidence for REL09-BP03; `backup_resources_protected`
    /// shows which resources actually have recovery points.
    ///
    /// ## Example
    /// `aws backup list-backup-plans --region R` is empty. Fix:
    /// `aws backup create-backup-plan --backup-plan file://plan.json` (or start from a template
    /// with `--backup-plan-template-id`), then assign resources with `create-backup-selection`.
    ///
    /// ## Not evaluated when
    /// The region's backup plans could not be listed.
    pub BACKUP_PLAN_EXISTS = "backup_plan_exists",
    pillar: Pillar::Reliability,
    service: Service::Backup,
    severity: Severity::Medium,
    best_practices: &[indirect("REL09-BP03")],
    since: "0.3.0",
    title: "AWS Backup has a backup plan in every region",
    remediation: "aws backup create-backup-plan --backup-plan file://plan.json, then aws backup create-backup-selection to assign resources",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &BACKUP_PLAN_EXISTS;
    ctx.snapshot
        .backup
        .iter()
        .map(|(region, backup)| {
            let account = ctx.snapshot.account_resource(region);
            match &backup.plans {
                Fetched::Ok(plans) if plans.is_empty() => {
                    check.fail(&account, format!("no AWS Backup plan in {region}"))
                }
                Fetched::Ok(plans) => check.pass(
                    &account,
                    format!(
                        "{} AWS Backup plan(s) in {region} (their resource selections not read): {}",
                        plans.len(),
                        plans
                            .iter()
                            .map(|p| p.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ),
                Fetched::Failed(why) => check.not_evaluated(&account, why),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    #[test]
    fn a_plan_passes_none_fails_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        let findings = run(&BACKUP_PLAN_EXISTS, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Fail)]));
        assert_eq!(findings[0].message, "no AWS Backup plan in us-east-1");

        backup(&mut snap).plans = Fetched::Ok(vec![backup_plan("daily")]);
        let findings = run(&BACKUP_PLAN_EXISTS, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "1 AWS Backup plan(s) in us-east-1 (their resource selections not read): daily"
        );

        backup(&mut snap).plans = Fetched::Failed(denied("ListBackupPlans"));
        assert_eq!(
            statuses(&run(&BACKUP_PLAN_EXISTS, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
