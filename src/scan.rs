//! The whole pipeline: collect a snapshot, evaluate it, assemble the scan result.

use std::path::{Path, PathBuf};

use time::OffsetDateTime;
use wascan_checks::engine::{self, Selection};
use wascan_checks::model::Snapshot;
use wascan_checks::result::ScanResult;
use wascan_checks::settings::Settings;

use crate::collect::{self, CollectOptions};
use crate::error::Error;

/// Collects the services `selection` needs (and only those), then evaluates.
pub async fn scan(
    sdk_config: &aws_types::SdkConfig,
    collect_options: &CollectOptions,
    selection: &Selection,
    settings: &Settings,
) -> Result<(Snapshot, ScanResult), Error> {
    let started = OffsetDateTime::now_utc();
    let snapshot = collect::collect(sdk_config, collect_options).await?;
    let result = evaluate(&snapshot, selection, settings, started)?;
    Ok((snapshot, result))
}

/// Evaluates a snapshot: no AWS access at all.
pub fn evaluate(
    snapshot: &Snapshot,
    selection: &Selection,
    settings: &Settings,
    started: OffsetDateTime,
) -> Result<ScanResult, Error> {
    let checks = selection
        .checks()
        .map_err(|err| Error::Usage(err.to_string()))?;
    let findings = engine::evaluate(snapshot, settings, &checks);
    Ok(ScanResult::new(
        snapshot,
        selection.clone(),
        findings,
        started,
        OffsetDateTime::now_utc(),
    ))
}

/// Reads a snapshot file written by `wascan collect`.
pub fn read_snapshot(path: &Path) -> Result<Snapshot, Error> {
    let text = std::fs::read_to_string(path).map_err(|err| Error::File {
        path: path.to_path_buf(),
        message: err.to_string(),
    })?;
    Ok(wascan_checks::files::snapshot_from_json(path, &text)?)
}

/// Writes `value` as pretty JSON to `path` atomically: a temporary file in the same directory,
/// then a rename, so a reader never sees half a file.
pub fn write_json(path: &Path, value: &impl serde::Serialize) -> Result<(), Error> {
    let mut json = serde_json::to_vec_pretty(value).map_err(|err| Error::Write {
        path: path.to_path_buf(),
        source: std::io::Error::other(err),
    })?;
    json.push(b'\n');
    write_atomic(path, &json)
}

/// Writes `bytes` to `path` atomically (a temporary file in the same directory, then a rename),
/// creating the directory if needed.
///
/// Snapshots, results and reports describe an account's configuration: on unix the file is
/// readable by its owner only (0600) and directories created here are 0700. A file that already
/// exists is replaced by the new one, with the new one's permissions.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let write_error = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    create_private_dir(&dir).map_err(write_error)?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    // A temporary file left by a crashed earlier process with the same id.
    let _ = std::fs::remove_file(&temporary);
    write_private(&temporary, bytes).map_err(|err| {
        let _ = std::fs::remove_file(&temporary);
        write_error(err)
    })?;
    std::fs::rename(&temporary, path).map_err(|err| {
        let _ = std::fs::remove_file(&temporary);
        write_error(err)
    })
}

/// Creates `dir` and its missing parents, those it creates owner-only (0700 on unix).
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Writes a new file readable and writable by its owner only (0600 on unix).
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// `wascan-<account>-<UTC timestamp>.json`: a new name per scan, so no result is overwritten.
pub fn result_file_name(result: &ScanResult) -> String {
    let account = result
        .accounts
        .first()
        .map(|a| a.account_id.as_str())
        .unwrap_or("unknown");
    let format = time::macros::format_description!("[year][month][day]T[hour][minute][second]Z");
    let stamp = result.started_at.format(&format).unwrap_or_default();
    format!("wascan-{account}-{stamp}.json")
}
