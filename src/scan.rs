//! The whole pipeline: collect a snapshot, evaluate it, assemble the scan result.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use futures::StreamExt;
use time::OffsetDateTime;
use tokio::sync::Semaphore;
use wascan_checks::engine::{self, Selection};
use wascan_checks::model::{Snapshot, SNAPSHOT_SCHEMA_VERSION};
use wascan_checks::result::{AccountPart, ScanResult};
use wascan_checks::settings::Settings;

use crate::collect::{self, CallCounter, CollectOptions};
use crate::error::Error;
use crate::logging;
use crate::org::{self, RoleOptions, Target};

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

/// Scans several accounts concurrently into one result, all under ONE in-flight limit
/// (`collect_options.concurrency`, shared by every account, not one per account). Each account is
/// scanned in its own regions (`--regions all`: the regions enabled in that account). The caller's
/// own account is scanned with the caller's credentials; every other one through
/// `sts:AssumeRole` of `role`. An account whose role cannot be assumed, or which cannot be
/// identified once assumed, gives one `not_evaluated` finding per check with the reason; the
/// other accounts go on.
///
/// `org_calls` holds the calls made before (listing the organisation); they are counted in the
/// result's `api_calls`.
pub async fn scan_accounts(
    sdk_config: &aws_types::SdkConfig,
    targets: Vec<Target>,
    role: &RoleOptions,
    collect_options: &CollectOptions,
    selection: &Selection,
    settings: &Settings,
    org_calls: &CallCounter,
) -> Result<ScanResult, Error> {
    let started = OffsetDateTime::now_utc();
    let checks = selection
        .checks()
        .map_err(|err| Error::Usage(err.to_string()))?;
    let caller = collect::caller_identity(sdk_config, org_calls).await?;
    let mut options = collect_options.clone();
    options.shared_limit = Some(Arc::new(Semaphore::new(options.concurrency.max(1))));
    options.progress = false;
    let total = targets.len();
    logging::note(&format!(
        "scanning {total} account{} under one limit of {} calls in flight",
        if total == 1 { "" } else { "s" },
        options.concurrency
    ));

    let scan_one = |target: Target| {
        let options = &options;
        let checks = &checks;
        let caller = &caller;
        async move {
            let config = if target.account_id == caller.account_id {
                sdk_config.clone()
            } else {
                match org::assume_role(
                    sdk_config,
                    org_calls,
                    &caller.partition,
                    &target.account_id,
                    role,
                )
                .await
                {
                    Ok(config) => config,
                    Err(gap) => {
                        logging::warning(&format!(
                            "account {}: not scanned: {gap}",
                            target.account_id
                        ));
                        return AccountPart::unreachable(
                            &target.account_id,
                            &caller.partition,
                            target.name,
                            checks,
                            &gap,
                        );
                    }
                }
            };
            match collect::collect(&config, options).await {
                Ok(snapshot) => {
                    let findings = engine::evaluate(&snapshot, settings, checks);
                    logging::note(&format!(
                        "account {}: {} findings, {} API calls, {} errors",
                        snapshot.account_id,
                        findings.len(),
                        snapshot.total_api_calls(),
                        snapshot.errors.len()
                    ));
                    // The snapshot is dropped here: only the findings stay in memory.
                    AccountPart::collected(&snapshot, target.name, findings)
                }
                Err(err) => {
                    let gap = wascan_checks::model::Gap {
                        service: "sts".into(),
                        region: None,
                        operation: "GetCallerIdentity".into(),
                        resource: None,
                        kind: wascan_checks::model::ErrorKind::Other,
                        message: err
                            .to_string()
                            .lines()
                            .next()
                            .unwrap_or_default()
                            .to_string(),
                    };
                    logging::warning(&format!(
                        "account {}: not scanned: {gap}",
                        target.account_id
                    ));
                    AccountPart::unreachable(
                        &target.account_id,
                        &caller.partition,
                        target.name,
                        checks,
                        &gap,
                    )
                }
            }
        }
    };
    // Accounts start as fast as the shared call limit lets them; at most `concurrency` accounts
    // are collected at once, so that at most that many snapshots are in memory.
    let parts: Vec<AccountPart> = futures::stream::iter(targets)
        .map(scan_one)
        .buffer_unordered(options.concurrency.max(1))
        .collect()
        .await;
    let mut result =
        ScanResult::for_accounts(parts, selection.clone(), started, OffsetDateTime::now_utc());
    for (operation, count) in org_calls.snapshot() {
        *result.api_calls.by_operation.entry(operation).or_default() += count;
        result.api_calls.total += count;
    }
    Ok(result)
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
    let file_error = |message: String| Error::File {
        path: path.to_path_buf(),
        message,
    };
    let text = std::fs::read_to_string(path).map_err(|err| file_error(err.to_string()))?;
    let version: serde_json::Value =
        serde_json::from_str(&text).map_err(|err| file_error(format!("not valid JSON: {err}")))?;
    match version.get("schema_version").and_then(|v| v.as_u64()) {
        Some(v) if v == u64::from(SNAPSHOT_SCHEMA_VERSION) => {}
        Some(v) => {
            return Err(file_error(format!(
                "snapshot schema_version {v} is not supported (this wascan reads {SNAPSHOT_SCHEMA_VERSION})"
            )))
        }
        None => return Err(file_error("not a wascan snapshot: no schema_version".into())),
    }
    serde_json::from_value(version)
        .map_err(|err| file_error(format!("not a valid snapshot: {err}")))
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
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let write_error = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(write_error)?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    std::fs::write(&temporary, bytes).map_err(write_error)?;
    std::fs::rename(&temporary, path).map_err(|err| {
        let _ = std::fs::remove_file(&temporary);
        write_error(err)
    })
}

/// `wascan-<account>-<UTC timestamp>.json`: a new name per scan, so no result is overwritten.
pub fn result_file_name(result: &ScanResult) -> String {
    let account = match result.accounts.as_slice() {
        [one] => one.account_id.as_str(),
        [] => "unknown",
        _ => "accounts",
    };
    let format = time::macros::format_description!("[year][month][day]T[hour][minute][second]Z");
    let stamp = result.started_at.format(&format).unwrap_or_default();
    format!("wascan-{account}-{stamp}.json")
}
