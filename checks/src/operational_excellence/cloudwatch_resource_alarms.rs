use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Resource, ResourceRef, Service};

declare_check! {
    /// ## What it does
    /// Checks that every running EC2 instance and every RDS DB instance has at least one CloudWatch
    /// alarm on one of its metrics (an alarm whose dimensions name its `InstanceId` or
    /// `DBInstanceIdentifier`). Only the services collected in the same scan are looked at.
    ///
    /// ## Why is this bad?
    /// A server or database that no alarm watches fails silently: a full disk, a failed status check or
    /// a CPU pinned at 100% is found by its users.
    ///
    /// ## Example
    /// No alarm in `aws cloudwatch describe-alarms` has the dimension `InstanceId=i-0abc`. Fix: create
    /// one on `StatusCheckFailed` (and CPU, memory, disk as the workload needs) with an SNS action.
    ///
    /// ## Not evaluated when
    /// The region's alarms could not be listed (one finding for the region).
    pub CLOUDWATCH_RESOURCE_ALARMS = "cloudwatch_resource_alarms",
    pillar: Pillar::OperationalExcellence,
    service: Service::Cloudwatch,
    severity: Severity::Medium,
    best_practices: &[direct("OPS08-BP04")],
    since: "0.3.0",
    title: "Running EC2 instances and RDS instances have a CloudWatch alarm",
    remediation: "aws cloudwatch put-metric-alarm --alarm-name NAME --namespace AWS/EC2 --metric-name StatusCheckFailed --dimensions Name=InstanceId,Value=ID --statistic Maximum --period 60 --evaluation-periods 2 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold --alarm-actions SNS_TOPIC_ARN",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &CLOUDWATCH_RESOURCE_ALARMS;
    let snap = ctx.snapshot;
    snap.cloudwatch
        .iter()
        .flat_map(|(region, cloudwatch)| {
            let mut watched: Vec<(ResourceRef, &str, String)> = Vec::new();
            if let Some(Fetched::Ok(instances)) = snap.ec2.get(region).map(|r| &r.instances) {
                for i in instances.iter().filter(|i| i.state == "running") {
                    watched.push((i.resource(), "InstanceId", i.id.clone()));
                }
            }
            if let Some(Fetched::Ok(instances)) = snap.rds.get(region).map(|r| &r.instances) {
                for i in instances {
                    watched.push((i.resource(), "DBInstanceIdentifier", i.id.clone()));
                }
            }
            let alarms = match &cloudwatch.alarms {
                Fetched::Ok(alarms) => alarms,
                Fetched::Failed(_) if watched.is_empty() => return vec![],
                Fetched::Failed(why) => {
                    return vec![check.not_evaluated(&snap.account_resource(region), why)]
                }
            };
            watched
                .into_iter()
                .map(|(resource, dimension, id)| {
                    let names: Vec<&str> = alarms
                        .iter()
                        .filter(|a| a.dimensions.iter().any(|(n, v)| n == dimension && *v == id))
                        .map(|a| a.name.as_str())
                        .collect();
                    let label = resource.label();
                    if names.is_empty() {
                        check.fail(&resource, format!("no CloudWatch alarm watches {label}"))
                    } else {
                        check.pass(
                            &resource,
                            format!("{label} is watched by alarm(s) {}", names.join(", ")),
                        )
                    }
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    #[test]
    fn watched_passes_unwatched_fails_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        let mut watched = alarm("web-status", "AWS/EC2", "StatusCheckFailed");
        watched.dimensions = vec![("InstanceId".into(), "i-web".into())];
        let mut stopped = instance("old");
        stopped.state = "stopped".into();
        ec2(&mut snap).instances = Fetched::Ok(vec![instance("web"), instance("worker"), stopped]);
        cloudwatch(&mut snap).alarms = Fetched::Ok(vec![watched]);

        let findings = run(&CLOUDWATCH_RESOURCE_ALARMS, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("web", Pass), ("worker", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "no CloudWatch alarm watches worker (i-worker)"
        );

        cloudwatch(&mut snap).alarms = Fetched::Failed(denied("DescribeAlarms"));
        assert_eq!(
            statuses(&run(&CLOUDWATCH_RESOURCE_ALARMS, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
