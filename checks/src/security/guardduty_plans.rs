//! What the GuardDuty protection-plan checks share: one finding per scanned region, about the
//! account, saying whether the region's enabled detector has a plan (`Features` of
//! `GetDetector`) on.

use crate::check::{Check, Context};
use crate::finding::Finding;
use crate::model::Fetched;

/// One finding per region: pass when the enabled detector has any of `features` (the plan's
/// current and former names) `ENABLED`, fail when it has not or GuardDuty is off there,
/// `not_evaluated` when the detectors or the detector's configuration could not be read.
/// `plan` names the plan in messages ("S3 Protection").
pub(super) fn per_region(
    check: &Check,
    ctx: &Context,
    features: &[&str],
    plan: &str,
) -> Vec<Finding> {
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
                    format!("GuardDuty is not enabled in {region}: no {plan}"),
                );
            };
            if let Fetched::Failed(why) = &detector.features {
                return check.not_evaluated(&account, why);
            }
            if features
                .iter()
                .any(|feature| detector.feature_enabled(feature) == Some(true))
            {
                check.pass(
                    &account,
                    format!(
                        "GuardDuty detector {} in {region} has {plan} on",
                        detector.id
                    ),
                )
            } else {
                check.fail(
                    &account,
                    format!(
                        "GuardDuty detector {} in {region} has {plan} off",
                        detector.id
                    ),
                )
            }
        })
        .collect()
}

/// Test support: a snapshot whose regions hold the given detectors.
#[cfg(test)]
pub(super) mod testing {
    use crate::model::guardduty::Detector;
    use crate::model::{Fetched, GuardDutyRegion, Snapshot};

    /// An enabled detector with `features` (name, status).
    pub fn detector(features: &[(&str, &str)]) -> Detector {
        Detector {
            id: "d-1".into(),
            status: Fetched::Ok("ENABLED".into()),
            features: Fetched::Ok(
                features
                    .iter()
                    .map(|(n, s)| (n.to_string(), s.to_string()))
                    .collect(),
            ),
        }
    }

    pub fn put(snap: &mut Snapshot, region: &str, detectors: Fetched<Vec<Detector>>) {
        snap.guardduty
            .insert(region.into(), GuardDutyRegion { detectors });
    }

    /// The test every plan check shares: `feature` on passes, off or no detector fails, an
    /// unreadable detector or detector listing is not evaluated; `plan` names it in messages.
    pub fn assert_plan_check(check: &'static crate::check::Check, feature: &str, plan: &str) {
        use crate::finding::Status::*;
        use crate::testing::{denied, run, snapshot, REGION};

        let mut snap = snapshot();
        put(
            &mut snap,
            REGION,
            Fetched::Ok(vec![detector(&[(feature, "ENABLED")])]),
        );
        put(
            &mut snap,
            "eu-west-1",
            Fetched::Ok(vec![detector(&[(feature, "DISABLED")])]),
        );
        put(&mut snap, "ap-south-1", Fetched::Ok(vec![]));
        let mut unreadable = detector(&[]);
        unreadable.features = Fetched::Failed(denied("GetDetector"));
        put(&mut snap, "sa-east-1", Fetched::Ok(vec![unreadable]));
        put(
            &mut snap,
            "eu-central-1",
            Fetched::Failed(denied("ListDetectors")),
        );

        let findings = run(check, &snap);

        assert_eq!(
            by_region(&findings),
            [
                ("ap-south-1".to_string(), Fail),
                ("eu-central-1".to_string(), NotEvaluated),
                ("eu-west-1".to_string(), Fail),
                ("sa-east-1".to_string(), NotEvaluated),
                (REGION.to_string(), Pass),
            ]
        );
        assert_eq!(
            findings[2].message,
            format!("GuardDuty detector d-1 in eu-west-1 has {plan} off")
        );
    }

    /// The (region, status) of each finding.
    pub fn by_region(
        findings: &[crate::finding::Finding],
    ) -> Vec<(String, crate::finding::Status)> {
        findings
            .iter()
            .map(|f| (f.region.clone(), f.status))
            .collect()
    }
}
