//! Reading wascan's own files from their text: snapshots, scan results (and, in
//! [`crate::config`] and [`crate::suppress`], the config and suppression files). Pure: the
//! caller reads the file; every error names the file and, where the parser knows it, the line and
//! column. Fuzzed by `fuzz/` (see scripts/fuzz).

use std::path::{Path, PathBuf};

use crate::model::{Snapshot, SNAPSHOT_SCHEMA_VERSION};
use crate::result::{result_version_readable, ScanResult, RESULT_SCHEMA_VERSION};

/// A file that cannot be used, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {message}", path.display())]
pub struct FileError {
    pub path: PathBuf,
    pub message: String,
}

fn file_error(path: &Path) -> impl Fn(String) -> FileError + '_ {
    move |message| FileError {
        path: path.to_path_buf(),
        message,
    }
}

/// The JSON of `text`, and its `schema_version` if it has one.
fn json_with_version(
    path: &Path,
    text: &str,
) -> Result<(serde_json::Value, Option<u64>), FileError> {
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|err| file_error(path)(format!("not valid JSON: {err}")))?;
    let version = value.get("schema_version").and_then(|v| v.as_u64());
    Ok((value, version))
}

/// A snapshot written by `wascan collect` or `scan --snapshot-out`.
pub fn snapshot_from_json(path: &Path, text: &str) -> Result<Snapshot, FileError> {
    let error = file_error(path);
    let (_, version) = json_with_version(path, text)?;
    match version {
        Some(v) if v == u64::from(SNAPSHOT_SCHEMA_VERSION) => {}
        Some(v) => {
            return Err(error(format!(
                "snapshot schema_version {v} is not supported (this wascan reads {SNAPSHOT_SCHEMA_VERSION})"
            )))
        }
        None => return Err(error("not a wascan snapshot: no schema_version".into())),
    }
    // From the text, not the value: serde_json then gives the line and column of a bad field.
    serde_json::from_str(text).map_err(|err| error(format!("not a valid snapshot: {err}")))
}

/// A scan result written by `wascan scan`, of this wascan's `schema_version` or an older one
/// it still reads (brought up to date by [`ScanResult::upgrade`]).
pub fn result_from_json(path: &Path, text: &str) -> Result<ScanResult, FileError> {
    let error = file_error(path);
    let (value, version) = json_with_version(path, text)?;
    match version {
        Some(v) if result_version_readable(v) => {}
        Some(v) => {
            return Err(error(format!(
                "scan result schema_version {v} is not supported (this wascan reads 1 to {RESULT_SCHEMA_VERSION})"
            )))
        }
        None => return Err(error("not a wascan scan result: no schema_version".into())),
    }
    if value.get("findings").is_none() {
        return Err(error(
            "not a wascan scan result: no findings (is it a snapshot?)".into(),
        ));
    }
    let mut result: ScanResult = serde_json::from_str(text)
        .map_err(|err| error(format!("not a valid scan result: {err}")))?;
    result.upgrade();
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_file_and_the_position() {
        let path = Path::new("snap.json");
        let err = snapshot_from_json(path, "{\n  \"schema_version\": 1,\n  oops\n}").unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("snap.json: "), "{text}");
        assert!(text.contains("line 3"), "{text}");
        let err = result_from_json(Path::new("r.json"), "[1, 2").unwrap_err();
        assert!(err.to_string().contains("r.json") && err.to_string().contains("line 1"));
    }
}
