use std::collections::BTreeSet;

use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Resource, ResourceRef, Service};

declare_check! {
    /// ## What it does
    /// Checks that every RDS instance, DynamoDB table, EFS file system and EBS volume in the
    /// snapshot has a recovery point in AWS Backup (it is among the region's protected
    /// resources). Only the services collected in the same scan are looked at.
    ///
    /// ## Why is this bad?
    /// A backup plan protects only the resources its selections name. A database or volume left
    /// out of every selection (a new one, one without the expected tag) has no backup, and nobody
    /// notices until a restore is needed.
    ///
    /// ## Example
    /// The volume `vol-0abc` is not in `aws backup list-protected-resources`. Fix: add it to a
    /// plan's selection (`aws backup create-backup-selection`, by ARN or by a tag it carries).
    ///
    /// ## Not evaluated when
    /// The region's protected resources could not be listed (one finding for the region).
    pub BACKUP_RESOURCES_PROTECTED = "backup_resources_protected",
    pillar: Pillar::Reliability,
    service: Service::Backup,
    severity: Severity::High,
    best_practices: &[direct("REL09-BP01")],
    since: "0.3.0",
    title: "Databases, file systems and volumes are backed up by AWS Backup",
    remediation: "Add the resource to a backup plan: aws backup create-backup-selection --backup-plan-id PLAN --backup-selection file://selection.json",
    evaluate: evaluate,
}

/// The resources of `region` AWS Backup should protect, from the services collected.
fn protectable(ctx: &Context, region: &str) -> Vec<ResourceRef> {
    let snap = ctx.snapshot;
    let mut out = Vec::new();
    if let Some(Fetched::Ok(instances)) = snap.rds.get(region).map(|r| &r.instances) {
        out.extend(instances.iter().map(Resource::resource));
    }
    if let Some(Fetched::Ok(tables)) = snap.dynamodb.get(region).map(|r| &r.tables) {
        out.extend(tables.iter().map(Resource::resource));
    }
    if let Some(Fetched::Ok(file_systems)) = snap.efs.get(region).map(|r| &r.file_systems) {
        out.extend(file_systems.iter().map(Resource::resource));
    }
    if let Some(Fetched::Ok(volumes)) = snap.ec2.get(region).map(|r| &r.volumes) {
        out.extend(volumes.iter().map(Resource::resource));
    }
    out
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &BACKUP_RESOURCES_PROTECTED;
    ctx.snapshot
        .backup
        .iter()
        .flat_map(|(region, backup)| {
            let resources = protectable(ctx, region);
            let protected: BTreeSet<&str> = match &backup.protected_resources {
                Fetched::Ok(arns) => arns.iter().map(String::as_str).collect(),
                Fetched::Failed(why) if !resources.is_empty() => {
                    return vec![check.not_evaluated(&ctx.snapshot.account_resource(region), why)]
                }
                Fetched::Failed(_) => return vec![],
            };
            resources
                .iter()
                .map(|resource| {
                    let label = format!("{} {}", kind_name(&resource.kind), resource.label());
                    if protected.contains(resource.arn.as_str()) {
                        check.pass(
                            resource,
                            format!("{label} has an AWS Backup recovery point"),
                        )
                    } else {
                        check.fail(resource, format!("{label} is not backed up by AWS Backup"))
                    }
                })
                .collect()
        })
        .collect()
}

fn kind_name(kind: &str) -> &str {
    match kind {
        "AWS::RDS::DBInstance" => "RDS instance",
        "AWS::DynamoDB::Table" => "DynamoDB table",
        "AWS::EFS::FileSystem" => "file system",
        "AWS::EC2::Volume" => "volume",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    #[test]
    fn protected_passes_unprotected_fails_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        efs(&mut snap).file_systems = Fetched::Ok(vec![
            file_system("fs-1", "shared"),
            file_system("fs-2", "scratch"),
        ]);
        backup(&mut snap).protected_resources = Fetched::Ok(vec![format!(
            "arn:aws:elasticfilesystem:{REGION}:{ACCOUNT}:file-system/fs-1"
        )]);

        let findings = run(&BACKUP_RESOURCES_PROTECTED, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("shared", Pass), ("scratch", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "file system scratch (fs-2) is not backed up by AWS Backup"
        );

        backup(&mut snap).protected_resources = Fetched::Failed(denied("ListProtectedResources"));
        assert_eq!(
            statuses(&run(&BACKUP_RESOURCES_PROTECTED, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
