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
