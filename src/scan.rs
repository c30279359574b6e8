//! The whole pipeline: collect a snapshot, evaluate it, assemble the scan result.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use futures::StreamExt;
use std::collections::BTreeMap;
use time::OffsetDateTime;
use tokio::sync::Semaphore;
use wascan_checks::engine::{self, Selection};
use wascan_checks::model::Snapshot;

use wascan_checks::engine::Scores;
use wascan_checks::overrides;
use wascan_checks::result::{AccountPart, ApiCalls, ScanResult};
use wascan_checks::settings::Settings;
use wascan_checks::summary::{ScanPlan, ScanSummary, Summarizer};

use crate::collect::{self, CallBudget, CallCounter, CollectOptions};
use crate::custom::Catalog;
use crate::error::Error;
use crate::logging;
use crate::org::{self, RoleOptions, Target};
use crate::scandir::ScanDir;
use crate::suppress::{self, Suppression};

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

/// Scans several accounts concurrently, streaming each account's result to disk as soon as it is
/// evaluated, all under ONE in-flight limit (`collect_options.concurrency`, shared by every
/// account, not one per account). Each account is scanned in its own regions (`--regions all`:
/// the regions enabled in that account). The caller's own account is scanned with the caller's
/// credentials; every other one through `sts:AssumeRole` of `role`. An account whose role
/// cannot be assumed, or which cannot be identified once assumed, gives one `not_evaluated`
/// finding per check with the reason; the other accounts go on.
///
/// At most `fleet.accounts_at_once` accounts are collected at once (default: the in-flight
/// limit). Each holds its snapshot until it is evaluated, then its findings until its result is
/// written and counted into the summary; then nothing of it stays but its line in the summary.
/// So memory is bounded by the accounts in flight, not by the number of accounts.
///
/// The accounts of `plan` that already have a result in `stream.dir` are not scanned again
/// (`--resume`): their results are read one at a time and counted as they are.
///
/// On `interrupt` (SIGINT, SIGTERM) it stops at once: the accounts written so far stay, the
/// ones in flight are dropped (their files never appear half-written), and no summary is written.
#[allow(clippy::too_many_arguments)] // the scan's inputs, each borrowed for the whole run
pub async fn scan_accounts(
    sdk_config: &aws_types::SdkConfig,
    caller: &collect::CallerIdentity,
    plan: &ScanPlan,
    fleet: Fleet,
    collect_options: &CollectOptions,
    catalog: &Catalog,
    settings: &Settings,
    stream: Stream<'_>,
    interrupt: impl std::future::Future<Output = ()>,
) -> Result<Streamed, Error> {
    let Fleet {
        role,
        accounts_at_once,
    } = fleet;
    let role = &role;
    let selection = &plan.selection;
    let checks = catalog.select(selection)?;
    let mut summarizer = Summarizer::new(plan);
    let mut hits = suppress::Hits::default();
    let total = plan.accounts.len();

    // Accounts with a complete result already (`--resume`): counted from their files.
    let mut targets = Vec::new();
    let mut done = 0;
    for account in &plan.accounts {
        match &stream.dir {
            Some(dir) if dir.has_account(&account.account_id) => {
                let mut result = crate::scandir::read_account(&dir.path, &account.account_id)?;
                hits.absorb(&stream.settle(&mut result)?);
                summarizer.add(&result);
                done += 1;
            }
            _ => targets.push(Target {
                account_id: account.account_id.clone(),
                name: account.name.clone(),
            }),
        }
    }
    if done > 0 {
        logging::note(&format!(
            "resuming: {done} of {total} accounts already have a result"
        ));
    }

    let mut options = collect_options.clone();
    options.shared_limit = Some(Arc::new(Semaphore::new(options.concurrency.max(1))));
    // `--max-rps` bounds the whole scan: every account draws from the one ceiling.
    options.shared_ceiling = CallBudget::ceiling(options.max_rps);
    options.progress = false;
    let to_scan = targets.len();
    let accounts_at_once = accounts_at_once.unwrap_or(options.concurrency).max(1);
    logging::note(&format!(
        "scanning {to_scan} account{} ({} at once) under one limit of {} calls in flight{}",
        if to_scan == 1 { "" } else { "s" },
        accounts_at_once.min(to_scan.max(1)),
        options.concurrency,
        options
            .max_rps
            .map(|rps| format!(" and {rps} calls per second"))
            .unwrap_or_default()
    ));

    let scan_one = |target: Target| {
        let options = &options;
        let checks = &checks;
        let stream = &stream;
        async move {
            let started = OffsetDateTime::now_utc();
            let mut part =
                scan_account(sdk_config, caller, role, target, options, checks, settings).await;
            overrides::apply(&mut part.findings, &catalog.overrides);
            let account_id = part.account.account_id.clone();
            let mut result = ScanResult::for_accounts(
                vec![part],
                selection.clone(),
                started,
                OffsetDateTime::now_utc(),
            );
            result.overrides = catalog.overrides.clone();
            let hits = stream.settle(&mut result)?;
            if let Some(dir) = &stream.dir {
                dir.write_account(&result, &account_id)?;
            }
            Ok::<_, Error>((result, hits))
        }
    };
    // Accounts start as fast as the shared call limit lets them; at most `accounts_at_once` are
    // in flight at once, so that at most that many snapshots and results are in memory.
    let mut results = futures::stream::iter(targets)
        .map(scan_one)
        .buffer_unordered(accounts_at_once);
    let mut interrupt = std::pin::pin!(interrupt);
    loop {
        tokio::select! {
            next = results.next() => match next {
                Some(outcome) => {
                    let (result, account_hits) = outcome?;
                    hits.absorb(&account_hits);
                    summarizer.add(&result);
                    done += 1;
                    // The account's findings are dropped here: only its counts stay.
                }
                None => break,
            },
            () = &mut interrupt => return Ok(Streamed::Interrupted { done, total }),
        }
    }
    let warnings = suppress::warnings(stream.suppressions, &hits, stream.today);
    let baseline_scores = match stream.baseline {
        Some(baseline) => Some(baseline.scores()?),
        None => None,
    };
    let summary = summarizer.finish(
        OffsetDateTime::now_utc(),
        warnings,
        baseline_scores.as_ref(),
    );
    if let Some(dir) = &stream.dir {
        dir.write_summary(&summary)?;
    }
    Ok(Streamed::Done(Box::new(summary)))
}

