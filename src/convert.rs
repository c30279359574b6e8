//! Small conversions between SDK types and the snapshot model.

use aws_smithy_types::DateTime;
use time::OffsetDateTime;

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
