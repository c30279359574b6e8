use super::resource_policy::{judge, Source};
use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that no ECR repository policy lets anyone (`"Principal": "*"`, `{"AWS": "*"}`, or
    /// an `Allow` with `NotPrincipal`) act on the repository without a condition that restricts
    /// who (`aws:PrincipalOrgID`, `aws:SourceAccount`, `aws:SourceVpce` and the others of the
    /// policy evaluator, under a positive operator with a value other than `*`). A condition
    /// that does not restrict who, such as `aws:SecureTransport`, does not make it private.
    ///
    /// ## Why is this bad?
    /// A private image often bakes in internal code, configuration and sometimes credentials.
    /// A policy open to every AWS principal lets any AWS account pull (or, with push actions,
    /// replace) the images.
    ///
    /// ## Example
    /// `aws ecr get-repository-policy --repository-name REPO` shows `{"Effect": "Allow",
    /// "Principal": "*", "Action": "ecr:BatchGetImage"}`. Fix: name the accounts or the
    /// organization (`aws:PrincipalOrgID` condition), then `aws ecr set-repository-policy`; use
    /// ECR Public for images meant for everyone.
    ///
    /// ## Not evaluated when
    /// The region's repositories could not be listed (one finding for the region), or this
    /// repository's policy could not be read or is not valid JSON.
    /// Or the policy or ACL lacks what says whom it allows (a statement without `Effect` or
    /// `Principal`, no `Statement`, a `Group` grantee without its URI): the reason names it.
    pub ECR_REPOSITORY_NOT_PUBLIC = "ecr_repository_not_public",
    pillar: Pillar::Security,
    service: Service::Ecr,
    severity: Severity::High,
    best_practices: &[direct("SEC03-BP07")],
    since: "0.2.0",
    title: "ECR repository policies do not grant access to everyone",
    remediation: "Restrict the policy's Principal to named accounts or add an aws:PrincipalOrgID condition, then aws ecr set-repository-policy --repository-name REPO --policy-text file://policy.json",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &ECR_REPOSITORY_NOT_PUBLIC;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.ecr,
        |region| &region.repositories,
        |repository| {
            let source = Source {
                service: Service::Ecr,
                region: Some(&repository.region),
                operation: "GetRepositoryPolicy",
                resource: &repository.name,
            };
            let what = format!("repository {}", repository.name);
            Some(judge(
                check,
                repository,
                &what,
                &repository.policy,
                &source,
                &[],
            ))
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::ecr::Repository;
    use crate::model::Fetched;
    use crate::testing::*;

    const OPEN: &str = r#"{"Version":"2012-10-17","Statement":[{"Sid":"Everyone","Effect":"Allow","Principal":"*","Action":["ecr:BatchGetImage"]}]}"#;
    const ORG_ONLY: &str = r#"{"Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"ecr:BatchGetImage","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-1"}}}}"#;

    fn with_policy(name: &str, policy: Fetched<Option<String>>) -> Repository {
        let mut repository = repository(name);
        repository.policy = policy;
        repository
    }

    #[test]
    fn open_policy_fails_conditional_or_none_passes_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        ecr(&mut snap).repositories = Fetched::Ok(vec![
            repository("private"),
            with_policy("shared", Fetched::Ok(Some(OPEN.into()))),
            with_policy("org", Fetched::Ok(Some(ORG_ONLY.into()))),
            with_policy("garbled", Fetched::Ok(Some("{not json".into()))),
            with_policy("hidden", Fetched::Failed(denied("GetRepositoryPolicy"))),
        ]);

        let findings = run(&ECR_REPOSITORY_NOT_PUBLIC, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("private", Pass),
                ("shared", Fail),
                ("org", Pass),
                ("garbled", NotEvaluated),
                ("hidden", NotEvaluated)
            ])
        );
        assert_eq!(
            findings[1].message,
            "repository shared's policy lets anyone in, with no condition that restricts who: statement Everyone"
        );

        ecr(&mut snap).repositories = Fetched::Failed(denied("DescribeRepositories"));
        assert_eq!(
            statuses(&run(&ECR_REPOSITORY_NOT_PUBLIC, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
