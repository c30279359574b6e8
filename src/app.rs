//! Runs a parsed command line: the glue between the CLI and the library, returning the exit code.

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use time::OffsetDateTime;
use wascan_checks::check::Strength;
use wascan_checks::engine::Selection;
use wascan_checks::finding::{Severity, Status};
use wascan_checks::result::ScanResult;

use crate::aws::{self, AwsOptions};
use crate::baseline;
use crate::cli::{
    AwsArgs, ChecksCommand, Cli, Command, DiffArgs, MergeArgs, OutputArgs, ScanArgs, SelectionArgs,
};
use crate::collect::{self, CollectOptions, Regions};
use crate::config::Config;
use crate::custom::Catalog;
use crate::emulator::{Emulator, EmulatorOptions, DEMO_REGIONS};
use crate::error::Error;
use crate::logging;
use crate::org::{self, RoleOptions};
use crate::permissions;
use crate::report::{output, terminal};
use crate::scan::{self, Streamed};
use crate::scandir::{self, ScanDir};
use crate::suppress::{self, Suppression};
use wascan_checks::summary::{PlannedAccount, ScanPlan, ScanSummary, ShardOf};

/// Exit codes (see the README).
pub mod exit {
    /// Completed; nothing failed at or above `--fail-on`.
    pub const OK: i32 = 0;
    /// A finding failed at or above `--fail-on`.
    pub const FINDINGS: i32 = 1;
    /// Usage, configuration or credential error.
    pub const USAGE: i32 = 2;
    /// Completed, but API calls failed during collection, under `--strict`.
    pub const COLLECTION_ERRORS: i32 = 3;
    /// Interrupted by SIGINT or SIGTERM (128 + 2, as shells report Ctrl-C).
    pub const INTERRUPTED: i32 = 130;
}

/// Completes on the first SIGINT or SIGTERM. The handlers are installed when this is called, so
/// a signal that arrives before the future is first polled is not lost; from then on the
/// signals no longer kill the process: it stops collecting and writes only complete files.
fn interrupt_signal() -> Result<impl std::future::Future<Output = ()>, Error> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let install = |kind: SignalKind| {
            signal(kind).map_err(|err| Error::Usage(format!("cannot handle signals: {err}")))
        };
        let mut interrupt = install(SignalKind::interrupt())?;
        let mut terminate = install(SignalKind::terminate())?;
        Ok(async move {
            tokio::select! {
                _ = interrupt.recv() => {}
                _ = terminate.recv() => {}
            }
        })
    }
    #[cfg(not(unix))]
    {
        Ok(async {
            let _ = tokio::signal::ctrl_c().await;
        })
    }
}

/// After an interrupted collection: writes the partial snapshot to `snapshot_out` when given
/// (the unfinished services recorded as `interrupted` gaps; `wascan evaluate` reads it), nothing
/// else, and returns exit code 130.
fn interrupted(
    snapshot: &wascan_checks::model::Snapshot,
    snapshot_out: Option<&std::path::Path>,
) -> Result<i32, Error> {
    let unfinished = snapshot
        .errors
        .iter()
        .filter(|gap| gap.kind == wascan_checks::model::ErrorKind::Interrupted)
        .count();
    match snapshot_out {
        Some(path) => {
            scan::write_json(path, snapshot)?;
            logging::warning(&format!(
                "interrupted: wrote the partial snapshot {} ({unfinished} services unfinished); no result written",
                path.display()
            ));
        }
        None => logging::warning("interrupted: nothing written"),
    }
    Ok(exit::INTERRUPTED)
}