/// Collects and evaluates one account of a multi-account scan (see [`scan_accounts`]).
async fn scan_account(
    sdk_config: &aws_types::SdkConfig,
    caller: &collect::CallerIdentity,
    role: &RoleOptions,
    target: Target,
    options: &CollectOptions,
    checks: &[&wascan_checks::Check],
    settings: &Settings,
) -> AccountPart {
    // The account's own calls to STS (its role, and its renewals) count as its calls.
    let counter = CallCounter::default();
    let with_role_calls = |mut part: AccountPart, counter: &CallCounter| {
        part.api_calls.absorb(api_calls_of(counter));
        part.account.api_calls = Some(part.api_calls.total);
        part
    };
    let config = if target.account_id == caller.account_id {
        sdk_config.clone()
    } else {
        match org::assume_role(
            sdk_config,
            &counter,
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
                let part = AccountPart::unreachable(
                    &target.account_id,
                    &caller.partition,
                    target.name,
                    checks,
                    &gap,
                );
                return with_role_calls(part, &counter);
            }
        }
    };
    let part = match collect::collect(&config, options).await {
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
    };
    with_role_calls(part, &counter)
}

/// What a call counter counted, as a result's [`ApiCalls`].
pub fn api_calls_of(counter: &CallCounter) -> ApiCalls {
    let counts = counter.counts();
    let mut by_service: BTreeMap<String, u64> = BTreeMap::new();
    for (operation, count) in &counts.attempts {
        let service = operation.split(':').next().unwrap_or(operation);
        *by_service.entry(service.to_string()).or_default() += count;
    }
    ApiCalls {
        total: counts.attempts.values().sum(),
        retries: counts.retries.values().sum(),
        throttled: counts.throttled.values().sum(),
        by_operation: counts.attempts,
        retries_by_operation: counts.retries,
        throttled_by_operation: counts.throttled,
        by_service,
    }
}

