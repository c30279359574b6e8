use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that every ECR repository has immutable image tags (`IMMUTABLE`, or
    /// `IMMUTABLE_WITH_EXCLUSION`, where only the excluded tags such as `latest` can move).
    ///
    /// ## Why is this bad?
    /// With mutable tags, pushing `app:1.4.2` again silently replaces the image every
    /// deployment of that tag refers to. Rolling back to "the previous version" may then deploy
    /// something nobody tested, and two hosts running the same tag may run different code.
    ///
    /// ## Example
    /// `aws ecr describe-repositories` shows `"imageTagMutability": "MUTABLE"`. Fix: `aws ecr
    /// put-image-tag-mutability --repository-name REPO --image-tag-mutability IMMUTABLE`.
    ///
    /// ## Not evaluated when
    /// The region's repositories could not be listed (one finding for the region).
    pub ECR_REPOSITORY_TAG_IMMUTABILITY = "ecr_repository_tag_immutability",
    pillar: Pillar::OperationalExcellence,
    service: Service::Ecr,
    severity: Severity::Low,
    best_practices: &[indirect("OPS06-BP01")],
    since: "0.2.0",
    title: "ECR repositories have immutable image tags",
    remediation: "aws ecr put-image-tag-mutability --repository-name REPO --image-tag-mutability IMMUTABLE",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &ECR_REPOSITORY_TAG_IMMUTABILITY;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.ecr,
        |region| &region.repositories,
        |repository| {
            let (name, mutability) = (&repository.name, &repository.tag_mutability);
            Some(if mutability.starts_with("IMMUTABLE") {
                check.pass(
                    repository,
                    format!("repository {name} has immutable tags ({mutability})"),
                )
            } else {
                check.fail(
                    repository,
                    format!("repository {name} has mutable tags ({mutability})"),
                )
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
    fn immutable_passes_mutable_fails_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        let mut mutable = repository("scratch");
        mutable.tag_mutability = "MUTABLE".into();
        let mut excluded = repository("web");
        excluded.tag_mutability = "IMMUTABLE_WITH_EXCLUSION".into();
        ecr(&mut snap).repositories = Fetched::Ok(vec![repository("api"), mutable, excluded]);

        let findings = run(&ECR_REPOSITORY_TAG_IMMUTABILITY, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[("api", Pass), ("scratch", Fail), ("web", Pass)])
        );
        assert_eq!(
            findings[1].message,
            "repository scratch has mutable tags (MUTABLE)"
        );

        ecr(&mut snap).repositories = Fetched::Failed(denied("DescribeRepositories"));
        assert_eq!(
            statuses(&run(&ECR_REPOSITORY_TAG_IMMUTABILITY, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
