use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::s3::{Bucket, PublicAccessBlock};
use crate::model::{ErrorKind, Fetched, Gap, Service};

use super::policy::Policy;

declare_check! {
    /// ## What it does
    /// Checks that no S3 bucket is readable or writable by the public: through an ACL grant to
    /// `AllUsers` or `AuthenticatedUsers` that no public access block (the bucket's or the
    /// account's `IgnorePublicAcls`) neutralises, or through a bucket policy statement that allows
    /// any principal (`"*"` or `{"AWS": "*"}`) with no condition and that no public access block
    /// (`RestrictPublicBuckets`) neutralises.
    ///
    /// ## Why is this bad?
    /// A public bucket is found by scanners within hours; public read leaks its data, public write
    /// lets anyone plant content or run up the bill. Most data-breach headlines about S3 are this.
    ///
    /// ## Example
    /// A policy statement `{"Sid":"PublicRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject",...}`.
    /// Fix: remove the statement (or add a condition on `aws:SourceVpce` or `aws:PrincipalOrgID`),
    /// then `aws s3api put-public-access-block --bucket B --public-access-block-configuration
    /// BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true`.
    /// Serve public content through CloudFront with origin access control instead.
    ///
    /// ## Not evaluated when
    /// The bucket list could not be read; or the bucket's ACL or policy could not be read, or its
    /// policy is not valid JSON, and the other one does not already make it public; or a public
    /// grant or statement was found and the public access block that would decide could not be read.
    pub S3_BUCKET_PUBLIC_ACCESS = "s3_bucket_public_access",
    pillar: Pillar::Security,
    service: Service::S3,
    severity: Severity::Critical,
    best_practices: &[direct("SEC08-BP04"), direct("SEC03-BP07")],
    since: "0.1.0",
    title: "S3 buckets are not public",
    remediation: "Remove the public ACL grant (aws s3api put-bucket-acl --bucket BUCKET --acl private) or policy statement, then block public access: aws s3api put-public-access-block --bucket BUCKET --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true",
    evaluate: evaluate,
}

/// What one path (ACL or policy) says: `Ok(Some(cause))` public, `Ok(None)` not, `Err` unknown.
type Verdict = Result<Option<String>, Box<Gap>>;

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &S3_BUCKET_PUBLIC_ACCESS;
    let account_block = &ctx.snapshot.s3.account_public_access_block;
    ctx.each_bucket(check, |bucket| {
        Some({
            let verdicts = [
                public_acl(bucket, account_block),
                public_policy(bucket, account_block),
            ];
            let causes: Vec<&str> = verdicts
                .iter()
                .filter_map(|v| v.as_ref().ok()?.as_deref())
                .collect();
            if !causes.is_empty() {
                return Some(check.fail(
                    bucket,
                    format!("bucket {} is public: {}", bucket.name, causes.join("; ")),
                ));
            }
            match verdicts.iter().find_map(|v| v.as_ref().err()) {
                Some(why) => check.not_evaluated(bucket, why),
                None => check.pass(bucket, format!("bucket {} is not public", bucket.name)),
            }
        })
    })
}

fn public_acl(bucket: &Bucket, account_block: &Fetched<Option<PublicAccessBlock>>) -> Verdict {
    let grants = match &bucket.acl_grants {
        Fetched::Ok(grants) => grants,
        Fetched::Failed(why) => return Err(Box::new(why.clone())),
    };
    let public: Vec<String> = grants
        .iter()
        .filter(|grant| grant.is_public())
        .map(|grant| {
            let uri = grant.grantee_uri.as_deref().unwrap_or_default();
            let group = uri.rsplit('/').next().unwrap_or(uri);
            format!("{} to {group}", grant.permission)
        })
        .collect();
    if public.is_empty() || neutralised(bucket, account_block, PublicAccessBlock::neutralises_acls)?
    {
        return Ok(None);
    }
    Ok(Some(format!("its ACL grants {}", public.join(", "))))
}