pub async fn run(cli: Cli) -> Result<i32, Error> {
    match cli.command {
        Command::Scan(args) => {
            let config = crate::config::load(args.output.config.as_deref())?;
            let extras = Extras::load(&config, &args.output)?;
            let catalog = catalog(&args.selection.custom_checks, &config, &extras.suppressions)?;
            let selection = selection(&args.selection);
            let collect_options = collect_options(&args.aws, &selection, &catalog)?;
            if args.accounts.multi_account() || args.resume.is_some() {
                return scan_accounts(&args, &selection, &catalog, &config, &extras).await;
            }
            if args.accounts.shard.is_some()
                || args.accounts.shard_count.is_some()
                || args.accounts.external_id.is_some()
                || args.accounts.accounts_at_once.is_some()
            {
                return Err(Error::Usage(
                    "--shard, --shard-count, --external-id and --accounts-at-once need --org or --accounts".into(),
                ));
            }
            let sdk_config = aws::load(&aws_options(&args.aws)).await;
            let interrupt = interrupt_signal()?;
            let started = OffsetDateTime::now_utc();
            let collected =
                collect::collect_until(&sdk_config, &collect_options, interrupt).await?;
            if collected.interrupted {
                // No result, no report: only the snapshot, when asked for, marked incomplete.
                return interrupted(&collected.snapshot, args.snapshot_out.as_deref());
            }
            let snapshot = collected.snapshot;
            let result = scan::evaluate(&snapshot, &selection, &catalog, &config.checks, started)?;
            if let Some(path) = &args.snapshot_out {
                scan::write_json(path, &snapshot)?;
            }
            // The reports need only the findings: the collected data goes before they are built.
            drop(snapshot);
            finish(result, extras, &args.output)
        }
        Command::Collect(args) => {
            let selection = selection(&args.selection);
            let catalog = catalog(&args.selection.custom_checks, &Config::default(), &[])?;
            let collect_options = collect_options(&args.aws, &selection, &catalog)?;
            let sdk_config = aws::load(&aws_options(&args.aws)).await;
            let interrupt = interrupt_signal()?;
            let collected =
                collect::collect_until(&sdk_config, &collect_options, interrupt).await?;
            if collected.interrupted {
                return interrupted(&collected.snapshot, Some(&args.output));
            }
            let snapshot = collected.snapshot;
            scan::write_json(&args.output, &snapshot)?;
            logging::note(&format!(
                "wrote {} ({} API calls, {} errors)",
                args.output.display(),
                snapshot.total_api_calls(),
                snapshot.errors.len()
            ));
            Ok(exit::OK)
        }
        Command::Evaluate(args) => {
            let config = crate::config::load(args.output.config.as_deref())?;
            let extras = Extras::load(&config, &args.output)?;
            let catalog = catalog(&args.selection.custom_checks, &config, &extras.suppressions)?;
            let snapshot = scan::read_snapshot(&args.snapshot)?;
            let result = scan::evaluate(
                &snapshot,
                &selection(&args.selection),
                &catalog,
                &config.checks,
                OffsetDateTime::now_utc(),
            )?;
            finish(result, extras, &args.output)
        }
        Command::Diff(args) => diff(&args),
        Command::Merge(args) => merge(&args),
        Command::Policy(args) if args.org => {
            let policy =
                serde_json::to_string_pretty(&permissions::org_caller_policy(&args.role_name))
                    .map_err(|err| Error::Usage(format!("cannot serialise the policy: {err}")))?;
            print_stdout(&format!("{policy}\n"))?;
            Ok(exit::OK)
        }
        Command::Policy(args) => {
            let catalog = catalog(&args.selection.custom_checks, &Config::default(), &[])?;
            let services = catalog.services_needed(&selection(&args.selection))?;
            let policy = serde_json::to_string_pretty(&permissions::policy(&services))
                .map_err(|err| Error::Usage(format!("cannot serialise the policy: {err}")))?;
            print_stdout(&format!("{policy}\n"))?;
            Ok(exit::OK)
        }
        Command::Checks(ChecksCommand::List {
            json,
            lens: None,
            custom,
        }) => {
            let catalog = listing_catalog(&custom)?;
            print_stdout(&if json {
                checks_json(&catalog)?
            } else {
                checks_table(&catalog)
            })?;
            Ok(exit::OK)
        }
        Command::Checks(ChecksCommand::List {
            json,
            lens: Some(lens),
            custom,
        }) => {
            if lens == crate::review::client::LENS_ALIAS {
                let catalog = listing_catalog(&custom)?;
                print_stdout(&if json {
                    checks_json(&catalog)?
                } else {
                    checks_table(&catalog)
                })?;
                return Ok(exit::OK);
            }
            let mapping = crate::review::mapping::shipped_mapping(&lens).ok_or_else(|| {
                Error::Usage(format!(
                    "wascan ships no mapping for lens `{lens}` (it has `wellarchitected` and `serverless`)"
                ))
            })?;
            print_stdout(&crate::review::mapping::render_mapping(&mapping, json)?)?;
            Ok(exit::OK)
        }
        Command::Checks(ChecksCommand::Explain { id, custom }) => {
            let catalog = listing_catalog(&custom)?;
            let check = catalog.find(&id).ok_or_else(|| {
                Error::Usage(format!(
                    "unknown check id `{id}` (see `wascan checks list`; a custom check's directory goes in --custom-checks DIR)"
                ))
            })?;
            print_stdout(&explain(check, catalog.override_of(&id)))?;
            Ok(exit::OK)
        }
        Command::Checks(ChecksCommand::Test { dirs }) => {
            let run = crate::custom::test_dirs(&dirs)?;
            if !logging::quiet() {
                print_stdout(&run.report)?;
            }
            Ok(if run.passed { exit::OK } else { exit::FINDINGS })
        }
        Command::Demo(args) => {
            let config = crate::config::load(args.output.config.as_deref())?;
            let extras = Extras::load(&config, &args.output)?;
            let catalog = catalog(&args.selection.custom_checks, &config, &extras.suppressions)?;
            let selection = selection(&args.selection);
            let mut collect_options = CollectOptions {
                regions: Regions::List(DEMO_REGIONS.map(String::from).to_vec()),
                ..CollectOptions::default()
            };
            collect_options.services = catalog.services_needed(&selection)?;
            logging::note("starting the emulated demo account ...");
            let emulator = Emulator::start(&EmulatorOptions::demo())?;
            logging::note(&format!(
                "scanning {} (moto on {})",
                DEMO_REGIONS.join(", "),
                emulator.endpoint()
            ));
            let sdk_config = aws::load(&emulator.aws_options()).await;
            let (_, result) = scan::scan_catalog(
                &sdk_config,
                &collect_options,
                &selection,
                &catalog,
                &config.checks,
            )
            .await?;
            drop(emulator);
            finish(result, extras, &args.output)
        }
        Command::Review(command) => crate::review::run(command).await,
        Command::Completions { shell } => {
            print_stdout(&String::from_utf8_lossy(&crate::cli::completions(shell)))?;
            Ok(exit::OK)
        }
        Command::Man { out_dir } => man(out_dir.as_deref()),
    }
}

