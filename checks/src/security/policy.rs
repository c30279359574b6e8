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

impl Policy {
    /// The `Allow` statements (by Sid, else by position) that let anyone in (`Principal: "*"`,
    /// `{"AWS": "*"}`, or an `Allow` with `NotPrincipal`) with no condition that restricts who
    /// (see [`Statement::restricted_by`]). `extra_keys` are the service's own condition keys that
    /// narrow the caller to a known set (`kms:CallerAccount`, `sts:ExternalId`), lower-case.
    ///
    /// `Err` with the reason when the answer cannot be judged: a statement lacks `Effect` or
    /// `Principal`, or a `Condition` is not `{operator: {key: value}}`. An unknown is never read
    /// as "not public".
    pub(super) fn open_to_anyone(&self, extra_keys: &[&str]) -> Result<Vec<String>, String> {
        let mut open = Vec::new();
        for (index, statement) in self.statements().enumerate() {
            if !statement.allows() {
                continue;
            }
            let anyone =
                statement.principal_is_anyone() || statement.0.get("NotPrincipal").is_some();
            if !anyone {
                continue;
            }
            if statement.restricted_by(extra_keys)?.is_none() {
                open.push(statement.label(index));
            }
        }
        // A statement without Effect or Principal may be the open one: unknown, not private.
        if open.is_empty() {
            if let Some(missing) = self.incomplete_resource_policy() {
                return Err(missing);
            }
        }
        Ok(open)
    }
}

/// Condition keys that, with a positive operator and a concrete value, narrow who can use an
/// `Allow` to a known set: a calling resource or its account, an organization, an account, a
/// principal, a network. Lower-case (AWS compares condition keys ignoring case).
const RESTRICTING_KEYS: &[&str] = &[
    "aws:sourcearn",
    "aws:sourceaccount",
    "aws:sourceowner",
    "aws:sourceorgid",
    "aws:sourceorgpaths",
    "aws:principalorgid",
    "aws:principalorgpaths",
    "aws:principalaccount",
    "aws:principalarn",
    "aws:userid",
    "aws:sourcevpc",
    "aws:sourcevpce",
    "aws:sourceip",
];