/// How a multi-account scan reaches its accounts.
#[derive(Debug, Clone)]
pub struct Fleet {
    /// The role assumed in every account but the caller's own.
    pub role: RoleOptions,
    /// At most this many accounts collected at once; `None`: the in-flight call limit.
    pub accounts_at_once: Option<usize>,
}

/// What a streamed scan does with each account's result before it is dropped.
pub struct Stream<'a> {
    /// Where the results go; `None` with `--no-output` (only the summary is kept).
    pub dir: Option<ScanDir>,
    pub suppressions: &'a [Suppression],
    /// The day suppressions expire against.
    pub today: time::Date,
    pub baseline: Option<&'a Baseline>,
}

impl Stream<'_> {
    /// Marks the suppressed failures of one account's result, rescores it and compares it with
    /// its baseline. Returns how often each suppression matched.
    fn settle(&self, result: &mut ScanResult) -> Result<suppress::Hits, Error> {
        let hits = suppress::mark(&mut result.findings, self.suppressions, self.today);
        result.rescore();
        if let Some(baseline) = self.baseline {
            let account_id = result
                .accounts
                .first()
                .map(|a| a.account_id.clone())
                .unwrap_or_default();
            let before = baseline.account(&account_id, &result.selection)?;
            result.diff = Some(wascan_checks::diff::diff(&before, result));
        }
        Ok(hits)
    }
}

/// A baseline to compare with (`--baseline`): a scan directory, whose accounts are read one at a
/// time, or one result file.
#[derive(Debug)]
pub enum Baseline {
    Dir(PathBuf),
    File(Box<ScanResult>),
}

impl Baseline {
    /// Reads `path`: a scan directory (its summary must be readable) or a result file.
    pub fn load(path: &Path) -> Result<Baseline, Error> {
        if crate::scandir::is_scan_dir(path) {
            crate::scandir::read_summary(path)?;
            Ok(Baseline::Dir(path.to_path_buf()))
        } else {
            Ok(Baseline::File(Box::new(crate::baseline::read_result(
                path,
            )?)))
        }
    }

    /// The baseline of one account: its result in the baseline directory (none when the
    /// baseline did not scan it), or its findings in the baseline file.
    pub fn account(&self, account_id: &str, selection: &Selection) -> Result<ScanResult, Error> {
        match self {
            Baseline::Dir(dir) => {
                if dir
                    .join(wascan_checks::summary::account_file(account_id))
                    .is_file()
                {
                    crate::scandir::read_account(dir, account_id)
                } else {
                    let started = crate::scandir::read_summary(dir)?.started_at;
                    Ok(ScanResult::for_accounts(
                        Vec::new(),
                        selection.clone(),
                        started,
                        started,
                    ))
                }
            }
            Baseline::File(result) => Ok(result.account_part(account_id)),
        }
    }

    /// The baseline's overall scores.
    pub fn scores(&self) -> Result<Scores, Error> {
        match self {
            Baseline::Dir(dir) => Ok(crate::scandir::read_summary(dir)?.scores),
            Baseline::File(result) => Ok(result.scores.clone()),
        }
    }
}

/// How a streamed scan ended.
#[derive(Debug)]
pub enum Streamed {
    /// Every account has a result; the summary is written.
    Done(Box<ScanSummary>),
    /// Stopped by a signal: `done` of `total` accounts have a result.
    Interrupted { done: usize, total: usize },
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
