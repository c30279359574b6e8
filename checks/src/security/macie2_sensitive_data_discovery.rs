use crate::catalog::Pillar;
use crate::check::{direct, indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Gap, Service};
use crate::presence::{from_found, Looked};

declare_check! {
    /// ## What it does
    /// Looks for automated identification of sensitive data in S3: scanned regions where
    /// Amazon Macie is enabled and either runs automated sensitive data discovery or has a
    /// sensitive data discovery job that is scheduled, running or complete. One finding for the
    /// account.
    ///
    /// ## Why is this bad?
    /// Data classification that lives in a spreadsheet drifts from the data: a bucket of
    /// exported customer records or credentials appears and is protected like any other.
    /// Macie samples and inspects objects continuously (automated discovery) or on a schedule
    /// (jobs), finds personal, financial and credential data, and reports where it is, so the
    /// protection can follow the data's sensitivity. Teams may classify with other tools, so
    /// finding none here is "no evidence found", not a failure.
    ///
    /// ## Example
    /// `aws macie2 get-macie-session` answers that Macie is not enabled, or
    /// `get-automated-discovery-configuration` shows `"status": "DISABLED"` and
    /// `list-classification-jobs` is empty. Fix: `aws macie2 enable-macie`, then `aws macie2
    /// update-automated-discovery-configuration --status ENABLED`.
    ///
    /// ## Not evaluated when
    /// No discovery was found and Macie's session, automated discovery configuration or jobs
    /// could not be read in some region.
    pub MACIE2_SENSITIVE_DATA_DISCOVERY = "macie2_sensitive_data_discovery",
    pillar: Pillar::Security,
    service: Service::Macie2,
    severity: Severity::Medium,
    best_practices: &[direct("SEC07-BP03"), indirect("SEC07-BP01")],
    since: "0.5.0",
    title: "Amazon Macie identifies sensitive data in S3 automatically",
    remediation: "aws macie2 enable-macie --region REGION && aws macie2 update-automated-discovery-configuration --status ENABLED --region REGION",
    evaluate: evaluate,
}

/// Jobs that show discovery happens: scheduled ones (`IDLE` between runs), running or done.
fn discovering(status: Option<&str>) -> bool {
    matches!(status, Some("RUNNING" | "IDLE" | "COMPLETE"))
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &MACIE2_SENSITIVE_DATA_DISCOVERY;
    let mut found = Vec::new();
    let mut gap: Option<&Gap> = None;
    for (region, macie) in &ctx.snapshot.macie2 {
        match &macie.session {
            Fetched::Ok(Some(status)) if status == "ENABLED" => {}
            Fetched::Ok(_) => continue,
            Fetched::Failed(why) => {
                gap.get_or_insert(why);
                continue;
            }
        }
        match &macie.automated_discovery {
            Fetched::Ok(status) if status == "ENABLED" => {
                found.push(format!("automated discovery ({region})"));
                continue;
            }
            Fetched::Ok(_) => {}
            Fetched::Failed(why) => {
                gap.get_or_insert(why);
            }
        }
        match &macie.classification_jobs {
            Fetched::Ok(jobs) => found.extend(
                jobs.iter()
                    .filter(|job| discovering(job.status.as_deref()))
                    .map(|job| {
                        format!("job {} ({region})", job.name.as_deref().unwrap_or(&job.id))
                    }),
            ),
            Fetched::Failed(why) => {
                gap.get_or_insert(why);
            }
        }
    }
    vec![from_found(
        check,
        ctx.snapshot,
        found,
        gap,
        Looked {
            what: "sensitive data discovery setting(s)",
            none: "Macie does not discover sensitive data in any scanned region",
        },
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::macie::ClassificationJob;
    use crate::model::MacieRegion;
    use crate::testing::*;

    fn macie(session: Option<&str>, discovery: &str, jobs: Vec<ClassificationJob>) -> MacieRegion {
        MacieRegion {
            session: Fetched::Ok(session.map(str::to_string)),
            automated_discovery: Fetched::Ok(discovery.into()),
            classification_jobs: Fetched::Ok(jobs),
        }
    }

    fn job(name: &str, status: &str) -> ClassificationJob {
        ClassificationJob {
            id: format!("{name}-id"),
            name: Some(name.into()),
            job_type: Some("SCHEDULED".into()),
            status: Some(status.into()),
        }
    }

    #[test]
    fn automated_discovery_or_a_live_job_passes() {
        let mut snap = snapshot();
        snap.macie2
            .insert(REGION.into(), macie(Some("ENABLED"), "ENABLED", vec![]));
        snap.macie2.insert(
            "eu-west-1".into(),
            macie(
                Some("ENABLED"),
                "DISABLED",
                vec![job("weekly-pii", "IDLE"), job("old", "CANCELLED")],
            ),
        );

        let findings = run(&MACIE2_SENSITIVE_DATA_DISCOVERY, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "2 sensitive data discovery setting(s): job weekly-pii (eu-west-1), automated discovery (us-east-1)"
        );
    }

    #[test]
    fn macie_off_paused_or_idle_is_no_evidence() {
        let mut snap = snapshot();
        snap.macie2
            .insert(REGION.into(), macie(None, "DISABLED", vec![]));
        snap.macie2.insert(
            "eu-west-1".into(),
            macie(Some("PAUSED"), "ENABLED", vec![job("weekly", "IDLE")]),
        );
        snap.macie2.insert(
            "eu-central-1".into(),
            macie(Some("ENABLED"), "DISABLED", vec![job("once", "CANCELLED")]),
        );
        let findings = run(&MACIE2_SENSITIVE_DATA_DISCOVERY, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NoEvidence)]));
    }

    #[test]
    fn unreadable_parts_are_not_evaluated_unless_discovery_is_found() {
        let mut snap = snapshot();
        let mut region = macie(Some("ENABLED"), "DISABLED", vec![]);
        region.classification_jobs = Fetched::Failed(denied("ListClassificationJobs"));
        snap.macie2.insert(REGION.into(), region);
        let findings = run(&MACIE2_SENSITIVE_DATA_DISCOVERY, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));

        snap.macie2.insert(
            "eu-west-1".into(),
            macie(Some("ENABLED"), "ENABLED", vec![]),
        );
        let findings = run(&MACIE2_SENSITIVE_DATA_DISCOVERY, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
    }
}
