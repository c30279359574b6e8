use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Resource, Service};

declare_check! {
    /// ## What it does
    /// Checks that every EFS file system is Regional (its data stored redundantly across several
    /// Availability Zones) rather than One Zone.
    ///
    /// ## Why is this bad?
    /// A One Zone file system keeps its data in a single Availability Zone: if that zone is
    /// impaired, the file system is unavailable, and a zone-wide loss can lose the data written
    /// since the last backup. Instances in other zones also pay cross-zone transfer to reach it.
    /// One Zone is fine for data that can be rebuilt; shared application data should be Regional.
    ///
    /// ## Example
    /// `aws efs describe-file-systems` shows `"AvailabilityZoneName": "us-east-1a"`. The storage
    /// class cannot be changed: create a Regional file system (`aws efs create-file-system`
    /// without `--availability-zone-name`), copy the data with AWS DataSync or restore a backup
    /// into it, and move the mount targets.
    ///
    /// ## Not evaluated when
    /// The region's file systems could not be listed (one finding for the region).
    pub EFS_FILE_SYSTEM_MULTI_AZ = "efs_file_system_multi_az",
    pillar: Pillar::Reliability,
    service: Service::Efs,
    severity: Severity::Medium,
    best_practices: &[direct("REL10-BP01")],
    since: "0.3.0",
    title: "EFS file systems store data across several Availability Zones",
    remediation: "Create a Regional file system (aws efs create-file-system without --availability-zone-name) and copy the data with AWS DataSync",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EFS_FILE_SYSTEM_MULTI_AZ;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.efs,
        |region| &region.file_systems,
        |fs| {
            let label = fs.resource().label();
            Some(match &fs.one_zone {
                None => check.pass(fs, format!("file system {label} is Regional")),
                Some(zone) => check.fail(
                    fs,
                    format!("file system {label} is One Zone, in {zone} only"),
                ),
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
    fn regional_passes_one_zone_fails_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        let mut scratch = file_system("fs-2", "scratch");
        scratch.one_zone = Some(format!("{REGION}a"));
        efs(&mut snap).file_systems = Fetched::Ok(vec![file_system("fs-1", "shared"), scratch]);

        let findings = run(&EFS_FILE_SYSTEM_MULTI_AZ, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("shared", Pass), ("scratch", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "file system scratch (fs-2) is One Zone, in us-east-1a only"
        );

        efs(&mut snap).file_systems = Fetched::Failed(denied("DescribeFileSystems"));
        assert_eq!(
            statuses(&run(&EFS_FILE_SYSTEM_MULTI_AZ, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
