use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that every ECR repository has a lifecycle policy.
    ///
    /// ## Why is this bad?
    /// Every CI build pushes an image and nothing ever deletes them: storage (billed per GB-month)
    /// grows without end, and so does the number of old, unpatched images that can still be
    /// pulled and deployed.
    ///
    /// ## Example
    /// `aws ecr get-lifecycle-policy --repository-name REPO` answers
    /// `LifecyclePolicyNotFoundException`. Fix: `aws ecr put-lifecycle-policy --repository-name
    /// REPO --lifecycle-policy-text file://policy.json`, e.g. expiring untagged images after 14
    /// days and keeping the last 50 tagged ones.
    ///
    /// ## Not evaluated when
    /// The region's repositories could not be listed (one finding for the region), or this
    /// repository's lifecycle policy could not be read.
    pub ECR_REPOSITORY_LIFECYCLE_POLICY = "ecr_repository_lifecycle_policy",
    pillar: Pillar::CostOptimization,
    service: Service::Ecr,
    severity: Severity::Low,
    best_practices: &[direct("COST04-BP04")],
    since: "0.2.0",
    title: "ECR repositories expire old images with a lifecycle policy",
    remediation: "aws ecr put-lifecycle-policy --repository-name REPO --lifecycle-policy-text file://policy.json (e.g. expire untagged images after 14 days)",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &ECR_REPOSITORY_LIFECYCLE_POLICY;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.ecr,
        |region| &region.repositories,
        |repository| {
            let name = &repository.name;
            Some(match &repository.lifecycle_policy {
                Fetched::Ok(true) => check.pass(
                    repository,
                    format!("repository {name} has a lifecycle policy"),
                ),
                Fetched::Ok(false) => check.fail(
                    repository,
                    format!(
                        "repository {name} has no lifecycle policy: its images are never expired"
                    ),
                ),
                Fetched::Failed(gap) => check.not_evaluated(repository, gap),
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    #[test]
    fn policy_passes_none_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut forever = repository("builds");
        forever.lifecycle_policy = Fetched::Ok(false);
        let mut hidden = repository("secret");
        hidden.lifecycle_policy = Fetched::Failed(denied("GetLifecyclePolicy"));
        ecr(&mut snap).repositories = Fetched::Ok(vec![repository("api"), forever, hidden]);

        let findings = run(&ECR_REPOSITORY_LIFECYCLE_POLICY, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("api", Pass), ("builds", Fail), ("secret", NotEvaluated)])
        );
        assert_eq!(
            findings[1].message,
            "repository builds has no lifecycle policy: its images are never expired"
        );

        ecr(&mut snap).repositories = Fetched::Failed(denied("DescribeRepositories"));
        assert_eq!(
            statuses(&run(&ECR_REPOSITORY_LIFECYCLE_POLICY, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