/// `wascan man`: wascan.1 on stdout, or every page into `out_dir`.
fn man(out_dir: Option<&std::path::Path>) -> Result<i32, Error> {
    let pages = crate::cli::man_pages().map_err(|source| Error::Write {
        path: "<man page>".into(),
        source,
    })?;
    match out_dir {
        None => {
            let root = pages
                .first()
                .map(|(_, roff)| roff.as_slice())
                .unwrap_or_default();
            print_stdout(&String::from_utf8_lossy(root))?;
        }
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|source| Error::Write {
                path: dir.to_path_buf(),
                source,
            })?;
            for (name, roff) in &pages {
                let path = dir.join(name);
                std::fs::write(&path, roff).map_err(|source| Error::Write {
                    path: path.clone(),
                    source,
                })?;
            }
        }
    }
    Ok(exit::OK)
}

/// `scan --org` / `scan --accounts` / `scan --resume DIR`: list the accounts, keep this shard's,
/// write the plan, then scan them, streaming each account's result into the scan directory.
async fn scan_accounts(
    args: &ScanArgs,
    selection: &Selection,
    catalog: &Catalog,
    config: &Config,
    extras: &Extras,
) -> Result<i32, Error> {
    if args.snapshot_out.is_some() {
        return Err(Error::Usage(
            "--snapshot-out saves one account's snapshot: it cannot be used with --org or --accounts".into(),
        ));
    }
    let role = RoleOptions {
        role_name: args.accounts.role_name.clone(),
        external_id: args.accounts.external_id.clone(),
    };
    let formats = &args.output.format;
    let (plan, dir, sdk_config, caller) = match &args.resume {
        Some(path) => {
            let plan = scandir::read_plan(path)?;
            if *selection != Selection::default() && *selection != plan.selection {
                return Err(Error::Usage(format!(
                    "--resume {}: the check selection differs from the scan's; leave the selection flags off to resume it as it started",
                    path.display()
                )));
            }
            if plan.tool_version != env!("CARGO_PKG_VERSION") {
                return Err(Error::Usage(format!(
                    "--resume {}: the scan was started by wascan {}; resume it with that version",
                    path.display(),
                    plan.tool_version
                )));
            }
            let sdk_config = aws::load(&aws_options(&args.aws)).await;
            let caller =
                collect::caller_identity(&sdk_config, &collect::CallCounter::default()).await?;
            let dir = ScanDir::at(path, formats);
            (plan, Some(dir), sdk_config, caller)
        }
        None => {
            // Parse the explicit list and the shard before any AWS call: a bad value fails fast.
            let listed = args
                .accounts
                .accounts
                .as_deref()
                .map(org::parse_accounts)
                .transpose()?;
            let shard =
                org::resolve_shard(args.accounts.shard, args.accounts.shard_count, |name| {
                    std::env::var(name).ok()
                })?;
            let started_at = OffsetDateTime::now_utc();
            let sdk_config = aws::load(&aws_options(&args.aws)).await;
            let org_calls = collect::CallCounter::default();
            let targets = match listed {
                Some(targets) => targets,
                None => org::organization_accounts(&sdk_config, &org_calls).await?,
            };
            let caller = collect::caller_identity(&sdk_config, &org_calls).await?;
            let listed_count = targets.len();
            let targets = org::select_shard(targets, shard);
            if let Some(shard) = shard {
                logging::note(&format!(
                    "shard {}/{}: {} of {listed_count} accounts",
                    shard.index,
                    shard.count,
                    targets.len()
                ));
            }
            let plan = ScanPlan {
                schema_version: wascan_checks::summary::SUMMARY_SCHEMA_VERSION,
                tool_version: env!("CARGO_PKG_VERSION").to_string(),
                started_at,
                selection: selection.clone(),
                shard: shard.map(|s| ShardOf {
                    index: s.index,
                    count: s.count,
                }),
                accounts: targets
                    .into_iter()
                    .map(|t| PlannedAccount {
                        account_id: t.account_id,
                        name: t.name,
                    })
                    .collect(),
                api_calls: scan::api_calls_of(&org_calls),
            };
            let stem = match (args.accounts.org, shard) {
                (true, None) => "wascan-org".to_string(),
                (false, None) => "wascan-accounts".to_string(),
                (org, Some(s)) => format!(
                    "wascan-{}-shard-{}-of-{}",
                    if org { "org" } else { "accounts" },
                    s.index,
                    s.count
                ),
            };
            let dir = if args.output.no_output {
                None
            } else {
                Some(ScanDir::create(
                    &args.output.output_dir,
                    &stem,
                    &plan,
                    formats,
                )?)
            };
            (plan, dir, sdk_config, caller)
        }
    };
    if let Some(dir) = &dir {
        logging::note(&format!(
            "writing each account's result into {}",
            dir.path.display()
        ));
    }
    let collect_options = collect_options(&args.aws, &plan.selection, catalog)?;
    let fleet = scan::Fleet {
        role,
        accounts_at_once: args.accounts.accounts_at_once.map(usize::from),
    };
    let dir_path = dir.as_ref().map(|d| d.path.clone());
    let stream = scan::Stream {
        dir,
        suppressions: &extras.suppressions,
        today: plan.started_at.date(),
        baseline: extras.baseline.as_ref(),
    };
    let interrupt = interrupt_signal()?;
    let outcome = scan::scan_accounts(
        &sdk_config,
        &caller,
        &plan,
        fleet,
        &collect_options,
        catalog,
        &config.checks,
        stream,
        interrupt,
    )
    .await?;
    match outcome {
        Streamed::Interrupted { done, total } => {
            match &dir_path {
                Some(path) => logging::warning(&format!(
                    "interrupted: {done} of {total} accounts have a result in {}; continue with `wascan scan --resume {}`",
                    path.display(),
                    path.display()
                )),
                None => logging::warning("interrupted: nothing written (--no-output)"),
            }
            Ok(exit::INTERRUPTED)
        }
        Streamed::Done(summary) => finish_summary(&summary, dir_path.as_deref(), &args.output),
    }
}