/// Operators that admit only what their values name (`ForAnyValue:` prefixed too). Their
/// `IfExists` forms admit a request without the key, and the negated ones (`StringNotEquals`,
/// `NotIpAddress`) everything but what they name: neither restricts who.
const POSITIVE_OPERATORS: &[&str] = &[
    "stringequals",
    "stringequalsignorecase",
    "stringlike",
    "arnequals",
    "arnlike",
    "ipaddress",
];

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

    /// "statement SID", or "statement #N" (1-based) when it has no Sid.
    pub(super) fn label(self, index: usize) -> String {
        match self.sid() {
            Some(sid) => format!("statement {sid}"),
            None => format!("statement #{}", index + 1),
        }
    }

    /// The first condition key that restricts who may use the statement: one of
    /// [`RESTRICTING_KEYS`] or `extra_keys`, under a positive operator, with values none of which
    /// is `*` (nor `0.0.0.0/0` or `::/0` for `aws:SourceIp`). `Ok(None)` when no condition
    /// restricts (none, or only `aws:SecureTransport`-like ones); `Err` when the `Condition` is
    /// not `{operator: {key: value}}`.
    pub(super) fn restricted_by(self, extra_keys: &[&str]) -> Result<Option<String>, String> {
        self.first_restricting_key(|key| {
            RESTRICTING_KEYS.contains(&key) || extra_keys.contains(&key)
        })
    }

    /// Like [`Statement::restricted_by`], counting only `keys` (lower-case): e.g. whether an
    /// `sts:ExternalId` condition with a concrete value guards the statement.
    pub(super) fn restricted_by_only(self, keys: &[&str]) -> Result<Option<String>, String> {
        self.first_restricting_key(|key| keys.contains(&key))
    }

    /// The account ids of the `AWS` principals the statement names: a bare account id
    /// (`123456789012`) or the account field of an ARN (`arn:aws:iam::123456789012:root`, a role
    /// or user of that account). `*` and unique ids (`AROA…`, a deleted role) name no account.
    pub(super) fn aws_principal_accounts(self) -> Vec<String> {
        let aws = match self.0.get("Principal") {
            Some(principal @ Value::Object(_)) => principal.get("AWS"),
            _ => None,
        };
        let mut accounts: Vec<String> = one_or_many(aws)
            .filter_map(Value::as_str)
            .filter_map(|principal| {
                let account = if principal.starts_with("arn:") {
                    principal.split(':').nth(4)?
                } else {
                    principal
                };
                (account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| account.to_string())
            })
            .collect();
        accounts.sort();
        accounts.dedup();
        accounts
    }

    /// The AWS services the statement names as principals (`{"Service": "lambda.amazonaws.com"}`).
    pub(super) fn service_principals(self) -> Vec<String> {
        let services = match self.0.get("Principal") {
            Some(principal @ Value::Object(_)) => principal.get("Service"),
            _ => None,
        };
        one_or_many(services)
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect()
    }

    fn first_restricting_key(
        self,
        counts: impl Fn(&str) -> bool,
    ) -> Result<Option<String>, String> {
        let blocks = match self.0.get("Condition") {
            None | Some(Value::Null) => return Ok(None),
            Some(Value::Object(blocks)) => blocks,
            Some(_) => return Err("a statement's Condition is not an object".into()),
        };
        for (operator, keys) in blocks {
            let Value::Object(keys) = keys else {
                return Err(format!("the condition operator {operator} holds no keys"));
            };
            let op = operator.to_ascii_lowercase();
            let op = op.strip_prefix("foranyvalue:").unwrap_or(&op);
            if !POSITIVE_OPERATORS.contains(&op) {
                continue;
            }
            for (key, values) in keys {
                let key_lower = key.to_ascii_lowercase();
                if !counts(&key_lower) {
                    continue;
                }
                let values: Vec<&str> = one_or_many(Some(values))
                    .filter_map(Value::as_str)
                    .collect();
                let everything = |v: &&str| {
                    *v == "*"
                        || (key_lower == "aws:sourceip" && (*v == "0.0.0.0/0" || *v == "::/0"))
                };
                if !values.is_empty() && !values.iter().any(everything) {
                    return Ok(Some(key.clone()));
                }
            }
        }
        Ok(None)
    }

    /// A `Deny` of every S3 action (`s3:*` or `*`) to everyone (`*`) when
    /// `aws:SecureTransport` is false (`Bool` or `BoolIfExists`): the statement that makes a
    /// bucket refuse plain HTTP.
    pub(super) fn denies_insecure_transport(self) -> bool {
        let deny = self.0.get("Effect").and_then(Value::as_str) == Some("Deny");
        let everyone = self.principal_is_anyone();
        let all_s3 = one_or_many(self.0.get("Action"))
            .filter_map(Value::as_str)
            .any(|action| action == "*" || action.eq_ignore_ascii_case("s3:*"));
        let insecure = match self.0.get("Condition") {
            Some(Value::Object(blocks)) => blocks.iter().any(|(operator, keys)| {
                let operator = operator.to_ascii_lowercase();
                (operator == "bool" || operator == "boolifexists")
                    && keys.as_object().is_some_and(|keys| {
                        keys.iter().any(|(key, value)| {
                            key.eq_ignore_ascii_case("aws:SecureTransport")
                                && one_or_many(Some(value)).any(|v| {
                                    v == &Value::Bool(false)
                                        || v.as_str()
                                            .is_some_and(|v| v.eq_ignore_ascii_case("false"))
                                })
                        })
                    })
            }),
            _ => false,
        };
        deny && everyone && all_s3 && insecure
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
    fn open_to_anyone_recognises_conditions_that_restrict_who() {
        let open = |statement: &str| {
            Policy::parse(&format!(r#"{{"Statement": [{statement}]}}"#))
                .expect("test JSON is valid")
                .open_to_anyone(&["kms:calleraccount"])
        };
        let allow = r#""Sid": "S", "Effect": "Allow", "Principal": "*", "Action": "x:*""#;
        let with = |condition: &str| open(&format!("{{{allow}, \"Condition\": {condition}}}"));
        assert_eq!(
            open(&format!("{{{allow}}}")),
            Ok(vec!["statement S".to_string()])
        );
        for restricting in [
            r#"{"StringEquals": {"aws:PrincipalOrgID": "o-1"}}"#,
            r#"{"ArnLike": {"AWS:SourceArn": "arn:aws:s3:::b"}}"#,
            r#"{"StringEquals": {"aws:SourceAccount": ["111122223333"]}}"#,
            r#"{"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}"#,
            r#"{"StringEquals": {"kms:CallerAccount": "111122223333"}}"#,
            r#"{"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": "o-1/r-1/*"}}"#,
        ] {
            assert_eq!(with(restricting), Ok(vec![]), "{restricting}");
        }
        for loose in [
            r#"{"Bool": {"aws:SecureTransport": "true"}}"#,
            r#"{"StringNotEquals": {"aws:SourceAccount": "111122223333"}}"#,
            r#"{"StringEqualsIfExists": {"aws:SourceAccount": "111122223333"}}"#,
            r#"{"StringLike": {"aws:SourceArn": "*"}}"#,
            r#"{"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "0.0.0.0/0"]}}"#,
        ] {
            assert_eq!(with(loose), Ok(vec!["statement S".to_string()]), "{loose}");
        }
        assert!(with(r#""StringEquals""#).is_err());
        assert!(with(r#"{"StringEquals": "aws:SourceAccount"}"#).is_err());
        // NotPrincipal with Allow admits everyone else; a named account or a service is not anyone.
        assert_eq!(
            open(
                r#"{"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::1:root"}, "Action": "x:*"}"#
            ),
            Ok(vec!["statement #1".to_string()])
        );
        assert_eq!(
            open(
                r#"{"Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"}, "Action": "x:*"}"#
            ),
            Ok(vec![])
        );
        assert!(open(r#"{"Principal": "*", "Action": "x:*"}"#).is_err());
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
