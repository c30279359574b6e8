use crate::catalog::Pillar;
use crate::check::{direct, indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that every trail also delivers its events to a CloudWatch Logs log group, and that
    /// the last delivery there did not fail.
    ///
    /// ## Why is this bad?
    /// Log files in S3 arrive in batches and are read after the fact. Delivered to CloudWatch
    /// Logs, the same events can drive metric filters and alarms (root sign-in, unauthorized
    /// calls, security group changes) within minutes.
    ///
    /// ## Example
    /// `aws cloudtrail describe-trails` shows no `CloudWatchLogsLogGroupArn`. Fix:
    /// `aws cloudtrail update-trail --name TRAIL --cloud-watch-logs-log-group-arn
    /// arn:aws:logs:REGION:ACCOUNT:log-group:GROUP:* --cloud-watch-logs-role-arn ROLE-ARN`.
    ///
    /// ## Not evaluated when
    /// The trails of a scanned region could not be listed (one finding for that region). A trail
    /// whose status could not be read is judged on its configuration alone.
    pub CLOUDTRAIL_CLOUDWATCH_LOGS_DELIVERY = "cloudtrail_cloudwatch_logs_delivery",
    pillar: Pillar::Security,
    service: Service::Cloudtrail,
    severity: Severity::Low,
    best_practices: &[direct("SEC04-BP02"), indirect("SEC04-BP03")],
    since: "0.2.0",
    title: "Trails deliver events to CloudWatch Logs",
    remediation: "aws cloudtrail update-trail --name TRAIL --cloud-watch-logs-log-group-arn arn:aws:logs:REGION:ACCOUNT:log-group:GROUP:* --cloud-watch-logs-role-arn ROLE-ARN",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &CLOUDTRAIL_CLOUDWATCH_LOGS_DELIVERY;
    super::trails::each_trail(ctx, check, |trail| {
        let error = match &trail.status {
            Fetched::Ok(status) => status.latest_cloudwatch_logs_delivery_error.as_deref(),
            Fetched::Failed(_) => None,
        };
        match (&trail.cloudwatch_logs_log_group_arn, error) {
            (None, _) => check.fail(
                trail,
                format!("trail {} does not deliver to CloudWatch Logs", trail.name),
            ),
            (Some(group), Some(error)) => check.fail(
                trail,
                format!(
                    "trail {} fails to deliver to CloudWatch Logs log group {}: {error}",
                    trail.name,
                    log_group_name(group)
                ),
            ),
            (Some(group), None) => check.pass(
                trail,
                format!(
                    "trail {} delivers to CloudWatch Logs log group {}",
                    trail.name,
                    log_group_name(group)
                ),
            ),
        }
    })
}

/// `arn:aws:logs:R:A:log-group:NAME:*` -> `NAME`.
fn log_group_name(arn: &str) -> &str {
    arn.split_once(":log-group:")
        .map(|(_, rest)| rest.trim_end_matches(":*"))
        .unwrap_or(arn)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::cloudtrail::TrailStatus;
    use crate::testing::*;

    #[test]
    fn delivering_passes_unconfigured_or_failing_fails() {
        let mut snap = snapshot();
        let mut plain = trail("plain");
        plain.cloudwatch_logs_log_group_arn = None;
        let mut broken = trail("broken");
        broken.status = Fetched::Ok(TrailStatus {
            is_logging: true,
            latest_cloudwatch_logs_delivery_error: Some("AccessDenied".into()),
            ..TrailStatus::default()
        });
        set_trails(&mut snap, vec![trail("audit"), plain, broken]);

        let findings = run(&CLOUDTRAIL_CLOUDWATCH_LOGS_DELIVERY, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("audit", Pass), ("plain", Fail), ("broken", Fail)])
        );
        assert_eq!(
            findings[0].message,
            "trail audit delivers to CloudWatch Logs log group cloudtrail/audit"
        );
        assert_eq!(
            findings[2].message,
            "trail broken fails to deliver to CloudWatch Logs log group cloudtrail/broken: AccessDenied"
        );
    }

    #[test]
    fn unlisted_region_is_not_evaluated() {
        let mut snap = snapshot();
        snap.cloudtrail
            .regions
            .insert(REGION.into(), Fetched::Failed(denied("DescribeTrails")));

        let findings = run(&CLOUDTRAIL_CLOUDWATCH_LOGS_DELIVERY, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
