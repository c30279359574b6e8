use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Gap, Resource, Service};

declare_check! {
    /// ## What it does
    /// Checks that no EFS file system uses the Bursting throughput mode; Elastic (or Provisioned,
    /// for a known steady need) passes.
    ///
    /// ## Why is this bad?
    /// In Bursting mode, throughput scales with the amount of data stored: a small file system
    /// gets a baseline of 50 KiB/s per GiB and bursts on credits. Once a busy workload spends its
    /// credits, reads and writes are throttled to the baseline and latency climbs, often long
    /// after the file system was sized. Elastic throughput scales with the workload itself and
    /// is billed for what is used.
    ///
    /// ## Example
    /// `aws efs describe-file-systems` shows `"ThroughputMode": "bursting"`. Fix:
    /// `aws efs update-file-system --file-system-id fs-… --throughput-mode elastic`.
    ///
    /// ## Not evaluated when
    /// The region's file systems could not be listed (one finding for the region), or the
    /// listing does not report the throughput mode.
    pub EFS_THROUGHPUT_MODE = "efs_throughput_mode",
    pillar: Pillar::PerformanceEfficiency,
    service: Service::Efs,
    severity: Severity::Low,
    best_practices: &[indirect("PERF03-BP02")],
    since: "0.3.0",
    title: "EFS file systems use Elastic or Provisioned throughput",
    remediation: "aws efs update-file-system --file-system-id FS --throughput-mode elastic",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EFS_THROUGHPUT_MODE;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.efs,
        |region| &region.file_systems,
        |fs| {
            let label = fs.resource().label();
            Some(match fs.throughput_mode.as_deref() {
                Some("bursting") => check.fail(
                    fs,
                    format!(
                        "file system {label} uses Bursting throughput: it is throttled once its credits run out"
                    ),
                ),
                Some(mode) => check.pass(fs, format!("file system {label} uses {mode} throughput")),
                None => check.not_evaluated(
                    fs,
                    &Gap::missing(Service::Efs, &fs.region, "DescribeFileSystems", "ThroughputMode"),
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
    fn elastic_passes_bursting_fails_unknown_is_not_evaluated() {
        let mut snap = snapshot();
        let mut bursting = file_system("fs-2", "scratch");
        bursting.throughput_mode = Some("bursting".into());
        let mut unknown = file_system("fs-3", "old");
        unknown.throughput_mode = None;
        efs(&mut snap).file_systems =
            Fetched::Ok(vec![file_system("fs-1", "shared"), bursting, unknown]);

        let findings = run(&EFS_THROUGHPUT_MODE, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("shared", Pass), ("scratch", Fail), ("old", NotEvaluated)])
        );
        assert_eq!(
            findings[0].message,
            "file system shared (fs-1) uses elastic throughput"
        );

        efs(&mut snap).file_systems = Fetched::Failed(denied("DescribeFileSystems"));
        assert_eq!(
            statuses(&run(&EFS_THROUGHPUT_MODE, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
