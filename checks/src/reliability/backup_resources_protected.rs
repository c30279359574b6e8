use std::collections::BTreeSet;

use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Gap, Resource, ResourceRef, Service};

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
    /// The region's protected resources could not be listed (one finding for the region); the
    /// region's RDS instances, DynamoDB tables, EFS file systems or EBS volumes could not be
    /// listed (one finding for the region, besides the findings of those that were listed).
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

/// The resources of a listing, or why it failed.
fn refs<T: Resource>(fetched: &Fetched<Vec<T>>) -> Result<Vec<ResourceRef>, &Gap> {
    match fetched {
        Fetched::Ok(items) => Ok(items.iter().map(Resource::resource).collect()),
        Fetched::Failed(why) => Err(why),
    }
}

/// The region's resources AWS Backup can protect, and the first listing of them that failed.
fn protectable<'a>(ctx: &'a Context, region: &str) -> (Vec<ResourceRef>, Option<&'a Gap>) {
    let snap = ctx.snapshot;
    let mut out = Vec::new();
    let mut unlisted = None;
    let mut add = |listed: Option<Result<Vec<ResourceRef>, &'a Gap>>| match listed {
        Some(Ok(resources)) => out.extend(resources),
        Some(Err(why)) => unlisted = unlisted.or(Some(why)),
        None => {}
    };
    add(snap.rds.get(region).map(|r| refs(&r.instances)));
    add(snap.dynamodb.get(region).map(|r| refs(&r.tables)));
    add(snap.efs.get(region).map(|r| refs(&r.file_systems)));
    add(snap.ec2.get(region).map(|r| refs(&r.volumes)));
    (out, unlisted)
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &BACKUP_RESOURCES_PROTECTED;
    ctx.snapshot
        .backup
        .iter()
        .flat_map(|(region, backup)| {
            let (resources, unlisted) = protectable(ctx, region);
            let region_gap =
                |why: &Gap| check.not_evaluated(&ctx.snapshot.account_resource(region), why);
            let protected: BTreeSet<&str> = match &backup.protected_resources {
                Fetched::Ok(arns) => arns.iter().map(String::as_str).collect(),
                Fetched::Failed(why) if !resources.is_empty() || unlisted.is_some() => {
                    return vec![region_gap(why)]
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
                // A listing that failed hides resources that may be unprotected.
                .chain(unlisted.map(region_gap))
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

    /// Found by the fault harness's reading of cloudwatch_resource_alarms, which had the same
    /// gap: a listing that failed made its resources' failures vanish without a word.
    #[test]
    fn a_resource_listing_that_failed_is_not_evaluated_for_the_region() {
        let mut snap = snapshot();
        efs(&mut snap).file_systems = Fetched::Ok(vec![file_system("fs-2", "scratch")]);
        rds(&mut snap).instances = Fetched::Failed(denied("DescribeDBInstances"));
        backup(&mut snap).protected_resources = Fetched::Ok(vec![]);

        let findings = run(&BACKUP_RESOURCES_PROTECTED, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("scratch", Fail), (ACCOUNT, NotEvaluated)])
        );
        assert!(findings[1]
            .reason
            .as_deref()
            .is_some_and(|r| r.contains("DescribeDBInstances")));
    }
}
