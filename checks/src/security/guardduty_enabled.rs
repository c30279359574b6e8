use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks, in every scanned region, that GuardDuty has an enabled detector. One finding per
    /// region, about the account.
    ///
    /// ## Why is this bad?
    /// GuardDuty analyses CloudTrail, VPC flow and DNS logs for compromised credentials, crypto
    /// mining, reconnaissance and exfiltration. A region without it is where an attacker with
    /// stolen keys can work unnoticed: attackers favour regions the account does not use.
    ///
    /// ## Example
    /// `aws guardduty list-detectors --region R` is empty, or `get-detector` shows
    /// `"Status": "DISABLED"`. Fix: `aws guardduty create-detector --enable --region R` (or
    /// `update-detector --detector-id D --enable`); with AWS Organizations, a delegated
    /// administrator can enable it for every account.
    ///
    /// ## Not evaluated when
    /// The region's detectors, or their status, could not be read.
    pub GUARDDUTY_ENABLED = "guardduty_enabled",
    pillar: Pillar::Security,
    service: Service::Guardduty,
    severity: Severity::High,
    best_practices: &[direct("SEC04-BP03")],
    since: "0.2.0",
    title: "GuardDuty is enabled in every region",
    remediation: "In each region: aws guardduty create-detector --enable --region REGION (or a delegated administrator enables it organization-wide)",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &GUARDDUTY_ENABLED;
    ctx.snapshot
        .guardduty
        .iter()
        .map(|(region, guardduty)| {
            let account = ctx.snapshot.account_resource(region);
            let detectors = match &guardduty.detectors {
                Fetched::Ok(detectors) => detectors,
                Fetched::Failed(why) => return check.not_evaluated(&account, why),
            };
            if let Some(on) = detectors
                .iter()
                .find(|d| matches!(&d.status, Fetched::Ok(s) if s == "ENABLED"))
            {
                return check.pass(
                    &account,
                    format!("GuardDuty detector {} is enabled in {region}", on.id),
                );
            }
            if let Some(why) = detectors.iter().find_map(|d| d.status.gap()) {
                return check.not_evaluated(&account, why);
            }
            match detectors.first() {
                Some(off) => check.fail(
                    &account,
                    format!("GuardDuty detector {} is disabled in {region}", off.id),
                ),
                None => check.fail(&account, format!("GuardDuty is not enabled in {region}")),
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

    fn region_with(detectors: Fetched<Vec<Detector>>) -> GuardDutyRegion {
        GuardDutyRegion { detectors }
    }

    #[test]
    fn one_finding_per_region() {
        let mut snap = snapshot();
        snap.guardduty
            .insert("eu-west-1".into(), region_with(Fetched::Ok(vec![])));
        let suspended = Detector {
            id: "d-2".into(),
            status: Fetched::Ok("DISABLED".into()),
            features: Fetched::Ok(Default::default()),
        };
        snap.guardduty.insert(
            "eu-central-1".into(),
            region_with(Fetched::Ok(vec![suspended])),
        );
        let unknown = Detector {
            id: "d-3".into(),
            status: Fetched::Failed(denied("GetDetector")),
            features: Fetched::Failed(denied("GetDetector")),
        };
        snap.guardduty
            .insert("ap-south-1".into(), region_with(Fetched::Ok(vec![unknown])));
        snap.guardduty.insert(
            "sa-east-1".into(),
            region_with(Fetched::Failed(denied("ListDetectors"))),
        );

        let findings = run(&GUARDDUTY_ENABLED, &snap);

        let by_region: Vec<(&str, Status)> = findings
            .iter()
            .map(|f| (f.region.as_str(), f.status))
            .collect();
        assert_eq!(
            by_region,
            [
                ("ap-south-1", NotEvaluated),
                ("eu-central-1", Fail),
                ("eu-west-1", Fail),
                ("sa-east-1", NotEvaluated),
                (REGION, Pass)
            ]
        );
        assert_eq!(
            findings[1].message,
            "GuardDuty detector d-2 is disabled in eu-central-1"
        );
        assert_eq!(findings[2].message, "GuardDuty is not enabled in eu-west-1");
        assert_eq!(
            findings[4].message,
            "GuardDuty detector d-1 is enabled in us-east-1"
        );
    }
}
