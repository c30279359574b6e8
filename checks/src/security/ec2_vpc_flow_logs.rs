use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Resource, Service};

declare_check! {
    /// ## What it does
    /// Checks that every VPC has a flow log attached to it (a flow log whose resource is the VPC
    /// itself; subnet- or interface-level flow logs do not count).
    ///
    /// ## Why is this bad?
    /// Without flow logs there is no record of which addresses talked to which, so an intrusion,
    /// a data exfiltration or a misrouted security group cannot be investigated afterwards.
    ///
    /// ## Example
    /// `aws ec2 describe-flow-logs --filter Name=resource-id,Values=vpc-…` is empty. Fix:
    /// `aws ec2 create-flow-logs --resource-type VPC --resource-ids vpc-… --traffic-type ALL
    /// --log-destination-type s3 --log-destination arn:aws:s3:::LOG-BUCKET`.
    ///
    /// ## Not evaluated when
    /// The region's VPCs could not be read (one finding for the region), or its flow logs could not
    /// be read (one finding per VPC).
    pub EC2_VPC_FLOW_LOGS = "ec2_vpc_flow_logs",
    pillar: Pillar::Security,
    service: Service::Ec2,
    severity: Severity::Medium,
    best_practices: &[direct("SEC04-BP01")],
    since: "0.1.0",
    title: "VPCs have flow logs",
    remediation: "aws ec2 create-flow-logs --resource-type VPC --resource-ids VPC --traffic-type ALL --log-destination-type s3 --log-destination arn:aws:s3:::LOG-BUCKET",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EC2_VPC_FLOW_LOGS;
    let mut findings = Vec::new();
    for (region, ec2) in &ctx.snapshot.ec2 {
        let vpcs = match &ec2.vpcs {
            Fetched::Ok(vpcs) => vpcs,
            Fetched::Failed(why) => {
                findings.push(check.not_evaluated(&ctx.snapshot.account_resource(region), why));
                continue;
            }
        };
        findings.extend(vpcs.iter().map(|vpc| {
            let label = vpc.resource().label();
            match &ec2.flow_logs {
                Fetched::Ok(logs) if logs.iter().any(|log| log.resource_id == vpc.id) => {
                    check.pass(vpc, format!("VPC {label} has a flow log"))
                }
                Fetched::Ok(_) => check.fail(vpc, format!("VPC {label} has no flow log")),
                Fetched::Failed(why) => check.not_evaluated(vpc, why),
            }
        }));
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    #[test]
    fn vpc_with_its_own_flow_log_passes_others_fail() {
        let mut snap = snapshot();
        let region = ec2(&mut snap);
        region.vpcs = Fetched::Ok(vec![vpc("prod"), vpc("dev")]);
        region.flow_logs = Fetched::Ok(vec![flow_log("vpc-prod"), flow_log("subnet-dev")]);

        let findings = run(&EC2_VPC_FLOW_LOGS, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("prod", Pass), ("dev", Fail)])
        );
        assert_eq!(findings[1].message, "VPC dev (vpc-dev) has no flow log");
    }

    #[test]
    fn unreadable_flow_logs_leave_each_vpc_not_evaluated() {
        let mut snap = snapshot();
        let region = ec2(&mut snap);
        region.vpcs = Fetched::Ok(vec![vpc("prod"), vpc("dev")]);
        region.flow_logs = Fetched::Failed(denied("DescribeFlowLogs"));

        let findings = run(&EC2_VPC_FLOW_LOGS, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("prod", NotEvaluated), ("dev", NotEvaluated)])
        );
    }

    #[test]
    fn unreadable_vpcs_give_one_not_evaluated_finding_for_the_region() {
        let mut snap = snapshot();
        ec2(&mut snap).vpcs = Fetched::Failed(denied("DescribeVpcs"));

        let findings = run(&EC2_VPC_FLOW_LOGS, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
        assert_eq!(findings[0].region, REGION);
    }
}