/// Prints a streamed scan's summary (or its JSON) and decides the exit code, from the summary's
/// counts alone.
fn finish_summary(
    summary: &ScanSummary,
    dir: Option<&std::path::Path>,
    output: &OutputArgs,
) -> Result<i32, Error> {
    for warning in &summary.warnings {
        let source = warning
            .source
            .as_deref()
            .map(|s| format!("{s}: "))
            .unwrap_or_default();
        logging::warning(&format!("{source}{}", warning.message));
    }
    if output.json {
        print_json(summary)?;
    } else if !logging::quiet() {
        print_stdout(&terminal::render_summary_for_stdout(summary, dir))?;
    }
    if let Some(dir) = dir {
        logging::note(&format!("wrote {}", dir.display()));
    }
    Ok(summary_exit_code(
        summary,
        output.fail_on,
        output.new_only,
        output.strict,
    ))
}

/// The exit code of a streamed scan: as [`exit_code`], from the summary's counts.
pub fn summary_exit_code(
    summary: &ScanSummary,
    fail_on: Option<Severity>,
    new_only: bool,
    strict: bool,
) -> i32 {
    let gated = match (fail_on, new_only) {
        (Some(severity), true) => summary
            .diff
            .as_ref()
            .is_some_and(|d| d.new_failures_at_or_above(severity) > 0),
        (Some(severity), false) => summary.failures_at_or_above(severity) > 0,
        (None, _) => false,
    };
    if gated {
        exit::FINDINGS
    } else if strict && summary.incomplete() {
        exit::COLLECTION_ERRORS
    } else {
        exit::OK
    }
}

/// `wascan merge SHARD... -o OUT`: scan directories into a scan directory, result files into a
/// result file.
fn merge(args: &MergeArgs) -> Result<i32, Error> {
    let dirs = args.results.iter().filter(|p| p.is_dir()).count();
    if dirs == args.results.len() {
        return merge_dirs(args);
    }
    if dirs > 0 {
        return Err(Error::Usage(
            "merge scan directories with scan directories, result files with result files".into(),
        ));
    }
    let results = args
        .results
        .iter()
        .map(|path| baseline::read_result(path))
        .collect::<Result<Vec<_>, _>>()?;
    let merged = ScanResult::merge(results).map_err(|err| Error::Usage(err.to_string()))?;
    scan::write_json(&args.output, &merged)?;
    logging::note(&format!(
        "wrote {} ({} accounts, {} findings)",
        args.output.display(),
        merged.accounts.len(),
        merged.findings.len()
    ));
    Ok(exit::OK)
}

/// Merges scan directories: the summaries are added up (no findings read), and each account's
/// files are hard-linked into the merged directory (copied where a link cannot be made).
fn merge_dirs(args: &MergeArgs) -> Result<i32, Error> {
    let summaries = args
        .results
        .iter()
        .map(|dir| scandir::read_summary(dir))
        .collect::<Result<Vec<_>, _>>()?;
    let html = args
        .results
        .iter()
        .any(|dir| dir.join("index.html").is_file());
    let merged =
        ScanSummary::merge(summaries.clone()).map_err(|err| Error::Usage(err.to_string()))?;
    if args
        .output
        .join(wascan_checks::summary::SUMMARY_FILE)
        .exists()
    {
        return Err(Error::Usage(format!(
            "{} already holds a scan summary: merge into a new directory",
            args.output.display()
        )));
    }
    let accounts_out = args.output.join(wascan_checks::summary::ACCOUNTS_DIR);
    for (dir, summary) in args.results.iter().zip(&summaries) {
        let accounts_in = dir.join(wascan_checks::summary::ACCOUNTS_DIR);
        for account in &summary.accounts {
            for file in account_files(&accounts_in, &account.account_id)? {
                let Some(name) = file.file_name() else {
                    continue;
                };
                link_or_copy(&file, &accounts_out.join(name))?;
            }
        }
    }
    let out = ScanDir::at(
        &args.output,
        if html {
            &[crate::report::output::Format::Html]
        } else {
            &[]
        },
    );
    out.write_summary(&merged)?;
    logging::note(&format!(
        "wrote {} ({} accounts, {} findings)",
        args.output.display(),
        merged.accounts.len(),
        merged.findings
    ));
    Ok(exit::OK)
}

