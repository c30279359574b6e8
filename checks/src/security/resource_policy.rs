//! The verdict shared by the checks of resource-based policies (Lambda, SQS, SNS, KMS, ECR,
//! Secrets Manager, OpenSearch, IAM role trust): does the policy let anyone, or any AWS account,
//! in without a condition that restricts who?

use super::policy::Policy;
use crate::check::Check;
use crate::finding::Finding;
use crate::model::{ErrorKind, Fetched, Gap, Resource, Service};

/// Where a policy document was read from: names the gap when it cannot be judged.
pub(super) struct Source<'a> {
    pub service: Service,
    pub region: Option<&'a str>,
    pub operation: &'a str,
    pub resource: &'a str,
}

impl Source<'_> {
    fn gap(&self, kind: ErrorKind, message: String) -> Gap {
        Gap {
            service: self.service.as_str().to_string(),
            region: self.region.map(str::to_string),
            operation: self.operation.to_string(),
            resource: Some(self.resource.to_string()),
            kind,
            message,
        }
    }
}

/// The finding for one resource's policy: pass when it has none or none of its statements lets
/// anyone in unrestricted; fail naming the statements that do; `not_evaluated` when the policy
/// could not be read, is not JSON, or lacks what says whom it allows. `what` names the resource in
/// messages (`function orders`), `extra_keys` are the service's own restricting condition keys.
pub(super) fn judge(
    check: &Check,
    resource: &impl Resource,
    what: &str,
    policy: &Fetched<Option<String>>,
    source: &Source<'_>,
    extra_keys: &[&str],
) -> Finding {
    let document = match policy {
        Fetched::Ok(Some(document)) => document,
        Fetched::Ok(None) => return check.pass(resource, format!("{what} has no resource policy")),
        Fetched::Failed(gap) => return check.not_evaluated(resource, gap),
    };
    let policy = match Policy::parse(document) {
        Ok(policy) => policy,
        Err(error) => {
            let gap = source.gap(
                ErrorKind::Other,
                format!("the policy is not valid JSON ({error})"),
            );
            return check.not_evaluated(resource, &gap);
        }
    };
    match policy.open_to_anyone(extra_keys) {
        Ok(open) if open.is_empty() => check.pass(
            resource,
            format!(
                "{what}'s policy lets no one in beyond named principals or restricting conditions"
            ),
        ),
        Ok(open) => check.fail(
            resource,
            format!(
                "{what}'s policy lets anyone in, with no condition that restricts who: {}",
                open.join(", ")
            ),
        ),
        Err(reason) => check.not_evaluated(resource, &source.gap(ErrorKind::Incomplete, reason)),
    }
}

/// Test support: the test the checks of one resource policy per resource share.
#[cfg(test)]
pub(super) mod testing {
    use crate::check::Check;
    use crate::finding::Status::*;
    use crate::model::{Fetched, Snapshot};
    use crate::testing::*;

    /// Resources by name with their policies, as a region's listing holds them.
    pub type Named<'a> = Fetched<Vec<(&'a str, Fetched<Option<String>>)>>;

    const OPEN: &str =
        r#"{"Statement":[{"Sid":"Everyone","Effect":"Allow","Principal":"*","Action":"*"}]}"#;
    const ORG_ONLY: &str = r#"{"Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-1"}}}}"#;
    const TLS_ONLY: &str = r#"{"Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}}"#;
    const NAMED: &str = r#"{"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"*"}}"#;

    /// Resources named by their policies: an open one fails, one restricted to the organization,
    /// one naming an account or one without a policy passes (a TLS condition restricts nobody),
    /// a policy that is not JSON or not read is not evaluated, and so is an unread listing.
    /// `put` stores the (name, policy) resources in the region's listing; `what` is the noun
    /// findings use ("topic"); `read` the call that reads a policy.
    pub fn assert_policy_check(
        check: &'static Check,
        put: fn(&mut Snapshot, Named<'_>),
        what: &str,
        read: &str,
    ) {
        let mut snap = snapshot();
        put(
            &mut snap,
            Fetched::Ok(vec![
                ("none", Fetched::Ok(None)),
                ("open", Fetched::Ok(Some(OPEN.into()))),
                ("org", Fetched::Ok(Some(ORG_ONLY.into()))),
                ("tls", Fetched::Ok(Some(TLS_ONLY.into()))),
                ("named", Fetched::Ok(Some(NAMED.into()))),
                ("garbled", Fetched::Ok(Some("{not json".into()))),
                ("hidden", Fetched::Failed(denied(read))),
            ]),
        );

        let findings = run(check, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("none", Pass),
                ("open", Fail),
                ("org", Pass),
                ("tls", Fail),
                ("named", Pass),
                ("garbled", NotEvaluated),
                ("hidden", NotEvaluated),
            ])
        );
        assert_eq!(
            findings[1].message,
            format!("{what} open's policy lets anyone in, with no condition that restricts who: statement Everyone")
        );
        assert!(
            findings[5].message.contains("not valid JSON"),
            "{}",
            findings[5].message
        );

        put(&mut snap, Fetched::Failed(denied("List")));
        assert_eq!(
            statuses(&run(check, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
