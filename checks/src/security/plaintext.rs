//! The verdict shared by the checks for secrets in plain text: the collectors scanned the text
//! (`crate::secrets`) and kept only masked hits.

use crate::check::Check;
use crate::finding::Finding;
use crate::model::{Fetched, Resource};
use crate::secrets::SecretHit;

/// Pass when nothing was found, fail listing each hit (kind, where, masked), `not_evaluated`
/// when the text could not be read or was not text.
pub(super) fn judge(
    check: &Check,
    resource: &impl Resource,
    what: &str,
    hits: &Fetched<Vec<SecretHit>>,
) -> Finding {
    match hits {
        Fetched::Ok(hits) if hits.is_empty() => {
            check.pass(resource, format!("{what} holds no secret in plain text"))
        }
        Fetched::Ok(hits) => {
            let listed: Vec<String> = hits.iter().map(ToString::to_string).collect();
            check.fail(
                resource,
                format!(
                    "{what} holds {} in plain text: {}",
                    if hits.len() == 1 {
                        "a secret".to_string()
                    } else {
                        format!("{} secrets", hits.len())
                    },
                    listed.join("; ")
                ),
            )
        }
        Fetched::Failed(gap) => check.not_evaluated(resource, gap),
    }
}
