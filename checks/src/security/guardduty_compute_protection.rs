use crate::catalog::Pillar;
use crate::check::{direct, indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks, in every scanned region, that GuardDuty protects compute automatically: its
    /// enabled detector has Runtime Monitoring (`RUNTIME_MONITORING`, or the older
    /// `EKS_RUNTIME_MONITORING`) and Malware Protection for EC2 (`EBS_MALWARE_PROTECTION`) on.
    /// One finding per region, about the account.
    ///
    /// ## Why is this bad?
    /// GuardDuty's foundational detection reads logs; it does not see what runs inside an
    /// instance or container. Runtime Monitoring watches processes, files and network calls on
    /// EC2, ECS and EKS (reverse shells, crypto miners, privilege escalation), and Malware
    /// Protection scans the volumes of a suspicious instance without an agent. Without them,
    /// compromised compute is found late or not at all.
    ///
    /// ## Example
    /// `aws guardduty get-detector --detector-id D` shows `RUNTIME_MONITORING` or
    /// `EBS_MALWARE_PROTECTION` with `"Status": "DISABLED"`. Fix: `aws guardduty update-detector
    /// --detector-id D --features '[{"Name":"RUNTIME_MONITORING","Status":"ENABLED"},
    /// {"Name":"EBS_MALWARE_PROTECTION","Status":"ENABLED"}]'`.
    ///
    /// ## Not evaluated when
    /// The region's detectors, or the enabled detector's configuration, could not be read.
    pub GUARDDUTY_COMPUTE_PROTECTION = "guardduty_compute_protection",
    pillar: Pillar::Security,
    service: Service::Guardduty,
    severity: Severity::Medium,
    best_practices: &[direct("SEC06-BP05"), indirect("SEC01-BP08")],
    since: "0.5.0",
    title: "GuardDuty Runtime Monitoring and Malware Protection protect compute",
    remediation: "aws guardduty update-detector --detector-id DETECTOR --features '[{\"Name\":\"RUNTIME_MONITORING\",\"Status\":\"ENABLED\"},{\"Name\":\"EBS_MALWARE_PROTECTION\",\"Status\":\"ENABLED\"}]' --region REGION",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &GUARDDUTY_COMPUTE_PROTECTION;
    ctx.snapshot
        .guardduty
        .iter()
        .map(|(region, guardduty)| {
            let account = ctx.snapshot.account_resource(region);
            let detectors = match &guardduty.detectors {
                Fetched::Ok(detectors) => detectors,
                Fetched::Failed(why) => return check.not_evaluated(&account, why),
            };
            let enabled = detectors
                .iter()
                .find(|d| matches!(&d.status, Fetched::Ok(s) if s == "ENABLED"));
            let Some(detector) = enabled else {
                if let Some(why) = detectors.iter().find_map(|d| d.status.gap()) {
                    return check.not_evaluated(&account, why);
                }
                return check.fail(
                    &account,
                    format!("GuardDuty is not enabled in {region}: no runtime or malware protection"),
                );
            };
            if let Fetched::Failed(why) = &detector.features {
                return check.not_evaluated(&account, why);
            }
            let runtime = detector.feature_enabled("RUNTIME_MONITORING") == Some(true)
                || detector.feature_enabled("EKS_RUNTIME_MONITORING") == Some(true);
            let malware = detector.feature_enabled("EBS_MALWARE_PROTECTION") == Some(true);
            let missing: Vec<&str> = [
                (!runtime).then_some("Runtime Monitoring"),
                (!malware).then_some("Malware Protection for EC2"),
            ]
            .into_iter()
            .flatten()
            .collect();
            if missing.is_empty() {
                check.pass(
                    &account,
                    format!(
                        "GuardDuty detector {} in {region} has Runtime Monitoring and Malware Protection for EC2 on",
                        detector.id
                    ),
                )
            } else {
                check.fail(
                    &account,
                    format!(
                        "GuardDuty detector {} in {region} has {} off",
                        detector.id,
                        missing.join(" and ")
                    ),
                )
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::{self, *};
    use crate::model::guardduty::Detector;
    use crate::model::GuardDutyRegion;
    use crate::testing::*;

    fn detector(features: &[(&str, &str)]) -> Detector {
        Detector {
            id: "d-2".into(),
            status: Fetched::Ok("ENABLED".into()),
            features: Fetched::Ok(
                features
                    .iter()
                    .map(|(n, s)| (n.to_string(), s.to_string()))
                    .collect(),
            ),
        }
    }

    #[test]
    fn one_finding_per_region() {
        let mut snap = snapshot();
        let put = |snap: &mut crate::model::Snapshot, region: &str, detectors| {
            snap.guardduty
                .insert(region.into(), GuardDutyRegion { detectors });
        };
        put(
            &mut snap,
            "eu-west-1",
            Fetched::Ok(vec![detector(&[
                ("RUNTIME_MONITORING", "DISABLED"),
                ("EBS_MALWARE_PROTECTION", "ENABLED"),
            ])]),
        );
        put(
            &mut snap,
            "eu-central-1",
            Fetched::Ok(vec![detector(&[("EKS_RUNTIME_MONITORING", "ENABLED")])]),
        );
        put(&mut snap, "ap-south-1", Fetched::Ok(vec![]));
        let mut unreadable = detector(&[]);
        unreadable.features = Fetched::Failed(denied("GetDetector"));
        put(&mut snap, "sa-east-1", Fetched::Ok(vec![unreadable]));

        let findings = run(&GUARDDUTY_COMPUTE_PROTECTION, &snap);

        let by_region: Vec<(&str, Status)> = findings
            .iter()
            .map(|f| (f.region.as_str(), f.status))
            .collect();
        assert_eq!(
            by_region,
            [
                ("ap-south-1", Fail),
                ("eu-central-1", Fail),
                ("eu-west-1", Fail),
                ("sa-east-1", NotEvaluated),
                (REGION, Pass)
            ]
        );
        assert_eq!(
            findings[0].message,
            "GuardDuty is not enabled in ap-south-1: no runtime or malware protection"
        );
        assert_eq!(
            findings[1].message,
            "GuardDuty detector d-2 in eu-central-1 has Malware Protection for EC2 off"
        );
        assert_eq!(
            findings[2].message,
            "GuardDuty detector d-2 in eu-west-1 has Runtime Monitoring off"
        );
    }
}
