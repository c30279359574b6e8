//! Finding secrets in plain text where people put them (Lambda environment variables, EC2 user
//! data, ECS container environments, CloudFormation parameters and outputs, SSM `String`
//! parameters), by pattern, the way detect-secrets and Prowler do: known token shapes (AWS access
//! keys, private keys, GitHub, Slack, Stripe tokens, JWTs, credentials in a URL), a secret-like name
//! (`*PASSWORD*`, `*SECRET*`, `*TOKEN*`, `*API_KEY*`...) holding a literal value, and long
//! high-entropy strings.
//!
//! The collectors run the scan while they read, and the snapshot keeps only [`SecretHit`]s: the
//! kind, where it is, and a mask that never holds more than a public prefix (`AKIA`, `ghp_`,
//! `-----BEGIN`) and the length. The value itself is never stored, so no report, no snapshot file
//! and no log can echo it.

use serde::{Deserialize, Serialize};

/// A secret found in plain text, without its value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SecretHit {
    /// What it looks like: `AWS access key ID`, `private key`, `password-like variable`, ...
    pub kind: String,
    /// Where it is in the resource: `environment variable DB_PASSWORD`, `user data line 4`.
    pub location: String,
    /// The value masked: a public prefix at most, then the length (`AKIA… (20 characters)`).
    pub masked: String,
}

impl std::fmt::Display for SecretHit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} in {}: {}", self.kind, self.location, self.masked)
    }
}

/// Names whose value is a secret when it is a literal (upper-cased, `-`, `.` and ` ` read as `_`).
const SECRET_NAME_PARTS: &[&str] = &[
    "PASSWORD",
    "PASSWD",
    "PASSPHRASE",
    "SECRET",
    "TOKEN",
    "API_KEY",
    "APIKEY",
    "PRIVATE_KEY",
    "PRIVATEKEY",
    "ACCESS_KEY",
    "CREDENTIAL",
    "AUTH_KEY",
    "CLIENT_KEY",
    "SIGNING_KEY",
    "ENCRYPTION_KEY",
    "CONNECTION_STRING",
];

/// Name endings that say the value is not the secret but a reference to it or a setting about it
/// (`DB_PASSWORD_ARN`, `TOKEN_TTL`, `SECRET_NAME`).
const REFERENCE_NAME_ENDS: &[&str] = &[
    "_ARN",
    "_NAME",
    "_ID",
    "_PATH",
    "_FILE",
    "_TTL",
    "_EXPIRY",
    "_EXPIRES",
    "_LENGTH",
    "_HEADER",
    "_ENDPOINT",
    "_REGION",
    "_URI_PARAM",
    "_PARAM",
    "_PARAMETER",
    "_VERSION",
    "_TYPE",
    "_ENABLED",
    "_SECONDS",
    "_MINUTES",
    "_TIMEOUT",
    "_KEY_ID",
    "_SECRET_ID",
    "_LOCATION",
];

/// Scans named values (environment variables, parameters, outputs). `what` names the kind of
/// place (`environment variable`), each hit's location is `{what} {name}`.
pub fn scan_named<'a>(
    what: &str,
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Vec<SecretHit> {
    pairs
        .into_iter()
        .filter_map(|(name, value)| {
            classify(Some(name), value).map(|(kind, prefix)| SecretHit {
                kind: kind.to_string(),
                location: format!("{what} {name}"),
                masked: mask(value, prefix),
            })
        })
        .collect()
}

/// Scans free text (user data, a script): line by line, for token shapes anywhere in the line
/// and for `NAME=value`, `NAME: value`, `"NAME": "value"` assignments with a secret-like name.
/// One hit per line at most (the first one found).
pub fn scan_text(what: &str, text: &str) -> Vec<SecretHit> {
    let mut hits = Vec::new();
    let mut in_private_key = false;
    for (index, line) in text.lines().enumerate() {
        let location = format!("{what} line {}", index + 1);
        if line.contains("-----BEGIN") && line.contains("PRIVATE KEY") {
            if !in_private_key {
                hits.push(SecretHit {
                    kind: "private key".into(),
                    location,
                    masked: "-----BEGIN… (a private key block)".into(),
                });
            }
            in_private_key = !line.contains("-----END");
            continue;
        }
        if in_private_key {
            if line.contains("-----END") {
                in_private_key = false;
            }
            continue;
        }
        if let Some(hit) = scan_line(line) {
            hits.push(SecretHit { location, ..hit });
        }
    }
    hits
}