/// The files of one account in a scan directory's `accounts/` (`<id>.json`, `<id>.csv`, ...).
fn account_files(
    dir: &std::path::Path,
    account_id: &str,
) -> Result<Vec<std::path::PathBuf>, Error> {
    let read_error = |err: std::io::Error| Error::File {
        path: dir.to_path_buf(),
        message: err.to_string(),
    };
    let prefix = format!("{account_id}.");
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(read_error)? {
        let path = entry.map_err(read_error)?.path();
        if path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with(&prefix))
        {
            files.push(path);
        }
    }
    Ok(files)
}

/// Hard-links `from` to `to` (creating `to`'s directory), or copies it where links fail.
fn link_or_copy(from: &std::path::Path, to: &std::path::Path) -> Result<(), Error> {
    let write_error = |source| Error::Write {
        path: to.to_path_buf(),
        source,
    };
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).map_err(write_error)?;
    }
    if std::fs::hard_link(from, to).is_ok() {
        return Ok(());
    }
    let bytes = std::fs::read(from).map_err(|err| Error::File {
        path: from.to_path_buf(),
        message: err.to_string(),
    })?;
    scan::write_atomic(to, &bytes)
}

pub(crate) fn aws_options(args: &AwsArgs) -> AwsOptions {
    AwsOptions {
        profile: args.profile.clone(),
        region: args.region.clone(),
        ..AwsOptions::default()
    }
}

pub(crate) fn selection(args: &SelectionArgs) -> Selection {
    Selection {
        pillars: args.pillars.iter().copied().collect(),
        services: args.services.iter().copied().collect(),
        checks: args.checks.iter().cloned().collect(),
    }
}

/// The checks a command can run: the built-in ones, the custom ones of `dirs` (`--custom-checks`)
/// and of the config's `custom_checks`, with the config's overrides; a suppression that names a
/// custom check none of them defines is an error.
pub(crate) fn catalog(
    dirs: &[PathBuf],
    config: &Config,
    suppressions: &[Suppression],
) -> Result<Catalog, Error> {
    let dirs: Vec<PathBuf> = dirs
        .iter()
        .chain(config.custom_checks.iter())
        .cloned()
        .collect();
    Catalog::load(&dirs, &config.overrides, suppressions)
}

/// The catalog `checks list` and `explain` show: `--config` (or ./wascan.toml) and
/// `--custom-checks`.
fn listing_catalog(custom: &crate::cli::CustomArgs) -> Result<Catalog, Error> {
    let config = crate::config::load(custom.config.as_deref())?;
    catalog(&custom.custom_checks, &config, &config.suppressions)
}

pub(crate) fn collect_options(
    args: &AwsArgs,
    selection: &Selection,
    catalog: &Catalog,
) -> Result<CollectOptions, Error> {
    let services = catalog.services_needed(selection)?;
    Ok(CollectOptions {
        regions: regions(&args.regions)?,
        services,
        concurrency: usize::from(args.concurrency),
        call_timeout: Duration::from_secs(args.call_timeout),
        max_rps: args.max_rps,
        ..CollectOptions::default()
    })
}

/// `--regions`: nothing (the home region), `all`, or region names that look like region names
/// (whether they exist is checked against the account's region list when collection starts).
fn regions(values: &[String]) -> Result<Regions, Error> {
    match values {
        [] => Ok(Regions::Default),
        [all] if all == "all" => Ok(Regions::All),
        names => {
            if let Some(bad) = names.iter().find(|name| !looks_like_region(name)) {
                return Err(Error::Usage(format!(
                    "unknown region `{bad}` (expected a name like us-east-1, or `all`)"
                )));
            }
            let mut names = names.to_vec();
            names.dedup();
            Ok(Regions::List(names))
        }
    }
}

fn looks_like_region(name: &str) -> bool {
    let parts: Vec<&str> = name.split('-').collect();
    parts.len() >= 3
        && parts[0].len() == 2
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
        && parts
            .last()
            .is_some_and(|p| p.chars().all(|c| c.is_ascii_digit()))
}

/// What `finish` applies to a result: the suppressions and the baseline, read before the scan
/// so that a bad file fails fast, without a wasted scan.
struct Extras {
    suppressions: Vec<Suppression>,
    baseline: Option<scan::Baseline>,
}

