use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::autoscaling::{AutoScalingGroup, Launch};
use crate::model::Service;
use crate::presence::{across_regions, Looked};

declare_check! {
    /// ## What it does
    /// Looks for EC2 Auto Scaling groups that run part of their capacity on Spot Instances (a
    /// mixed instances policy whose On-Demand share above the base is below 100 %). One finding
    /// for the account.
    ///
    /// ## Why is this bad?
    /// Spot capacity costs up to 90 % less than On-Demand. Fault-tolerant, stateless or
    /// flexible fleets (web tiers behind a load balancer, batch, CI runners) are the components
    /// for which Spot is the pricing model to use. Not every workload suits Spot, and teams may
    /// use it elsewhere (EC2 Fleet, ECS or EKS capacity providers), so finding none is "no
    /// evidence found", not a failure.
    ///
    /// ## Example
    /// `aws autoscaling update-auto-scaling-group --auto-scaling-group-name web
    /// --mixed-instances-policy file://mixed.json` with `OnDemandBaseCapacity` 1,
    /// `OnDemandPercentageAboveBaseCapacity` 0, `SpotAllocationStrategy`
    /// `price-capacity-optimized` and several instance types.
    ///
    /// ## Not evaluated when
    /// No group using Spot was found and the groups of some region could not be listed.
    pub AUTOSCALING_GROUP_SPOT = "autoscaling_group_spot",
    pillar: Pillar::CostOptimization,
    service: Service::Autoscaling,
    severity: Severity::Low,
    best_practices: &[direct("COST07-BP04")],
    since: "0.5.0",
    title: "Fault-tolerant fleets use Spot capacity",
    remediation: "Give fault-tolerant groups a mixed instances policy with OnDemandPercentageAboveBaseCapacity below 100 and several instance types (aws autoscaling update-auto-scaling-group --mixed-instances-policy file://mixed.json)",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &AUTOSCALING_GROUP_SPOT;
    vec![across_regions(
        check,
        ctx.snapshot,
        &ctx.snapshot.autoscaling,
        |region| &region.groups,
        |group: &AutoScalingGroup| {
            matches!(
                group.launch,
                Launch::Template {
                    uses_spot: true,
                    ..
                }
            )
        },
        |group| group.name.clone(),
        Looked {
            what: "Auto Scaling group(s) using Spot",
            none: "no Auto Scaling group runs Spot capacity",
        },
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    #[test]
    fn spot_group_passes_on_demand_only_is_no_evidence_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        autoscaling(&mut snap).groups = Fetched::Ok(vec![auto_scaling_group("api")]);
        assert_eq!(
            statuses(&run(&AUTOSCALING_GROUP_SPOT, &snap)),
            expect(&[(ACCOUNT, NoEvidence)])
        );
        let mut batch = auto_scaling_group("batch");
        if let Launch::Template { uses_spot, .. } = &mut batch.launch {
            *uses_spot = true;
        }
        autoscaling(&mut snap).groups = Fetched::Ok(vec![auto_scaling_group("api"), batch]);
        let findings = run(&AUTOSCALING_GROUP_SPOT, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "1 Auto Scaling group(s) using Spot: batch (us-east-1)"
        );
        autoscaling(&mut snap).groups = Fetched::Failed(denied("DescribeAutoScalingGroups"));
        assert_eq!(
            statuses(&run(&AUTOSCALING_GROUP_SPOT, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
