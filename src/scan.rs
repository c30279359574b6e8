//! The whole pipeline: collect a snapshot, evaluate it, assemble the scan result.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use futures::StreamExt;
use time::OffsetDateTime;
use tokio::sync::Semaphore;
use wascan_checks::engine::{self, Selection};
use wascan_checks::model::Snapshot;
use wascan_checks::overrides;
use wascan_checks::result::{AccountPart, ScanResult};
use wascan_checks::settings::Settings;

use crate::collect::{self, CallBudget, CallCounter, CollectOptions};
use crate::custom::Catalog;
use crate::error::Error;
use crate::logging;
use crate::org::{self, RoleOptions, Target};

/// Collects the services `selection` needs (and only those), then evaluates the built-in checks.
pub async fn scan(
    sdk_config: &aws_types::SdkConfig,
    collect_options: &CollectOptions,
    selection: &Selection,
    settings: &Settings,
) -> Result<(Snapshot, ScanResult), Error> {
    scan_catalog(
        sdk_config,
        collect_options,
        selection,
        &Catalog::default(),
        settings,
    )
    .await
}

/// [`scan`] with the checks of `catalog` (built-in and custom) and its overrides.
pub async fn scan_catalog(
    sdk_config: &aws_types::SdkConfig,
    collect_options: &CollectOptions,
    selection: &Selection,
    catalog: &Catalog,
    settings: &Settings,
) -> Result<(Snapshot, ScanResult), Error> {
    let started = OffsetDateTime::now_utc();
    let snapshot = collect::collect(sdk_config, collect_options).await?;
    let result = evaluate(&snapshot, selection, catalog, settings, started)?;
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
/// At most `fleet.accounts_at_once` accounts are collected at once (default: the in-flight
/// limit): each holds its snapshot until it is evaluated, then only its findings stay.
///
/// `org_calls` holds the calls made before (listing the organisation); they are counted in the
/// result's `api_calls`.
pub async fn scan_accounts(
    sdk_config: &aws_types::SdkConfig,
    fleet: Fleet,
    collect_options: &CollectOptions,
    selection: &Selection,
    catalog: &Catalog,
    settings: &Settings,
    org_calls: &CallCounter,
) -> Result<ScanResult, Error> {
    let started = OffsetDateTime::now_utc();
    let Fleet {
        targets,
        role,
        accounts_at_once,
    } = fleet;
    let role = &role;
    let checks = catalog.select(selection)?;
    let caller = collect::caller_identity(sdk_config, org_calls).await?;
    let mut options = collect_options.clone();
    options.shared_limit = Some(Arc::new(Semaphore::new(options.concurrency.max(1))));
    // `--max-rps` bounds the whole scan: every account draws from the one ceiling.
    options.shared_ceiling = CallBudget::ceiling(options.max_rps);
    options.progress = false;
    let total = targets.len();
    let accounts_at_once = accounts_at_once.unwrap_or(options.concurrency).max(1);
    logging::note(&format!(
        "scanning {total} account{} ({} at once) under one limit of {} calls in flight{}",
        if total == 1 { "" } else { "s" },
        accounts_at_once.min(total.max(1)),
        options.concurrency,
        options
            .max_rps
            .map(|rps| format!(" and {rps} calls per second"))
            .unwrap_or_default()
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
                        let mut part = AccountPart::unreachable(
                            &target.account_id,
                            &caller.partition,
                            target.name,
                            checks,
                            &gap,
                        );
                        overrides::apply(&mut part.findings, &catalog.overrides);
                        return part;
                    }
                }
            };
            match collect::collect(&config, options).await {
                Ok(snapshot) => {
                    let mut findings = engine::evaluate(&snapshot, settings, checks);
                    overrides::apply(&mut findings, &catalog.overrides);
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
                    let mut part = AccountPart::unreachable(
                        &target.account_id,
                        &caller.partition,
                        target.name,
                        checks,
                        &gap,
                    );
                    overrides::apply(&mut part.findings, &catalog.overrides);
                    part
                }
            }
        }
    };
    // Accounts start as fast as the shared call limit lets them; at most `accounts_at_once` are
    // collected at once, so that at most that many snapshots are in memory.
    let parts: Vec<AccountPart> = futures::stream::iter(targets)
        .map(scan_one)
        .buffer_unordered(accounts_at_once)
        .collect()
        .await;
    let mut result =
        ScanResult::for_accounts(parts, selection.clone(), started, OffsetDateTime::now_utc());
    result.overrides = catalog.overrides.clone();
    for (operation, count) in org_calls.snapshot() {
        *result.api_calls.by_operation.entry(operation).or_default() += count;
        result.api_calls.total += count;
    }
    Ok(result)
}

/// The accounts of a multi-account scan and how to reach them.
#[derive(Debug, Clone)]
pub struct Fleet {
    /// The accounts to scan, in the order they start.
    pub targets: Vec<Target>,
    /// The role assumed in every account but the caller's own.
    pub role: RoleOptions,
    /// At most this many accounts collected at once; `None`: the in-flight call limit.
    pub accounts_at_once: Option<usize>,
}

/// Evaluates a snapshot with the checks of `catalog` that `selection` picks, and its
/// overrides: no AWS access at all.
pub fn evaluate(
    snapshot: &Snapshot,
    selection: &Selection,
    catalog: &Catalog,
    settings: &Settings,
    started: OffsetDateTime,
) -> Result<ScanResult, Error> {
    let checks = catalog.select(selection)?;
    let mut findings = engine::evaluate(snapshot, settings, &checks);
    overrides::apply(&mut findings, &catalog.overrides);
    let mut result = ScanResult::new(
        snapshot,
        selection.clone(),
        findings,
        started,
        OffsetDateTime::now_utc(),
    );
    result.overrides = catalog.overrides.clone();
    Ok(result)
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
    let account = match result.accounts.as_slice() {
        [one] => one.account_id.as_str(),
        [] => "unknown",
        _ => "accounts",
    };
    let format = time::macros::format_description!("[year][month][day]T[hour][minute][second]Z");
    let stamp = result.started_at.format(&format).unwrap_or_default();
    format!("wascan-{account}-{stamp}.json")
}
