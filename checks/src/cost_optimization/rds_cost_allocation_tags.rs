use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::tags;
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that every RDS DB instance and DB cluster carries each of the required cost
    /// allocation tags, `required_tags` in the configuration file (by default `owner` and
    /// `cost-center`), with a non-blank value.
    ///
    /// ## Why is this bad?
    /// Databases are often among the largest items on the bill. Untagged, their cost lands in an
    /// "unallocated" bucket that no team answers for, and cannot be charged back or budgeted.
    ///
    /// A pass means the resource is tagged, not that the bill shows it: a tag counts in Cost
    /// Explorer and the cost and usage reports only once its key is activated as a cost
    /// allocation tag in the Billing console, which this check does not read. That is why it is
    /// only indirect evidence for COST03-BP02.
    ///
    /// ## Example
    /// A DB instance with no tags. Fix: `aws rds add-tags-to-resource --resource-name ARN --tags
    /// Key=cost-center,Value=CC-100`, activate the keys as cost allocation tags in Billing, and
    /// enforce them with a tag policy.
    ///
    /// ## Not evaluated when
    /// The region's DB instances or DB clusters could not be read (one finding for the region).
    pub RDS_COST_ALLOCATION_TAGS = "rds_cost_allocation_tags",
    pillar: Pillar::CostOptimization,
    service: Service::Rds,
    severity: Severity::Low,
    best_practices: &[indirect("COST03-BP02")],
    since: "0.2.0",
    title: "RDS databases carry the required cost allocation tags",
    remediation: "aws rds add-tags-to-resource --resource-name ARN --tags Key=KEY,Value=VALUE; activate the keys as cost allocation tags and enforce them with a tag policy.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &RDS_COST_ALLOCATION_TAGS;
    let required = &ctx.settings.required_tags;
    let rds = &ctx.snapshot.rds;
    let mut findings = ctx.each_in_regions(
        check,
        rds,
        |region| &region.instances,
        |db| {
            let missing = tags::missing(&db.tags, required);
            let message = tags::message(&format!("DB instance {}", db.id), &missing, required);
            Some(if missing.is_empty() {
                check.pass(db, message)
            } else {
                check.fail(db, message)
            })
        },
    );
    findings.extend(ctx.each_in_regions(
        check,
        rds,
        |region| &region.clusters,
        |c| {
            let missing = tags::missing(&c.tags, required);
            let message = tags::message(&format!("DB cluster {}", c.id), &missing, required);
            Some(if missing.is_empty() {
                check.pass(c, message)
            } else {
                check.fail(c, message)
            })
        },
    ));
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    #[test]
    fn tagged_passes_untagged_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut partial = db_instance("legacy");
        partial.tags = tags(&[("owner", "team")]);
        rds(&mut snap).instances = Fetched::Ok(vec![db_instance("orders"), partial]);
        rds(&mut snap).clusters = Fetched::Ok(vec![db_cluster("analytics")]);

        let findings = run(&RDS_COST_ALLOCATION_TAGS, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("orders", Pass), ("legacy", Fail), ("analytics", Fail)])
        );
        assert_eq!(
            findings[1].message,
            "DB instance legacy lacks required tags: cost-center"
        );

        rds(&mut snap).instances = Fetched::Failed(denied("DescribeDBInstances"));
        rds(&mut snap).clusters = Fetched::Ok(vec![]);
        assert_eq!(
            statuses(&run(&RDS_COST_ALLOCATION_TAGS, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
