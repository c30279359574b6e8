use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::tags;
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Resource, Service, Tags};

declare_check! {
    /// ## What it does
    /// Checks that every RDS DB instance and DB cluster carries the owner tag, `owner_tag` in the
    /// configuration file (`owner` by default), with a non-blank value.
    ///
    /// ## Why is this bad?
    /// A database nobody owns is one nobody patches, resizes or decides to delete: when it is
    /// slow, compromised or the biggest line on the bill, the first hour goes to finding out whose
    /// it is.
    ///
    /// ## Example
    /// `aws rds list-tags-for-resource --resource-name ARN` has no `owner`. Fix:
    /// `aws rds add-tags-to-resource --resource-name ARN --tags Key=owner,Value=TEAM`, and require
    /// the tag at creation with a tag policy.
    ///
    /// ## Not evaluated when
    /// The region's DB instances or DB clusters could not be read (one finding for the region).
    pub RDS_OWNER_TAG = "rds_owner_tag",
    pillar: Pillar::OperationalExcellence,
    service: Service::Rds,
    severity: Severity::Low,
    best_practices: &[direct("OPS02-BP01")],
    since: "0.2.0",
    title: "RDS databases have an identified owner",
    remediation: "aws rds add-tags-to-resource --resource-name ARN --tags Key=owner,Value=TEAM (use your owner_tag key)",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &RDS_OWNER_TAG;
    let key = ctx.settings.owner_tag.as_str();
    let verdict = |resource: &dyn Resource, what: String, found: &Tags| {
        let resource = resource.resource();
        match found.get(key) {
            Some(owner) if tags::has_value(found, key) => {
                check.pass(&resource, format!("{what} is owned by {owner}"))
            }
            _ => check.fail(&resource, format!("{what} has no `{key}` tag")),
        }
    };
    let rds = &ctx.snapshot.rds;
    let mut findings = ctx.each_in_regions(
        check,
        rds,
        |region| &region.instances,
        |db| Some(verdict(db, format!("DB instance {}", db.id), &db.tags)),
    );
    findings.extend(ctx.each_in_regions(
        check,
        rds,
        |region| &region.clusters,
        |c| Some(verdict(c, format!("DB cluster {}", c.id), &c.tags)),
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
    fn owned_passes_unowned_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut stray = db_instance("legacy");
        stray.tags = Tags::new();
        rds(&mut snap).instances = Fetched::Ok(vec![db_instance("orders"), stray]);
        rds(&mut snap).clusters = Fetched::Failed(denied("DescribeDBClusters"));

        let findings = run(&RDS_OWNER_TAG, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("orders", Pass), ("legacy", Fail), (ACCOUNT, NotEvaluated)])
        );
        assert_eq!(findings[0].message, "DB instance orders is owned by team");
        assert_eq!(findings[1].message, "DB instance legacy has no `owner` tag");
    }
}