impl Extras {
    fn load(config: &Config, output: &OutputArgs) -> Result<Extras, Error> {
        let suppressions = match &output.suppressions {
            Some(path) => suppress::load_file(path)?,
            None => config.suppressions.clone(),
        };
        let baseline = output
            .baseline
            .as_deref()
            .map(scan::Baseline::load)
            .transpose()?;
        Ok(Extras {
            suppressions,
            baseline,
        })
    }
}

/// Applies suppressions and the baseline, prints the report (or JSON), writes the result file
/// and decides the exit code.
fn finish(mut result: ScanResult, extras: Extras, output: &OutputArgs) -> Result<i32, Error> {
    let today = result.started_at.date();
    suppress::apply(&mut result, &extras.suppressions, today);
    match &extras.baseline {
        Some(scan::Baseline::File(before)) => {
            result.diff = Some(wascan_checks::diff::diff(before, &result));
        }
        Some(baseline) => {
            // A scan directory: this account's own earlier result.
            let account_id = result
                .accounts
                .first()
                .map(|a| a.account_id.clone())
                .unwrap_or_default();
            let before = baseline.account(&account_id, &result.selection)?;
            result.diff = Some(wascan_checks::diff::diff(&before, &result));
        }
        None => {}
    }
    for warning in &result.warnings {
        let source = warning
            .source
            .as_deref()
            .map(|s| format!("{s}: "))
            .unwrap_or_default();
        logging::warning(&format!("{source}{}", warning.message));
    }
    if output.json {
        print_json(&result)?;
    } else if !logging::quiet() {
        print_stdout(&report_text(&result))?;
    }
    if !output.no_output {
        for path in output::write_all(&result, &output.output_dir, &output.format)? {
            logging::note(&format!("wrote {}", path.display()));
        }
    }
    if output.new_only {
        let gated = match (&result.diff, output.fail_on) {
            (Some(diff), Some(severity)) => diff.new_failures_at_or_above(severity).count(),
            _ => 0,
        };
        if gated > 0 {
            return Ok(exit::FINDINGS);
        }
        return Ok(exit_code(&result, None, output.strict));
    }
    Ok(exit_code(&result, output.fail_on, output.strict))
}

/// The terminal report of the findings no suppression accepts, then the suppressed ones, then the
/// comparison with the baseline.
fn report_text(result: &ScanResult) -> String {
    let mut text = terminal::render_for_stdout(result);
    text.push_str(&suppress::render(result));
    text.push_str(&render_overrides(result));
    if let Some(diff) = &result.diff {
        text.push_str(&baseline::render(diff));
    }
    text
}

/// The config's overrides, each with its reason, for the terminal report.
fn render_overrides(result: &ScanResult) -> String {
    if result.overrides.is_empty() {
        return String::new();
    }
    let mut out = format!("Overrides ({}):\n", result.overrides.len());
    for o in &result.overrides {
        let mut what = Vec::new();
        if o.disabled {
            what.push("disabled".to_string());
        }
        if let Some(severity) = o.severity {
            what.push(format!("severity {severity}"));
        }
        if let Some(list) = &o.best_practices {
            let codes: Vec<String> = list
                .iter()
                .map(|e| format!("{} ({})", e.code, e.strength))
                .collect();
            what.push(format!("best practices {}", codes.join(", ")));
        }
        out.push_str(&format!(
            "  {:<38} {}: {} ({})\n",
            o.check,
            what.join(", "),
            crate::baseline::sanitize(&o.reason),
            o.source
        ));
    }
    out.push('\n');
    out
}

/// `wascan diff OLD NEW`.
fn diff(args: &DiffArgs) -> Result<i32, Error> {
    if scandir::is_scan_dir(&args.new) {
        return diff_dirs(args);
    }
    let new = baseline::read_result(&args.new)?;
    let old = if scandir::is_scan_dir(&args.old) {
        // A scan directory as the baseline of one account's result: that account's file.
        let account_id = new
            .accounts
            .first()
            .map(|a| a.account_id.clone())
            .unwrap_or_default();
        scan::Baseline::Dir(args.old.clone()).account(&account_id, &new.selection)?
    } else {
        baseline::read_result(&args.old)?
    };
    let diff = wascan_checks::diff::diff(&old, &new);
    if args.json {
        let json = serde_json::to_string_pretty(&diff)
            .map_err(|err| Error::Usage(format!("cannot serialise the diff: {err}")))?;
        print_stdout(&format!("{json}\n"))?;
    } else if !logging::quiet() {
        print_stdout(&baseline::render(&diff))?;
    }
    let regressed = args
        .fail_on
        .is_some_and(|severity| diff.new_failures_at_or_above(severity).next().is_some());
    Ok(if regressed { exit::FINDINGS } else { exit::OK })
}

