use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Resource, Service};

declare_check! {
    /// ## What it does
    /// Checks that every VPC with at least one EC2 instance (not terminated) has a gateway
    /// endpoint for Amazon S3 in the same region.
    ///
    /// ## Why is this bad?
    /// Without the endpoint, instances in private subnets reach S3 through a NAT gateway, which
    /// bills every gigabyte it processes, and instances in public subnets go out over the
    /// internet gateway. An S3 gateway endpoint is free, keeps the traffic on the AWS network,
    /// and is used automatically once its route tables are associated.
    ///
    /// ## Example
    /// `aws ec2 describe-vpc-endpoints --filters Name=vpc-id,Values=vpc-…
    /// Name=service-name,Values=com.amazonaws.REGION.s3` returns nothing. Fix:
    /// `aws ec2 create-vpc-endpoint --vpc-id vpc-… --vpc-endpoint-type Gateway --service-name
    /// com.amazonaws.REGION.s3 --route-table-ids rtb-…`.
    ///
    /// ## Not evaluated when
    /// The region's VPCs, instances or VPC endpoints could not be listed (one finding for the
    /// region).
    pub EC2_VPC_S3_GATEWAY_ENDPOINT = "ec2_vpc_s3_gateway_endpoint",
    pillar: Pillar::CostOptimization,
    service: Service::Ec2,
    severity: Severity::Low,
    best_practices: &[direct("COST08-BP03")],
    since: "0.3.0",
    title: "VPCs with instances reach S3 through a gateway endpoint",
    remediation: "aws ec2 create-vpc-endpoint --vpc-id VPC --vpc-endpoint-type Gateway --service-name com.amazonaws.REGION.s3 --route-table-ids ROUTE_TABLES",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EC2_VPC_S3_GATEWAY_ENDPOINT;
    let mut findings = Vec::new();
    for (region, ec2) in &ctx.snapshot.ec2 {
        let account = ctx.snapshot.account_resource(region);
        let (vpcs, instances, endpoints) = match (&ec2.vpcs, &ec2.instances, &ec2.vpc_endpoints) {
            (Fetched::Ok(vpcs), Fetched::Ok(instances), Fetched::Ok(endpoints)) => {
                (vpcs, instances, endpoints)
            }
            (Fetched::Failed(why), _, _)
            | (_, Fetched::Failed(why), _)
            | (_, _, Fetched::Failed(why)) => {
                findings.push(check.not_evaluated(&account, why));
                continue;
            }
        };
        let s3 = format!("com.amazonaws.{region}.s3");
        for vpc in vpcs {
            let used = instances
                .iter()
                .filter(|i| i.exists() && i.vpc_id.as_deref() == Some(vpc.id.as_str()))
                .count();
            if used == 0 {
                continue;
            }
            let label = vpc.resource().label();
            let endpoint = endpoints.iter().find(|e| {
                e.vpc_id.as_deref() == Some(vpc.id.as_str())
                    && e.service_name == s3
                    && e.endpoint_type.eq_ignore_ascii_case("Gateway")
            });
            findings.push(match endpoint {
                Some(endpoint) => check.pass(
                    vpc,
                    format!("VPC {label} reaches S3 through gateway endpoint {}", endpoint.id),
                ),
                None => check.fail(
                    vpc,
                    format!(
                        "VPC {label} has {used} instance(s) and no S3 gateway endpoint: S3 traffic goes through NAT or internet gateways"
                    ),
                ),
            });
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    #[test]
    fn endpoint_passes_missing_fails_empty_vpc_skipped_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        let mut app = vpc("app");
        app.id = "vpc-app".into();
        let mut legacy = vpc("legacy");
        legacy.id = "vpc-legacy".into();
        let mut empty = vpc("empty");
        empty.id = "vpc-empty".into();
        let mut web = instance("web");
        web.vpc_id = Some("vpc-app".into());
        let mut batch = instance("batch");
        batch.vpc_id = Some("vpc-legacy".into());
        ec2(&mut snap).vpcs = Fetched::Ok(vec![app, legacy, empty]);
        ec2(&mut snap).instances = Fetched::Ok(vec![web, batch]);
        ec2(&mut snap).vpc_endpoints = Fetched::Ok(vec![s3_gateway_endpoint("vpc-app")]);

        let findings = run(&EC2_VPC_S3_GATEWAY_ENDPOINT, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("app", Pass), ("legacy", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "VPC legacy (vpc-legacy) has 1 instance(s) and no S3 gateway endpoint: S3 traffic goes through NAT or internet gateways"
        );

        ec2(&mut snap).vpc_endpoints = Fetched::Failed(denied("DescribeVpcEndpoints"));
        assert_eq!(
            statuses(&run(&EC2_VPC_S3_GATEWAY_ENDPOINT, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
