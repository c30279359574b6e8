use crate::catalog::Pillar;
use crate::check::{direct, indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::ecr::PullThroughCacheRule;
use crate::model::Service;
use crate::presence::{across_regions, Looked};

declare_check! {
    /// ## What it does
    /// Looks for a central, governed source of container images: ECR pull-through cache rules
    /// in the scanned regions, through which images from public or upstream registries (Docker
    /// Hub, Quay, GitHub, ECR Public, another ECR) are pulled, cached and scanned in the
    /// account's own registry. One finding for the account.
    ///
    /// ## Why is this bad?
    /// SEC11-BP05 asks that packages and dependencies come through central services rather
    /// than straight from the internet: a cache in your registry keeps a copy of what was
    /// pulled (an upstream deletion or a tag moved under you does not reach your builds), puts
    /// the images under ECR scanning and repository policies, and shows who uses what. Teams
    /// may proxy images and packages another way (CodeArtifact, Artifactory, Harbor), so
    /// finding none here is "no evidence found", not a failure.
    ///
    /// ## Example
    /// `aws ecr describe-pull-through-cache-rules --region R` lists nothing in any region. Fix:
    /// `aws ecr create-pull-through-cache-rule --ecr-repository-prefix ecr-public
    /// --upstream-registry-url public.ecr.aws`, then pull
    /// `ACCOUNT.dkr.ecr.R.amazonaws.com/ecr-public/…` in builds.
    ///
    /// ## Not evaluated when
    /// No rule was found and the rules of some region could not be listed.
    pub ECR_PULL_THROUGH_CACHE = "ecr_pull_through_cache",
    pillar: Pillar::Security,
    service: Service::Ecr,
    severity: Severity::Low,
    best_practices: &[direct("SEC11-BP05"), indirect("SEC06-BP01")],
    since: "0.5.0",
    title: "Container images from upstream registries come through an ECR pull-through cache",
    remediation: "aws ecr create-pull-through-cache-rule --ecr-repository-prefix PREFIX --upstream-registry-url UPSTREAM --region REGION, and pull upstream images through the cache prefix.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &ECR_PULL_THROUGH_CACHE;
    vec![across_regions(
        check,
        ctx.snapshot,
        &ctx.snapshot.ecr,
        |region| &region.pull_through_cache_rules,
        |_: &PullThroughCacheRule| true,
        |rule| match &rule.upstream {
            Some(upstream) => format!("{} from {upstream}", rule.prefix),
            None => rule.prefix.clone(),
        },
        Looked {
            what: "pull-through cache rule(s)",
            none: "no ECR pull-through cache rule in any scanned region",
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
    fn a_rule_passes_none_is_no_evidence_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        ecr(&mut snap).pull_through_cache_rules = Fetched::Ok(vec![PullThroughCacheRule {
            prefix: "ecr-public".into(),
            upstream: Some("public.ecr.aws".into()),
        }]);
        let findings = run(&ECR_PULL_THROUGH_CACHE, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "1 pull-through cache rule(s): ecr-public from public.ecr.aws (us-east-1)"
        );

        ecr(&mut snap).pull_through_cache_rules = Fetched::Ok(vec![]);
        let findings = run(&ECR_PULL_THROUGH_CACHE, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NoEvidence)]));

        ecr(&mut snap).pull_through_cache_rules =
            Fetched::Failed(denied("DescribePullThroughCacheRules"));
        let findings = run(&ECR_PULL_THROUGH_CACHE, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