/// `wascan diff OLD_DIR NEW_DIR`: account by account (the union of both scans' accounts), one
/// account's two results in memory at a time. Text: each account's diff that has changes, then
/// the totals. JSON: `{"accounts": [{"account_id", "diff"}...], "totals": {...}}`, streamed.
fn diff_dirs(args: &DiffArgs) -> Result<i32, Error> {
    let new_summary = scandir::read_summary(&args.new)?;
    let old_baseline = scan::Baseline::load(&args.old)?;
    let old_ids: Vec<String> = match &old_baseline {
        scan::Baseline::Dir(dir) => scandir::read_summary(dir)?
            .accounts
            .into_iter()
            .map(|a| a.account_id)
            .collect(),
        scan::Baseline::File(result) => result
            .accounts
            .iter()
            .map(|a| a.account_id.clone())
            .collect(),
    };
    let mut ids: Vec<String> = new_summary
        .accounts
        .iter()
        .map(|a| a.account_id.clone())
        .chain(old_ids)
        .collect();
    ids.sort();
    ids.dedup();
    let mut totals = wascan_checks::summary::DiffCounts::default();
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let mut out = |text: &str| -> Result<(), Error> {
        match stdout.write_all(text.as_bytes()) {
            Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Write {
                path: "<stdout>".into(),
                source: err,
            }),
            _ => Ok(()),
        }
    };
    if args.json {
        out("{\"accounts\": [")?;
    }
    let mut first = true;
    for id in &ids {
        let before = old_baseline.account(id, &new_summary.selection)?;
        let after = if new_summary.accounts.iter().any(|a| &a.account_id == id) {
            scandir::read_account(&args.new, id)?
        } else {
            ScanResult::for_accounts(
                Vec::new(),
                new_summary.selection.clone(),
                new_summary.started_at,
                new_summary.finished_at,
            )
        };
        let diff = wascan_checks::diff::diff(&before, &after);
        let counts = wascan_checks::summary::DiffCounts::of(&diff);
        if args.json {
            let entry = serde_json::json!({"account_id": id, "diff": diff});
            let text = serde_json::to_string(&entry)
                .map_err(|err| Error::Usage(format!("cannot serialise the diff: {err}")))?;
            out(&format!("{}\n{text}", if first { "" } else { "," }))?;
        } else if !logging::quiet() && counts.new + counts.resolved + counts.unverified > 0 {
            out(&format!("Account {id}\n{}", baseline::render(&diff)))?;
        }
        first = false;
        totals.absorb(&counts);
    }
    totals.scores =
        wascan_checks::diff::score_changes_of(&old_baseline.scores()?, &new_summary.scores);
    if args.json {
        let text = serde_json::to_string(&totals)
            .map_err(|err| Error::Usage(format!("cannot serialise the diff: {err}")))?;
        out(&format!("\n], \"totals\": {text}}}\n"))?;
    } else if !logging::quiet() {
        out(&format!(
            "{} accounts compared: {} new, {} resolved, {} persisting, {} unverified\n",
            ids.len(),
            totals.new,
            totals.resolved,
            totals.persisting,
            totals.unverified
        ))?;
    }
    let _ = stdout.flush();
    let regressed = args
        .fail_on
        .is_some_and(|severity| totals.new_failures_at_or_above(severity) > 0);
    Ok(if regressed { exit::FINDINGS } else { exit::OK })
}

/// 1 when a finding failed at or above `fail_on`; else 3 when `strict` and a call failed; else 0.
pub fn exit_code(result: &ScanResult, fail_on: Option<Severity>, strict: bool) -> i32 {
    if fail_on.is_some_and(|severity| result.failures_at_or_above(severity).next().is_some()) {
        exit::FINDINGS
    } else if strict && (!result.errors.is_empty() || has_not_evaluated(result)) {
        exit::COLLECTION_ERRORS
    } else {
        exit::OK
    }
}

fn has_not_evaluated(result: &ScanResult) -> bool {
    result
        .findings
        .iter()
        .any(|f| f.status == Status::NotEvaluated)
}

/// Writes `value` to stdout as pretty JSON, streamed: a result with tens of thousands of findings
/// is never held a second time as one string.
fn print_json(value: &impl serde::Serialize) -> Result<(), Error> {
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let written = serde_json::to_writer_pretty(&mut stdout, value)
        .map_err(std::io::Error::from)
        .and_then(|()| stdout.write_all(b"\n"))
        .and_then(|()| stdout.flush());
    match written {
        // A closed pipe (`wascan ... --json | head`) is not an error worth reporting.
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Write {
            path: "<stdout>".into(),
            source: err,
        }),
        _ => Ok(()),
    }
}

fn print_stdout(text: &str) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        // A closed pipe (`wascan ... | head`) is not an error worth reporting.
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Write {
            path: "<stdout>".into(),
            source: err,
        }),
        _ => Ok(()),
    }
}

fn checks_table(catalog: &Catalog) -> String {
    let mut table = comfy_table::Table::new();
    table
        .load_preset(comfy_table::presets::UTF8_BORDERS_ONLY)
        .set_header(vec!["Id", "Pillar", "Severity", "Best practices", "Title"]);
    for check in &catalog.checks {
        let overridden = catalog.override_of(check.id);
        let severity = match overridden.and_then(|o| o.severity) {
            Some(severity) => format!("{severity} (overridden)"),
            None => check.severity.to_string(),
        };
        let title = if catalog.disabled(check.id) {
            format!("{} (disabled)", check.title)
        } else {
            check.title.to_string()
        };
        table.add_row(vec![
            check.id.to_string(),
            check.pillar.to_string(),
            severity,
            best_practices_cell(&evidence_of(check, overridden)),
            title,
        ]);
    }
    let custom = catalog.checks.iter().filter(|c| c.is_custom()).count();
    let custom = match custom {
        0 => String::new(),
        n => format!(" ({n} custom)"),
    };
    format!("{table}\n{} checks{custom}\n", catalog.checks.len())
}