/// The first secret on one line of text, its location left empty.
fn scan_line(line: &str) -> Option<SecretHit> {
    if let Some((name, value)) = assignment(line) {
        if let Some((kind, prefix)) = classify(Some(name), value) {
            return Some(SecretHit {
                kind: kind.to_string(),
                location: String::new(),
                masked: mask(value, prefix),
            });
        }
    }
    tokens(line).find_map(|token| {
        classify_value(token).map(|(kind, prefix)| SecretHit {
            kind: kind.to_string(),
            location: String::new(),
            masked: mask(token, prefix),
        })
    })
}

/// `NAME=value`, `export NAME="value"`, `NAME: value`, `"NAME": "value",` on one line.
fn assignment(line: &str) -> Option<(&str, &str)> {
    let line = line.trim();
    let line = line.strip_prefix("export ").unwrap_or(line).trim_start();
    let at = line.find(['=', ':'])?;
    let name = line[..at].trim().trim_matches(['"', '\'']);
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c))
    {
        return None;
    }
    let value = line[at + 1..]
        .trim()
        .trim_end_matches(',')
        .trim()
        .trim_matches(['"', '\'']);
    Some((name, value))
}

/// The whitespace- and quote-separated words of a line.
fn tokens(line: &str) -> impl Iterator<Item = &str> {
    line.split(|c: char| c.is_whitespace() || "\"'`,;()[]{}<>".contains(c))
        .filter(|token| !token.is_empty())
}

/// Whether `value` (named `name`, when it has a name) is a secret: its kind, and the public
/// prefix a mask may show.
fn classify(name: Option<&str>, value: &str) -> Option<(&'static str, usize)> {
    let value = value.trim();
    if let Some(found) = classify_value(value) {
        return Some(found);
    }
    let name = name?;
    if secret_like_name(name) && literal_value(value) {
        return Some(("password-like value", 0));
    }
    None
}

/// Token shapes that are secrets whatever they are called, and high-entropy strings.
fn classify_value(value: &str) -> Option<(&'static str, usize)> {
    let value = value.trim();
    if let Some(at) = find_aws_key_id(value) {
        let _ = at;
        return Some(("AWS access key ID", 4));
    }
    if value.contains("-----BEGIN") && value.contains("PRIVATE KEY") {
        return Some(("private key", 10));
    }
    let known = [
        ("ghp_", "GitHub token", 36),
        ("gho_", "GitHub token", 36),
        ("ghs_", "GitHub token", 36),
        ("ghu_", "GitHub token", 36),
        ("github_pat_", "GitHub token", 40),
        ("xoxb-", "Slack token", 10),
        ("xoxp-", "Slack token", 10),
        ("xoxa-", "Slack token", 10),
        ("sk_live_", "Stripe secret key", 20),
        ("rk_live_", "Stripe secret key", 20),
        ("glpat-", "GitLab token", 20),
        ("npm_", "npm token", 36),
    ];
    for (prefix, kind, min_rest) in known {
        if let Some(rest) = value.strip_prefix(prefix) {
            if rest.len() >= min_rest
                && rest
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            {
                return Some((kind, prefix.len()));
            }
        }
    }
    if is_jwt(value) {
        return Some(("JSON web token", 3));
    }
    if url_with_password(value) {
        return Some(("password in a URL", 0));
    }
    if high_entropy(value) {
        return Some(("high-entropy string", 0));
    }
    None
}

