use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;
use crate::recommendations::each_recommendation;

declare_check! {
    /// ## What it does
    /// Checks that every EBS volume Compute Optimizer has judged is `Optimized`: its type, size, IOPS and
    /// throughput fit its measured use.
    ///
    /// ## Why is this bad?
    /// A volume whose IOPS or throughput is below what the workload asks for throttles every read and
    /// write of its instance; one far above pays for performance nobody uses.
    ///
    /// ## Example
    /// `aws compute-optimizer get-ebs-volume-recommendations` shows `"finding": "NotOptimized"`. Fix:
    /// `aws ec2 modify-volume` to the recommended configuration (no downtime).
    ///
    /// ## Not evaluated when
    /// The account is not enrolled in Compute Optimizer, or the region's recommendations could not be
    /// read (one finding for the region). Resources Compute Optimizer cannot judge yet are skipped.
    pub COMPUTEOPTIMIZER_EBS_VOLUME_OPTIMIZED = "computeoptimizer_ebs_volume_optimized",
    pillar: Pillar::PerformanceEfficiency,
    service: Service::ComputeOptimizer,
    severity: Severity::Low,
    best_practices: &[direct("PERF03-BP02")],
    since: "0.3.0",
    title: "EBS volumes are configured as Compute Optimizer recommends",
    remediation: "aws ec2 modify-volume --volume-id VOL --volume-type TYPE --iops IOPS --throughput MBPS",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    each_recommendation(
        ctx,
        &COMPUTEOPTIMIZER_EBS_VOLUME_OPTIMIZED,
        |r| &r.volumes,
        &["NOT_OPTIMIZED"],
        "volume",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    #[test]
    fn optimized_passes_flagged_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut flagged = recommendation("AWS::EC2::Volume", "flagged");
        flagged.finding = "NOT_OPTIMIZED".into();
        flagged.recommended = Some("smaller".into());
        compute_optimizer(&mut snap).volumes =
            Fetched::Ok(vec![recommendation("AWS::EC2::Volume", "fine"), flagged]);

        let findings = run(&COMPUTEOPTIMIZER_EBS_VOLUME_OPTIMIZED, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("fine", Pass), ("flagged", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "volume flagged is not-optimized: m5.large; Compute Optimizer recommends smaller"
        );

        compute_optimizer(&mut snap).volumes = Fetched::Failed(denied("Get"));
        assert_eq!(
            statuses(&run(&COMPUTEOPTIMIZER_EBS_VOLUME_OPTIMIZED, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
