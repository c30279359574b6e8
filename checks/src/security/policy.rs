//! Reading IAM and bucket policy documents (JSON) just enough for the checks that need them.

use serde_json::Value;

/// A parsed policy document.
pub(super) struct Policy(Value);

impl Policy {
    pub(super) fn parse(document: &str) -> Result<Policy, serde_json::Error> {
        serde_json::from_str(document).map(Policy)
    }

    /// The statements, whether `Statement` is one object or an array of them.
    pub(super) fn statements(&self) -> impl Iterator<Item = Statement<'_>> {
        one_or_many(self.0.get("Statement")).map(Statement)
    }

    /// What a resource-based policy (a bucket's, a repository's) lacks that would say whom it
    /// allows: no `Statement`, or a statement without `Effect` (or one that is neither `Allow`
    /// nor `Deny`) or without `Principal`/`NotPrincipal`. AWS rejects such a policy when it is
    /// put, so an answer without them was cut or altered on its way: reading the rest as "not
    /// public" would be a guess. `None` when nothing is missing.
    pub(super) fn incomplete_resource_policy(&self) -> Option<String> {
        let statements = match self.0.get("Statement") {
            None | Some(Value::Null) => return Some("the policy has no Statement".into()),
            Some(Value::Array(items)) if items.is_empty() => {
                return Some("the policy's Statement is empty".into())
            }
            Some(_) => self.statements(),
        };
        for (index, statement) in statements.enumerate() {
            let name = match statement.sid() {
                Some(sid) => format!("statement {sid}"),
                None => format!("statement #{}", index + 1),
            };
            if !statement.0.is_object() {
                return Some(format!("the policy's {name} is not an object"));
            }
            match statement.0.get("Effect").and_then(Value::as_str) {
                Some("Allow" | "Deny") => {}
                Some(other) => return Some(format!("the policy's {name} has Effect {other:?}")),
                None => return Some(format!("the policy's {name} has no Effect")),
            }
            if statement.0.get("Principal").is_none() && statement.0.get("NotPrincipal").is_none() {
                return Some(format!("the policy's {name} has no Principal"));
            }
        }
        None
    }
}

/// One statement of a policy.
#[derive(Clone, Copy)]
pub(super) struct Statement<'a>(&'a Value);

impl<'a> Statement<'a> {
    pub(super) fn sid(self) -> Option<&'a str> {
        self.0
            .get("Sid")
            .and_then(Value::as_str)
            .filter(|sid| !sid.is_empty())
    }

    pub(super) fn allows(self) -> bool {
        self.0.get("Effect").and_then(Value::as_str) == Some("Allow")
    }

    /// Whether the statement has a non-empty `Condition`.
    pub(super) fn has_condition(self) -> bool {
        match self.0.get("Condition") {
            None | Some(Value::Null) => false,
            Some(Value::Object(map)) => !map.is_empty(),
            Some(_) => true,
        }
    }

    /// `Principal: "*"`, or `Principal: {"AWS": "*"}` (or an array containing `"*"`).
    pub(super) fn principal_is_anyone(self) -> bool {
        match self.0.get("Principal") {
            Some(Value::String(principal)) => principal == "*",
            Some(principal @ Value::Object(_)) => contains_star(principal.get("AWS")),
            _ => false,
        }
    }

    /// `Effect: Allow`, `Action: "*"` and `Resource: "*"` (either as a string or in an array).
    pub(super) fn grants_everything(self) -> bool {
        self.allows()
            && contains_star(self.0.get("Action"))
            && contains_star(self.0.get("Resource"))
    }
}

/// Whether a string-or-array field is `"*"` or contains `"*"`.
fn contains_star(field: Option<&Value>) -> bool {
    one_or_many(field).any(|value| value.as_str() == Some("*"))
}

/// A JSON field that may be one value or an array of values, as an iterator (empty when absent).
fn one_or_many(field: Option<&Value>) -> impl Iterator<Item = &Value> {
    let items: &[Value] = match field {
        Some(Value::Array(items)) => items,
        Some(value) => std::slice::from_ref(value),
        None => &[],
    };
    items.iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Applies `test` to each statement of `document`.
    fn each<R>(document: &str, test: impl Fn(Statement) -> R) -> Vec<R> {
        let policy = Policy::parse(document).expect("test JSON is valid");
        policy.statements().map(test).collect()
    }

    #[test]
    fn statement_may_be_an_object_or_an_array() {
        assert_eq!(
            each(r#"{"Statement": {"Effect": "Allow"}}"#, |_| ()).len(),
            1
        );
        assert_eq!(each(r#"{"Statement": [{}, {}]}"#, |_| ()).len(), 2);
        assert_eq!(each(r#"{"Version": "2012-10-17"}"#, |_| ()).len(), 0);
    }

    #[test]
    fn public_principals() {
        let public = [
            r#""*""#,
            r#"{"AWS": "*"}"#,
            r#"{"AWS": ["arn:aws:iam::1:root", "*"]}"#,
        ];
        for principal in public {
            let doc =
                format!(r#"{{"Statement": {{"Effect": "Allow", "Principal": {principal}}}}}"#);
            assert_eq!(
                each(&doc, |s| s.principal_is_anyone()),
                [true],
                "{principal}"
            );
        }
        let doc = r#"{"Statement": {"Principal": {"AWS": "arn:aws:iam::1:root"}}}"#;
        assert_eq!(each(doc, |s| s.principal_is_anyone()), [false]);
    }

    #[test]
    fn full_admin_needs_allow_and_both_wildcards() {
        let admin =
            r#"{"Statement": {"Effect": "Allow", "Action": ["s3:*", "*"], "Resource": "*"}}"#;
        let scoped =
            r#"{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::b"}}"#;
        let deny = r#"{"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}}"#;
        assert_eq!(each(admin, |s| s.grants_everything()), [true]);
        assert_eq!(each(scoped, |s| s.grants_everything()), [false]);
        assert_eq!(each(deny, |s| s.grants_everything()), [false]);
    }

    #[test]
    fn a_resource_policy_missing_statement_effect_or_principal_is_incomplete() {
        let incomplete = |doc: &str| {
            Policy::parse(doc)
                .expect("test JSON is valid")
                .incomplete_resource_policy()
        };
        assert_eq!(
            incomplete(r#"{"Version": "2012-10-17"}"#).as_deref(),
            Some("the policy has no Statement")
        );
        assert_eq!(
            incomplete(r#"{"Statement": [{"Principal": "*", "Action": "s3:*"}]}"#).as_deref(),
            Some("the policy's statement #1 has no Effect")
        );
        assert_eq!(
            incomplete(r#"{"Statement": [{"Sid": "Open", "Effect": "Allow", "Action": "s3:*"}]}"#)
                .as_deref(),
            Some("the policy's statement Open has no Principal")
        );
        assert_eq!(
            incomplete(r#"{"Statement": {"Effect": "Deny", "NotPrincipal": {"AWS": "x"}}}"#),
            None
        );
    }

    #[test]
    fn conditions_and_sids() {
        let doc = r#"{"Statement": [{"Sid": "A", "Condition": {"Bool": {}}}, {"Sid": "", "Condition": {}}]}"#;
        assert_eq!(each(doc, |s| s.has_condition()), [true, false]);
        assert_eq!(
            each(doc, |s| s.sid().map(String::from)),
            [Some("A".to_string()), None]
        );
    }
}
