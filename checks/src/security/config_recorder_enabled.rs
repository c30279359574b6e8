use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::config::ConfigRecorder;
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks, in every scanned region, that an AWS Config configuration recorder exists, is
    /// recording, and did not fail its last delivery. One finding per region, about the account.
    /// Service-linked recorders (which record only for the service that owns them) do not count.
    ///
    /// ## Why is this bad?
    /// Without a recorder there is no history of how resources were configured: no answer to
    /// "when did this security group open port 22, and what else changed then?", and no Config
    /// rules or conformance packs can evaluate the region.
    ///
    /// ## Example
    /// `aws configservice describe-configuration-recorder-status --region R` is empty or shows
    /// `"recording": false`. Fix: `aws configservice put-configuration-recorder
    /// --configuration-recorder name=default,roleARN=ROLE-ARN --recording-group allSupported=true`,
    /// a delivery channel (`put-delivery-channel`), then
    /// `aws configservice start-configuration-recorder --configuration-recorder-name default`.
    ///
    /// ## Not evaluated when
    /// The region's recorders, or their status, could not be read.
    pub CONFIG_RECORDER_ENABLED = "config_recorder_enabled",
    pillar: Pillar::Security,
    service: Service::Config,
    severity: Severity::Medium,
    best_practices: &[direct("SEC04-BP01")],
    since: "0.2.0",
    title: "AWS Config records resource changes in every region",
    remediation: "In each region: aws configservice put-configuration-recorder --configuration-recorder name=default,roleARN=ROLE-ARN --recording-group allSupported=true, put-delivery-channel, then aws configservice start-configuration-recorder --configuration-recorder-name default",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &CONFIG_RECORDER_ENABLED;
    ctx.snapshot
        .config
        .iter()
        .map(|(region, config)| {
            let account = ctx.snapshot.account_resource(region);
            let recorders = match &config.recorders {
                Fetched::Ok(recorders) => recorders,
                Fetched::Failed(why) => return check.not_evaluated(&account, why),
            };
            let Some(recorder) = recorders.iter().find(|r| !r.service_linked) else {
                return check.fail(
                    &account,
                    format!("no AWS Config recorder in {region}"),
                );
            };
            let name = &recorder.name;
            match config.status(name) {
                Fetched::Failed(why) => check.not_evaluated(&account, &why),
                Fetched::Ok(Some(status)) if status.recording => {
                    if status.last_status.as_deref() == Some("FAILURE") {
                        check.fail(
                            &account,
                            format!(
                                "AWS Config recorder {name} in {region} is recording but its last delivery failed ({})",
                                status.last_error_code.as_deref().unwrap_or("no error code")
                            ),
                        )
                    } else {
                        check.pass(
                            &account,
                            format!(
                                "AWS Config recorder {name} in {region} is recording {}",
                                scope(recorder)
                            ),
                        )
                    }
                }
                Fetched::Ok(_) => check.fail(
                    &account,
                    format!("AWS Config recorder {name} in {region} is not recording"),
                ),
            }
        })
        .collect()
}

/// What the recorder is set to record, in words.
fn scope(recorder: &ConfigRecorder) -> String {
    match (
        recorder.all_supported,
        recorder.include_global_resource_types,
    ) {
        (true, true) => "all resource types, global ones included".into(),
        (true, false) => "all regional resource types".into(),
        (false, _) => format!("{} resource types", recorder.resource_types.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::{self, *};
    use crate::model::config::RecorderStatus;
    use crate::model::ConfigRegion;
    use crate::testing::*;

    fn by_region(findings: &[Finding]) -> Vec<(&str, Status)> {
        findings
            .iter()
            .map(|f| (f.region.as_str(), f.status))
            .collect()
    }

    #[test]
    fn recording_passes_missing_or_stopped_or_failing_fails() {
        let mut snap = snapshot();
        snap.config.insert(
            "eu-west-1".into(),
            ConfigRegion {
                recorders: Fetched::Ok(vec![]),
                statuses: Fetched::Ok(vec![]),
                ..recording_config()
            },
        );
        let mut stopped = recording_config();
        stopped.statuses = Fetched::Ok(vec![RecorderStatus {
            recording: false,
            ..recorder_status("default")
        }]);
        snap.config.insert("eu-central-1".into(), stopped);
        let mut failing = recording_config();
        failing.statuses = Fetched::Ok(vec![RecorderStatus {
            last_status: Some("FAILURE".into()),
            last_error_code: Some("NoSuchBucketException".into()),
            ..recorder_status("default")
        }]);
        snap.config.insert("ap-south-1".into(), failing);

        let findings = run(&CONFIG_RECORDER_ENABLED, &snap);

        assert_eq!(
            by_region(&findings),
            [
                ("ap-south-1", Fail),
                ("eu-central-1", Fail),
                ("eu-west-1", Fail),
                (REGION, Pass)
            ]
        );
        assert_eq!(
            findings[0].message,
            "AWS Config recorder default in ap-south-1 is recording but its last delivery failed (NoSuchBucketException)"
        );
        assert_eq!(
            findings[1].message,
            "AWS Config recorder default in eu-central-1 is not recording"
        );
        assert_eq!(findings[2].message, "no AWS Config recorder in eu-west-1");
        assert_eq!(
            findings[3].message,
            "AWS Config recorder default in us-east-1 is recording all resource types, global ones included"
        );
    }

    #[test]
    fn unreadable_recorders_or_status_are_not_evaluated() {
        let mut snap = snapshot();
        let mut no_status = recording_config();
        no_status.statuses = Fetched::Failed(denied("DescribeConfigurationRecorderStatus"));
        snap.config.insert("eu-west-1".into(), no_status);
        snap.config.insert(
            "ap-south-1".into(),
            ConfigRegion {
                recorders: Fetched::Failed(denied("DescribeConfigurationRecorders")),
                statuses: Fetched::Ok(vec![]),
                ..recording_config()
            },
        );

        let findings = run(&CONFIG_RECORDER_ENABLED, &snap);

        assert_eq!(
            by_region(&findings),
            [
                ("ap-south-1", NotEvaluated),
                ("eu-west-1", NotEvaluated),
                (REGION, Pass)
            ]
        );
    }
}
