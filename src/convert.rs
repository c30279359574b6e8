//! Small conversions between SDK types and the snapshot model.

use aws_smithy_types::DateTime;
use time::OffsetDateTime;
use wascan_checks::model::Tags;

/// An SDK timestamp as an `OffsetDateTime` (UTC), to the second; `None` when out of range.
pub fn to_offset(value: &DateTime) -> Option<OffsetDateTime> {
    OffsetDateTime::from_unix_timestamp(value.secs()).ok()
}

/// An error and its causes on one line (`a: b: c`), without the Debug dump that
/// `DisplayErrorContext` appends.
pub fn error_chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = vec![err.to_string()];
    let mut source = err.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = cause.source();
    }
    parts.join(": ")
}

/// An optional string the SDK may send empty for "absent": `None` for both.
pub fn non_empty(value: Option<&str>) -> Option<String> {
    value.filter(|v| !v.is_empty()).map(str::to_string)
}

/// Tags from `(key, value)` pairs as each SDK crate's own `Tag` type gives them; a tag without a
/// key is dropped, a missing value is empty.
pub fn tags<'a>(pairs: impl IntoIterator<Item = (Option<&'a str>, Option<&'a str>)>) -> Tags {
    pairs
        .into_iter()
        .filter_map(|(key, value)| Some((key?.to_string(), value.unwrap_or_default().to_string())))
        .collect()
}