/// A check's best practices and strengths, as an override sets them or as the check declares them.
fn evidence_of(
    check: &wascan_checks::Check,
    overridden: Option<&wascan_checks::overrides::Override>,
) -> Vec<(String, Strength)> {
    match overridden.and_then(|o| o.best_practices.as_ref()) {
        Some(list) => list.iter().map(|e| (e.code.clone(), e.strength)).collect(),
        None => check
            .best_practices
            .iter()
            .map(|e| (e.code.to_string(), e.strength))
            .collect(),
    }
}

/// `wascan checks explain`: the title, the best practices with the strength of the evidence,
/// then the doc comment (and for a custom check, its file; for an overridden one, the override).
fn explain(
    check: &wascan_checks::Check,
    overridden: Option<&wascan_checks::overrides::Override>,
) -> String {
    let mut out = format!("{} — {}\n\n", check.id, check.title);
    if check.is_custom() {
        out.push_str(&format!("Custom check, defined in {}.\n", check.source));
        let services: Vec<String> = check.services().iter().map(|s| s.to_string()).collect();
        out.push_str(&format!(
            "Pillar: {}. Severity: {}. Reads: {}.\n\n",
            check.pillar,
            check.severity,
            services.join(", ")
        ));
    }
    if let Some(o) = overridden {
        let mut what = Vec::new();
        if o.disabled {
            what.push("disabled".to_string());
        }
        if let Some(severity) = o.severity {
            what.push(format!(
                "severity {severity} (the check says {})",
                check.severity
            ));
        }
        if o.best_practices.is_some() {
            what.push("best practices below".to_string());
        }
        out.push_str(&format!(
            "Overridden by {}: {} ({}).\n\n",
            o.source,
            what.join(", "),
            o.reason
        ));
    }
    out.push_str("Best practices:\n");
    for (code, strength) in evidence_of(check, overridden) {
        let title = wascan_checks::catalog::best_practice(&code).map_or("", |bp| bp.title.as_str());
        let meaning = match strength {
            Strength::Direct => "direct: the signal is part of the practice",
            Strength::Indirect => "indirect: a precondition or proxy, not the practice itself",
        };
        out.push_str(&format!("- {code} {title} ({meaning})\n"));
    }
    out.push('\n');
    out.push_str(check.doc);
    out
}

/// A check's best practices for a table: `REL09-BP03, OPS08-BP01 (indirect)`.
fn best_practices_cell(evidence: &[(String, Strength)]) -> String {
    evidence
        .iter()
        .map(|(code, strength)| match strength {
            Strength::Direct => code.clone(),
            Strength::Indirect => format!("{code} (indirect)"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn checks_json(catalog: &Catalog) -> Result<String, Error> {
    let checks: Vec<serde_json::Value> = catalog
        .checks
        .iter()
        .map(|check| {
            let overridden = catalog.override_of(check.id);
            let best_practices: Vec<serde_json::Value> = evidence_of(check, overridden)
                .into_iter()
                .map(|(code, strength)| {
                    let bp = wascan_checks::catalog::best_practice(&code);
                    serde_json::json!({
                        "code": code,
                        "strength": strength,
                        "title": bp.map(|bp| bp.title.as_str()),
                        "question_id": bp.map(|bp| bp.question_id.as_str()),
                        "choice_id": bp.map(|bp| bp.choice_id.as_str()),
                        "risk": bp.map(|bp| bp.risk),
                    })
                })
                .collect();
            let mut value = serde_json::json!({
                "id": check.id,
                "pillar": check.pillar,
                "service": check.service,
                "severity": overridden.and_then(|o| o.severity).unwrap_or(check.severity),
                "best_practices": best_practices,
                "title": check.title,
                "remediation": check.remediation,
                "since": check.since,
            });
            if check.is_custom() {
                value["custom"] = serde_json::json!({
                    "source": check.source,
                    "services": check.services(),
                });
            }
            if let Some(o) = overridden {
                value["override"] = serde_json::json!(o);
            }
            value
        })
        .collect();
    serde_json::to_string_pretty(&checks)
        .map(|json| json + "\n")
        .map_err(|err| Error::Usage(format!("cannot serialise the catalog: {err}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_names_are_validated_by_shape() {
        assert_eq!(regions(&[]).ok(), Some(Regions::Default));
        assert_eq!(regions(&["all".into()]).ok(), Some(Regions::All));
        assert!(regions(&["us-east-1".into(), "us-gov-west-1".into()]).is_ok());
        for bad in ["useast1", "us-east", "US-EAST-1", "mars-north-1x"] {
            assert!(regions(&[bad.into()]).is_err(), "{bad} accepted");
        }
    }
}