/// The position of an AWS access key ID (`AKIA`/`ASIA`/`ABIA`/`ACCA` and 16 upper-case letters
/// or digits, not inside a longer word).
fn find_aws_key_id(value: &str) -> Option<usize> {
    let bytes = value.as_bytes();
    (0..bytes.len().saturating_sub(19)).find(|&at| {
        let word = &bytes[at..at + 20];
        let starts = [b"AKIA", b"ASIA", b"ABIA", b"ACCA"]
            .iter()
            .any(|prefix| word.starts_with(*prefix));
        let body = word[4..]
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        let before = at == 0 || !bytes[at - 1].is_ascii_alphanumeric();
        let after = bytes
            .get(at + 20)
            .is_none_or(|b| !b.is_ascii_alphanumeric());
        starts && body && before && after
    })
}

fn is_jwt(value: &str) -> bool {
    let parts: Vec<&str> = value.split('.').collect();
    parts.len() == 3
        && parts[0].starts_with("eyJ")
        && parts[1].starts_with("eyJ")
        && parts.iter().all(|part| {
            part.len() >= 4
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        })
}

/// `scheme://user:password@host`, with a literal password (not `${...}`, not empty).
fn url_with_password(value: &str) -> bool {
    let Some((_, rest)) = value.split_once("://") else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let Some((userinfo, _host)) = authority.rsplit_once('@') else {
        return false;
    };
    match userinfo.split_once(':') {
        Some((_, password)) => literal_value(password),
        None => false,
    }
}

/// Shannon entropy in bits per character.
fn entropy(value: &str) -> f64 {
    let mut counts = std::collections::HashMap::new();
    for c in value.chars() {
        *counts.entry(c).or_insert(0usize) += 1;
    }
    let len = value.chars().count() as f64;
    counts
        .values()
        .map(|&n| {
            let p = n as f64 / len;
            -p * p.log2()
        })
        .sum()
}

/// A long base64-like string of entropy at least 4.5 bits per character, or a long hex string of
/// at least 3.0 (detect-secrets' defaults), that mixes letters and digits. Words, paths and ARNs
/// (which hold `:` or `.`) are never one.
fn high_entropy(value: &str) -> bool {
    let hex = value.len() >= 40 && value.chars().all(|c| c.is_ascii_hexdigit());
    let base64 = value.len() >= 24
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+/=_-".contains(c));
    let mixed =
        value.chars().any(|c| c.is_ascii_digit()) && value.chars().any(|c| c.is_ascii_alphabetic());
    if !mixed || value.starts_with('/') {
        return false;
    }
    (hex && entropy(value) >= 3.0) || (base64 && entropy(value) >= 4.5)
}

fn secret_like_name(name: &str) -> bool {
    let name: String = name
        .chars()
        .map(|c| match c {
            '-' | '.' | ' ' | '/' => '_',
            c => c.to_ascii_uppercase(),
        })
        .collect();
    // `DbPassword` and `dbPassword` read as `DB_PASSWORD` too: the parts are matched anywhere.
    SECRET_NAME_PARTS
        .iter()
        .any(|part| name.contains(part) || name.contains(&part.replace('_', "")))
        && !REFERENCE_NAME_ENDS.iter().any(|end| name.ends_with(end))
        && !name.starts_with("NO_")
}

/// Whether a value under a secret-like name is a literal secret: not empty, not a reference to a
/// secret store or a variable (`arn:`, `{{resolve:`, `${X}`, `$X`, an SSM path), not a boolean
/// or a number, not a placeholder of only `*` or `x`.
fn literal_value(value: &str) -> bool {
    let value = value.trim();
    let lower = value.to_ascii_lowercase();
    if value.len() < 4 {
        return false;
    }
    let references = [
        "arn:",
        "{{resolve:",
        "${",
        "$(",
        "ssm:",
        "secretsmanager:",
        "alias/",
        "http://",
        "https://",
        "file://",
        "s3://",
    ];
    if references.iter().any(|prefix| lower.starts_with(prefix))
        || (value.starts_with('$') && !value[1..].contains('$'))
        || value.starts_with('/')
    {
        return false;
    }
    if matches!(
        lower.as_str(),
        "true" | "false" | "none" | "null" | "yes" | "no"
    ) || value.chars().all(|c| c.is_ascii_digit() || c == '.')
        || value.chars().all(|c| c == '*' || c == 'x' || c == 'X')
        || (value.starts_with('<') && value.ends_with('>'))
    {
        return false;
    }
    true
}

