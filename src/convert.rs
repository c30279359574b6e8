//! Small conversions between SDK types and the snapshot model.

use aws_smithy_types::DateTime;
use time::OffsetDateTime;

/// An SDK timestamp as an `OffsetDateTime` (UTC), to the second; `None` when out of range.
pub fn to_offset(value: &DateTime) -> Option<OffsetDateTime> {
    OffsetDateTime::from_unix_timestamp(value.secs()).ok()
}
