//! Whether an answer carried a member the Rust SDK reads as a plain value.
//!
//! A few members of AWS's JSON answers are plain values in the Rust SDK (a `bool` that is
//! `false` when the answer did not say): `GetKeyRotationStatus`'s `KeyRotationEnabled` is one.
//! The deserialised output cannot tell "off" from "not sent", and a value AWS did not send is
//! unknown. [`MemberPresence`], an interceptor on that one call, reads the answer's body as it
//! arrived and says whether the member was in it, so the collector can record a gap instead.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::AfterDeserializationInterceptorContextRef;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;

/// Records whether the last answer to the call it is attached to had `member` at its top level.
#[derive(Debug, Clone)]
pub struct MemberPresence {
    member: &'static str,
    seen: Arc<AtomicBool>,
}

impl MemberPresence {
    pub fn new(member: &'static str) -> Self {
        MemberPresence {
            member,
            seen: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Whether the answer (the last attempt's, after retries) carried the member.
    pub fn seen(&self) -> bool {
        self.seen.load(Ordering::Acquire)
    }
}

impl Intercept for MemberPresence {
    fn name(&self) -> &'static str {
        "wascan::MemberPresence"
    }

    fn read_after_deserialization(
        &self,
        context: &AfterDeserializationInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let seen = context
            .response()
            .body()
            .bytes()
            .is_some_and(|body| has_member(body, self.member));
        self.seen.store(seen, Ordering::Release);
        Ok(())
    }
}

/// Whether `body` is a JSON object with `member` among its keys (an unparsable body has none).
fn has_member(body: &[u8], member: &str) -> bool {
    serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(body)
        .is_ok_and(|object| object.contains_key(member))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_member_is_present_only_at_the_top_level_of_a_json_object() {
        let member = "KeyRotationEnabled";
        assert!(has_member(
            br#"{"KeyRotationEnabled":false,"KeyId":"k"}"#,
            member
        ));
        assert!(!has_member(br#"{"KeyId":"k"}"#, member));
        assert!(!has_member(
            br#"{"Nested":{"KeyRotationEnabled":true}}"#,
            member
        ));
        assert!(
            !has_member(b"{\"KeyRotationEnabled\":tr", member),
            "a cut body"
        );
        assert!(!has_member(b"", member));
    }
}
