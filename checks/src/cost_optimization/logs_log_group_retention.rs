use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that every CloudWatch Logs log group has a retention period, rather than keeping
    /// its events forever (the default).
    ///
    /// ## Why is this bad?
    /// A log group that never expires grows, and is billed, for as long as the account lives:
    /// debug output from years ago costs as much per GiB-month as today's. Keeping data longer
    /// than any requirement asks also widens what a leak exposes.
    ///
    /// ## Example
    /// `aws logs describe-log-groups` shows no `retentionInDays`. Fix:
    /// `aws logs put-retention-policy --log-group-name GROUP --retention-in-days 90` (or what the
    /// data's retention requirement says; export to S3 with a lifecycle for long-term archives).
    ///
    /// ## Not evaluated when
    /// The region's log groups could not be read (one finding for the region).
    pub LOGS_LOG_GROUP_RETENTION = "logs_log_group_retention",
    pillar: Pillar::CostOptimization,
    service: Service::Logs,
    severity: Severity::Low,
    best_practices: &[direct("COST04-BP05"), direct("SEC07-BP04")],
    since: "0.2.0",
    title: "CloudWatch Logs log groups expire their events",
    remediation: "aws logs put-retention-policy --log-group-name GROUP --retention-in-days 90",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &LOGS_LOG_GROUP_RETENTION;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.logs,
        |region| &region.log_groups,
        |group| {
            Some(match group.retention_days {
                Some(days) => check.pass(
                    group,
                    format!("log group {} keeps events for {days} days", group.name),
                ),
                None => check.fail(
                    group,
                    format!("log group {} keeps events forever", group.name),
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
    fn retention_passes_forever_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut forever = log_group("/app/debug");
        forever.retention_days = None;
        logs(&mut snap).log_groups = Fetched::Ok(vec![log_group("/app/api"), forever]);

        let findings = run(&LOGS_LOG_GROUP_RETENTION, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("/app/api", Pass), ("/app/debug", Fail)])
        );
        assert_eq!(
            findings[0].message,
            "log group /app/api keeps events for 90 days"
        );
        assert_eq!(
            findings[1].message,
            "log group /app/debug keeps events forever"
        );

        logs(&mut snap).log_groups = Fetched::Failed(denied("DescribeLogGroups"));
        assert_eq!(
            statuses(&run(&LOGS_LOG_GROUP_RETENTION, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