fn public_policy(bucket: &Bucket, account_block: &Fetched<Option<PublicAccessBlock>>) -> Verdict {
    let document = match &bucket.policy {
        Fetched::Ok(Some(document)) => document,
        Fetched::Ok(None) => return Ok(None),
        Fetched::Failed(why) => return Err(Box::new(why.clone())),
    };
    let policy = Policy::parse(document).map_err(|error| {
        Box::new(Gap {
            service: "s3".into(),
            region: Some(bucket.region.clone()),
            operation: "GetBucketPolicy".into(),
            resource: Some(bucket.name.clone()),
            kind: ErrorKind::Other,
            message: format!("the bucket policy is not valid JSON ({error})"),
        })
    })?;
    let open: Vec<String> = policy
        .statements()
        .enumerate()
        .filter(|(_, statement)| {
            statement.allows() && statement.principal_is_anyone() && !statement.has_condition()
        })
        .map(|(index, statement)| match statement.sid() {
            Some(sid) => sid.to_string(),
            None => format!("#{}", index + 1),
        })
        .collect();
    if open.is_empty()
        || neutralised(
            bucket,
            account_block,
            PublicAccessBlock::neutralises_policies,
        )?
    {
        return Ok(None);
    }
    let (statements, allow) = if open.len() == 1 {
        ("statement", "allows")
    } else {
        ("statements", "allow")
    };
    Ok(Some(format!(
        "policy {statements} {} {allow} anyone, with no condition",
        open.join(", ")
    )))
}

