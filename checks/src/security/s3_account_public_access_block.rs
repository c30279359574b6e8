use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that the account-level S3 public access block (S3 Control) has all four settings on:
    /// `BlockPublicAcls`, `IgnorePublicAcls`, `BlockPublicPolicy` and `RestrictPublicBuckets`.
    ///
    /// ## Why is this bad?
    /// The account-level block overrides every bucket's own settings, including those of buckets
    /// created later. Without it, each bucket's safety depends on whoever created it remembering
    /// its own block.
    ///
    /// ## Example
    /// `aws s3control get-public-access-block --account-id ACCOUNT` answers
    /// `NoSuchPublicAccessBlockConfiguration`. Fix: `aws s3control put-public-access-block
    /// --account-id ACCOUNT --public-access-block-configuration
    /// BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true`.
    ///
    /// ## Not evaluated when
    /// The account's public access block could not be read.
    pub S3_ACCOUNT_PUBLIC_ACCESS_BLOCK = "s3_account_public_access_block",
    pillar: Pillar::Security,
    service: Service::S3,
    severity: Severity::High,
    best_practices: &[direct("SEC08-BP04")],
    since: "0.1.0",
    title: "The account blocks public access to S3",
    remediation: "Turn on all four settings for the account: aws s3control put-public-access-block --account-id ACCOUNT --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &S3_ACCOUNT_PUBLIC_ACCESS_BLOCK;
    let account = ctx.snapshot.account_resource("global");
    let id = &ctx.snapshot.account_id;
    vec![match &ctx.snapshot.s3.account_public_access_block {
        Fetched::Ok(Some(block)) if block.blocks_all() => check.pass(
            &account,
            format!("account {id} blocks all public access to S3"),
        ),
        Fetched::Ok(Some(block)) => check.fail(
            &account,
            format!(
                "account {id}'s S3 public access block lacks {}",
                block.missing_settings().join(", ")
            ),
        ),
        Fetched::Ok(None) => check.fail(
            &account,
            format!("account {id} has no S3 public access block"),
        ),
        Fetched::Failed(why) => check.not_evaluated(&account, why),
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::s3::PublicAccessBlock;
    use crate::testing::*;

    #[test]
    fn full_block_passes() {
        let findings = run(&S3_ACCOUNT_PUBLIC_ACCESS_BLOCK, &snapshot());

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(findings[0].region, "global");
    }

    #[test]
    fn partial_or_missing_block_fails() {
        let mut snap = snapshot();
        snap.s3.account_public_access_block = Fetched::Ok(Some(PublicAccessBlock {
            block_public_policy: false,
            ..PublicAccessBlock::ALL
        }));
        let findings = run(&S3_ACCOUNT_PUBLIC_ACCESS_BLOCK, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Fail)]));
        assert_eq!(
            findings[0].message,
            format!("account {ACCOUNT}'s S3 public access block lacks BlockPublicPolicy")
        );

        snap.s3.account_public_access_block = Fetched::Ok(None);
        let findings = run(&S3_ACCOUNT_PUBLIC_ACCESS_BLOCK, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Fail)]));
        assert_eq!(
            findings[0].message,
            format!("account {ACCOUNT} has no S3 public access block")
        );
    }

    #[test]
    fn unreadable_block_is_not_evaluated() {
        let mut snap = snapshot();
        snap.s3.account_public_access_block =
            Fetched::Failed(denied("s3control:GetPublicAccessBlock"));

        let findings = run(&S3_ACCOUNT_PUBLIC_ACCESS_BLOCK, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
