use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Gap, Service};

/// The services with free gateway endpoints.
const GATEWAY_SERVICES: [(&str, &str); 2] = [("s3", "S3"), ("dynamodb", "DynamoDB")];

declare_check! {
    /// ## What it does
    /// Checks that the VPC of every NAT gateway (not deleted) has gateway endpoints for both
    /// Amazon S3 and Amazon DynamoDB. One finding per NAT gateway, naming the missing ones.
    ///
    /// ## Why is this bad?
    /// Traffic from private subnets to S3 and DynamoDB otherwise goes through the NAT gateway,
    /// which bills every gigabyte it processes (and cross-AZ transfer when the gateway is in
    /// another zone). Gateway endpoints for the two services are free and keep that traffic off
    /// the NAT gateway once the private subnets' route tables are associated with them (this
    /// check does not read the associations).
    ///
    /// ## Example
    /// A NAT gateway in `vpc-1` and no `com.amazonaws.REGION.dynamodb` gateway endpoint there.
    /// Fix: `aws ec2 create-vpc-endpoint --vpc-id vpc-1 --vpc-endpoint-type Gateway
    /// --service-name com.amazonaws.REGION.dynamodb --route-table-ids rtb-…` (the private
    /// subnets' route tables).
    ///
    /// ## Not evaluated when
    /// The region's NAT gateways or VPC endpoints could not be listed (one finding for the
    /// region), or a NAT gateway's VPC is unknown.
    pub EC2_NAT_GATEWAY_GATEWAY_ENDPOINTS = "ec2_nat_gateway_gateway_endpoints",
    pillar: Pillar::CostOptimization,
    service: Service::Ec2,
    severity: Severity::Low,
    best_practices: &[direct("COST08-BP03")],
    since: "0.5.0",
    title: "VPCs with NAT gateways reach S3 and DynamoDB through gateway endpoints",
    remediation: "aws ec2 create-vpc-endpoint --vpc-id VPC --vpc-endpoint-type Gateway --service-name com.amazonaws.REGION.dynamodb (and .s3) --route-table-ids PRIVATE_ROUTE_TABLES",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EC2_NAT_GATEWAY_GATEWAY_ENDPOINTS;
    let snap = ctx.snapshot;
    let mut findings = Vec::new();
    for (region, ec2) in &snap.ec2 {
        let (nats, endpoints) = match (&ec2.network.nat_gateways, &ec2.vpc_endpoints) {
            (Fetched::Ok(n), Fetched::Ok(e)) => (n, e),
            (Fetched::Failed(gap), _) | (_, Fetched::Failed(gap)) => {
                findings.push(check.not_evaluated(&snap.account_resource(region), gap));
                continue;
            }
        };
        for nat in nats {
            if matches!(
                nat.state.as_deref(),
                Some("deleted" | "deleting" | "failed")
            ) {
                continue;
            }
            let Some(vpc) = nat.vpc_id.as_deref() else {
                let why = Gap::missing_on(
                    Service::Ec2,
                    region,
                    "DescribeNatGateways",
                    &nat.id,
                    "VpcId",
                );
                findings.push(check.not_evaluated(nat, &why));
                continue;
            };
            let missing: Vec<&str> = GATEWAY_SERVICES
                .iter()
                .filter(|(service, _)| {
                    let name = format!("com.amazonaws.{region}.{service}");
                    !endpoints.iter().any(|e| {
                        e.vpc_id.as_deref() == Some(vpc)
                            && e.service_name == name
                            && e.endpoint_type.eq_ignore_ascii_case("Gateway")
                            && !matches!(
                                e.state.as_deref(),
                                Some("deleted" | "deleting" | "failed")
                            )
                    })
                })
                .map(|(_, label)| *label)
                .collect();
            findings.push(if missing.is_empty() {
                check.pass(
                    nat,
                    format!(
                        "NAT gateway {} is in {vpc}, which has S3 and DynamoDB gateway endpoints",
                        nat.id
                    ),
                )
            } else {
                check.fail(
                    nat,
                    format!(
                        "NAT gateway {} is in {vpc}, which has no {} gateway endpoint: that traffic is billed per GB through the NAT gateway",
                        nat.id,
                        missing.join(" or ")
                    ),
                )
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
    fn both_endpoints_pass_one_missing_fails_unknown_vpc_and_unlisted_not_evaluated() {
        let mut snap = snapshot();
        let mut other = nat_gateway("nat-other", "subnet-b");
        other.vpc_id = Some("vpc-other".into());
        let mut unknown = nat_gateway("nat-unknown", "subnet-c");
        unknown.vpc_id = None;
        let mut gone = nat_gateway("nat-gone", "subnet-d");
        gone.state = Some("deleted".into());
        network(&mut snap).nat_gateways = Fetched::Ok(vec![
            nat_gateway("nat-main", "subnet-a"),
            other,
            unknown,
            gone,
        ]);
        ec2(&mut snap).vpc_endpoints = Fetched::Ok(vec![
            gateway_endpoint("vpc-main", "s3"),
            gateway_endpoint("vpc-main", "dynamodb"),
            gateway_endpoint("vpc-other", "s3"),
        ]);

        let findings = run(&EC2_NAT_GATEWAY_GATEWAY_ENDPOINTS, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("nat-main", Pass),
                ("nat-other", Fail),
                ("nat-unknown", NotEvaluated)
            ])
        );
        assert_eq!(
            findings[1].message,
            "NAT gateway nat-other is in vpc-other, which has no DynamoDB gateway endpoint: that traffic is billed per GB through the NAT gateway"
        );

        ec2(&mut snap).vpc_endpoints = Fetched::Failed(denied("DescribeVpcEndpoints"));
        assert_eq!(
            statuses(&run(&EC2_NAT_GATEWAY_GATEWAY_ENDPOINTS, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