/// Whether the bucket's or the account's public access block neutralises this kind of grant;
/// `Err` when neither does and one of them could not be read.
fn neutralised(
    bucket: &Bucket,
    account_block: &Fetched<Option<PublicAccessBlock>>,
    neutralises: fn(&PublicAccessBlock) -> bool,
) -> Result<bool, Box<Gap>> {
    let blocks = [&bucket.public_access_block, account_block];
    if blocks
        .iter()
        .any(|block| matches!(block, Fetched::Ok(Some(block)) if neutralises(block)))
    {
        return Ok(true);
    }
    match blocks.iter().find_map(|block| block.gap()) {
        Some(why) => Err(Box::new(why.clone())),
        None => Ok(false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::s3::Grant;
    use crate::testing::*;

    const ALL_USERS: &str = "http://acs.amazonaws.com/groups/global/AllUsers";

    fn public_read_grant() -> Grant {
        Grant {
            grantee_uri: Some(ALL_USERS.into()),
            grantee_id: None,
            permission: "READ".into(),
        }
    }

    const PUBLIC_POLICY: &str = r#"{"Version":"2012-10-17","Statement":[
        {"Sid":"Ours","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"s3:*","Resource":"*"},
        {"Sid":"PublicRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*"}]}"#;

    /// A bucket with no public access block of its own, in an account with none either.
    fn unguarded(name: &str) -> Bucket {
        let mut bucket = bucket(name);
        bucket.public_access_block = Fetched::Ok(None);
        bucket
    }

    fn evaluate_unguarded(buckets: Vec<Bucket>) -> Vec<Finding> {
        let mut snap = snapshot();
        snap.s3.account_public_access_block = Fetched::Ok(None);
        snap.s3.buckets = Fetched::Ok(buckets);
        run(&S3_BUCKET_PUBLIC_ACCESS, &snap)
    }

    #[test]
    fn public_acl_or_policy_fails_and_the_message_names_the_cause() {
        let mut acl = unguarded("acl");
        acl.acl_grants = Fetched::Ok(vec![public_read_grant()]);
        let mut site = unguarded("site");
        site.policy = Fetched::Ok(Some(PUBLIC_POLICY.into()));
        let mut anonymous = unguarded("anon");
        anonymous.policy = Fetched::Ok(Some(
            r#"{"Statement":{"Effect":"Allow","Principal":{"AWS":["*"]},"Action":"s3:*"}}"#.into(),
        ));

        let findings = evaluate_unguarded(vec![unguarded("private"), acl, site, anonymous]);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("private", Pass),
                ("acl", Fail),
                ("site", Fail),
                ("anon", Fail)
            ])
        );
        assert_eq!(findings[0].message, "bucket private is not public");
        assert_eq!(
            findings[1].message,
            "bucket acl is public: its ACL grants READ to AllUsers"
        );
        assert_eq!(
            findings[2].message,
            "bucket site is public: policy statement PublicRead allows anyone, with no condition"
        );
        assert!(
            findings[3].message.contains("policy statement #1"),
            "{}",
            findings[3].message
        );
    }

    #[test]
    fn conditions_and_other_principals_are_not_public() {
        let mut vpce = unguarded("vpce");
        vpce.policy = Fetched::Ok(Some(
            r#"{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject",
                "Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1"}}}}"#
                .into(),
        ));
        let mut deny = unguarded("deny");
        deny.policy = Fetched::Ok(Some(
            r#"{"Statement":{"Effect":"Deny","Principal":"*","Action":"s3:*"}}"#.into(),
        ));

        let findings = evaluate_unguarded(vec![vpce, deny]);

        assert_eq!(
            statuses(&findings),
            expect(&[("vpce", Pass), ("deny", Pass)])
        );
    }

    #[test]
    fn a_bucket_or_account_block_neutralises_public_grants() {
        let mut snap = snapshot();
        let mut bucket_blocked = bucket("guarded");
        bucket_blocked.acl_grants = Fetched::Ok(vec![public_read_grant()]);
        bucket_blocked.policy = Fetched::Ok(Some(PUBLIC_POLICY.into()));
        let mut account_blocked = unguarded("site");
        account_blocked.acl_grants = Fetched::Ok(vec![public_read_grant()]);
        account_blocked.policy = Fetched::Ok(Some(PUBLIC_POLICY.into()));
        let mut half_blocked = unguarded("half");
        half_blocked.public_access_block = Fetched::Ok(Some(PublicAccessBlock {
            restrict_public_buckets: false,
            ..PublicAccessBlock::ALL
        }));
        half_blocked.acl_grants = Fetched::Ok(vec![public_read_grant()]);
        half_blocked.policy = Fetched::Ok(Some(PUBLIC_POLICY.into()));
        snap.s3.buckets = Fetched::Ok(vec![bucket_blocked, account_blocked, half_blocked]);

        let findings = run(&S3_BUCKET_PUBLIC_ACCESS, &snap);
        assert_eq!(
            statuses(&findings),
            expect(&[("guarded", Pass), ("site", Pass), ("half", Pass)])
        );

        snap.s3.account_public_access_block = Fetched::Ok(None);
        let findings = run(&S3_BUCKET_PUBLIC_ACCESS, &snap);
        assert_eq!(
            statuses(&findings),
            expect(&[("guarded", Pass), ("site", Fail), ("half", Fail)])
        );
        assert!(findings[2].message.contains("PublicRead") && !findings[2].message.contains("ACL"));
    }

    #[test]
    fn unreadable_acl_or_policy_is_not_evaluated_unless_the_other_is_public() {
        let mut acl_unreadable = unguarded("noacl");
        acl_unreadable.acl_grants = Fetched::Failed(denied("GetBucketAcl"));
        let mut policy_unreadable = unguarded("nopolicy");
        policy_unreadable.policy = Fetched::Failed(denied("GetBucketPolicy"));
        let mut public_anyway = unguarded("public");
        public_anyway.acl_grants = Fetched::Ok(vec![public_read_grant()]);
        public_anyway.policy = Fetched::Failed(denied("GetBucketPolicy"));
        let mut garbled = unguarded("garbled");
        garbled.policy = Fetched::Ok(Some("{not json".into()));

        let findings = evaluate_unguarded(vec![
            acl_unreadable,
            policy_unreadable,
            public_anyway,
            garbled,
        ]);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("noacl", NotEvaluated),
                ("nopolicy", NotEvaluated),
                ("public", Fail),
                ("garbled", NotEvaluated),
            ])
        );
        let reason = findings[3].reason.as_deref().unwrap_or_default();
        assert!(reason.contains("not valid JSON"), "{reason}");
    }

    #[test]
    fn unreadable_block_matters_only_when_something_is_public() {
        let mut snap = snapshot();
        snap.s3.account_public_access_block =
            Fetched::Failed(denied("s3control:GetPublicAccessBlock"));
        let mut public = unguarded("public");
        public.acl_grants = Fetched::Ok(vec![public_read_grant()]);
        let mut guarded_public = bucket("guarded-public");
        guarded_public.policy = Fetched::Ok(Some(PUBLIC_POLICY.into()));
        snap.s3.buckets = Fetched::Ok(vec![
            unguarded("private"),
            public,
            bucket("guarded"),
            guarded_public,
        ]);

        let findings = run(&S3_BUCKET_PUBLIC_ACCESS, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("private", Pass),
                ("public", NotEvaluated),
                ("guarded", Pass),
                ("guarded-public", Pass),
            ])
        );
    }

    #[test]
    fn unreadable_bucket_list_is_one_not_evaluated_finding() {
        let mut snap = snapshot();
        snap.s3.buckets = Fetched::Failed(denied("ListBuckets"));

        let findings = run(&S3_BUCKET_PUBLIC_ACCESS, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