/// The mask of a secret: at most `prefix` characters of it (a public prefix such as `AKIA`), then
/// `…` and its length in characters.
pub fn mask(value: &str, prefix: usize) -> String {
    let length = value.chars().count();
    let shown: String = value.chars().take(prefix.min(length / 4).min(11)).collect();
    format!("{shown}… ({length} characters)")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An AWS documentation example key, split so no scanner flags this file.
    fn example_key() -> String {
        format!("AKIA{}", "IOSFODNN7EXAMPLE")
    }

    #[test]
    fn named_values_find_shapes_and_secret_names_but_not_references() {
        let key = example_key();
        let hits = scan_named(
            "environment variable",
            [
                ("DB_PASSWORD", "hunter2-prod!"),
                (
                    "DB_PASSWORD_ARN",
                    "arn:aws:secretsmanager:us-east-1:1:secret:db",
                ),
                ("API_TOKEN", "${TOKEN_FROM_VAULT}"),
                ("TOKEN_TTL", "3600"),
                ("ANY", key.as_str()),
                ("GREETING", "hello world"),
                ("DbSecret", "{{resolve:secretsmanager:db}}"),
                ("DbPassword", "s3cr3t-value"),
            ],
        );
        let found: Vec<(&str, &str)> = hits
            .iter()
            .map(|h| (h.kind.as_str(), h.location.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("password-like value", "environment variable DB_PASSWORD"),
                ("AWS access key ID", "environment variable ANY"),
                ("password-like value", "environment variable DbPassword"),
            ]
        );
        assert_eq!(hits[0].masked, "… (13 characters)");
        assert_eq!(hits[1].masked, "AKIA… (20 characters)");
        for hit in &hits {
            let shown = hit.to_string();
            assert!(!shown.contains("hunter2") && !shown.contains(&key[4..]));
        }
    }

    #[test]
    fn text_is_scanned_line_by_line() {
        let key = example_key();
        let script = format!(
            "#!/bin/bash\nexport DB_PASSWORD='Sup3rS3cret!'\necho hi\naws configure set aws_access_key_id {key}\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----\nPASSWORD_FILE=/etc/pw\n"
        );
        let hits = scan_text("user data", &script);
        let found: Vec<(&str, &str)> = hits
            .iter()
            .map(|h| (h.kind.as_str(), h.location.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("password-like value", "user data line 2"),
                ("AWS access key ID", "user data line 4"),
                ("private key", "user data line 5"),
            ]
        );
        assert!(hits.iter().all(|h| !h.masked.contains("Sup3r")));
    }

    #[test]
    fn token_shapes_and_entropy() {
        let github = format!("ghp_{}", "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8");
        assert_eq!(classify_value(&github), Some(("GitHub token", 4)));
        let jwt =
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
        assert_eq!(classify_value(jwt), Some(("JSON web token", 3)));
        assert_eq!(
            classify_value("postgres://app:Pa55word@db.internal:5432/app"),
            Some(("password in a URL", 0))
        );
        assert_eq!(classify_value("postgres://app@db.internal:5432/app"), None);
        assert_eq!(
            classify_value("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
            Some(("high-entropy string", 0))
        );
        for plain in [
            "arn:aws:iam::123456789012:role/app",
            "production",
            "/var/lib/app/data",
            "us-east-1",
            "a-very-long-but-simple-kebab-case-name",
        ] {
            assert_eq!(classify_value(plain), None, "{plain}");
        }
    }

    #[test]
    fn a_mask_shows_at_most_a_quarter_and_a_public_prefix() {
        assert_eq!(mask("abc", 4), "… (3 characters)");
        assert_eq!(mask("AKIAXXXXXXXXXXXXXXXX", 4), "AKIA… (20 characters)");
        assert_eq!(mask("secret", 0), "… (6 characters)");
    }
}
